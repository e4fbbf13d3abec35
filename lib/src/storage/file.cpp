#include "bounceback/storage/file.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "file_io.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <tuple>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage {

namespace fs = std::filesystem;
using detail::read_all;

namespace {

/// What a file bounceback keeps is told when it is larger than `max_bytes`.
std::string data_file_too_big(std::size_t max_bytes) {
    const std::string limit = max_bytes % (1u << 20) == 0
                                  ? std::to_string(max_bytes >> 20) + " MiB"
                                  : std::to_string(max_bytes) + " bytes";
    return "file is larger than " + limit +
           ", the most bounceback reads; is it really a bounceback file?";
}

/// What kind of file `mode` is, for a message about a file that should be plain.
std::string_view file_kind(mode_t mode) {
    return S_ISFIFO(mode)   ? "a pipe"
           : S_ISSOCK(mode) ? "a socket"
           : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                                            : "not a plain file";
}

} // namespace

int open_plain_file(const Folder& dir, std::string_view name) {
    int error = 0;
    const int fd = detail::open_plain_file(dir, name, &error);
    const std::string path = dir.path_of(name).string();
    if (fd < 0) {
        if (error == 0) {
            return -1;
        }
        if (error == ELOOP) {
            throw Error(ExitCode::data,
                        path + " is a symbolic link; bounceback reads only plain files in its "
                               "folders (put the file itself there)");
        }
        throw system_error("cannot open", path, error);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int saved = errno;
        ::close(fd);
        throw system_error("cannot read", path, saved);
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        throw system_error("cannot read", path, EISDIR);
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(ExitCode::data, path + " is " + std::string(file_kind(st.st_mode)) +
                                        ", not a file bounceback wrote; remove it");
    }
    return fd;
}

std::optional<std::string> read_file(const Folder& dir, std::string_view name,
                                     std::size_t max_bytes) {
    const int fd = open_plain_file(dir, name);
    if (fd < 0) {
        return std::nullopt;
    }
    return read_all(fd, dir.path_of(name).string(), max_bytes, data_file_too_big(max_bytes), true);
}

std::optional<std::string> read_file(const fs::path& path, std::size_t max_bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        throw system_error("cannot open", path.string(), errno);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return std::nullopt;
    }
    return read_all(fd, path.string(), max_bytes, data_file_too_big(max_bytes), true);
}

std::string read_input(const std::string& path, std::size_t max_bytes) {
    const std::string too_big =
        "larger than " + std::to_string(max_bytes) + " bytes; nothing was read from it";
    if (path == "-") {
        return read_all(STDIN_FILENO, "standard input", max_bytes, too_big, false);
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            throw Error(ExitCode::no_input, path + ": no such file");
        }
        throw system_error("cannot open", path, errno);
    }
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        ::close(fd);
        throw Error(ExitCode::no_input, path + ": is a folder, not a file");
    }
    return read_all(fd, path, max_bytes, too_big, true);
}

std::string read_open_file(int fd, const fs::path& path, std::size_t max_bytes) {
    return read_all(fd, path.string(), max_bytes, data_file_too_big(max_bytes), false);
}

bool is_temp_file_name(std::string_view name) {
    auto marker = name.rfind(".tmp-");
    return name.starts_with(".") && marker != std::string_view::npos && marker > 1 &&
           name.size() == marker + 5 + 6;
}

ScratchFile::ScratchFile(const fs::path& dir, std::string_view stem, std::string_view content)
    : m_dir(Folder::make_private(dir)) {
    const int fd = detail::open_private_temp(
        m_dir, std::string(stem) + "-" + std::to_string(::getpid()) + "-", ".toml", &m_name);
    int error = detail::write_all(fd, content);
    if (::close(fd) != 0 && error == 0) {
        error = errno;
    }
    if (error != 0) {
        ::unlinkat(m_dir.fd(), m_name.c_str(), 0);
        throw system_error("cannot write", path().string(), error);
    }
}

ScratchFile::~ScratchFile() {
    if (!m_kept) {
        ::unlinkat(m_dir.fd(), m_name.c_str(), 0);
    }
}

std::string ScratchFile::read() const {
    // An editor may replace the file (write a new one, rename it over): open it again by name,
    // in the folder opened at the start.
    auto content = read_file(m_dir, m_name);
    if (!content) {
        throw Error(ExitCode::io, path().string() + " disappeared while it was being edited");
    }
    return *content;
}

