#include "repair.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/store.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "counters.hpp"
#include "move_intent.hpp"
#include "partition.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <set>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

namespace bb::storage::detail {

namespace fs = std::filesystem;
using Severity = Finding::Severity;

namespace {

/// Whether two records say the same thing, whatever their identities (a copy made by hand, or
/// before identities, got one of its own).
template <typename Record> bool same_but_identity(const Record& a, const Record& b) {
    toml::table left = to_toml(a);
    toml::table right = to_toml(b);
    for (const char* key : {"uid", "rejection_uid"}) {
        left.erase(key);
        right.erase(key);
    }
    return left == right;
}

/// The files of the checked folder `dir` named like temp files, into `out`.
void temp_files_in(const std::optional<Folder>& dir, std::vector<TempFile>& out) {
    if (!dir) {
        return;
    }
    std::vector<std::string> names;
    try {
        names = dir->names();
    } catch (const Error&) {
        return;
    }
    for (auto& name : names) {
        if (is_temp_file_name(name)) {
            struct stat st {};
            const bool plain = ::fstatat(dir->fd(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                               S_ISREG(st.st_mode);
            out.push_back(TempFile{*dir, std::move(name), plain});
        }
    }
}

/// The private folder at `path`, nullopt when it is missing or does not pass the checks (the
/// check reports it).
std::optional<Folder> checked_folder(const fs::path& path) {
    try {
        return Folder::open_private(path);
    } catch (const Error&) {
        return std::nullopt;
    }
}

/// The private folder `name` in `dir`, like checked_folder().
std::optional<Folder> checked_sub(const std::optional<Folder>& dir, const char* name) {
    try {
        return dir ? dir->open_sub(name) : std::nullopt;
    } catch (const Error&) {
        return std::nullopt;
    }
}

constexpr const char* k_kind_folders[] = {Kind<Rejection>::folder, Kind<Win>::folder,
                                          Kind<Reflection>::folder, Kind<Checkin>::folder};

/// A record with the place it was read from.
template <typename Record> struct Placed {
    Record record;
    fs::path file;
    std::int64_t line = 0;
    bool removed = false;

    std::string where() const { return file.string() + ":" + std::to_string(line); }
};

/// Every record of `Record`'s kind in `dir`, with its place; nullopt when a file does not parse
/// (the check reports it; nothing of that kind is repaired until it is fixed).
template <typename Record>
std::optional<std::vector<Placed<Record>>> read_placed(const std::optional<Folder>& dir) {
    std::vector<Placed<Record>> out;
    if (!dir) {
        return out;
    }
    try {
        for (const auto& p : list_partitions(*dir)) {
            auto doc = load_data_file(*dir, p.name);
            if (!doc) {
                continue;
            }
            const fs::path path = dir->path_of(p.name);
            for (const toml::table* t : partition_tables(*doc, path, Kind<Record>::table)) {
                out.push_back(Placed<Record>{Kind<Record>::decode(*t, path.string()), path,
                                            t->source().begin.line});
            }
        }
    } catch (const Error&) {
        return std::nullopt;
    }
    return out;
}

/// Writes each file in `changed` (in `dir`) again with the records of `all` that are in it and
/// not removed.
template <typename Record>
void write_changed(const std::optional<Folder>& dir, const std::vector<Placed<Record>>& all,
                   const std::set<fs::path>& changed) {
    for (const auto& file : changed) {
        std::vector<Record> records;
        for (const auto& p : all) {
            if (p.file == file && !p.removed) {
                records.push_back(p.record);
            }
        }
        write_partition(*dir, file.filename().string(), std::move(records));
    }
}

std::string short_description(const Rejection& r) {
    return r.company + ", " + util::format_date(r.date);
}
std::string short_description(const Win& w) {
    return util::format_date(w.date);
}
std::string short_description(const Reflection& r) {
    return util::format_date(r.date);
}

class Repairer {
  public:
    explicit Repairer(const Paths& paths) : m_paths(paths), m_store(paths) {}

    std::vector<Finding> run() {
        finish_move();
        renumber_held_twice();
        remove_temp_files();
        make_everything_private();
        return std::move(m_out);
    }

  private:
    void fixed(std::string message) {
        m_out.push_back(Finding{Severity::fixed, std::move(message)});
    }
    void not_fixed(std::string message) {
        m_out.push_back(Finding{Severity::problem, std::move(message)});
    }

    void finish_move() {
        try {
            const auto data = Folder::open_private(m_paths.data_dir);
            if (auto move = data ? finish_pending_move(*data) : std::nullopt) {
                fixed(move_intent_path(m_paths.data_dir).string() + ": finished moving " +
                      move->describe() + ", which a stopped command had begun");
            }
        } catch (const Error& error) {
            not_fixed(error.what());
        }
    }

    // ---- IDs held twice ---------------------------------------------------------------------

    /// The ID to give next to `Record`'s kind: above the counter and every ID in `all`.
    template <typename Record>
    std::int64_t next_id(const std::vector<Placed<Record>>& all) const {
        std::int64_t next = 1;
        if (auto it = m_counters.find(Kind<Record>::noun); it != m_counters.end()) {
            next = it->second;
        }
        for (const auto& p : all) {
            next = std::max(next, p.record.id + 1);
        }
        return next;
    }

    /// Gives every copy of an ID after the first (by date, then place) a new ID, or removes it
    /// when it is the same in every field as a copy kept before it. Records in `changed` the
    /// files to write and in `copies` (old ID -> each distinct copy's date and ID now) what a
    /// reference to a renumbered ID may mean.
    template <typename Record>
    void renumber(std::vector<Placed<Record>>& all, std::set<fs::path>& changed,
                  std::map<std::int64_t, std::vector<std::pair<Date, std::int64_t>>>& copies) {
        std::map<std::int64_t, std::vector<std::size_t>> by_id;
        for (std::size_t i = 0; i < all.size(); ++i) {
            by_id[all[i].record.id].push_back(i);
        }
        std::int64_t next = next_id(all);
        const std::int64_t first_new = next;
        for (auto& [id, places] : by_id) {
            if (places.size() < 2) {
                continue;
            }
            std::sort(places.begin(), places.end(), [&](std::size_t a, std::size_t b) {
                return std::tie(all[a].record.date, all[a].file, all[a].line) <
                       std::tie(all[b].record.date, all[b].file, all[b].line);
            });
            std::vector<std::size_t> distinct = {places.front()};
            for (std::size_t k = 1; k < places.size(); ++k) {
                Placed<Record>& copy = all[places[k]];
                const auto same = std::find_if(distinct.begin(), distinct.end(), [&](std::size_t d) {
                    return same_but_identity(all[d].record, copy.record);
                });
                changed.insert(copy.file);
                if (same != distinct.end()) {
                    copy.removed = true;
                    fixed(copy.where() + ": removed a copy of " + Kind<Record>::noun + " " +
                          std::to_string(id) + " that was the same in every field as the one at " +
                          all[*same].where());
                    continue;
                }
                copy.record.id = next++;
                std::string note;
                if constexpr (std::is_same_v<Record, Rejection>) {
                    note = drop_shared_key(all, copy);
                }
                fixed(copy.where() + ": " + Kind<Record>::noun + " " + std::to_string(id) + " (" +
                      short_description(copy.record) + ") is now " + Kind<Record>::noun + " " +
                      std::to_string(copy.record.id) + "; the one at " +
                      all[places.front()].where() + " keeps ID " + std::to_string(id) + note);
                distinct.push_back(places[k]);
            }
            for (std::size_t d : distinct) {
                copies[id].emplace_back(all[d].record.date, all[d].record.id);
            }
        }
        if (next != first_new) {
            m_counters[Kind<Record>::noun] = next;
        }
    }

    /// A renumbered rejection that shares its key with another keeps none: a key names one
    /// entry. Returns what to add to the message about it.
    static std::string drop_shared_key(const std::vector<Placed<Rejection>>& all,
                                       Placed<Rejection>& copy) {
        if (!copy.record.key) {
            return {};
        }
        const bool shared = std::any_of(all.begin(), all.end(), [&](const Placed<Rejection>& p) {
            return &p != &copy && !p.removed && p.record.key == copy.record.key;
        });
        if (!shared) {
            return {};
        }
        const std::string key = *copy.record.key;
        copy.record.key.reset();
        return " (its key '" + key + "' stays with the other)";
    }

    /// Points each reflection linked to a renumbered rejection ID at the copy it was written
    /// after: the latest one dated on or before the reflection.
    void follow_links(std::vector<Placed<Reflection>>& reflections, std::set<fs::path>& changed,
                      const std::map<std::int64_t, std::vector<std::pair<Date, std::int64_t>>>&
                          rejections) {
        for (auto& p : reflections) {
            if (p.removed || !p.record.rejection) {
                continue;
            }
            auto it = rejections.find(*p.record.rejection);
            if (it == rejections.end()) {
                continue;
            }
            std::optional<std::pair<Date, std::int64_t>> chosen;
            for (const auto& [date, id] : it->second) {
                if (date <= p.record.date && (!chosen || date > chosen->first)) {
                    chosen = std::pair{date, id};
                }
            }
            if (!chosen || chosen->second == *p.record.rejection) {
                continue;
            }
            fixed(p.where() + ": reflection " + std::to_string(p.record.id) +
                  " now links to rejection " + std::to_string(chosen->second) +
                  ", the copy of rejection " + std::to_string(*p.record.rejection) +
                  " it was written after");
            p.record.rejection = chosen->second;
            changed.insert(p.file);
        }
    }

    void renumber_held_twice() {
        std::optional<Folder> data;
        std::optional<Folder> rejection_dir;
        std::optional<Folder> win_dir;
        std::optional<Folder> reflection_dir;
        try {
            data = Folder::open_private(m_paths.data_dir);
            if (!data) {
                return;
            }
            m_counters = read_counters(*data);
            rejection_dir = data->open_sub(Kind<Rejection>::folder);
            win_dir = data->open_sub(Kind<Win>::folder);
            reflection_dir = data->open_sub(Kind<Reflection>::folder);
        } catch (const Error&) {
            return; // the check reports the folder or store.toml; no ID is given out without it
        }
        const auto before = m_counters;
        auto rejections = read_placed<Rejection>(rejection_dir);
        auto wins = read_placed<Win>(win_dir);
        auto reflections = read_placed<Reflection>(reflection_dir);
        std::set<fs::path> rejections_changed;
        std::set<fs::path> wins_changed;
        std::set<fs::path> reflections_changed;
        std::map<std::int64_t, std::vector<std::pair<Date, std::int64_t>>> rejection_copies;
        std::map<std::int64_t, std::vector<std::pair<Date, std::int64_t>>> unused;
        if (rejections && reflections) {
            renumber(*rejections, rejections_changed, rejection_copies);
        } else if (rejections && has_held_twice(*rejections)) {
            not_fixed("rejection IDs held twice were not given new IDs: the reflections that may "
                      "link to them must be read first (fix the reflection files doctor names)");
        }
        if (wins) {
            renumber(*wins, wins_changed, unused);
        }
        if (reflections) {
            renumber(*reflections, reflections_changed, unused);
            follow_links(*reflections, reflections_changed, rejection_copies);
        }
        raise_counters(rejections, wins, reflections);
        try {
            // The counters go first: a crash after them skips IDs, never gives one out twice.
            if (m_counters != before) {
                write_counters(*data, m_counters);
            }
            if (rejections) {
                write_changed(rejection_dir, *rejections, rejections_changed);
            }
            if (wins) {
                write_changed(win_dir, *wins, wins_changed);
            }
            if (reflections) {
                write_changed(reflection_dir, *reflections, reflections_changed);
            }
        } catch (const Error& error) {
            not_fixed(std::string(error.what()) + " (the repairs above it were not all made)");
        }
    }

    template <typename Record>
    static bool has_held_twice(const std::vector<Placed<Record>>& all) {
        std::set<std::int64_t> seen;
        return std::any_of(all.begin(), all.end(),
                           [&](const Placed<Record>& p) { return !seen.insert(p.record.id).second; });
    }

    /// A counter in store.toml at or below an ID in use is raised above it.
    void raise_counters(const std::optional<std::vector<Placed<Rejection>>>& rejections,
                        const std::optional<std::vector<Placed<Win>>>& wins,
                        const std::optional<std::vector<Placed<Reflection>>>& reflections) {
        auto raise = [&](const char* noun, auto& all) {
            auto it = m_counters.find(noun);
            if (!all || it == m_counters.end()) {
                return;
            }
            std::int64_t max_id = 0;
            for (const auto& p : *all) {
                max_id = p.removed ? max_id : std::max(max_id, p.record.id);
            }
            if (it->second <= max_id) {
                fixed(m_store.counters_file().string() + ": next." + noun + " raised from " +
                      std::to_string(it->second) + " to " + std::to_string(max_id + 1) +
                      ", above every ID in use, so none is given out twice");
                it->second = max_id + 1;
            }
        };
        raise(Kind<Rejection>::noun, rejections);
        raise(Kind<Win>::noun, wins);
        raise(Kind<Reflection>::noun, reflections);
    }

    // ---- temp files and modes ---------------------------------------------------------------

    /// Under the lock no writer is mid-write, so every temp file left is from one that died.
    /// Only plain files in folders that passed the checks are removed, relative to the folder
    /// opened for the check: nothing outside them, and never a folder named like a temp file.
    void remove_temp_files() {
        for (const auto& file : data_temp_files(m_paths)) {
            if (!file.plain) {
                continue;
            }
            try {
                remove_file_durably(file.dir, file.name);
                fixed(file.path().string() +
                      ": removed a temp file left by an interrupted write (the data file it "
                      "was replacing is intact)");
            } catch (const Error& error) {
                not_fixed(error.what());
            }
        }
        remove_cache_temp_files();
    }

    /// Cache temp files: readers save the cache without the lock, so one may be writing right
    /// now; removing its temp file only makes its rename fail, which it ignores.
    void remove_cache_temp_files() {
        for (const auto& file : cache_temp_files(m_paths)) {
            if (file.plain && ::unlinkat(file.dir.fd(), file.name.c_str(), 0) == 0) {
                fixed(file.path().string() +
                      ": removed a temp file of the cache left by an interrupted command "
                      "(the cache is made from the data; nothing was lost)");
            }
        }
    }

    void make_everything_private() {
        make_private(m_paths.data_dir, true);
        if (m_paths.config_dir != m_paths.data_dir) {
            make_private(m_paths.config_dir, true);
        }
        make_private(m_paths.config_file, false);
        make_private(m_store.counters_file(), false);
        make_private(m_store.lock_file(), false);
        make_private(move_intent_path(m_paths.data_dir), false);
        for (const char* kind : {Kind<Rejection>::folder, Kind<Win>::folder,
                                 Kind<Reflection>::folder, Kind<Checkin>::folder}) {
            const fs::path folder = m_paths.data_dir / kind;
            make_private(folder, true);
            const auto dir = checked_folder(folder);
            try {
                for (const auto& p : dir ? list_partitions(*dir) : std::vector<Partition>{}) {
                    make_private(dir->path_of(p.name), false);
                }
            } catch (const Error&) {
            }
        }
    }

    /// Sets `path` to 0700 (a folder) or 0600 (a file) when others can reach it. Never through a
    /// symbolic link: the file is opened without following one, checked to be the one looked at,
    /// and changed through that descriptor.
    void make_private(const fs::path& path, bool folder) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || (st.st_mode & 077) == 0 ||
            (folder ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))) {
            return; // absent, private already, or a link (the check gives the advice)
        }
        if (st.st_uid != ::geteuid()) {
            return; // not ours to change (the check says whose it is)
        }
        if (!folder && st.st_nlink != 1) {
            // A hard link: the same file has another name, perhaps outside bounceback's folders,
            // and its mode is that file's too. Left as it is, and said so.
            not_fixed(path.string() + ": has other names (hard links), so its mode is not "
                                      "changed; remove it if bounceback made it, or the links");
            return;
        }
        const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK |
                                                (folder ? O_DIRECTORY : 0));
        if (fd < 0) {
            not_fixed(path.string() + ": cannot make it private (" + std::strerror(errno) + ")");
            return;
        }
        struct stat opened {};
        const mode_t mode = folder ? 0700 : 0600;
        if (::fstat(fd, &opened) != 0 || opened.st_ino != st.st_ino ||
            opened.st_dev != st.st_dev || (!folder && opened.st_nlink != 1)) {
            ::close(fd);
            return; // replaced while we looked; the next check sees it
        }
        if (::fchmod(fd, mode) != 0) {
            not_fixed(path.string() + ": cannot make it private (" + std::strerror(errno) + ")");
        } else {
            char was[8];
            std::snprintf(was, sizeof was, "%04o", static_cast<unsigned>(st.st_mode & 07777));
            fixed(path.string() + ": was readable by others (mode " + was + "); now " +
                  (folder ? "0700" : "0600"));
        }
        ::close(fd);
    }

    const Paths& m_paths;
    Store m_store;
    std::map<std::string, std::int64_t> m_counters;
    std::vector<Finding> m_out;
};

} // namespace

std::vector<TempFile> data_temp_files(const Paths& paths) {
    std::vector<TempFile> out;
    const auto data = checked_folder(paths.data_dir);
    temp_files_in(data, out);
    for (const char* kind : k_kind_folders) {
        temp_files_in(checked_sub(data, kind), out);
    }
    if (paths.config_dir != paths.data_dir) {
        temp_files_in(checked_folder(paths.config_dir), out);
    }
    return out;
}

std::vector<TempFile> cache_temp_files(const Paths& paths) {
    std::vector<TempFile> out;
    if (paths.cache_dir.empty()) {
        return out;
    }
    const auto cache = checked_folder(paths.cache_dir);
    for (const char* kind : k_kind_folders) {
        temp_files_in(checked_sub(cache, kind), out);
    }
    return out;
}

std::vector<Finding> repair_home(const Paths& paths) {
    return Repairer(paths).run();
}

} // namespace bb::storage::detail
