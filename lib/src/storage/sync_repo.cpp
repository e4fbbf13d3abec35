#include "sync_repo.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/sync.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "sync_files.hpp"

#include <algorithm>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage::detail {

namespace fs = std::filesystem;

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

std::string sh_quote(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

} // namespace

bool Repo::exists() const {
    struct stat st {};
    return ::lstat((dir() / ".git").c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::map<std::string, std::string> Repo::config() {
    std::map<std::string, std::string> out;
    for (const auto& entry : lines_of(
             m_git.must({"config", "-z", "--list"}, "Could not read the repository's settings."),
             '\0')) {
        const std::size_t newline = entry.find('\n');
        out[entry.substr(0, newline)] =
            newline == std::string::npos ? std::string() : entry.substr(newline + 1);
    }
    return out;
}

std::optional<std::string> Repo::remote(const std::map<std::string, std::string>& config) {
    const auto it = config.find("remote.origin.url");
    return it == config.end() || it->second.empty() ? std::nullopt
                                                    : std::optional<std::string>(it->second);
}

void Repo::recover() {
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

void Repo::set_up(const std::map<std::string, std::string>& config) {
    const Folder folder = data();
    for (const auto& [name, text] :
         {std::pair{".gitignore", k_gitignore}, std::pair{".gitattributes", k_gitattributes}}) {
        if (read_file(folder, name) != std::string(text)) {
            write_file_atomically(folder, name, text);
        }
    }
    const std::pair<const char*, std::string> wanted[] = {
        {"merge.bounceback.name", "bounceback: record by record"},
        {"merge.bounceback.driver", sh_quote(m_program.string()) + " __merge-driver %O %A %B %P"},
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

bool Repo::resolve_conflicts(Later later, std::vector<std::string>& notes) {
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

void Repo::mark_merging(const std::string& head) {
    write_file_atomically(Folder::open_for_output(dir() / ".git"), k_merging_marker, head + "\n");
}

void Repo::unmark_merging() {
    remove_file_durably(Folder::open_for_output(dir() / ".git"), k_merging_marker);
}

std::string Repo::head() {
    const auto result = m_git.run({"rev-parse", "-q", "--verify", "HEAD"});
    const auto lines = lines_of(result.out);
    return result.status == 0 && !lines.empty() ? lines.front() : std::string();
}

std::string Repo::last_synced() {
    const auto text = read_file(dir() / ".git" / k_synced_marker, 256);
    const auto lines = text ? lines_of(*text) : std::vector<std::string>{};
    return lines.empty() ? std::string() : lines.front();
}

void Repo::synced(const std::string& head) {
    write_file_atomically(Folder::open_for_output(dir() / ".git"), k_synced_marker, head + "\n");
}

std::optional<std::string> Repo::text_at(const std::string& rev, const std::string& name) {
    auto result = m_git.run({"cat-file", "blob", rev + ":" + name});
    return result.status == 0 ? std::optional<std::string>(std::move(result.out)) : std::nullopt;
}

WorkTree Repo::work_tree() {
    WorkTree tree;
    const auto entries =
        lines_of(m_git.must({"status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all"},
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

std::vector<std::string> Repo::uncommitted(const WorkTree& tree) {
    std::vector<std::string> out;
    for (const auto& name : tree.changed) {
        const auto before = tree.head.empty() ? std::nullopt : text_at("HEAD", name);
        const auto after = read_file(dir() / name, k_max_data_file_bytes);
        auto lines = describe_file(name, before, after);
        out.insert(out.end(), lines.begin(), lines.end());
    }
    return out;
}

std::vector<std::string> Repo::changes_between(const std::string& from, const std::string& to) {
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

Committed Repo::commit_all(const std::string& title, const WorkTree& tree) {
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

std::int64_t Repo::changed_at(const std::string& rev) {
    const auto lines = lines_of(m_git.must({"log", "-1", "--no-merges", "--format=%at", rev},
                                           "Could not read the history."));
    return lines.empty() ? 0 : std::stoll(lines.front());
}

void Repo::restore_modes() {
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

} // namespace bb::storage::detail
