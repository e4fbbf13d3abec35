#include "bounceback/storage/sync.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/file.hpp"
#include "identities.hpp"
#include "sync_files.hpp"
#include "sync_remote_check.hpp"
#include "sync_repo.hpp"
#include "sync_settings.hpp"
#include "sync_settle.hpp"

namespace bb::storage {

namespace fs = std::filesystem;
using namespace detail;

namespace {

constexpr int k_push_attempts = 3;

Later later_of(bool ours_later) {
    return ours_later ? Later::ours : Later::theirs;
}

} // namespace

fs::path this_program() {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path("bounceback") : self;
}

void finish_interrupted_sync(const Store& store) {
    const fs::path marker = store.paths().data_dir / ".git" / k_merging_marker;
    std::error_code ec;
    if (!fs::exists(marker, ec) || !Git::available()) {
        return;
    }
    Repo(store, this_program()).recover();
}

Sync::Sync(const Store& store, fs::path program) : m_store(store), m_program(std::move(program)) {}

bool Sync::initialised() const {
    return Repo(m_store, m_program).exists();
}

SyncReport Sync::init(const std::optional<std::string>& remote) {
    Repo repo(m_store, m_program);
    repo.data();
    WriteLock lock = m_store.lock();
    SyncReport report;
    if (!repo.exists()) {
        repo.git().must({"init", "-q", "-b", k_branch},
                        "Could not make the data folder a repository.");
        report.created = true;
    }
    repo.recover();
    if (remote) {
        repo.git().run({"remote", "remove", "origin"});
        repo.git().must({"remote", "add", "origin", *remote}, "Could not set the remote.");
    }
    return sync_locked(std::move(report));
}

SyncReport Sync::run() {
    Repo repo(m_store, m_program);
    if (!repo.exists()) {
        throw Error(ExitCode::usage, "This data folder does not sync yet. To start, run: "
                                     "bounceback sync --init REMOTE");
    }
    WriteLock lock = m_store.lock();
    repo.recover();
    return sync_locked({});
}

SyncReport Sync::sync_locked(SyncReport report) {
    Repo repo(m_store, m_program);
    const auto config = repo.config();
    repo.set_up(config);
    give_identities_once(repo.data());
    export_settings(m_store);
    // Numbers and modes need settling after a merge: one this sync makes, or one made by git
    // alone since the last sync (a plain `git pull`).
    const WorkTree tree = repo.work_tree();
    bool merged_any = report.created || tree.head != repo.last_synced();
    std::optional<std::map<std::string, Known>> before;
    if (merged_any) {
        before = known_records(m_store);
    }
    Committed first = repo.commit_all(report.created ? "bounceback: start syncing"
                                                     : "bounceback: files other than records",
                                      tree);
    report.sent = std::move(first.lines);
    report.remote = Repo::remote(config);
    for (int attempt = 1; report.remote; ++attempt) {
        repo.git().must({"fetch", "-q", "--no-tags", "origin"},
                        "Could not reach the remote " + *report.remote + ".");
        // How many commits each side has that the other lacks (fails when the remote is empty).
        const GitResult counted = repo.git().run(
            {"rev-list", "--left-right", "--count", std::string("HEAD...") + k_remote_branch});
        const bool remote_has_main = counted.status == 0;
        const auto both = lines_of(
            lines_of(counted.out).empty() ? std::string() : lines_of(counted.out).front(), '\t');
        const bool ahead = !remote_has_main || both.size() != 2 || both[0] != "0";
        const bool behind = remote_has_main && both.size() == 2 && both[1] != "0";
        bool changed_here = false;
        if (behind) {
            check_remote(repo, k_remote_branch);
            if (!before) {
                before = known_records(m_store);
            }
            merged_any = true;
            const std::string head = repo.head();
            // From here until the merge is settled and committed, a kill is undone by the next
            // writer (finish_interrupted_sync): git writes work-tree files in place.
            repo.mark_merging(head);
            const bool ours_later = repo.changed_at("HEAD") > repo.changed_at(k_remote_branch);
            const fs::path notes_file = repo.dir() / ".git" / "bounceback.merge-notes";
            std::error_code ec;
            fs::remove(notes_file, ec);
            repo.git().set_env("BOUNCEBACK_MERGE_LATER", ours_later ? "ours" : "theirs");
            repo.git().set_env("BOUNCEBACK_MERGE_NOTES", notes_file.string());
            const GitResult merged = repo.git().run(
                {"merge", "-q", "--no-edit", "--no-verify", "--allow-unrelated-histories", "-m",
                 "bounceback: merge with " + *report.remote, k_remote_branch});
            if (merged.status != 0 && !repo.resolve_conflicts(later_of(ours_later), report.notes)) {
                repo.recover();
                throw Error(
                    ExitCode::data,
                    "The changes from the remote could not be merged; nothing here was "
                    "changed.\ngit said: " +
                        (lines_of(merged.err).empty() ? merged.out : lines_of(merged.err).back()));
            }
            if (auto text = read_file(notes_file, k_max_data_file_bytes)) {
                auto lines = lines_of(*text);
                report.notes.insert(report.notes.end(), lines.begin(), lines.end());
            }
            fs::remove(notes_file, ec);
            auto received = repo.changes_between(head, "HEAD");
            report.received.insert(report.received.end(), received.begin(), received.end());
            changed_here = true;
        }
        if (merged_any) {
            auto settled = settle_merged(m_store);
            report.notes.insert(report.notes.end(), settled.begin(), settled.end());
            const bool committed =
                repo.commit_all("bounceback: settle numbers", repo.work_tree()).made;
            repo.unmark_merging();
            changed_here = changed_here || committed;
        }
        if (!ahead && !changed_here) {
            break; // the remote has everything here: nothing to send
        }
        const GitResult pushed =
            repo.git().run({"push", "-q", "origin", std::string("HEAD:") + k_branch});
        if (pushed.status == 0) {
            break;
        }
        const bool moved = pushed.err.find("rejected") != std::string::npos ||
                           pushed.err.find("fetch first") != std::string::npos;
        if (!moved) {
            throw Error(ExitCode::io,
                        "Could not send the changes to " + *report.remote + ".\ngit said: " +
                            (lines_of(pushed.err).empty() ? std::string("nothing")
                                                          : lines_of(pushed.err).back()));
        }
        if (attempt == k_push_attempts) {
            throw Error(ExitCode::temp_fail,
                        "The remote kept changing while this sync ran (another machine is "
                        "syncing). Your changes are safe here; please run the sync again in a "
                        "moment.");
        }
    }
    if (!report.remote && merged_any) {
        auto settled = settle_merged(m_store);
        report.notes.insert(report.notes.end(), settled.begin(), settled.end());
        repo.commit_all("bounceback: settle numbers", repo.work_tree());
    }
    import_settings(m_store);
    if (before) {
        for (const auto& [uid, now] : known_records(m_store)) {
            if (auto was = before->find(uid); was != before->end() && was->second.id != now.id) {
                const std::string kind = now.label.substr(0, now.label.find(' '));
                report.renumbered.push_back(
                    NumberChange{kind, was->second.id, now.id, uid, now.label});
            }
        }
    }
    if (merged_any) {
        repo.restore_modes();
    }
    // HEAD moves only by a commit or a merge.
    if (const std::string end = first.made || merged_any ? repo.head() : tree.head;
        end != repo.last_synced()) {
        repo.synced(end);
    }
    return report;
}

SyncStatus Sync::status() {
    Repo repo(m_store, m_program);
    if (!repo.exists()) {
        throw Error(ExitCode::usage, "This data folder does not sync yet. To start, run: "
                                     "bounceback sync --init REMOTE");
    }
    SyncStatus status;
    status.remote = Repo::remote(repo.config());
    const WorkTree tree = repo.work_tree();
    status.unsent = repo.uncommitted(tree);
    if (status.remote) {
        WriteLock lock = m_store.lock();
        repo.git().must({"fetch", "-q", "--no-tags", "origin"},
                        "Could not reach the remote " + *status.remote + ".");
        if (repo.git().run({"rev-parse", "-q", "--verify", k_remote_branch}).status == 0 &&
            !tree.head.empty()) {
            const auto counts = lines_of(repo.git().must(
                {"rev-list", "--left-right", "--count", std::string("HEAD...") + k_remote_branch},
                "Could not compare with the remote."));
            if (!counts.empty()) {
                const auto both = lines_of(counts.front(), '\t');
                if (both.size() == 2) {
                    status.ahead = std::stoi(both[0]);
                    status.behind = std::stoi(both[1]);
                }
            }
            if (status.ahead > 0) {
                auto lines = repo.changes_between(k_remote_branch, "HEAD");
                status.unsent.insert(status.unsent.end(), lines.begin(), lines.end());
            }
        } else if (!tree.head.empty()) {
            status.ahead = std::stoi(lines_of(repo.git().must({"rev-list", "--count", "HEAD"},
                                                              "Could not count commits."))
                                         .front());
        }
    }
    return status;
}

} // namespace bb::storage
