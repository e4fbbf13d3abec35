#pragma once
// General file helpers: whole-file reads, files a person names or edits. Files bounceback keeps
// are read and written relative to their open folder (storage/folder.hpp); replacing one is
// AtomicFile's job (storage/atomic_file.hpp).

#include "bounceback/storage/folder.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// The whole content of the plain file `path`, one of a person's files bounceback was led to (a
/// message in their Maildir), or nullopt when it is gone or is not a plain file (a pipe there
/// is passed over: it is opened O_NONBLOCK and never read). Throws Error(data) when it is larger
/// than `max_bytes`, Error(io/no_perm) on any other failure.
std::optional<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes);

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
/// $EDITOR; removed when the object goes, so an abandoned edit leaves nothing behind, unless
/// keep() was called. Its name carries the stem and this process's ID, so that kept_edits() can
/// tell the text of an edit that ended unsaved from one that is open right now.
class ScratchFile {
  public:
    /// Creates `.STEM-PID-XXXXXX.toml` (0600) holding `content` in the private folder `dir`
    /// (made 0700 if missing; see Folder). `stem` is letters, digits and dashes. Throws
    /// Error(io/no_perm).
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

    /// True once keep() was called.
    bool kept() const { return m_kept; }

  private:
    Folder m_dir;
    std::string m_name;
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
    std::filesystem::path path; ///< for messages; the file is opened in its checked folder
    std::string stem;          ///< the ScratchFile's stem, e.g. "edit-rejection-7"
    std::int64_t modified = 0; ///< when it was last written (seconds since the epoch)
};

/// The kept edits in the private folder `dir` (ScratchFile names; see Folder) whose stem is
/// `stem`, or all when `stem` is empty, newest first. Edits open right now (their process still
/// runs) are left out; so are entries that are not plain files. None when `dir` does not exist.
/// Throws FolderNotPrivate like Folder::open_private.
std::vector<KeptEdit> kept_edits(const std::filesystem::path& dir, std::string_view stem = {});

/// The text of the kept edit `edit`, read in its checked folder like any file bounceback keeps
/// (read_file). Throws Error(io) when it vanished.
std::string read_kept_edit(const KeptEdit& edit);

/// Removes the kept edit `edit` (the person discarded it, or a new edit holds its text now),
/// relative to its checked folder. Throws Error(io/no_perm).
void discard_kept_edit(const KeptEdit& edit);

/// Writes `content` to `path`, a file the person named (mode 0600): through AtomicFile, so a
/// failure leaves no half-written file. Without `overwrite`, an existing file is never replaced.
/// Throws Error(cant_create) when the file exists (without `overwrite`) or cannot be created.
void write_output_file(const std::filesystem::path& path, std::string_view content, bool overwrite);

} // namespace bb::storage
