#pragma once
// General file helpers: private folders, whole-file reads, files a person names or edits.
// Replacing a data file is AtomicFile's job (storage/atomic_file.hpp).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bb::storage {

/// Creates `dir` and any missing parents; each folder this call creates is mode 0700 whatever
/// the umask; existing folders are left as they are (`doctor` reports loose ones). Throws
/// Error(io/no_perm), or Error(cant_create) when a file stands where a folder should be.
void ensure_private_dir(const std::filesystem::path& dir);

/// The whole content of `path`, or nullopt when it does not exist. Throws Error(io/no_perm) on
/// any other failure, and Error(data) when the file is larger than `max_bytes`.
std::optional<std::string> read_file(const std::filesystem::path& path,
                                     std::size_t max_bytes = 64u << 20);

/// The whole content of `path`, a file a person pointed bounceback at (such as an email), or of
/// standard input when `path` is "-". Throws Error(no_input) when the file does not exist or is
/// a folder, Error(data) when it is larger than `max_bytes`, Error(io/no_perm) on any other
/// failure.
std::string read_input(const std::string& path, std::size_t max_bytes);

/// The whole content of the open file `fd` (read from where it is), named `path` in messages.
/// Throws like read_file().
std::string read_open_file(int fd, const std::filesystem::path& path,
                           std::size_t max_bytes = 64u << 20);

/// True for the names AtomicFile gives its temp files (".NAME.tmp-XXXXXX").
bool is_temp_file_name(std::string_view name);

/// A private file (0600, in a private folder) holding text for a person to edit, e.g. in
/// $EDITOR; removed when the object goes, so an abandoned edit leaves nothing behind.
class ScratchFile {
  public:
    /// Creates `dir/.STEM-XXXXXX.toml` (0600, folder 0700) holding `content`. Throws
    /// Error(io/no_perm).
    ScratchFile(const std::filesystem::path& dir, std::string_view stem, std::string_view content);
    ~ScratchFile();
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    /// Where the file is.
    const std::filesystem::path& path() const { return m_path; }

    /// The file's content now. Throws Error(io) if it vanished.
    std::string read() const;

    /// Leaves the file in place when the object goes, so work in it is not lost (say where).
    void keep() { m_kept = true; }

  private:
    std::filesystem::path m_path;
    bool m_kept = false;
};

/// Writes `content` to `path`, a file the person named (mode 0600): through AtomicFile, so a
/// failure leaves no half-written file. Without `overwrite`, an existing file is never replaced.
/// Throws Error(cant_create) when the file exists (without `overwrite`) or cannot be created.
void write_output_file(const std::filesystem::path& path, std::string_view content, bool overwrite);

} // namespace bb::storage
