#pragma once
// General file helpers: private folders, whole-file reads, files a person names or edits.
// Replacing a data file is AtomicFile's job (storage/atomic_file.hpp).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
/// $EDITOR; removed when the object goes, so an abandoned edit leaves nothing behind, unless
/// keep() was called. Its name carries the stem and this process's ID, so that kept_edits() can
/// tell the text of an edit that ended unsaved from one that is open right now.
class ScratchFile {
  public:
    /// Creates `dir/.STEM-PID-XXXXXX.toml` (0600, folder 0700) holding `content`. `stem` is
    /// letters, digits and dashes. Throws Error(io/no_perm).
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

    /// True once keep() was called.
    bool kept() const { return m_kept; }

  private:
    std::filesystem::path m_path;
    bool m_kept = false;
};

/// What is edited in a ScratchFile with a given stem, in words, for messages about kept edits.
struct EditTopic {
    std::string stem;   ///< the ScratchFile's stem: "edit-rejection-7"
    std::string what;   ///< "rejection 7"
    std::string resume; ///< the command that offers a kept edit back: "bounceback log edit 7"
};

/// The edit of rejection `id` (`log edit ID`).
EditTopic rejection_edit(std::int64_t id);
/// A new reflection written in the editor, on rejection `rejection` when set (`reflect --edit`).
EditTopic reflection_edit(std::optional<std::int64_t> rejection);
/// The feedback email drafted for rejection `id` (`feedback-email ID --edit`).
EditTopic email_edit(std::int64_t id);
/// The topic whose stem is `stem`, if it is one of the above.
std::optional<EditTopic> edit_topic(std::string_view stem);

/// The text of an edit that ended without being used: left by a ScratchFile that was kept, or
/// whose process was stopped.
struct KeptEdit {
    std::filesystem::path path;
    std::string stem;          ///< the ScratchFile's stem, e.g. "edit-rejection-7"
    std::int64_t modified = 0; ///< when it was last written (seconds since the epoch)
};

/// The kept edits in `dir` (ScratchFile names) whose stem is `stem`, or all when `stem` is empty,
/// newest first. Edits open right now (their process still runs) are left out; so are files
/// that cannot be read as such.
std::vector<KeptEdit> kept_edits(const std::filesystem::path& dir, std::string_view stem = {});

/// Removes the kept edit `edit` (the person discarded it, or a new edit holds its text now).
/// Throws Error(io/no_perm).
void discard_kept_edit(const KeptEdit& edit);

/// Writes `content` to `path`, a file the person named (mode 0600): through AtomicFile, so a
/// failure leaves no half-written file. Without `overwrite`, an existing file is never replaced.
/// Throws Error(cant_create) when the file exists (without `overwrite`) or cannot be created.
void write_output_file(const std::filesystem::path& path, std::string_view content, bool overwrite);

} // namespace bb::storage