namespace {

/// The stem and process ID of the ScratchFile name `name` (".STEM-PID-XXXXXX.toml").
std::optional<std::pair<std::string, long>> scratch_name_parts(std::string_view name) {
    if (!name.starts_with('.') || !name.ends_with(".toml") || name.size() < 1 + 13) {
        return std::nullopt;
    }
    std::string_view rest = name.substr(1, name.size() - 1 - 5);
    if (rest.size() < 8 || rest[rest.size() - 7] != '-') {
        return std::nullopt;
    }
    rest.remove_suffix(7); // "-XXXXXX"
    const auto dash = rest.rfind('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 == rest.size() ||
        rest.substr(dash + 1).find_first_not_of("0123456789") != std::string_view::npos ||
        rest.size() - dash > 11) {
        return std::nullopt;
    }
    return std::pair{std::string(rest.substr(0, dash)), std::stol(std::string(rest.substr(dash + 1)))};
}

/// True when the process `pid` still runs (or may: one we cannot signal is taken as running).
bool still_running(long pid) {
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH);
}

} // namespace

EditTopic rejection_edit(std::int64_t id) {
    const std::string n = std::to_string(id);
    return {"edit-rejection-" + n, "rejection " + n, "bounceback log edit " + n};
}

EditTopic reflection_edit(std::optional<std::int64_t> rejection) {
    if (!rejection) {
        return {"edit-reflection", "your reflection", "bounceback reflect --edit"};
    }
    const std::string n = std::to_string(*rejection);
    return {"edit-reflection-on-" + n, "your reflection on rejection " + n,
            "bounceback reflect " + n + " --edit"};
}

EditTopic email_edit(std::int64_t id) {
    const std::string n = std::to_string(id);
    return {"edit-email-" + n, "the email draft for rejection " + n,
            "bounceback feedback-email " + n + " --edit"};
}

std::optional<EditTopic> edit_topic(std::string_view stem) {
    if (stem == "edit-reflection") {
        return reflection_edit(std::nullopt);
    }
    const std::pair<std::string_view, EditTopic (*)(std::int64_t)> numbered[] = {
        {"edit-rejection-", rejection_edit},
        {"edit-reflection-on-", [](std::int64_t id) { return reflection_edit(id); }},
        {"edit-email-", email_edit},
    };
    for (const auto& [prefix, topic] : numbered) {
        const std::string_view number = stem.substr(std::min(prefix.size(), stem.size()));
        if (stem.starts_with(prefix) && !number.empty() && number.size() <= 18 &&
            number.find_first_not_of("0123456789") == std::string_view::npos) {
            return topic(std::stoll(std::string(number)));
        }
    }
    return std::nullopt;
}

std::vector<KeptEdit> kept_edits(const fs::path& dir, std::string_view stem) {
    std::vector<KeptEdit> out;
    const auto folder = Folder::open_private(dir);
    if (!folder) {
        return out;
    }
    for (const auto& name : folder->names()) {
        auto parts = scratch_name_parts(name);
        if (!parts || !parts->first.starts_with("edit-") || (!stem.empty() && parts->first != stem) ||
            (parts->second != ::getpid() && still_running(parts->second))) {
            continue;
        }
        struct stat st {};
        if (::fstatat(folder->fd(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode)) {
            continue;
        }
        out.push_back(
            KeptEdit{folder->path_of(name), parts->first, static_cast<std::int64_t>(st.st_mtime)});
    }
    std::sort(out.begin(), out.end(), [](const KeptEdit& a, const KeptEdit& b) {
        return std::tie(a.modified, a.path) > std::tie(b.modified, b.path);
    });
    return out;
}

namespace {

/// The checked folder a kept edit is in. Throws Error(io) when it is gone.
Folder kept_edit_folder(const KeptEdit& edit) {
    auto folder = Folder::open_private(edit.path.parent_path());
    if (!folder) {
        throw system_error("cannot read", edit.path.string(), ENOENT);
    }
    return std::move(*folder);
}

} // namespace

std::string read_kept_edit(const KeptEdit& edit) {
    auto text = read_file(kept_edit_folder(edit), edit.path.filename().string());
    if (!text) {
        throw system_error("cannot read", edit.path.string(), ENOENT);
    }
    return std::move(*text);
}

void discard_kept_edit(const KeptEdit& edit) {
    const Folder folder = kept_edit_folder(edit);
    if (::unlinkat(folder.fd(), edit.path.filename().c_str(), 0) != 0 && errno != ENOENT) {
        throw system_error("cannot remove", edit.path.string(), errno);
    }
}

void write_output_file(const fs::path& path, std::string_view content, bool overwrite) {
    const Folder dir =
        Folder::open_for_output(path.has_parent_path() ? path.parent_path() : fs::path("."));
    try {
        AtomicFile file(dir, path.filename().string());
        file.write(content);
        if (overwrite) {
            file.commit();
        } else {
            file.commit_new();
        }
    } catch (const Error& error) {
        if (error.code() == ExitCode::cant_create) {
            throw Error(ExitCode::cant_create,
                        std::string(error.what()) + " (add --force to replace it)");
        }
        throw Error(ExitCode::cant_create, std::string(error.what()));
    }
}

} // namespace bb::storage
