#include "bounceback/storage/git.hpp"

#include "bounceback/core/error.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bb::storage {

namespace {

/// Settings given to every git command, over any the person's or the repository's config
/// holds: no hooks, no filesystem monitor, no signing prompt, no transport that runs a command,
/// no line-ending or symbolic-link games in the work tree.
const std::vector<std::string> k_safe_settings = {
    "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false",
    "-c", "commit.gpgSign=false",     "-c", "tag.gpgSign=false",
    "-c", "protocol.ext.allow=never", "-c", "core.autocrlf=false",
    "-c", "core.symlinks=false",      "-c", "submodule.recurse=false",
    "-c", "merge.renames=false",      "-c", "advice.detachedHead=false",
};

/// The last non-empty line of `text`.
std::string last_line(const std::string& text) {
    std::size_t end = text.find_last_not_of("\r\n");
    if (end == std::string::npos) {
        return {};
    }
    const std::size_t begin = text.rfind('\n', end);
    return text.substr(begin == std::string::npos ? 0 : begin + 1, end + 1 - (begin == std::string::npos ? 0 : begin + 1));
}

} // namespace

Git::Git(std::filesystem::path work_tree, std::map<std::string, std::string> env)
    : m_work_tree(std::move(work_tree)), m_env(std::move(env)) {}

bool Git::available() {
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        const std::string dir = dirs.substr(start, end - start);
        const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/git";
        if (::access(candidate.c_str(), X_OK) == 0) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

GitResult Git::run(const std::vector<std::string>& args) const {
    std::vector<std::string> argv_text = {"git", "-C", m_work_tree.string()};
    argv_text.insert(argv_text.end(), k_safe_settings.begin(), k_safe_settings.end());
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);

    // The environment: ours, with the added variables, git never asking on a terminal, and
    // messages in English so they read the same everywhere.
    std::map<std::string, std::string> env_map;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        const std::string entry = *e;
        const std::size_t eq = entry.find('=');
        if (eq != std::string::npos) {
            env_map[entry.substr(0, eq)] = entry.substr(eq + 1);
        }
    }
    env_map["GIT_TERMINAL_PROMPT"] = "0";
    env_map["LC_ALL"] = "C";
    env_map.erase("GIT_DIR");
    env_map.erase("GIT_WORK_TREE");
    env_map.erase("GIT_INDEX_FILE");
    for (const auto& [name, value] : m_env) {
        env_map[name] = value;
    }
    std::vector<std::string> env_text;
    for (const auto& [name, value] : env_map) {
        env_text.push_back(name + "=" + value);
    }
    std::vector<char*> envp;
    for (auto& e : env_text) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);

    int out_pipe[2];
    int err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
        throw Error(ExitCode::io, std::string("cannot run git: ") + std::strerror(errno));
    }
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        const int saved = errno;
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        throw Error(ExitCode::io, std::string("cannot run git: ") + std::strerror(saved));
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int saved = errno;
        for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
            ::close(fd);
        }
        throw Error(ExitCode::io, std::string("cannot run git: ") + std::strerror(saved));
    }
    if (pid == 0) {
        // git ends with bounceback: a killed sync never leaves a git still writing behind it.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        ::umask(077);
        const int null_in = ::open("/dev/null", O_RDONLY);
        if (null_in >= 0) {
            ::dup2(null_in, STDIN_FILENO);
        }
        ::dup2(out_pipe[1], STDOUT_FILENO);
        ::dup2(err_pipe[1], STDERR_FILENO);
        ::execvpe("git", argv.data(), envp.data());
        const char message[] = "bounceback: cannot start git\n";
        (void)!::write(STDERR_FILENO, message, sizeof message - 1);
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    GitResult result;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_count = 2;
    char buffer[65536];
    while (open_count > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) {
                continue;
            }
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_count;
            }
        }
    }
    for (const auto& f : fds) {
        if (f.fd >= 0) {
            ::close(f.fd);
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (result.status == 127 && result.err.find("cannot start git") != std::string::npos) {
        throw Error(ExitCode::failure,
                    "sync needs git, which is not installed here (on Debian: apt install git)");
    }
    return result;
}

std::string Git::must(const std::vector<std::string>& args, const std::string& what) const {
    GitResult result = run(args);
    if (result.status != 0) {
        std::string detail = last_line(result.err);
        if (detail.empty()) {
            detail = last_line(result.out);
        }
        throw Error(ExitCode::io, what + (detail.empty() ? "" : "\ngit said: " + detail));
    }
    return std::move(result.out);
}

} // namespace bb::storage
