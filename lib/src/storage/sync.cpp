#include "bounceback/storage/sync.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/config.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/mail/template.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/git.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "bounceback/storage/tombstones.hpp"
#include "bounceback/util/text.hpp"
#include "bounceback/util/uuid.hpp"
#include "counters.hpp"
#include "identities.hpp"
#include "partition.hpp"
#include "partition_cache.hpp"
#include "record_kind.hpp"

#include <algorithm>
#include <cstdlib>
#include <fcntl.h>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage {

namespace fs = std::filesystem;
using namespace detail;

namespace {

/// The files bounceback writes for git, and tracks: what git ignores, and which files go
/// through bounceback's merge driver.
constexpr std::string_view k_gitignore =
    "# Written by bounceback sync: git tracks only bounceback's data and settings;\n"
    "# everything else here (the lock, store.toml, the cache, temp files) stays on this machine.\n"
    "/*\n"
    "!/.gitignore\n"
    "!/.gitattributes\n"
    "!/deleted.toml\n"
    "!/rejections/\n"
    "/rejections/*\n"
    "!/rejections/[0-9][0-9][0-9][0-9]-[0-9][0-9].toml\n"
    "!/wins/\n"
    "/wins/*\n"
    "!/wins/[0-9][0-9][0-9][0-9]-[0-9][0-9].toml\n"
    "!/reflections/\n"
    "/reflections/*\n"
    "!/reflections/[0-9][0-9][0-9][0-9]-[0-9][0-9].toml\n"
    "!/checkins/\n"
    "/checkins/*\n"
    "!/checkins/[0-9][0-9][0-9][0-9]-[0-9][0-9].toml\n"
    "!/settings/\n"
    "/settings/*\n"
    "!/settings/config.toml\n"
    "!/settings/templates/\n"
    "/settings/templates/*\n"
    "!/settings/templates/*.mustache\n";
constexpr std::string_view k_gitattributes =
    "# Written by bounceback sync: data files are merged record by record.\n"
    "* -text\n"
    "rejections/*.toml merge=bounceback\n"
    "wins/*.toml merge=bounceback\n"
    "reflections/*.toml merge=bounceback\n"
    "checkins/*.toml merge=bounceback\n"
    "deleted.toml merge=bounceback\n"
    "settings/config.toml merge=bounceback\n"
    "settings/templates/*.mustache merge=bounceback\n";

constexpr const char* k_branch = "main";
constexpr const char* k_remote_branch = "refs/remotes/origin/main";
constexpr int k_push_attempts = 3;
/// In .git: the commit a sync's merge started from, while the merge is under way.
constexpr const char* k_merging_marker = "bounceback-merging";
/// In .git: the commit the last sync ended on. A HEAD that moved since without a sync (a plain
/// `git pull`) gets its numbers settled and its modes made private by the next sync.
constexpr const char* k_synced_marker = "bounceback-synced";

Later later_of(bool ours_later) { return ours_later ? Later::ours : Later::theirs; }

/// Where the settings travel in the repository: config.toml and the person's own templates.
constexpr const char* k_settings_dir = "settings";
constexpr const char* k_settings_config = "settings/config.toml";
constexpr std::string_view k_settings_templates = "settings/templates/";
constexpr std::string_view k_template_suffix = ".mustache";

/// The template NAME a path settings/templates/NAME.mustache holds, or "".
std::string settings_template(std::string_view path) {
    if (!path.starts_with(k_settings_templates) || !path.ends_with(k_template_suffix)) {
        return {};
    }
    const std::string_view name = path.substr(
        k_settings_templates.size(),
        path.size() - k_settings_templates.size() - k_template_suffix.size());
    return util::is_simple_name(name) ? std::string(name) : std::string();
}

/// The files named NAME.mustache (a template name) in `dir`, by name, with their text.
std::map<std::string, std::string> templates_in(const std::optional<Folder>& dir) {
    std::map<std::string, std::string> out;
    if (!dir) {
        return out;
    }
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir->path(), ec)) {
        const std::string file = entry.path().filename().string();
        if (!file.ends_with(k_template_suffix)) {
            continue;
        }
        const std::string name = file.substr(0, file.size() - k_template_suffix.size());
        if (!util::is_simple_name(name)) {
            continue;
        }
        if (auto text = read_file(*dir, file)) {
            out.emplace(name, std::move(*text));
        }
    }
    return out;
}

/// Makes the files NAME.mustache in `to` the templates `wanted`, removing the others.
void mirror_templates(const std::map<std::string, std::string>& wanted, const Folder& to) {
    for (const auto& [name, text] : templates_in(to)) {
        if (!wanted.contains(name)) {
            remove_file_durably(to, name + std::string(k_template_suffix));
        }
    }
    for (const auto& [name, text] : wanted) {
        const std::string file = name + std::string(k_template_suffix);
        if (read_file(to, file) != text) {
            write_file_atomically(to, file, text);
        }
    }
}

