#include "bounceback/storage/doctor.hpp"

#include "bounceback/core/config.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/core/stats.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/folder.hpp"
#include "bounceback/storage/lock.hpp"
#include "bounceback/storage/store.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "bounceback/storage/tombstones.hpp"
#include "counters.hpp"
#include "move_intent.hpp"
#include "repair.hpp"
#include "partition.hpp"

#include <algorithm>
#include <map>
#include <cstdio>
#include <ctime>
#include <optional>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bb::storage {

namespace fs = std::filesystem;
using detail::Kind;
using Severity = Finding::Severity;

bool CheckReport::has_problems() const {
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.severity == Severity::problem; });
}

namespace {

class Checker {
  public:
    Checker(const Paths& paths, Date today) : m_paths(paths), m_store(paths), m_today(today) {}

    CheckReport run() {
        // Only folders that pass the checks are looked into, and only files in them are ever
        // removed (by --fix): nothing outside the folders checked here is touched.
        m_data = open_checked(m_paths.data_dir);
        m_config = m_paths.config_dir == m_paths.data_dir // under --home they are one folder
                       ? m_data
                       : open_checked(m_paths.config_dir);
        if (m_config) {
            open_checked_sub(*m_config, m_paths.templates_dir.filename().string());
        }
        if (const auto cache = open_checked(m_paths.cache_dir)) {
            for (const char* kind : {Kind<Rejection>::folder, Kind<Win>::folder,
                                     Kind<Reflection>::folder, Kind<Checkin>::folder}) {
                open_checked_sub(*cache, kind);
            }
        }
        check_config();
        check_kind<Rejection>();
        check_kind<Win>();
        check_kind<Reflection>();
        check_kind<Checkin>();
        check_counters();
        check_tombstones();
        check_pending_move();
        report_temp_files();
        report_cache_temp_files();
        report_kept_edits();
        drop_repeated_findings();
        return std::move(m_report);
    }

  private:
    void add(Severity severity, std::string message) {
        m_report.findings.push_back(Finding{severity, std::move(message)});
    }

    /// The folder at `path` when it exists and is private (Folder); a problem otherwise.
    std::optional<Folder> open_checked(const fs::path& path) {
        if (path.empty()) {
            return std::nullopt;
        }
        return checked([&] { return Folder::open_private(path); });
    }

    /// The folder `name` in `parent` when it exists and is private; a problem otherwise.
    std::optional<Folder> open_checked_sub(const Folder& parent, const std::string& name) {
        return checked([&] { return parent.open_sub(name); });
    }

    /// The folder `open` opens (nullopt when missing), its mode checked; a problem when it
    /// cannot be opened or is not private.
    template <typename Open> std::optional<Folder> checked(Open open) {
        try {
            auto folder = open();
            if (folder) {
                check_private(folder->fd(), "", folder->path(), true);
            }
            return folder;
        } catch (const Error& error) {
            add(Severity::problem, error.what());
            return std::nullopt;
        }
    }

    /// Reports `name` in the folder `dir` (the folder itself when `name` is empty) when others
    /// may read it; `path` names it. A link there is reported where it is read.
    void check_private(int dir, const std::string& name, const fs::path& path, bool folder) {
        struct stat st {};
        const int rc = name.empty() ? ::fstat(dir, &st)
                                    : ::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW);
        if (rc != 0 || S_ISLNK(st.st_mode)) {
            return;
        }
        if ((st.st_mode & 077) != 0) {
            add(Severity::problem, path.string() + ": readable by others (mode " +
                                       mode_text(st.st_mode) + "); run: chmod " +
                                       (folder ? "700 " : "600 ") + path.string() +
                                       " (or bounceback doctor --fix)");
        }
    }

    static std::string mode_text(mode_t mode) {
        char text[8];
        std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
        return text;
    }

    void check_config() {
        if (!m_config) {
            return;
        }
        const std::string name = m_paths.config_file.filename().string();
        try {
            if (auto table = load_data_file(*m_config, name, ExitCode::config)) {
                ++m_report.files_checked;
                check_private(m_config->fd(), name, m_paths.config_file, false);
                config_from_toml(*table, m_paths.config_file.string());
            }
        } catch (const Error& error) {
            add(Severity::problem, error.what());
        }
    }

