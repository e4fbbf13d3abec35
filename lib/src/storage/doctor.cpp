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
#include "counters.hpp"
#include "partition.hpp"

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <map>
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
    explicit Checker(const Paths& paths) : m_paths(paths), m_store(paths) {}

    CheckReport run() {
        // Only folders that pass the checks are looked into, and only files in them are ever
        // removed: nothing outside the folders checked here is touched.
        m_data = open_checked(m_paths.data_dir);
        m_config = m_paths.config_dir == m_paths.data_dir ? m_data
                                                          : open_checked(m_paths.config_dir);
        if (m_config) {
            open_checked_sub(*m_config, m_paths.templates_dir.filename().string());
        }
        if (m_data) {
            collect_temp_files(*m_data);
        }
        if (m_config && m_paths.config_dir != m_paths.data_dir) {
            collect_temp_files(*m_config);
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

    /// The folder at `path` when it exists and is private (Folder); a problem otherwise.
    std::optional<Folder> open_checked(const fs::path& path) {
        try {
            auto folder = Folder::open_private(path);
            if (folder) {
                check_private(folder->fd(), "", folder->path(), true);
            }
            return folder;
        } catch (const Error& error) {
            add(Severity::problem, error.what());
            return std::nullopt;
        }
    }

    /// The folder `name` in `parent` when it exists and is private; a problem otherwise.
    std::optional<Folder> open_checked_sub(const Folder& parent, const std::string& name) {
        try {
            auto folder = parent.open_sub(name);
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
    /// may read it; `path` names it.
    void check_private(int dir, const std::string& name, const fs::path& path, bool folder) {
        struct stat st {};
        const int rc = name.empty() ? ::fstat(dir, &st)
                                    : ::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW);
        if (rc != 0) {
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
        if (!m_config) {
            return;
        }
        const std::string name = m_paths.config_file.filename().string();
        try {
            if (auto table = load_data_file(*m_config, name, ExitCode::config)) {
                ++m_report.files_checked;
                check_private(m_config->fd(), name, m_paths.config_file, false);
                const Config config = config_from_toml(*table, m_paths.config_file.string());
                signal_thresholds(config); // [signals] keys and ranges, as `stats` checks them
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

    template <typename Record> void check_kind() {
        const auto dir = m_data ? open_checked_sub(*m_data, Kind<Record>::folder) : std::nullopt;
        if (!dir) {
            return;
        }
        std::map<std::string, std::string> seen; // identity -> where
        std::map<std::string, std::int64_t> seen_keys;
        collect_temp_files(*dir);
        std::vector<std::string> partition_names;
        for (const auto& p : detail::list_partitions(*dir)) {
            partition_names.push_back(p.name);
        }
        for (const auto& name : dir->names()) {
            if (!is_temp_file_name(name) &&
                std::find(partition_names.begin(), partition_names.end(), name) ==
                    partition_names.end()) {
                add(Severity::note,
                    dir->path_of(name).string() + ": not a YYYY-MM.toml file; bounceback ignores it");
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
                    (Kind<Record>::has_id ? "; give one of them a new ID (above every other)"
                                          : "; keep one of them"));
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

    /// A temp file left in a checked folder.
    struct TempFile {
        Folder dir;
        std::string name;
    };

    /// Notes the temp files in the checked folder `dir`. Only plain files: a folder or anything
    /// else named like one is left alone (and said so), never removed.
    void collect_temp_files(const Folder& dir) {
        std::vector<std::string> names;
        try {
            names = dir.names();
        } catch (const Error&) {
            return;
        }
        for (const auto& name : names) {
            const fs::path path = dir.path_of(name);
            if (is_temp_file_name(name)) {
                if (is_plain_file(dir, name)) {
                    m_temp_files.push_back(TempFile{dir, name});
                } else {
                    add(Severity::note, path.string() +
                                            ": named like a temp file of bounceback's but not a "
                                            "file; left alone");
                }
            } else if (name.starts_with(".edit-") && name.ends_with(".toml")) {
                // Not removed: an edit may still be open in another terminal.
                add(Severity::note, path.string() +
                                        ": left by a `log edit` that did not finish; remove it "
                                        "unless an edit is open right now");
            }
        }
    }

    static bool is_plain_file(const Folder& dir, const std::string& name) {
        struct stat st {};
        return ::fstatat(dir.fd(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
               S_ISREG(st.st_mode);
    }

    void remove_leftover_temp_files() {
        if (m_temp_files.empty()) {
            return;
        }
        // Under the lock no writer is mid-write, so every temp file left is from one that died.
        WriteLock lock = m_store.lock();
        for (const auto& file : m_temp_files) {
            if (is_plain_file(file.dir, file.name)) {
                remove_file_durably(file.dir, file.name);
                add(Severity::fixed, file.dir.path_of(file.name).string() +
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
        const auto cache = open_checked(m_paths.cache_dir);
        if (!cache) {
            return;
        }
        for (const char* kind : {Kind<Rejection>::folder, Kind<Win>::folder,
                                 Kind<Reflection>::folder, Kind<Checkin>::folder}) {
            const auto folder = open_checked_sub(*cache, kind);
            std::vector<std::string> names;
            try {
                if (folder) {
                    names = folder->names();
                }
            } catch (const Error&) {
                continue;
            }
            for (const auto& name : names) {
                if (is_temp_file_name(name) && is_plain_file(*folder, name) &&
                    ::unlinkat(folder->fd(), name.c_str(), 0) == 0) {
                    add(Severity::fixed, folder->path_of(name).string() +
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
    std::optional<Folder> m_data;
    std::optional<Folder> m_config;
    std::map<std::string, std::int64_t> m_max_ids;
    std::vector<TempFile> m_temp_files;
};

} // namespace

CheckReport check_home(const Paths& paths) {
    return Checker(paths).run();
}

} // namespace bb::storage
