#pragma once
// `bounceback sync`: the data folder as a git repository, merged record by record with every
// other machine that syncs with the same remote (bounceback-sync(1)). git does the storing and
// the sending; bounceback decides what a merge keeps, settles numbers two machines both handed
// out, and refuses whatever a remote sends that is not bounceback's data.

#include "bounceback/core/merge.hpp"
#include "bounceback/storage/store.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bb::storage {

/// What a sync did, for the person and for --json.
struct SyncReport {
    std::optional<std::string> remote;    ///< origin's address; nullopt when there is none
    std::vector<std::string> sent;        ///< the local changes sent (or committed), one line each
    std::vector<std::string> received;    ///< the changes received, one line each
    std::vector<NumberChange> renumbered;   ///< this machine's records that took another number
    std::vector<std::string> notes;       ///< values replaced, removals undone, copies joined
    bool created = false;                 ///< --init made the repository (it was not one)
};

/// Where a synced home stands against its remote.
struct SyncStatus {
    std::optional<std::string> remote;
    std::vector<std::string> unsent; ///< changes not committed yet and commits not pushed
    int ahead = 0;                   ///< commits here that the remote does not have
    int behind = 0;                  ///< commits on the remote that are not here
};

/// The sync of one person's data folder.
class Sync {
  public:
    /// The sync of `store`'s data folder; `program` is this program (it becomes git's merge
    /// driver for the data files).
    Sync(const Store& store, std::filesystem::path program);

    /// Whether the data folder is a repository `sync --init` set up.
    bool initialised() const;

    /// `sync --init [REMOTE]`: makes the data folder a repository (or adopts the one there),
    /// sets it up, commits what is there; with `remote`, makes it origin and syncs.
    SyncReport init(const std::optional<std::string>& remote);

    /// `sync`: commit, fetch, check, merge, settle, push. Throws Error(usage) when the data
    /// folder is not set up, Error(data) when the remote sent something bounceback refuses
    /// (nothing local changed then), Error(io) when git fails, Error(temp_fail) when the remote
    /// kept moving.
    SyncReport run();

    /// `sync --status`: fetches, then compares.
    SyncStatus status();

  private:
    SyncReport sync_locked(SyncReport report);

    const Store& m_store;
    std::filesystem::path m_program;
};

/// git's merge driver for one data file (`bounceback __merge-driver %O %A %B %P`): merges
/// `base`, `ours` and `theirs` record by record (core/merge) and writes the result over `ours`.
/// `name` is the file's path in the repository, which says its kind. The later side is read
/// from BOUNCEBACK_MERGE_LATER ("ours" or "theirs"; theirs when unset). Returns the notes for
/// the person. Throws Error(data) when one of the versions does not parse: git then reports a
/// conflict and the merge stops.
std::vector<std::string> merge_data_file(const std::filesystem::path& base,
                                         const std::filesystem::path& ours,
                                         const std::filesystem::path& theirs,
                                         const std::string& name, Later later);

/// The notes of a merge driver run by `bounceback sync` kept for it to tell the person: added to
/// the file BOUNCEBACK_MERGE_NOTES names. False when no sync asked for them (a plain git merge):
/// the caller then shows them itself.
bool keep_merge_notes(const std::vector<std::string>& notes);

/// Which side of a merge changed later, as `bounceback sync` told its merge driver
/// (BOUNCEBACK_MERGE_LATER); theirs when it did not say.
Later later_side();

/// This program's own path, which git runs as the merge driver.
std::filesystem::path this_program();

/// Undoes the merge of a sync that was killed part way (git writes work-tree files in place, so
/// they may be half written), back to the commit it started from, so that no command reads or
/// rewrites such a file; the next sync merges again. Nothing when no sync was interrupted (one
/// stat). Every writer calls it under the lock (Store::lock).
void finish_interrupted_sync(const Store& store);

/// Whether `name` (a path in the repository) is a file bounceback's merge driver merges.
bool is_data_path(std::string_view name);

} // namespace bb::storage
