#include "bounceback/storage/mail_files.hpp"

#include "bounceback/core/error.hpp"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage {

namespace fs = std::filesystem;

std::uintmax_t read_in_pieces(const std::string& path,
                              const std::function<void(std::uintmax_t)>& total_bytes,
                              const std::function<void(std::string_view)>& piece) {
    const bool from_stdin = path == "-";
    int fd = from_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            throw Error(ExitCode::no_input, path + ": no such file");
        }
        throw system_error("cannot open", path, errno);
    }
    struct Closer {
        int fd;
        bool close;
        ~Closer() {
            if (close) {
                ::close(fd);
            }
        }
    } closer{fd, !from_stdin};
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        throw system_error("cannot read", path, errno);
    }
    if (S_ISDIR(info.st_mode)) {
        throw Error(ExitCode::no_input, path + ": is a folder, not a file");
    }
    if (total_bytes) {
        total_bytes(S_ISREG(info.st_mode) ? static_cast<std::uintmax_t>(info.st_size) : 0);
    }
    std::string buffer(k_mail_piece_bytes, '\0');
    std::uintmax_t read_so_far = 0;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw system_error("cannot read", from_stdin ? "standard input" : path, errno);
        }
        if (n == 0) {
            break;
        }
        read_so_far += static_cast<std::uintmax_t>(n);
        piece(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    }
    return read_so_far;
}

std::vector<fs::path> maildir_files(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw Error(ExitCode::no_input, dir.string() + ": no such folder");
    }
    const bool has_cur = fs::is_directory(dir / "cur", ec);
    const bool has_new = fs::is_directory(dir / "new", ec);
    if (!has_cur && !has_new) {
        throw Error(ExitCode::no_input,
                    dir.string() + ": not a Maildir (it has no cur/ or new/ folder); for an mbox "
                                   "file use --from-mbox");
    }
    std::vector<std::pair<std::string, fs::path>> found;
    for (const char* sub : {"cur", "new"}) {
        const fs::path folder = dir / sub;
        if (!fs::is_directory(folder, ec)) {
            continue;
        }
        fs::directory_iterator it(folder, ec);
        if (ec) {
            throw system_error("cannot list", folder.string(), ec.value());
        }
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) {
                throw system_error("cannot list", folder.string(), ec.value());
            }
            const std::string name = it->path().filename().string();
            if (name.starts_with(".") || !it->is_regular_file(ec)) {
                continue;
            }
            found.emplace_back(name, it->path());
        }
    }
    std::sort(found.begin(), found.end());
    std::vector<fs::path> files;
    files.reserve(found.size());
    for (auto& [name, path] : found) {
        files.push_back(std::move(path));
    }
    return files;
}

} // namespace bb::storage
