#include "editor.hpp"

#include <bounceback/core/error.hpp>
#include <bounceback/util/text.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace bb::cli {

int run_editor(const std::filesystem::path& file) {
    std::string command = "vi";
    for (const char* name : {"VISUAL", "EDITOR"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && !util::trim(value).empty()) {
            command = value;
            break;
        }
    }
    std::vector<std::string> words = util::split_words(command);
    words.push_back(file.string());
    std::vector<char*> argv;
    for (auto& w : words) {
        argv.push_back(w.data());
    }
    argv.push_back(nullptr);
    pid_t pid = 0;
    int rc = ::posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
    if (rc != 0) {
        throw Error(ExitCode::failure, "cannot start the editor '" + words[0] +
                                           "' (set VISUAL or EDITOR): " + std::strerror(rc));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            throw Error(ExitCode::failure, "lost track of the editor: " + std::string(std::strerror(errno)));
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace bb::cli
