#include "bounceback/storage/doctor.hpp"

#include "bounceback/core/config.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/core/stats.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/lock.hpp"
#include "bounceback/storage/store.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "counters.hpp"
#include "move_intent.hpp"
#include "repair.hpp"
#include "partition.hpp"

#include <algorithm>
#include <map>
#include <cstdio>
#include <ctime>
#include <optional>
#include <sys/stat.h>

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
        check_private(m_paths.data_dir, true);
        collect_temp_files(m_paths.data_dir);
        if (m_paths.config_dir != m_paths.data_dir) { // under --home they are one folder
            check_private(m_paths.config_dir, true);
            collect_temp_files(m_paths.config_dir);
        }
        check_config();
        check_kind<Rejection>();
        check_kind<Win>();
        check_kind<Reflection>();
        check_kind<Checkin>();
        check_counters();
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

    void check_private(const fs::path& path, bool folder) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) {
            return;
        }
        if (S_ISLNK(st.st_mode)) {
            check_linked_private(path, folder);
            return;
        }
        if ((st.st_mode & 077) != 0) {
            add(Severity::problem, path.string() + ": readable by others (mode " +
                                       mode_text(st.st_mode) + "); run: chmod " +
                                       (folder ? "700 " : "600 ") + path.string() +
                                       " (or bounceback doctor --fix)");
        }
    }

    /// A folder or file that is a symbolic link: a link's own mode means nothing (and chmod on
    /// it changes what it points to), so the advice names the real place.
    void check_linked_private(const fs::path& link, bool folder) {
        struct stat target {};
        if (::stat(link.c_str(), &target) != 0 || (target.st_mode & 077) == 0) {
            return; // a link to nothing is reported where it is read
        }
        std::error_code ec;
        const fs::path real = fs::canonical(link, ec);
        const std::string where = ec ? "what it points to" : real.string();
        add(Severity::problem, link.string() + ": a link to " + where +
                                   ", which is readable by others (mode " +
                                   mode_text(target.st_mode) + "); if that is yours to change, "
                                   "run: chmod " + (folder ? "700 " : "600 ") + where +
                                   " (doctor --fix does not change what a link points to)");
    }

    static std::string mode_text(mode_t mode) {
        char text[8];
        std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
        return text;
    }

    void check_config() {
        try {
            if (auto table = load_toml(m_paths.config_file, ExitCode::config)) {
                ++m_report.files_checked;
                check_private(m_paths.config_file, false);
                const Config config = config_from_toml(*table, m_paths.config_file.string());
                signal_thresholds(config); // [signals] keys and ranges, as `stats` checks them
            }
        } catch (const Error& error) {
            add(Severity::problem, error.what());
        }
    }

    void check_counters() {
        const fs::path path = m_store.counters_file();
        std::map<std::string, std::int64_t> counters;
        try {
            if (!fs::exists(path)) {
                return;
            }
            ++m_report.files_checked;
            check_private(path, false);
            counters = detail::read_counters(path);
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

    template <typename Record> void check_kind() {
        const fs::path dir = m_paths.data_dir / Kind<Record>::folder;
        if (!fs::is_directory(dir)) {
            return;
        }
        check_private(dir, true);
        std::map<std::string, std::string> seen; // identity -> where
        std::map<std::string, std::int64_t> seen_keys;
        collect_temp_files(dir);
        std::vector<fs::path> partition_paths;
        for (const auto& p : detail::list_partitions(dir)) {
            partition_paths.push_back(p.path);
        }
        for (const auto& entry : fs::directory_iterator(dir)) {
            const fs::path& path = entry.path();
            if (!is_temp_file_name(path.filename().string()) &&
                std::find(partition_paths.begin(), partition_paths.end(), path) ==
                    partition_paths.end()) {
                add(Severity::note,
                    path.string() + ": not a YYYY-MM.toml file; bounceback ignores it");
            }
        }
        for (const auto& path : partition_paths) {
            ++m_report.files_checked;
            check_private(path, false);
            std::optional<toml::table> doc;
            std::vector<const toml::table*> tables;
            try {
                doc = load_data_file(path);
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
                    check_record(r, *table, path, dir, seen, seen_keys);
                } catch (const Error& error) {
                    add(Severity::problem, error.what());
                }
            }
        }
    }

    template <typename Record>
    void check_record(const Record& r, const toml::table& table, const fs::path& path,
                      const fs::path& dir, std::map<std::string, std::string>& seen,
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
        const fs::path home = detail::partition_path(dir, r.date);
        if (home != path) {
            add(Severity::problem, where + ": " + identity + " is dated " +
                                       util::format_date(r.date) + " but sits in " +
                                       path.filename().string() + "; move it to " +
                                       home.filename().string() + " so date ranges find it");
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

    void collect_temp_files(const fs::path& dir) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (is_temp_file_name(entry.path().filename().string())) {
                m_temp_files.push_back(entry.path());
            }
        }
    }

    void report_temp_files() {
        for (const auto& path : m_temp_files) {
            add(Severity::note, path.string() +
                                    ": a temp file left by an interrupted write (the data file "
                                    "it was replacing is intact); `bounceback doctor --fix` "
                                    "removes it");
        }
    }

    /// Temp files in the cache folder, left by a reader that died while saving a cache file.
    void report_cache_temp_files() {
        for (const auto& path : detail::cache_temp_files(m_paths)) {
            add(Severity::note, path.string() +
                                    ": a temp file of the cache left by an interrupted "
                                    "command; `bounceback doctor --fix` removes it");
        }
    }

    /// A move to another month that a stopped command began (move_intent.hpp).
    void check_pending_move() {
        const fs::path intent = detail::move_intent_path(m_paths.data_dir);
        try {
            if (auto move = detail::read_pending_move(m_paths.data_dir)) {
                ++m_report.files_checked;
                check_private(intent, false);
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
    std::map<std::string, std::int64_t> m_max_ids;
    std::vector<fs::path> m_temp_files;
};

} // namespace

CheckReport check_home(const Paths& paths, const CheckOptions& options) {
    std::vector<Finding> fixed;
    std::optional<WriteLock> lock;
    if (options.fix && fs::is_directory(paths.data_dir)) {
        // Repairs and the check after them under one lock: what is reported is what stays.
        lock.emplace(Store(paths).lock_file());
        fixed = detail::repair_home(paths);
    }
    CheckReport report = Checker(paths, options.today).run();
    report.findings.insert(report.findings.begin(), fixed.begin(), fixed.end());
    return report;
}

} // namespace bb::storage
