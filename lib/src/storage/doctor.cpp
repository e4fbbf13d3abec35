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
#include "partition.hpp"

#include <algorithm>
#include <map>
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
    explicit Checker(const Paths& paths) : m_paths(paths), m_store(paths) {}

    CheckReport run() {
        check_private(m_paths.data_dir, true);
        check_private(m_paths.config_dir, true);
        collect_temp_files(m_paths.data_dir);
        if (m_paths.config_dir != m_paths.data_dir) {
            collect_temp_files(m_paths.config_dir);
        }
        check_config();
        check_kind<Rejection>();
        check_kind<Win>();
        check_kind<Reflection>();
        check_kind<Checkin>();
        check_counters();
        remove_leftover_temp_files();
        remove_cache_temp_files();
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
        if ((st.st_mode & 077) != 0) {
            char mode[8];
            std::snprintf(mode, sizeof mode, "%04o", st.st_mode & 07777);
            add(Severity::problem, path.string() + ": readable by others (mode " + mode +
                                       "); run: chmod " + (folder ? "700 " : "600 ") +
                                       path.string());
        }
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
                    (Kind<Record>::has_id ? "; give one of them a new ID (above every other)"
                                          : "; keep one of them"));
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
            const std::string name = entry.path().filename().string();
            if (is_temp_file_name(name)) {
                m_temp_files.push_back(entry.path());
            } else if (name.starts_with(".edit-") && name.ends_with(".toml")) {
                // Not removed: an edit may still be open in another terminal.
                add(Severity::note, entry.path().string() +
                                        ": left by a `log edit` that did not finish; remove it "
                                        "unless an edit is open right now");
            }
        }
    }

    void remove_leftover_temp_files() {
        if (m_temp_files.empty()) {
            return;
        }
        // Under the lock no writer is mid-write, so every temp file left is from one that died.
        WriteLock lock = m_store.lock();
        for (const auto& path : m_temp_files) {
            if (fs::exists(path)) {
                remove_file_durably(path);
                add(Severity::fixed, path.string() +
                                         ": removed a temp file left by an interrupted write "
                                         "(the data file it was replacing is intact)");
            }
        }
    }

    /// Temp files in the cache folder, left by a reader that died while saving a cache file.
    /// Readers save without the lock, so one may be writing right now: removing its temp file
    /// only makes its rename fail, which it ignores (the cache is derived, never needed).
    void remove_cache_temp_files() {
        if (m_paths.cache_dir.empty()) {
            return;
        }
        std::error_code ec;
        for (const auto& folder : fs::directory_iterator(m_paths.cache_dir, ec)) {
            std::error_code inner;
            for (const auto& entry : fs::directory_iterator(folder.path(), inner)) {
                std::error_code removed;
                if (is_temp_file_name(entry.path().filename().string()) &&
                    fs::remove(entry.path(), removed)) {
                    add(Severity::fixed, entry.path().string() +
                                             ": removed a temp file of the cache left by an "
                                             "interrupted command (the cache is derived from "
                                             "the data; nothing was lost)");
                }
            }
        }
    }

    const Paths& m_paths;
    Store m_store;
    CheckReport m_report;
    std::map<std::string, std::int64_t> m_max_ids;
    std::vector<fs::path> m_temp_files;
};

} // namespace

CheckReport check_home(const Paths& paths) {
    return Checker(paths).run();
}

} // namespace bb::storage
