#include "editor.hpp"

#include <bounceback/core/error.hpp>
#include <bounceback/util/text.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>
#include <utility>
#include <fmt/core.h>
#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace bb::cli {

namespace {

/// The SIGTERM or SIGHUP caught while an EditSession lives.
volatile std::sig_atomic_t g_stop_signal = 0;
/// What the handler puts on standard input (end_input_on_signal).
volatile std::sig_atomic_t g_no_input = -1;

extern "C" void note_stop_signal(int signal) {
    g_stop_signal = signal;
    if (g_no_input >= 0) {
        ::dup2(g_no_input, STDIN_FILENO); // a question waiting for an answer returns
    }
}

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

/// How the editor ended.
struct EditorEnd {
    int status = 0;     ///< its exit status, when it exited
    int signal = 0;     ///< the signal that ended it, when one did
    bool waited = true; ///< false when bounceback stopped waiting for it
};

/// Blocks SIGTERM and SIGHUP for its lifetime; ppoll() lets them in only while it waits, so a
/// signal that comes between checking for one and starting to wait still ends the wait.
class StopSignalsBlocked {
  public:
    StopSignalsBlocked() {
        sigset_t stop;
        sigemptyset(&stop);
        sigaddset(&stop, SIGTERM);
        sigaddset(&stop, SIGHUP);
        ::sigprocmask(SIG_BLOCK, &stop, &m_previous);
    }
    ~StopSignalsBlocked() { ::sigprocmask(SIG_SETMASK, &m_previous, nullptr); }
    StopSignalsBlocked(const StopSignalsBlocked&) = delete;
    StopSignalsBlocked& operator=(const StopSignalsBlocked&) = delete;

    /// Waits until `fd` (a pidfd; -1 for none) is readable, a signal comes, or `timeout` (none:
    /// no limit) passes.
    void wait(int fd, std::optional<std::chrono::milliseconds> timeout) const {
        struct pollfd p {fd, POLLIN, 0};
        struct timespec limit {};
        if (timeout) {
            limit.tv_sec = static_cast<time_t>(timeout->count() / 1000);
            limit.tv_nsec = static_cast<long>(timeout->count() % 1000) * 1'000'000;
        }
        ::ppoll(&p, fd >= 0 ? 1 : 0, timeout ? &limit : nullptr, &m_previous);
    }

  private:
    sigset_t m_previous {};
};

/// Waits for the editor `pid`. When bounceback is asked to stop meanwhile, passes the signal on
/// so the editor can save its own work and close, and waits a few seconds more for it.
EditorEnd wait_for_editor(pid_t pid) {
    const StopSignalsBlocked blocked;
    // The editor's end wakes the wait at once through a pidfd; without one (an old kernel),
    // the wait looks again every 50 ms.
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    const auto look_again = pidfd >= 0 ? std::optional<std::chrono::milliseconds>()
                                       : std::optional(std::chrono::milliseconds(50));
    int status = 0;
    int forwarded = 0;
    auto give_up = std::chrono::steady_clock::time_point::max();
    EditorEnd end;
    while (true) {
        if (g_stop_signal != 0 && forwarded == 0) {
            forwarded = g_stop_signal;
            ::kill(pid, forwarded);
            give_up = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        }
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            end = WIFSIGNALED(status) ? EditorEnd{0, WTERMSIG(status), true}
                                      : EditorEnd{WEXITSTATUS(status), 0, true};
            break;
        }
        if (done < 0 && errno != EINTR) {
            const int error = errno;
            if (pidfd >= 0) {
                ::close(pidfd);
            }
            throw Error(ExitCode::failure,
                        "lost track of the editor: " + std::string(std::strerror(error)));
        }
        if (forwarded != 0 && std::chrono::steady_clock::now() >= give_up) {
            end = EditorEnd{0, 0, false}; // it would not close; the text is kept anyway
            break;
        }
        blocked.wait(pidfd, forwarded != 0 ? std::optional(std::chrono::milliseconds(20))
                                           : look_again);
    }
    if (pidfd >= 0) {
        ::close(pidfd);
    }
    return end;
}

/// Runs the person's editor on `file` (split into words and run directly, no shell, the file
/// name one more argument, so no name can be spliced into a command). Throws bb::Error when no
/// editor can start.
EditorEnd run_editor(const std::filesystem::path& file) {
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGQUIT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGHUP);
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
        return wait_for_editor(pid);
    }
    posix_spawnattr_destroy(&attributes);
    throw Error(ExitCode::failure, "cannot start an editor: tried " + tried +
                                       "; set VISUAL or EDITOR (e.g. EDITOR=nano)");
}

std::string signal_name(int signal) {
    switch (signal) {
    case SIGTERM:
        return "SIGTERM";
    case SIGHUP:
        return "SIGHUP";
    case SIGKILL:
        return "SIGKILL";
    case SIGINT:
        return "SIGINT";
    default:
        return "signal " + std::to_string(signal);
    }
}

