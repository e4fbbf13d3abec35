#pragma once
// General file helpers: whole-file reads, files a person names or edits. Files bounceback keeps
// are read and written relative to their open folder (storage/folder.hpp); replacing one is
// AtomicFile's job (storage/atomic_file.hpp).

#include "bounceback/storage/folder.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bb::storage {

/// The largest file bounceback keeps that it reads (a month's records, store.toml,
/// config.toml): 16 MiB, hundreds of times what a busy year of records weighs. Writers refuse
/// to write a bigger one, so every file bounceback writes, it can read back.
inline constexpr std::size_t k_max_data_file_bytes = 16u << 20;

/// Opens the plain file `name` in `dir` for reading; -1 when it does not exist. A symbolic link
/// there is refused (Error(data)): a read never follows a link out of bounceback's folders, and
/// a write never replaces a link with a copy. So is a pipe, a device or a socket, which could
/// block or never end (opened O_NONBLOCK, so opening cannot hang); a folder gives
/// Error(io) "Is a directory". Throws Error(io/no_perm) when it cannot be opened.
int open_plain_file(const Folder& dir, std::string_view name);

/// The whole content of the plain file `name` in `dir` (opened by open_plain_file), or nullopt
/// when it does not exist. Throws like open_plain_file, and Error(data) when the file is larger
/// than `max_bytes`.
std::optional<std::string> read_file(const Folder& dir, std::string_view name,
                                     std::size_t max_bytes = k_max_data_file_bytes);

/// The whole content of `path`, a file a person pointed bounceback at (such as an email), or of
/// standard input when `path` is "-". Throws Error(no_input) when the file does not exist or is
/// a folder, Error(data) when it is larger than `max_bytes`, Error(io/no_perm) on any other
/// failure.
std::string read_input(const std::string& path, std::size_t max_bytes);

/// The whole content of the open file `fd` (read from where it is), named `path` in messages.
/// Throws Error(data) when it is larger than `max_bytes`, Error(io/no_perm) when reading fails.
std::string read_open_file(int fd, const std::filesystem::path& path,
                           std::size_t max_bytes = k_max_data_file_bytes);

/// True for the names AtomicFile gives its temp files (".NAME.tmp-XXXXXX").
bool is_temp_file_name(std::string_view name);

/// A private file (0600, in a private folder) holding text for a person to edit, e.g. in
/// $EDITOR; removed when the object goes, so an abandoned edit leaves nothing behind.
class ScratchFile {
  public:
    /// Creates `.STEM-XXXXXX.toml` (0600) holding `content` in the private folder `dir` (made
    /// 0700 if missing; see Folder). Throws Error(io/no_perm).
    ScratchFile(const std::filesystem::path& dir, std::string_view stem, std::string_view content);
    ~ScratchFile();
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    /// Where the file is, for the editor.
    std::filesystem::path path() const { return m_dir.path_of(m_name); }

    /// The file's content now. Throws Error(io) if it vanished.
    std::string read() const;

    /// Leaves the file in place when the object goes, so work in it is not lost (say where).
    void keep() { m_kept = true; }

  private:
    Folder m_dir;
    std::string m_name;
    bool m_kept = false;
};

/// Writes `content` to `path`, a file the person named (mode 0600): through AtomicFile, so a
/// failure leaves no half-written file. Without `overwrite`, an existing file is never replaced.
/// Throws Error(cant_create) when the file exists (without `overwrite`) or cannot be created.
void write_output_file(const std::filesystem::path& path, std::string_view content, bool overwrite);

} // namespace bb::storage
