#pragma once
// The one way bounceback replaces a file: AtomicFile, and the durable removal that goes with it.

#include "bounceback/storage/folder.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace bb::storage {

/// Replaces one file atomically: content goes to a new temp file beside the target in the open
/// folder `dir` (created O_EXCL|O_NOFOLLOW, mode 0600), every write is checked, and commit()
/// fsyncs it, renames it over the target (renameat, relative to the folder) and fsyncs the
/// folder. Until commit() returns, the target is untouched; a destructor without commit removes
/// the temp file and never commits half-written data.
class AtomicFile {
  public:
    /// Opens a temp file beside `name` in `dir`. Throws Error(io/no_perm).
    AtomicFile(Folder dir, std::string name);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// Appends `data`. Throws Error(io) on a failed or short write (disk full, size limit).
    void write(std::string_view data);

    /// Makes the content durable (fsync) without making it visible yet, so that many files can
    /// be written before any of them is renamed in; commit() then only renames. Throws Error(io)
    /// and removes the temp file on failure.
    void sync();

    /// Makes the content durable and visible under the target name. Throws Error(io) and leaves
    /// the target as it was on any failure.
    void commit();

    /// Like commit(), but fails with Error(cant_create) instead of replacing a target that
    /// already exists (renameat2 RENAME_NOREPLACE): for files bounceback must never overwrite.
    void commit_new();

    /// Like commit(), but without fsync: the content may be lost (or come back empty or torn)
    /// after a crash. Only for derived files that are checked before use and can be rebuilt,
    /// such as the partition cache.
    void commit_unsynced();

  private:
    void sync_and_close();
    void close_checked();
    void finish(bool replace, bool durable = true);
    std::string target_path() const;

    void discard() noexcept;

    Folder m_dir;
    std::string m_name;
    std::string m_temp;
    int m_fd = -1;
    bool m_committed = false;
};

/// Writes `content` to `name` in `dir` through AtomicFile.
void write_file_atomically(const Folder& dir, const std::string& name, std::string_view content);

/// Removes `name` from `dir` (if present) and fsyncs the folder. Throws Error(io/no_perm).
void remove_file_durably(const Folder& dir, const std::string& name);

} // namespace bb::storage
