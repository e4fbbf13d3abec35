#include "editor.hpp"

#include <bounceback/core/error.hpp>
#include <bounceback/util/text.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace bb::cli {

namespace {

/// The editor command lines to try, best first: $VISUAL, $EDITOR, then Debian's
/// sensible-editor, `editor` and plain vi, as people expect.
std::vector<std::string> editor_commands() {
    std::vector<std::string> out;
    for (const char* name : {"VISUAL", "EDITOR"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && !util::trim(value).empty()) {
            out.emplace_back(value);
            return out; // an editor the person chose is never replaced by a guess
        }
    }
    return {"sensible-editor", "editor", "vi"};
}

/// Ignores SIGINT and SIGQUIT while it lives: Ctrl-C in the editor is for the editor, and must
/// not kill bounceback, which still has to tidy up.
class IgnoreInterrupts {
  public:
    IgnoreInterrupts() {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        sigaction(SIGINT, &ignore, &m_int);
        sigaction(SIGQUIT, &ignore, &m_quit);
    }
    ~IgnoreInterrupts() {
        sigaction(SIGINT, &m_int, nullptr);
        sigaction(SIGQUIT, &m_quit, nullptr);
    }
    IgnoreInterrupts(const IgnoreInterrupts&) = delete;
    IgnoreInterrupts& operator=(const IgnoreInterrupts&) = delete;

  private:
    struct sigaction m_int {};
    struct sigaction m_quit {};
};

} // namespace

int run_editor(const std::filesystem::path& file) {
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGQUIT);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);

    IgnoreInterrupts ignore;
    std::string tried;
    for (const auto& command : editor_commands()) {
        std::vector<std::string> words = util::split_words(command);
        words.push_back(file.string());
        std::vector<char*> argv;
        for (auto& w : words) {
            argv.push_back(w.data());
        }
        argv.push_back(nullptr);
        pid_t pid = 0;
        const int rc = ::posix_spawnp(&pid, argv[0], nullptr, &attributes, argv.data(), environ);
        if (rc != 0) {
            tried += (tried.empty() ? "" : ", ") + words[0] + " (" + std::strerror(rc) + ")";
            continue;
        }
        posix_spawnattr_destroy(&attributes);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0) {
            if (errno != EINTR) {
                throw Error(ExitCode::failure,
                            "lost track of the editor: " + std::string(std::strerror(errno)));
            }
        }
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    posix_spawnattr_destroy(&attributes);
    throw Error(ExitCode::failure, "cannot start an editor: tried " + tried +
                                       "; set VISUAL or EDITOR (e.g. EDITOR=nano)");
}

} // namespace bb::cli