    void check_counters() {
        if (!m_data) {
            return;
        }
        const fs::path path = m_data->path_of(detail::k_counters_file);
        std::map<std::string, std::int64_t> counters;
        try {
            struct stat st {};
            if (::fstatat(m_data->fd(), detail::k_counters_file, &st, AT_SYMLINK_NOFOLLOW) != 0) {
                return;
            }
            ++m_report.files_checked;
            check_private(m_data->fd(), detail::k_counters_file, path, false);
            counters = detail::read_counters(*m_data);
        } catch (const Error& error) {
            add(Severity::problem, std::string(error.what()) +
                                       " (fix the file: each next.KIND must be above every ID "
                                       "that kind has ever had, so none is given out twice)");
            return;
        }
        for (const auto& [kind, max_id] : m_max_ids) {
            auto it = counters.find(kind);
            if (it != counters.end() && it->second <= max_id) {
                add(Severity::problem,
                    path.string() + ": next." + kind + " is " + std::to_string(it->second) +
                        " but ID " + std::to_string(max_id) + " exists; set next." + kind + " = " +
                        std::to_string(max_id + 1) + " so no ID is given out twice");
            }
        }
    }

    /// deleted.toml, which `bounceback sync` and the removing commands keep.
    void check_tombstones() {
        if (!m_data) {
            return;
        }
        struct stat st {};
        if (::fstatat(m_data->fd(), k_tombstones_file, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            return;
        }
        ++m_report.files_checked;
        try {
            check_private(m_data->fd(), k_tombstones_file, m_data->path_of(k_tombstones_file),
                          false);
            read_tombstones(*m_data);
        } catch (const Error& error) {
            add(Severity::problem,
                std::string(error.what()) +
                    " (fix the file: it lists removed records so that a sync removes them on "
                    "every machine)");
        }
    }

    template <typename Record> void check_kind() {
        const auto dir = m_data ? open_checked_sub(*m_data, Kind<Record>::folder) : std::nullopt;
        if (!dir) {
            return;
        }
        std::map<std::string, std::string> seen; // identity -> where
        std::map<std::string, std::int64_t> seen_keys;
        std::vector<std::string> partition_names;
        for (const auto& p : detail::list_partitions(*dir)) {
            partition_names.push_back(p.name);
        }
        for (const auto& name : dir->names()) {
            if (!is_temp_file_name(name) &&
                std::find(partition_names.begin(), partition_names.end(), name) ==
                    partition_names.end()) {
                add(Severity::note, dir->path_of(name).string() +
                                        ": not a YYYY-MM.toml file; bounceback ignores it");
            }
        }
        for (const auto& name : partition_names) {
            const fs::path path = dir->path_of(name);
            ++m_report.files_checked;
            check_private(dir->fd(), name, path, false);
            std::optional<toml::table> doc;
            std::vector<const toml::table*> tables;
            try {
                doc = load_data_file(*dir, name);
                if (!doc) {
                    continue;
                }
                tables = detail::partition_tables(*doc, path, Kind<Record>::table);
            } catch (const Error& error) {
                add(Severity::problem, std::string(error.what()) +
                                           " (fix the file; until then, commands that need "
                                           "this month refuse to change it)");
                continue;
            }
            for (const toml::table* table : tables) {
                try {
                    Record r = Kind<Record>::decode(*table, path.string());
                    ++m_report.records_checked;
                    check_record(r, *table, path, seen, seen_keys);
                } catch (const Error& error) {
                    add(Severity::problem, error.what());
                }
            }
        }
    }

    template <typename Record>
    void check_record(const Record& r, const toml::table& table, const fs::path& path,
                      std::map<std::string, std::string>& seen,
                      std::map<std::string, std::int64_t>& seen_keys) {
        const std::string where = position(path.string(), table.source());
        const std::string identity = Kind<Record>::identity(r);
        if constexpr (Kind<Record>::has_id) {
            auto& max_id = m_max_ids[Kind<Record>::noun];
            max_id = std::max(max_id, r.id);
        }
        if (auto [it, fresh] = seen.emplace(identity, where); !fresh) {
            add(Severity::problem,
                where + ": " + identity + " is also at " + it->second +
                    (Kind<Record>::has_id
                         ? "; until one of them has a new ID, commands refuse to guess which "
                           "one you mean (`bounceback doctor --fix` gives it one)"
                         : "; keep one of them"));
        }
        if constexpr (Kind<Record>::has_id) {
            if (auto reason = check_entry_dates(r, m_today); !reason.empty()) {
                add(Severity::problem, where + ": " + identity + ": " + reason +
                                           (std::is_same_v<Record, Rejection>
                                                ? " (bounceback log edit " +
                                                      std::to_string(r.id) + " --date DATE)"
                                                : " (fix it in the file)"));
            }
        }
        const std::string home = detail::partition_name(r.date);
        if (home != path.filename().string()) {
            add(Severity::problem, where + ": " + identity + " is dated " +
                                       util::format_date(r.date) + " but sits in " +
                                       path.filename().string() + "; move it to " + home +
                                       " so date ranges find it");
        }
        if constexpr (std::is_same_v<Record, Rejection>) {
            if (r.key) {
                if (auto [it, fresh] = seen_keys.emplace(*r.key, r.id); !fresh) {
                    add(Severity::problem,
                        where + ": key '" + *r.key + "' is also used by rejection " +
                            std::to_string(it->second) + "; keys must be unique (remove one)");
                }
            }
        }
    }

    /// A folder (or anything but a plain file) named like a temp file: never removed.
    void report_not_a_temp_file(const detail::TempFile& file) {
        add(Severity::note, file.path().string() +
                                ": named like a temp file of bounceback's but not a file; "
                                "left alone");
    }

    void report_temp_files() {
        for (const auto& file : detail::data_temp_files(m_paths)) {
            if (!file.plain) {
                report_not_a_temp_file(file);
                continue;
            }
            add(Severity::note, file.path().string() +
                                    ": a temp file left by an interrupted write (the data file "
                                    "it was replacing is intact); `bounceback doctor --fix` "
                                    "removes it");
        }
    }

    /// Temp files in the cache folder, left by a reader that died while saving a cache file.
    void report_cache_temp_files() {
        for (const auto& file : detail::cache_temp_files(m_paths)) {
            if (!file.plain) {
                report_not_a_temp_file(file);
                continue;
            }
            add(Severity::note, file.path().string() +
                                    ": a temp file of the cache left by an interrupted "
                                    "command; `bounceback doctor --fix` removes it");
        }
    }

    /// A move to another month that a stopped command began (move_intent.hpp).
    void check_pending_move() {
        if (!m_data) {
            return;
        }
        const fs::path intent = detail::move_intent_path(m_paths.data_dir);
        try {
            if (auto move = detail::read_pending_move(*m_data)) {
                ++m_report.files_checked;
                check_private(m_data->fd(), detail::k_move_intent_name, intent, false);
                add(Severity::note,
                    intent.string() + ": moving " + move->describe() +
                        " was cut short; every command reads the " + move->table +
                        " in its new month, and the next one that changes anything (or "
                        "`bounceback doctor --fix`) finishes the move");
            }
        } catch (const Error& error) {
            add(Severity::problem, error.what());
        }
    }

    /// The text of edits that ended unsaved (EditSession in the command line), offered back.
    void report_kept_edits() {
        if (!m_data) {
            return;
        }
        for (const auto& kept : kept_edits(m_paths.data_dir)) {
            char when[32] = "";
            const std::time_t t = static_cast<std::time_t>(kept.modified);
            std::tm local{};
            localtime_r(&t, &local);
            std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &local);
            const auto topic = edit_topic(kept.stem);
            add(Severity::note,
                kept.path.string() + ": the text of an edit" +
                    (topic ? " of " + topic->what : std::string()) + " that was not saved (" +
                    when + "); " +
                    (topic ? "`" + topic->resume + "` offers to continue from it, or "
                           : std::string()) +
                    "remove the file when you no longer need it");
        }
    }