std::string when(std::int64_t seconds) {
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm local{};
    localtime_r(&t, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    return text;
}

/// The text to start the edit from: `fresh`, or a kept earlier edit of the same subject if the
/// person wants to continue from it (then also that edit, to discard once the text is safe in
/// the new session).
std::pair<std::string, std::optional<storage::KeptEdit>>
starting_text(const std::filesystem::path& data_dir, const EditSubject& subject, std::string fresh,
              Ui& ui) {
    const auto kept = storage::kept_edits(data_dir, subject.topic.stem);
    if (kept.empty()) {
        return {std::move(fresh), std::nullopt};
    }
    const storage::KeptEdit& last = kept.front();
    if (!ui.interactive()) {
        say_err("Note: an edit of {} that was not saved ({}) is kept in {}; `{}` on a "
                "terminal offers it back. Starting from what is stored.\n",
                subject.topic.what, when(last.modified), last.path.string(), subject.topic.resume);
        return {std::move(fresh), std::nullopt};
    }
    say("An edit of {} that was not saved is kept from {}.\n", subject.topic.what,
        when(last.modified));
    if (!ui.confirm("Continue from it? Answer n to discard it.", true)) {
        storage::discard_kept_edit(last);
        say("Discarded it.\n");
        return {std::move(fresh), std::nullopt};
    }
    return {storage::read_kept_edit(last), last};
}

} // namespace

/// SIGTERM and SIGHUP caught for the session's lifetime, without SA_RESTART, so a prompt that
/// waits for an answer returns and the session can keep the text.
struct EditSession::Handlers {
    struct sigaction term {};
    struct sigaction hup {};

    Handlers() {
        struct sigaction catcher {};
        catcher.sa_handler = note_stop_signal;
        sigemptyset(&catcher.sa_mask);
        catcher.sa_flags = 0;
        g_stop_signal = 0;
        g_no_input = end_input_on_signal();
        sigaction(SIGTERM, &catcher, &term);
        sigaction(SIGHUP, &catcher, &hup);
    }
    ~Handlers() {
        sigaction(SIGTERM, &term, nullptr);
        sigaction(SIGHUP, &hup, nullptr);
    }
};

EditSession::EditSession(const std::filesystem::path& data_dir, EditSubject subject,
                         std::string content, Ui& ui)
    : m_subject(std::move(subject)) {
    auto [text, resumed] = starting_text(data_dir, m_subject, std::move(content), ui);
    m_handlers = std::make_unique<Handlers>();
    m_scratch = std::make_unique<storage::ScratchFile>(data_dir, m_subject.topic.stem, text);
    if (resumed) {
        storage::discard_kept_edit(*resumed); // the text is safe in this session's file now
    }
}

EditSession::~EditSession() = default;

int EditSession::stop_signal() {
    return g_stop_signal;
}

std::string EditSession::read() const {
    return m_scratch->read();
}

std::string EditSession::keep() {
    m_scratch->keep();
    return fmt::format("{} What you wrote is kept in {}; `{}` offers it back.", m_subject.nothing,
                       file(), m_subject.topic.resume);
}

void EditSession::stop_if_asked() {
    const int signal = g_stop_signal;
    if (signal == 0) {
        return;
    }
    const std::string kept = keep();
    // The terminal may be gone (a hang-up): writing must not fail the way fmt::print would
    // (show() writes with fwrite and never throws).
    const std::string message =
        fmt::format("\nbounceback: stopped by {} while {} was open for editing.\n{}\n",
                    signal_name(signal), m_subject.topic.what, kept);
    std::fflush(stdout);
    show(stderr, message);
    std::fflush(stderr);
    // End as the signal asked, so whoever sent it sees it did: the default action, not exit().
    m_handlers.reset();
    std::signal(signal, SIG_DFL);
    std::raise(signal);
    std::_Exit(128 + signal); // not reached
}

void EditSession::open_editor() {
    stop_if_asked();
    const EditorEnd end = run_editor(m_scratch->path());
    stop_if_asked();
    if (end.signal != 0) {
        throw Error(ExitCode::failure,
                    fmt::format("the editor was stopped by {} before it finished.\n{}",
                                signal_name(end.signal), keep()));
    }
    if (end.status != 0) {
        throw Error(ExitCode::failure,
                    fmt::format("the editor exited with status {}; {}", end.status,
                                util::to_lower(m_subject.nothing.substr(0, 1)) +
                                    m_subject.nothing.substr(1)));
    }
}

bool edit_until_used(EditSession& session, Ui& ui,
                     const std::function<void(const std::string& text)>& use) {
    while (true) {
        session.open_editor();
        try {
            use(session.read());
            return true;
        } catch (const Error& error) {
            session.stop_if_asked();
            const bool invalid =
                error.code() == ExitCode::data || error.code() == ExitCode::usage;
            if (!invalid || !ui.interactive()) {
                throw Error(error.code(), std::string(error.what()) + "\n" + session.keep());
            }
            say_err("{} {}\n", ui.bad("bounceback: error:"), error.what());
            const bool again = ui.confirm("Edit again?", true);
            session.stop_if_asked();
            if (!again) {
                say("{}\n", session.keep());
                return false;
            }
        }
    }
}

} // namespace bb::cli
