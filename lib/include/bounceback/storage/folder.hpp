#pragma once
// The folders bounceback keeps files in, held open: every file is opened, created, renamed and
// removed relative to its folder's descriptor (openat, renameat, unlinkat), never by a path
// looked up again later.

#include "bounceback/core/error.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb::storage {

/// The refusal of a folder that is not private (see Folder): exit 77, with what to fix. Code that
/// lets other failures pass quietly (the cache) lets this one through.
class FolderNotPrivate : public Error {
  public:
    explicit FolderNotPrivate(const std::string& message) : Error(ExitCode::no_perm, message) {}
};

/// An open folder (O_DIRECTORY|O_NOFOLLOW) and the path it was opened by, which names it in
/// messages. Copies share the one descriptor, closed when the last copy goes.
///
/// A private folder (open_private, make_private, open_sub, make_sub) is checked on the open
/// descriptor, so a swap between the check and the use changes nothing: it is a real folder,
/// not a symbolic link; it belongs to the user bounceback runs as (geteuid); and no one else
/// may write in it (no group or world write bit). Another user who could write in it could swap
/// a data file, or put a pipe or a link where bounceback expects a file. Anything else is
/// refused with FolderNotPrivate saying what to fix. Every folder bounceback keeps data, cache,
/// configuration or templates in is a private folder.
class Folder {
  public:
    /// The private folder at `path`; nullopt when it does not exist. Throws FolderNotPrivate when
    /// it is not private (see above), Error(cant_create) when a file stands there,
    /// Error(io/no_perm) when it cannot be opened.
    static std::optional<Folder> open_private(const std::filesystem::path& path);

    /// The private folder at `path`, created when missing with the folders above it (each one
    /// bounceback creates is mode 0700 whatever the umask). Throws like open_private.
    static Folder make_private(const std::filesystem::path& path);

    /// The folder at `path`, where the person asked for a file of their own (`--output`): it is
    /// opened, not checked, since writing there is their choice. Throws Error(cant_create) when
    /// it cannot be opened.
    static Folder open_for_output(const std::filesystem::path& path);

    /// The private folder `name` inside this one (one path component, never followed if it is a
    /// link); nullopt when it does not exist. Throws like open_private.
    std::optional<Folder> open_sub(std::string_view name) const;

    /// The private folder `name` inside this one, created (0700) when missing. Throws like
    /// open_private.
    Folder make_sub(std::string_view name) const;

    /// The open descriptor, for the *at() system calls.
    int fd() const { return *m_fd; }

    /// The path the folder was opened by, for messages.
    const std::filesystem::path& path() const { return m_path; }

    /// The path of `name` in this folder, for messages.
    std::filesystem::path path_of(std::string_view name) const { return m_path / name; }

    /// The names of the entries in this folder, in no particular order ("." and ".." left
    /// out). Throws Error(io/no_perm) when it cannot be listed.
    std::vector<std::string> names() const;

  private:
    Folder(int fd, std::filesystem::path path);

    std::shared_ptr<const int> m_fd;
    std::filesystem::path m_path;
};

} // namespace bb::storage