    /// One line per finding: the same folder can be reached twice (e.g. under --home).
    void drop_repeated_findings() {
        std::vector<Finding> unique;
        for (auto& f : m_report.findings) {
            if (std::none_of(unique.begin(), unique.end(),
                             [&](const Finding& u) { return u.message == f.message; })) {
                unique.push_back(std::move(f));
            }
        }
        m_report.findings = std::move(unique);
    }

    const Paths& m_paths;
    Store m_store;
    Date m_today;
    CheckReport m_report;
    std::optional<Folder> m_data;
    std::optional<Folder> m_config;
    std::map<std::string, std::int64_t> m_max_ids;
};

} // namespace

CheckReport check_home(const Paths& paths, const CheckOptions& options) {
    std::vector<Finding> fixed;
    std::optional<WriteLock> lock;
    if (options.fix && fs::is_directory(paths.data_dir)) {
        // Repairs and the check after them under one lock: what is reported is what stays.
        try {
            lock.emplace(Store(paths).make_data_folder());
            fixed = detail::repair_home(paths);
        } catch (const FolderNotPrivate&) {
            // Not a folder bounceback may work in: nothing is repaired; the check says why.
        }
    }
    CheckReport report = Checker(paths, options.today).run();
    report.findings.insert(report.findings.begin(), fixed.begin(), fixed.end());
    return report;
}

} // namespace bb::storage