/// Calls `visit.template operator()<Record>()` for each kind of record.
template <typename Visit> void for_each_kind(Visit&& visit) {
    visit.template operator()<Rejection>();
    visit.template operator()<Win>();
    visit.template operator()<Reflection>();
    visit.template operator()<Checkin>();
}

/// The kinds that have numbers and identities.
template <typename Visit> void for_each_numbered_kind(Visit&& visit) {
    visit.template operator()<Rejection>();
    visit.template operator()<Win>();
    visit.template operator()<Reflection>();
}

/// The kind folder `name` is a month file of ("rejections/2026-11.toml" → "rejections"), or "".
std::string folder_of(std::string_view name) {
    const std::size_t slash = name.find('/');
    if (slash == std::string_view::npos || name.find('/', slash + 1) != std::string_view::npos ||
        !partition_month(name.substr(slash + 1))) {
        return {};
    }
    const std::string folder(name.substr(0, slash));
    bool known = false;
    for_each_kind([&]<typename Record>() { known = known || folder == Kind<Record>::folder; });
    return known ? folder : std::string();
}

/// Calls `visit.template operator()<Record>()` for the kind whose folder is `folder`.
template <typename Visit> void with_kind(const std::string& folder, Visit&& visit) {
    for_each_kind([&]<typename Record>() {
        if (folder == Kind<Record>::folder) {
            visit.template operator()<Record>();
        }
    });
}

/// What changed in the file `name` from `before` to `after` (either missing), one line each.
std::vector<std::string> describe_file(const std::string& name,
                                       const std::optional<std::string>& before,
                                       const std::optional<std::string>& after) {
    std::vector<std::string> out;
    if (before == after) {
        return out;
    }
    if (name == k_settings_config) {
        return {"settings: config.toml"};
    }
    if (const std::string template_name = settings_template(name); !template_name.empty()) {
        return {"settings: the template " + template_name};
    }
    const std::string folder = folder_of(name);
    if (folder.empty()) {
        return out;
    }
    with_kind(folder, [&]<typename Record>() {
        auto records = [&](const std::optional<std::string>& text) {
            return text ? records_from_text<Record>(*text, name) : std::vector<Record>{};
        };
        out = describe_changes(records(before), records(after));
    });
    return out;
}

