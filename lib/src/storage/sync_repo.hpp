#pragma once
// Internal to storage: the data folder as a git repository, for `bounceback sync`. Setting it
// up, reading what changed, committing, merging what git leaves unmerged, undoing what a killed
// sync left, and the markers a sync keeps in .git.

#include "bounceback/core/merge.hpp"
#include "bounceback/storage/folder.hpp"
#include "bounceback/storage/git.hpp"
#include "bounceback/storage/store.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bb::storage::detail {

/// The branch a sync commits to, and where it keeps what it fetched of the remote's.
inline constexpr const char* k_branch = "main";
inline constexpr const char* k_remote_branch = "refs/remotes/origin/main";
/// In .git: the commit a sync's merge started from, while the merge is under way.
inline constexpr const char* k_merging_marker = "bounceback-merging";
/// In .git: the commit the last sync ended on. A HEAD that moved since without a sync (a plain
/// `git pull`) gets its numbers settled and its modes made private by the next sync.
inline constexpr const char* k_synced_marker = "bounceback-synced";

/// The work tree as `git status` sees it: the commit HEAD names ("" before the first commit)
/// and the paths that differ from it (changed, added, removed, not tracked yet).
struct WorkTree {
    std::string head;
    std::vector<std::string> changed;
};

/// What Repo::commit_all did: whether it made a commit, and what that commit changed.
struct Committed {
    bool made = false;
    std::vector<std::string> lines;
};

/// The data folder of one store as a git repository; `program` is this program, which git runs
/// as the merge driver of the data files.
class Repo {
  public:
    Repo(const Store& store, std::filesystem::path program)
        : m_store(store), m_program(std::move(program)), m_git(store.paths().data_dir) {}

    Git& git() { return m_git; }
    const std::filesystem::path& dir() const { return m_store.paths().data_dir; }
    Folder data() const { return m_store.make_data_folder(); }

    /// Whether the data folder is a repository (has a .git folder).
    bool exists() const;

    /// git's configuration as this repository sees it (every scope), key → value; a key set
    /// twice keeps its last value, as git reads it. Section and key names are lower case.
    std::map<std::string, std::string> config();

    /// The remote `config` (config()) names, if any.
    static std::optional<std::string> remote(const std::map<std::string, std::string>& config);

    /// Finishes or undoes what a killed sync left: a merge half made is undone (the local
    /// commit it started from is whole), and a lock file git left is removed, since git ends
    /// with the bounceback that started it and every git here runs under bounceback's lock.
    void recover();

    /// Writes .gitignore and .gitattributes when they differ from bounceback's, and registers
    /// the merge driver in the repository's own configuration, where `config` (config()) lacks
    /// it: a repository set up before costs no git command.
    void set_up(const std::map<std::string, std::string>& config);

    /// Resolves what a merge left unmerged that git's merge driver never saw (a month removed on
    /// one side and changed on the other): each such data file is merged from its three stages
    /// like the driver merges, then the merge is committed. False when something unmerged is
    /// not a data file, or cannot be merged.
    bool resolve_conflicts(Later later, std::vector<std::string>& notes);

    /// Writes down that a merge from `head` is under way (see finish_interrupted_sync).
    void mark_merging(const std::string& head);

    /// The merge is settled and committed: nothing to undo any more.
    void unmark_merging();

    /// The commit HEAD names; "" when there is none yet.
    std::string head();

    /// The commit the last sync ended on ("" when none did), written down by synced().
    std::string last_synced();

    /// Writes down that a sync ended on `head`.
    void synced(const std::string& head);

    /// The text of `name` at `rev`, nullopt when it has none.
    std::optional<std::string> text_at(const std::string& rev, const std::string& name);

    /// The work tree as one `git status` sees it: the commit HEAD names and the paths that
    /// differ from it.
    WorkTree work_tree();

    /// What `tree`'s changes (work_tree()) change, one line each.
    std::vector<std::string> uncommitted(const WorkTree& tree);

    /// The changes from commit `from` to commit `to`, one line each.
    std::vector<std::string> changes_between(const std::string& from, const std::string& to);

    /// Commits every change in the data folder, whose work tree is `tree` (work_tree()), with
    /// `title` over the lines describing it, dated when the newest changed file was last changed
    /// (so a merge can tell which machine's change is the later one). Says whether it committed,
    /// and the lines (none when no record changed).
    Committed commit_all(const std::string& title, const WorkTree& tree);

    /// When the newest change (not a merge) that `rev` holds was made, in seconds.
    std::int64_t changed_at(const std::string& rev);

    /// Every folder 0700 and every file 0600 in the data folder, whatever git or a person's
    /// umask made them. Symbolic links are left alone, never followed.
    void restore_modes();

  private:
    const Store& m_store;
    std::filesystem::path m_program;
    Git m_git;
};

} // namespace bb::storage::detail