std::string sh_quote(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

/// Lines of `text`, without empty ones.
std::vector<std::string> lines_of(const std::string& text, char separator = '\n') {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(separator, start);
        if (end == std::string::npos) {
            end = text.size();
        }
        if (end > start) {
            out.push_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

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

/// Every record of every numbered kind, by uid: its number and how it is named.
struct Known {
    std::int64_t id;
    std::string label;
};

class Repo {
  public:
    Repo(const Store& store, fs::path program)
        : m_store(store), m_program(std::move(program)), m_git(store.paths().data_dir) {}

    Git& git() { return m_git; }
    const fs::path& dir() const { return m_store.paths().data_dir; }
    Folder data() const { return m_store.make_data_folder(); }

    bool exists() const {
        struct stat st {};
        return ::lstat((dir() / ".git").c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    }

    /// git's configuration as this repository sees it (every scope), key → value; a key set
    /// twice keeps its last value, as git reads it. Section and key names are lower case.
    std::map<std::string, std::string> config() {
        std::map<std::string, std::string> out;
        for (const auto& entry : lines_of(m_git.must({"config", "-z", "--list"},
                                                     "Could not read the repository's settings."),
                                          '\0')) {
            const std::size_t newline = entry.find('\n');
            out[entry.substr(0, newline)] =
                newline == std::string::npos ? std::string() : entry.substr(newline + 1);
        }
        return out;
    }

    /// The remote `config` (config()) names, if any.
    static std::optional<std::string> remote(const std::map<std::string, std::string>& config) {
        const auto it = config.find("remote.origin.url");
        return it == config.end() || it->second.empty() ? std::nullopt
                                                        : std::optional<std::string>(it->second);
    }

    /// Finishes or undoes what a killed sync left: a merge half made is undone (the local
    /// commit it started from is whole), and a lock file git left is removed, since git ends
    /// with the bounceback that started it and every git here runs under bounceback's lock.
    void recover() {
        const fs::path git_dir = dir() / ".git";
        std::error_code ec;
        fs::remove(git_dir / "index.lock", ec);
        if (const auto base = read_file(git_dir / k_merging_marker, 256)) {
            // A sync was killed while git merged: the work tree may hold files git had only
            // half written. Back to the commit the merge started from (all local changes were
            // committed before it); the next sync merges again.
            const auto lines = lines_of(*base);
            if (!lines.empty()) {
                m_git.run({"merge", "--abort"});
                m_git.must({"reset", "-q", "--hard", lines.front()},
                           "Could not undo a sync that was stopped part way.");
            }
            unmark_merging();
            return;
        }
        if (fs::exists(git_dir / "MERGE_HEAD", ec)) {
            m_git.run({"merge", "--abort"});
            if (fs::exists(git_dir / "MERGE_HEAD", ec)) {
                m_git.must({"reset", "-q", "--merge"}, "Could not undo an unfinished merge.");
            }
        }
    }

    /// Writes .gitignore and .gitattributes when they differ from bounceback's, and registers
    /// the merge driver in the repository's own configuration, where `config` (config()) lacks
    /// it: a repository set up before costs no git command.
    void set_up(const std::map<std::string, std::string>& config) {
        const Folder folder = data();
        for (const auto& [name, text] : {std::pair{".gitignore", k_gitignore},
                                         std::pair{".gitattributes", k_gitattributes}}) {
            if (read_file(folder, name) != std::string(text)) {
                write_file_atomically(folder, name, text);
            }
        }
        const std::pair<const char*, std::string> wanted[] = {
            {"merge.bounceback.name", "bounceback: record by record"},
            {"merge.bounceback.driver",
             sh_quote(m_program.string()) + " __merge-driver %O %A %B %P"},
            {"core.sharedrepository", "0600"},
        };
        for (const auto& [key, value] : wanted) {
            if (const auto it = config.find(key); it == config.end() || it->second != value) {
                m_git.must({"config", key, value}, "Could not set up the repository.");
            }
        }
        if (!config.contains("user.email")) {
            char host[256] = "localhost";
            ::gethostname(host, sizeof host - 1);
            m_git.must({"config", "user.name", std::string("bounceback on ") + host},
                       "Could not set up the repository.");
            m_git.must({"config", "user.email", std::string("bounceback@") + host},
                       "Could not set up the repository.");
        }
    }

    /// Copies this machine's settings (config.toml, its own templates) into settings/ in the
    /// data folder, which git tracks; a file removed here is removed there.
    void export_settings() {
        const Paths& paths = m_store.paths();
        const Folder settings = data().make_sub(k_settings_dir);
        const auto config_dir = Folder::open_private(paths.config_dir);
        const auto config = config_dir ? read_file(*config_dir, paths.config_file.filename().string())
                                       : std::nullopt;
        const std::string name = fs::path(k_settings_config).filename().string();
        if (config) {
            if (read_file(settings, name) != config) {
                write_file_atomically(settings, name, *config);
            }
        } else if (read_file(settings, name)) {
            remove_file_durably(settings, name);
        }
        const auto templates = config_dir
                                   ? config_dir->open_sub(paths.templates_dir.filename().string())
                                   : std::nullopt;
        mirror_templates(templates_in(templates), settings.make_sub("templates"));
    }

    /// Makes this machine's settings what settings/ in the data folder holds after a merge.
    void import_settings() {
        const Paths& paths = m_store.paths();
        const auto settings = data().open_sub(k_settings_dir);
        if (!settings) {
            return;
        }
        const Folder config_dir = Folder::make_private(paths.config_dir);
        const std::string config_name = paths.config_file.filename().string();
        const auto config = read_file(*settings, fs::path(k_settings_config).filename().string());
        if (config && read_file(config_dir, config_name) != config) {
            write_file_atomically(config_dir, config_name, *config);
        } else if (!config && read_file(config_dir, config_name)) {
            remove_file_durably(config_dir, config_name);
        }
        const auto shared = settings->open_sub("templates");
        const auto wanted = templates_in(shared);
        const auto local = config_dir.open_sub(paths.templates_dir.filename().string());
        if (wanted.empty() && !local) {
            return;
        }
        mirror_templates(wanted, config_dir.make_sub(paths.templates_dir.filename().string()));
    }

    /// Resolves what a merge left unmerged that git's merge driver never saw (a month removed on
    /// one side and changed on the other): each such data file is merged from its three stages
    /// like the driver merges, then the merge is committed. False when something unmerged is
    /// not a data file, or cannot be merged.
    bool resolve_conflicts(Later later, std::vector<std::string>& notes) {
        const std::string listed =
            m_git.must({"ls-files", "-u", "-z"}, "Could not list what the merge left.");
        std::map<std::string, std::map<int, std::string>> stages; // path → stage → object
        for (const auto& entry : lines_of(listed, '\0')) {
            const std::size_t tab = entry.find('\t');
            const auto fields = lines_of(entry.substr(0, tab), ' ');
            if (tab == std::string::npos || fields.size() < 3) {
                return false;
            }
            stages[entry.substr(tab + 1)][std::stoi(fields[2])] = fields[1];
        }
        if (stages.empty()) {
            return false;
        }
        const Folder scratch = Folder::open_for_output(dir() / ".git");
        for (const auto& [name, objects] : stages) {
            if (!is_data_path(name)) {
                return false;
            }
            const char* files[] = {"bounceback-base", "bounceback-ours", "bounceback-theirs"};
            for (int stage = 1; stage <= 3; ++stage) {
                const auto it = objects.find(stage);
                const std::string text =
                    it == objects.end()
                        ? std::string()
                        : m_git.must({"cat-file", "blob", it->second}, "Could not read a version.");
                write_file_atomically(scratch, files[stage - 1], text);
            }
            try {
                auto said = merge_data_file(scratch.path_of(files[0]), scratch.path_of(files[1]),
                                            scratch.path_of(files[2]), name, later);
                notes.insert(notes.end(), said.begin(), said.end());
            } catch (const Error&) {
                return false;
            }
            const auto merged = read_file(scratch, files[1]);
            const fs::path target = dir() / name;
            write_file_atomically(Folder::make_private(target.parent_path()),
                                  target.filename().string(), merged.value_or(""));
            m_git.must({"add", "--", name}, "Could not record a merged file.");
        }
        m_git.must({"commit", "-q", "--no-edit", "--no-verify"}, "Could not record the merge.");
        return true;
    }

    /// Writes down that a merge from `head` is under way (see finish_interrupted_sync).
    void mark_merging(const std::string& head) {
        write_file_atomically(Folder::open_for_output(dir() / ".git"), k_merging_marker,
                              head + "\n");
    }

    /// The merge is settled and committed: nothing to undo any more.
    void unmark_merging() {
        remove_file_durably(Folder::open_for_output(dir() / ".git"), k_merging_marker);
    }

    /// Every record of the numbered kinds by uid, as they are now.
    std::map<std::string, Known> known() {
        std::map<std::string, Known> out;
        for_each_numbered_kind([&]<typename Record>() {
            const auto dir = data().open_sub(Kind<Record>::folder);
            if (!dir) {
                return;
            }
            const CacheFolder cache(m_store.paths().cache_dir, Kind<Record>::folder);
            for (const auto& p : list_partitions(*dir)) {
                for (const auto& r : read_partition_cached<Record>(*dir, p.name, cache)) {
                    if (r.uid) {
                        out[*r.uid] = Known{r.id, record_label(r)};
                    }
                }
            }
        });
        return out;
    }

    /// The commit HEAD names; "" when there is none yet.
    std::string head() {
        const auto result = m_git.run({"rev-parse", "-q", "--verify", "HEAD"});
        const auto lines = lines_of(result.out);
        return result.status == 0 && !lines.empty() ? lines.front() : std::string();
    }

    /// The commit the last sync ended on ("" when none did), written down by synced().
    std::string last_synced() {
        const auto text = read_file(dir() / ".git" / k_synced_marker, 256);
        const auto lines = text ? lines_of(*text) : std::vector<std::string>{};
        return lines.empty() ? std::string() : lines.front();
    }

    /// Writes down that a sync ended on `head`.
    void synced(const std::string& head) {
        write_file_atomically(Folder::open_for_output(dir() / ".git"), k_synced_marker,
                              head + "\n");
    }

    /// The text of `name` at `rev`, nullopt when it has none.
    std::optional<std::string> text_at(const std::string& rev, const std::string& name) {
        auto result = m_git.run({"cat-file", "blob", rev + ":" + name});
        return result.status == 0 ? std::optional<std::string>(std::move(result.out))
                                  : std::nullopt;
    }

    /// The work tree as one `git status` sees it: the commit HEAD names and the paths that
    /// differ from it.
    WorkTree work_tree() {
        WorkTree tree;
        const auto entries = lines_of(
            m_git.must({"status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all"},
                       "Could not list the changes."),
            '\0');
        // Fields before the path: "1 XY sub mH mI mW hH hI path", "2 … Xscore path" (then the
        // path it was renamed from, as an entry of its own), "u … h1 h2 h3 path", "? path".
        constexpr std::string_view k_oid = "# branch.oid ";
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const std::string& entry = entries[i];
            if (entry.starts_with(k_oid)) {
                const std::string oid = entry.substr(k_oid.size());
                tree.head = oid == "(initial)" ? std::string() : oid;
                continue;
            }
            const int fields = entry.starts_with("1 ")   ? 8
                               : entry.starts_with("2 ") ? 9
                               : entry.starts_with("u ") ? 10
                               : entry.starts_with("? ") ? 1
                                                         : 0;
            std::size_t at = 0;
            for (int f = 0; f < fields && at != std::string::npos; ++f) {
                at = entry.find(' ', at);
                at = at == std::string::npos ? at : at + 1;
            }
            if (fields == 0 || at == std::string::npos) {
                continue;
            }
            tree.changed.push_back(entry.substr(at));
            if (entry.starts_with("2 ") && i + 1 < entries.size()) {
                tree.changed.push_back(entries[++i]);
            }
        }
        return tree;
    }

    /// What `tree`'s changes (work_tree()) change, one line each.
    std::vector<std::string> uncommitted(const WorkTree& tree) {
        std::vector<std::string> out;
        for (const auto& name : tree.changed) {
            const auto before = tree.head.empty() ? std::nullopt : text_at("HEAD", name);
            const auto after = read_file(dir() / name, k_max_data_file_bytes);
            auto lines = describe_file(name, before, after);
            out.insert(out.end(), lines.begin(), lines.end());
        }
        return out;
    }

    /// The changes from commit `from` to commit `to`, one line each.
    std::vector<std::string> changes_between(const std::string& from, const std::string& to) {
        std::vector<std::string> out;
        const std::string names =
            m_git.must({"diff", "--name-only", "-z", "--no-renames", from, to, "--"},
                       "Could not compare two versions.");
        for (const auto& name : lines_of(names, '\0')) {
            auto lines = describe_file(name, text_at(from, name), text_at(to, name));
            out.insert(out.end(), lines.begin(), lines.end());
        }
        return out;
    }

    /// Commits every change in the data folder, whose work tree is `tree` (work_tree()), with
    /// `title` over the lines describing it, dated when the newest changed file was last changed
    /// (so a merge can tell which machine's change is the later one). Says whether it committed,
    /// and the lines (none when no record changed).
    Committed commit_all(const std::string& title, const WorkTree& tree) {
        if (tree.changed.empty()) {
            return {};
        }
        auto lines = uncommitted(tree);
        m_git.must({"add", "-A", "--", "."}, "Could not record the changes.");
        const std::string staged =
            m_git.must({"diff", "--cached", "--name-only", "-z"}, "Could not list the changes.");
        if (staged.empty()) {
            return {};
        }
        std::int64_t newest = 0;
        for (const auto& name : lines_of(staged, '\0')) {
            struct stat st {};
            if (::lstat((dir() / name).c_str(), &st) == 0) {
                newest = std::max<std::int64_t>(newest, st.st_mtim.tv_sec);
            }
        }
        std::string message = lines.size() == 1 ? lines.front() : title;
        if (lines.size() > 1) {
            constexpr std::size_t k_listed = 200;
            message = "bounceback: " + std::to_string(lines.size()) + " changes\n";
            for (std::size_t i = 0; i < lines.size() && i < k_listed; ++i) {
                message += "\n" + lines[i];
            }
            if (lines.size() > k_listed) {
                message += "\nand " + std::to_string(lines.size() - k_listed) + " more";
            }
        }
        // The message goes through a file: a long one is too long for an argument.
        const Folder git_dir = Folder::open_for_output(dir() / ".git");
        write_file_atomically(git_dir, "bounceback-message", message + "\n");
        Git git = m_git;
        if (newest > 0) {
            git.set_env("GIT_AUTHOR_DATE", "@" + std::to_string(newest) + " +0000");
        }
        git.must({"commit", "-q", "--no-verify", "--cleanup=verbatim", "-F",
                  git_dir.path_of("bounceback-message").string()},
                 "Could not record the changes.");
        return Committed{true, std::move(lines)};
    }

    /// When the newest change (not a merge) that `rev` holds was made, in seconds.
    std::int64_t changed_at(const std::string& rev) {
        const auto lines = lines_of(m_git.must({"log", "-1", "--no-merges", "--format=%at", rev},
                                               "Could not read the history."));
        return lines.empty() ? 0 : std::stoll(lines.front());
    }

    /// Refuses (Error(data), before anything local changes) a fetched commit `rev` holding
    /// anything but bounceback's data files, as regular files, of a size bounceback reads, each
    /// of which parses.
    void check_remote(const std::string& rev) {
        const std::string listed = m_git.must({"ls-tree", "-r", "-l", "-z", "--full-tree", rev},
                                              "Could not read what the remote sent.");
        // What HEAD holds, path → object: a file the remote left as it is here needs no reading.
        std::map<std::string, std::string> ours;
        for (const auto& entry :
             lines_of(m_git.must({"ls-tree", "-r", "-z", "--full-tree", "HEAD"},
                                 "Could not read the history."),
                      '\0')) {
            const std::size_t tab = entry.find('\t');
            const auto fields = lines_of(entry.substr(0, tab), ' ');
            if (tab != std::string::npos && fields.size() >= 3) {
                ours[entry.substr(tab + 1)] = fields[2];
            }
        }
        for (const auto& entry : lines_of(listed, '\0')) {
            const std::size_t tab = entry.find('\t');
            if (tab == std::string::npos) {
                continue;
            }
            const std::string name = entry.substr(tab + 1);
            const auto fields = lines_of(entry.substr(0, tab), ' ');
            auto refuse = [&](const std::string& why) {
                throw Error(ExitCode::data,
                            "The remote sent " + name + ", which bounceback does not accept: " +
                                why + ".\nNothing here was changed. The remote may hold files "
                                      "that are not bounceback's; check it before syncing again.");
            };
            if (fields.size() < 4) {
                refuse("git listed it in a way bounceback does not read");
            }
            const std::string& mode = fields[0];
            const std::string& hash = fields[2];
            std::string size_text = fields[3];
            size_text.erase(0, size_text.find_first_not_of(' '));
            if (mode == "120000") {
                refuse("it is a symbolic link");
            }
            if (mode == "160000" || fields[1] != "blob") {
                refuse("it is not a plain file");
            }
            if (mode != "100644") {
                refuse("it is an executable file");
            }
            const bool control = name == ".gitignore" || name == ".gitattributes";
            if (!control && !is_data_path(name)) {
                refuse("it is not one of bounceback's files (kind/YYYY-MM.toml, deleted.toml, "
                       "settings/config.toml or settings/templates/NAME.mustache)");
            }
            if (std::stoull(size_text) > k_max_data_file_bytes) {
                refuse("it is larger than 16 MiB, more than a data file holds");
            }
            if (const auto same = ours.find(name); same != ours.end() && same->second == hash) {
                continue;
            }
            const std::string theirs =
                m_git.must({"cat-file", "blob", hash}, "Could not read what the remote sent.");
            if (control) {
                refuse("it differs from the one bounceback writes");
            }
            try {
                if (name == k_tombstones_file) {
                    tombstones_from_text(theirs, name);
                } else if (name == k_settings_config) {
                    config_from_toml(parse_toml(theirs, name, ExitCode::config), name);
                } else if (!settings_template(name).empty()) {
                    mail::parse_draft(theirs, name);
                } else {
                    with_kind(folder_of(name), [&]<typename Record>() {
                        records_from_text<Record>(theirs, name);
                    });
                }
            } catch (const Error& error) {
                refuse(std::string("it does not read as bounceback data: ") + error.what());
            }
        }
    }

    /// After a merge: one record per uid, one rejection per key, tombstones only for records
    /// that are gone, one record per number, links that follow uids, counters past every number.
    /// Returns the notes for the person.
    std::vector<std::string> settle() {
        // Every record is read through the cache (a merge changes few months); a month about to
        // be written is parsed first, as every writer does, and when it does not hold what the
        // cache said, everything is read again from the files.
        if (auto notes = settle_from(Read::cached)) {
            return *notes;
        }
        return settle_from(Read::parsed).value_or(std::vector<std::string>{});
    }

    /// Every folder 0700 and every file 0600 in the data folder, whatever git or a person's
    /// umask made them. Symbolic links are left alone, never followed.
    void restore_modes() {
        std::error_code ec;
        ::chmod(dir().c_str(), 0700);
        for (auto it = fs::recursive_directory_iterator(dir(), ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const auto status = it->symlink_status(ec);
            if (ec) {
                break;
            }
            if (fs::is_directory(status)) {
                ::chmod(it->path().c_str(), 0700);
            } else if (fs::is_regular_file(status)) {
                ::chmod(it->path().c_str(), 0600);
            }
        }
    }

  private:
    enum class Read { cached, parsed };

    /// settle(), reading the months as `read` says. nullopt, having written nothing, when a
    /// month to be written does not hold the records the cache gave for it.
    std::optional<std::vector<std::string>> settle_from(Read read) {
        std::vector<std::string> notes;
        const Folder folder = data();
        auto tombstones = read_tombstones(folder);
        const auto tombstones_before = tombstones;
        auto counters = read_counters(folder);
        std::map<std::string, std::string> joined; // uid removed → uid kept (same key)
        std::map<std::string, std::int64_t> number_of; // rejection uid → its number
        // The months whose records change: each checks that its file holds what was read, and
        // writes; none writes until every one has checked.
        std::vector<std::function<bool()>> unchanged_since_read;
        std::vector<std::function<void()>> writes;
        for_each_numbered_kind([&]<typename Record>() {
            const auto dir = folder.open_sub(Kind<Record>::folder);
            if (!dir) {
                return;
            }
            const CacheFolder cache(m_store.paths().cache_dir, Kind<Record>::folder);
            auto was = std::make_shared<std::map<std::string, std::vector<Record>>>();
            std::vector<Record> all;
            for (const auto& p : list_partitions(*dir)) {
                auto& month = (*was)[p.name];
                if (read == Read::cached) {
                    read_partition_cached(*dir, p.name, cache, month);
                } else {
                    month = read_partition<Record>(*dir, p.name);
                }
                all.insert(all.end(), month.begin(), month.end());
            }
            // One record per uid.
            std::map<std::string, std::size_t> by_uid;
            std::vector<Record> records;
            for (auto& r : all) {
                std::string key = merge_key(r);
                if (auto it = by_uid.find(key); it != by_uid.end()) {
                    Record& first = records[it->second];
                    const bool first_wins =
                        to_toml_text(to_toml(first)) <= to_toml_text(to_toml(r));
                    first = first_wins ? combine_copies(first, r) : combine_copies(r, first);
                    notes.push_back(record_label(first) +
                                    " was changed on two machines at once; its two copies are "
                                    "now one.");
                    continue;
                }
                by_uid.emplace(std::move(key), records.size());
                records.push_back(std::move(r));
            }
            // One rejection per key: the smallest uid stays (by_uid is in uid order).
            if constexpr (std::is_same_v<Record, Rejection>) {
                std::map<std::string, std::size_t> by_key;
                std::vector<Record> kept;
                for (const auto& [uid, at] : by_uid) {
                    Record& r = records[at];
                    if (!r.key) {
                        kept.push_back(std::move(r));
                        continue;
                    }
                    if (auto it = by_key.find(*r.key); it != by_key.end()) {
                        Record& first = kept[it->second];
                        first = combine_copies(first, r);
                        if (r.uid && first.uid) {
                            joined[*r.uid] = *first.uid;
                            tombstones.push_back(Tombstone{"rejection", *r.uid, r.id,
                                                           util::local_today()});
                        }
                        notes.push_back("The same email was logged on two machines; " +
                                        record_label(first) + " holds it once now.");
                        continue;
                    }
                    by_key.emplace(*r.key, kept.size());
                    kept.push_back(std::move(r));
                }
                records = std::move(kept);
            }
            // A tombstone whose record a merge kept (changed on the other machine) goes.
            tombstones.erase(std::remove_if(tombstones.begin(), tombstones.end(),
                                            [&](const Tombstone& t) {
                                                return t.kind == Kind<Record>::noun &&
                                                       by_uid.count(t.uid) > 0 &&
                                                       !joined.count(t.uid);
                                            }),
                             tombstones.end());
            // One record per number, past every number given out here or on a tombstone.
            std::int64_t highest = 0;
            if (auto it = counters.find(Kind<Record>::noun); it != counters.end()) {
                highest = it->second - 1;
            }
            for (const auto& t : tombstones) {
                if (t.kind == Kind<Record>::noun) {
                    highest = std::max(highest, t.id);
                }
            }
            settle_numbers(records, highest);
            std::int64_t top = highest;
            for (auto& r : records) {
                top = std::max(top, r.id);
                if constexpr (std::is_same_v<Record, Rejection>) {
                    if (r.uid) {
                        number_of[*r.uid] = r.id;
                    }
                }
                if constexpr (std::is_same_v<Record, Reflection>) {
                    if (r.rejection_uid) {
                        if (auto j = joined.find(*r.rejection_uid); j != joined.end()) {
                            r.rejection_uid = j->second;
                        }
                        if (auto n = number_of.find(*r.rejection_uid); n != number_of.end()) {
                            r.rejection = n->second;
                        }
                    }
                }
            }
            if (top > 0) {
                counters[Kind<Record>::noun] =
                    std::max(counters.count(Kind<Record>::noun) ? counters[Kind<Record>::noun] : 1,
                             top + 1);
            }
            // The months whose records change (a month left empty is removed).
            std::map<std::string, std::vector<Record>> months;
            for (const auto& [name, month] : *was) {
                months[name];
            }
            for (auto& r : records) {
                months[partition_name(r.date)].push_back(std::move(r));
            }
            for (auto& [name, month] : months) {
                std::sort(month.begin(), month.end(), Kind<Record>::before);
                const auto before = was->find(name);
                if (before != was->end() && !month.empty() && before->second == month) {
                    continue;
                }
                unchanged_since_read.push_back([dir = *dir, name = name, was, read] {
                    if (read == Read::parsed) {
                        return true;
                    }
                    const auto now = read_partition_snapshot<Record>(dir, name);
                    const auto it = was->find(name);
                    return it == was->end() ? !now.text : now.records == it->second;
                });
                writes.push_back([dir = *dir, name = name, month = std::move(month)]() mutable {
                    write_partition(dir, name, std::move(month));
                });
            }
        });
        for (const auto& unchanged : unchanged_since_read) {
            if (!unchanged()) {
                return std::nullopt;
            }
        }
        for (auto& write : writes) {
            write();
        }
        if (tombstones != tombstones_before ||
            (!tombstones.empty() &&
             read_file(folder, k_tombstones_file) != tombstones_text(tombstones))) {
            write_tombstones(folder, std::move(tombstones));
        }
        if (counters != read_counters(folder)) {
            write_counters(folder, counters);
        }
        // The months of check-ins a merge emptied.
        if (const auto dir = folder.open_sub(Kind<Checkin>::folder)) {
            const CacheFolder cache(m_store.paths().cache_dir, Kind<Checkin>::folder);
            for (const auto& p : list_partitions(*dir)) {
                if (read_partition_cached<Checkin>(*dir, p.name, cache).empty() &&
                    read_partition<Checkin>(*dir, p.name).empty()) {
                    write_partition(*dir, p.name, std::vector<Checkin>{});
                }
            }
        }
        return notes;
    }

    const Store& m_store;
    fs::path m_program;
    Git m_git;
};

} // namespace

bool is_data_path(std::string_view name) {
    return name == k_tombstones_file || name == k_settings_config ||
           !settings_template(name).empty() || !folder_of(name).empty();
}

std::vector<std::string> merge_data_file(const fs::path& base, const fs::path& ours,
                                         const fs::path& theirs, const std::string& name,
                                         Later later) {
    auto text_of = [](const fs::path& path) {
        return read_file(path, k_max_data_file_bytes).value_or("");
    };
    const std::string base_text = text_of(base);
    const std::string our_text = text_of(ours);
    const std::string their_text = text_of(theirs);
    std::string merged;
    std::vector<std::string> notes;
    if (name == k_tombstones_file) {
        auto read = [&](const std::string& text) {
            return text.empty() ? std::vector<Tombstone>{} : tombstones_from_text(text, name);
        };
        const auto in_base = read(base_text);
        auto result = read(our_text);
        const auto in_theirs = read(their_text);
        auto holds = [](const std::vector<Tombstone>& list, const Tombstone& t) {
            return std::find(list.begin(), list.end(), t) != list.end();
        };
        std::vector<Tombstone> out;
        for (const auto& t : result) {
            if (holds(in_theirs, t) || !holds(in_base, t)) {
                out.push_back(t);
            }
        }
        for (const auto& t : in_theirs) {
            if (!holds(result, t) && !holds(in_base, t)) {
                out.push_back(t);
            }
        }
        merged = tombstones_text(std::move(out));
    } else if (name == k_settings_config) {
        auto read = [&](const std::string& text) {
            return text.empty() ? toml::table{} : parse_toml(text, name, ExitCode::config);
        };
        const toml::table result =
            merge_settings(read(base_text), read(our_text), read(their_text), later, notes);
        config_from_toml(result, name); // what is written must read back
        merged = "# Merged by bounceback sync from the settings of several machines.\n" +
                 to_toml_text(result) + "\n";
    } else if (!settings_template(name).empty()) {
        merged = our_text;
        if (our_text != their_text) {
            if (base_text == our_text) {
                merged = their_text;
            } else if (base_text != their_text) {
                merged = later == Later::ours ? our_text : their_text;
                notes.push_back("Settings: both machines changed the template " +
                                settings_template(name) + "; kept the later change.");
            }
        }
    } else {
        const std::string folder = folder_of(name);
        if (folder.empty()) {
            throw Error(ExitCode::data, name + " is not a data file bounceback merges");
        }
        with_kind(folder, [&]<typename Record>() {
            auto read = [&](const std::string& text) {
                return text.empty() ? std::vector<Record>{} : records_from_text<Record>(text, name);
            };
            auto result = merge_records(read(base_text), read(our_text), read(their_text), later);
            merged = partition_text(std::move(result.records));
            notes = std::move(result.notes);
        });
    }
    const fs::path target = fs::absolute(ours);
    const auto dir = Folder::open_for_output(target.parent_path());
    write_file_atomically(dir, target.filename().string(), merged);
    return notes;
}

bool keep_merge_notes(const std::vector<std::string>& notes) {
    const char* path = std::getenv("BOUNCEBACK_MERGE_NOTES");
    if (path == nullptr || *path == '\0') {
        return false;
    }
    std::string text;
    for (const auto& note : notes) {
        text += note + "\n";
    }
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        return false;
    }
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    return written;
}

Later later_side() {
    const char* later = std::getenv("BOUNCEBACK_MERGE_LATER");
    return later != nullptr && std::string_view(later) == "ours" ? Later::ours : Later::theirs;
}

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

bool Sync::initialised() const { return Repo(m_store, m_program).exists(); }

SyncReport Sync::init(const std::optional<std::string>& remote) {
    Repo repo(m_store, m_program);
    repo.data();
    WriteLock lock = m_store.lock();
    SyncReport report;
    if (!repo.exists()) {
        repo.git().must({"init", "-q", "-b", k_branch}, "Could not make the data folder a repository.");
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
    repo.export_settings();
    // Numbers and modes need settling after a merge: one this sync makes, or one made by git
    // alone since the last sync (a plain `git pull`).
    const WorkTree tree = repo.work_tree();
    bool merged_any = report.created || tree.head != repo.last_synced();
    std::optional<std::map<std::string, Known>> before;
    if (merged_any) {
        before = repo.known();
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
        const auto both = lines_of(lines_of(counted.out).empty() ? std::string()
                                                                 : lines_of(counted.out).front(),
                                   '\t');
        const bool ahead = !remote_has_main || both.size() != 2 || both[0] != "0";
        const bool behind = remote_has_main && both.size() == 2 && both[1] != "0";
        bool changed_here = false;
        if (behind) {
            repo.check_remote(k_remote_branch);
            if (!before) {
                before = repo.known();
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
            const GitResult merged =
                repo.git().run({"merge", "-q", "--no-edit", "--no-verify",
                                "--allow-unrelated-histories", "-m",
                                "bounceback: merge with " + *report.remote, k_remote_branch});
            if (merged.status != 0 &&
                !repo.resolve_conflicts(later_of(ours_later), report.notes)) {
                repo.recover();
                throw Error(ExitCode::data,
                            "The changes from the remote could not be merged; nothing here was "
                            "changed.\ngit said: " +
                                (lines_of(merged.err).empty() ? merged.out
                                                              : lines_of(merged.err).back()));
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
            auto settled = repo.settle();
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
            throw Error(ExitCode::io, "Could not send the changes to " + *report.remote +
                                          ".\ngit said: " +
                                          (lines_of(pushed.err).empty()
                                               ? std::string("nothing")
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
        auto settled = repo.settle();
        report.notes.insert(report.notes.end(), settled.begin(), settled.end());
        repo.commit_all("bounceback: settle numbers", repo.work_tree());
    }
    repo.import_settings();
    if (before) {
        for (const auto& [uid, now] : repo.known()) {
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
