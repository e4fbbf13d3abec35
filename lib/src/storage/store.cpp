#include "bounceback/storage/store.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/folder.hpp"
#include "bounceback/storage/lock.hpp"
#include "counters.hpp"
#include "partition.hpp"
#include "partition_cache.hpp"

#include <algorithm>
#include <iterator>
#include <system_error>

namespace bb::storage {

namespace fs = std::filesystem;
using namespace std::chrono;

using namespace detail;

namespace {

/// The folder of `Record`'s kind in the data folder `data`; nullopt when either is missing.
template <typename Record> std::optional<Folder> kind_folder(const std::optional<Folder>& data) {
    return data ? data->open_sub(Kind<Record>::folder) : std::nullopt;
}

/// The cache of `Record`'s kind (none when `paths` has no cache folder).
template <typename Record> CacheFolder cache_of(const Paths& paths) {
    return CacheFolder(paths.cache_dir, Kind<Record>::folder);
}

/// Where a record was found, with its whole partition so it can be rewritten.
template <typename Record> struct Located {
    std::string name;
    std::vector<Record> records;
    std::size_t index;
};

/// Looks for `id` in every partition of `dir`, newest first (IDs grow with time), through
/// `cache` for a reader; a writer passes nullptr, and gets the records parsed from the text it
/// will replace. A file that does not parse is skipped while looking, but if the ID is not
/// found elsewhere its error is thrown, since the record may be in it.
template <typename Record>
std::optional<Located<Record>> locate(const Folder& dir, const CacheFolder* cache,
                                      std::int64_t id) {
    std::optional<Error> unreadable;
    auto partitions = list_partitions(dir);
    for (auto it = partitions.rbegin(); it != partitions.rend(); ++it) {
        try {
            auto records = cache != nullptr
                               ? read_partition_cached<Record>(dir, it->name, *cache)
                               : read_partition<Record>(dir, it->name);
            for (std::size_t i = 0; i < records.size(); ++i) {
                if (records[i].id == id) {
                    return Located<Record>{it->name, std::move(records), i};
                }
            }
        } catch (const FolderNotPrivate&) {
            throw;
        } catch (const Error& error) {
            if (!unreadable) {
                unreadable = error;
            }
        }
    }
    if (unreadable) {
        throw *unreadable;
    }
    return std::nullopt;
}

/// Refuses a record that breaks a field rule, by the same rules that read it back: a record
/// that could not be read must never be written, or it would make its whole month unreadable.
template <typename Record> void check_writable(const Record& record) {
    try {
        Kind<Record>::decode(to_toml(record), Kind<Record>::identity(record));
    } catch (const Error& error) {
        throw Error(ExitCode::usage, error.what());
    }
}

template <typename Record> [[noreturn]] void no_such(std::int64_t id) {
    throw Error(ExitCode::no_input, std::string("no ") + Kind<Record>::noun + " with ID " +
                                        std::to_string(id) + " (`" + Kind<Record>::list_command +
                                        "` shows the IDs)");
}

/// The largest ID of any record in `dir`, 0 when there is none. For a writer about to hand out
/// an ID: read from the files' text, never the cache.
template <typename Record> std::int64_t max_id_in(const Folder& dir) {
    std::int64_t max_id = 0;
    for (const auto& p : list_partitions(dir)) {
        for (const auto& r : read_partition<Record>(dir, p.name)) {
            max_id = std::max(max_id, r.id);
        }
    }
    return max_id;
}

/// The rejection whose key is `key`, if any. Reads every partition of `dir`.
std::optional<Rejection> rejection_with_key(const Folder& dir, const CacheFolder& cache,
                                            const std::string& key) {
    std::vector<Rejection> month;
    for (const auto& p : list_partitions(dir)) {
        read_partition_cached(dir, p.name, cache, month);
        for (auto& r : month) {
            if (r.key == key) {
                return std::move(r);
            }
        }
    }
    return std::nullopt;
}

} // namespace

Store::Store(Paths paths, milliseconds lock_timeout)
    : m_paths(std::move(paths)), m_lock_timeout(lock_timeout) {}

std::optional<Folder> Store::data_folder() const {
    if (!m_data) {
        m_data = Folder::open_private(m_paths.data_dir);
    }
    return m_data;
}

Folder Store::make_data_folder() const {
    if (!m_data) {
        m_data = Folder::make_private(m_paths.data_dir);
    }
    return *m_data;
}

WriteLock Store::lock() const {
    return WriteLock(make_data_folder(), m_lock_timeout);
}

bool Store::has_records() const {
    const auto data = data_folder();
    for (const char* kind : {Kind<Rejection>::folder, Kind<Win>::folder}) {
        if (auto dir = data ? data->open_sub(kind) : std::nullopt;
            dir && !list_partitions(*dir).empty()) {
            return true;
        }
    }
    return false;
}

template <typename Record> std::vector<Record> Store::read_range(const DateRange& range) const {
    std::vector<Record> out;
    scan<Record>(range, [&](const Record& r) { out.push_back(r); });
    // Only a record a hand edit put in another month's file can be out of order here.
    if (!std::is_sorted(out.begin(), out.end(), Kind<Record>::before)) {
        std::sort(out.begin(), out.end(), Kind<Record>::before);
    }
    return out;
}

template <typename Record>
void Store::scan(const DateRange& range, const std::function<void(const Record&)>& visit) const {
    const auto dir = kind_folder<Record>(data_folder());
    if (!dir) {
        return;
    }
    const CacheFolder cache = cache_of<Record>(m_paths);
    std::vector<Record> month; // reused: decoding into records that have room allocates little
    std::vector<const Record*> sorted;
    for (const auto& p : partitions_in(*dir, range)) {
        read_partition_cached(*dir, p.name, cache, month);
        if (std::is_sorted(month.begin(), month.end(), Kind<Record>::before)) {
            for (const auto& r : month) {
                if (range.contains(r.date)) {
                    visit(r);
                }
            }
            continue;
        }
        sorted.clear(); // a hand-edited month
        for (const auto& r : month) {
            if (range.contains(r.date)) {
                sorted.push_back(&r);
            }
        }
        std::sort(sorted.begin(), sorted.end(),
                  [](const Record* a, const Record* b) { return Kind<Record>::before(*a, *b); });
        for (const Record* r : sorted) {
            visit(*r);
        }
    }
}

template <typename Record>
std::optional<std::pair<Date, Date>> Store::span_of(const DateRange& range) const {
    const auto dir = kind_folder<Record>(data_folder());
    if (!dir) {
        return std::nullopt;
    }
    const CacheFolder cache = cache_of<Record>(m_paths);
    // Each month's file holds that month's records: the first and last months that hold a record
    // in `range` hold its first and last dates.
    const auto partitions = partitions_in(*dir, range);
    auto first_in = [&](auto begin, auto end, auto better) -> std::optional<Date> {
        for (auto it = begin; it != end; ++it) {
            std::optional<Date> found;
            for (const auto& r : read_partition_cached<Record>(*dir, it->name, cache)) {
                if (range.contains(r.date) && (!found || better(r.date, *found))) {
                    found = r.date;
                }
            }
            if (found) {
                return found;
            }
        }
        return std::nullopt;
    };
    const auto first = first_in(partitions.begin(), partitions.end(), std::less<Date>{});
    if (!first) {
        return std::nullopt;
    }
    return std::pair{*first,
                     *first_in(partitions.rbegin(), partitions.rend(), std::greater<Date>{})};
}

template <typename Record> std::vector<Record> Store::read_readable() const {
    std::vector<Record> out;
    std::optional<Folder> dir;
    std::vector<Partition> partitions;
    try {
        dir = kind_folder<Record>(data_folder());
        if (!dir) {
            return out;
        }
        partitions = list_partitions(*dir);
    } catch (const Error&) {
        return out; // a folder that cannot be listed (or trusted) holds nothing we can show
    } catch (const std::system_error&) {
        return out;
    }
    const CacheFolder cache = cache_of<Record>(m_paths);
    for (const auto& p : partitions) {
        // One month at a time: a broken month hides only its own records.
        try {
            auto records = read_partition_cached<Record>(*dir, p.name, cache);
            std::move(records.begin(), records.end(), std::back_inserter(out));
        } catch (const Error&) {
        } catch (const std::system_error&) {
        }
    }
    std::sort(out.begin(), out.end(), Kind<Record>::before);
    return out;
}

template <typename Record> Record Store::read_one(std::int64_t id) const {
    const auto dir = kind_folder<Record>(data_folder());
    const CacheFolder cache = cache_of<Record>(m_paths);
    auto found = dir ? locate<Record>(*dir, &cache, id) : std::nullopt;
    if (!found) {
        no_such<Record>(id);
    }
    return found->records[found->index];
}

template <typename Record>
std::pair<Record, bool> Store::add(Record draft,
                                   const std::function<std::optional<Record>()>& find_existing) {
    const Folder data = make_data_folder();
    const Folder dir = data.make_sub(Kind<Record>::folder);
    WriteLock lock = this->lock();
    if (find_existing) {
        if (auto existing = find_existing()) {
            return {std::move(*existing), false};
        }
    }

    // Parse everything this change touches before changing anything.
    auto counters = read_counters(data);
    const std::string name = partition_name(draft.date);
    auto month = read_partition_snapshot<Record>(dir, name);

    std::int64_t next = 0;
    if (auto it = counters.find(Kind<Record>::noun); it != counters.end()) {
        next = it->second;
    } else {
        // No counter yet (new home, or store.toml lost): start after every ID on disk.
        next = max_id_in<Record>(dir) + 1;
    }
    for (const auto& r : month.records) {
        next = std::max(next, r.id + 1);
    }
    draft.id = next;
    check_writable(draft);
    counters[Kind<Record>::noun] = next + 1;
    // The counter goes first: a crash between the two writes skips an ID, never reuses one.
    write_counters(data, counters);
    write_partition_adding(dir, name, cache_of<Record>(m_paths), std::move(month), draft);
    return {std::move(draft), true};
}

template <typename Record>
Record Store::update(std::int64_t id, const std::function<void(Record&)>& change) {
    WriteLock lock = this->lock();
    const auto dir = kind_folder<Record>(data_folder());
    auto found = dir ? locate<Record>(*dir, nullptr, id) : std::nullopt;
    if (!found) {
        no_such<Record>(id);
    }
    Record updated = found->records[found->index];
    change(updated);
    updated.id = id;
    check_writable(updated);
    const std::string target = partition_name(updated.date);
    if (target == found->name) {
        found->records[found->index] = updated;
        write_partition(*dir, found->name, std::move(found->records));
        return updated;
    }
    // Moving to another month: write the new home first, so a crash leaves a duplicate that
    // `doctor` reports, never a loss.
    auto destination = read_partition<Record>(*dir, target);
    destination.push_back(updated);
    found->records.erase(found->records.begin() + static_cast<long>(found->index));
    write_partition(*dir, target, std::move(destination));
    write_partition(*dir, found->name, std::move(found->records));
    return updated;
}

template <typename Record> Record Store::remove(std::int64_t id) {
    WriteLock lock = this->lock();
    const auto dir = kind_folder<Record>(data_folder());
    auto found = dir ? locate<Record>(*dir, nullptr, id) : std::nullopt;
    if (!found) {
        no_such<Record>(id);
    }
    Record removed = found->records[found->index];
    found->records.erase(found->records.begin() + static_cast<long>(found->index));
    write_partition(*dir, found->name, std::move(found->records));
    return removed;
}

std::vector<Rejection> Store::rejections(const DateRange& range) const {
    return read_range<Rejection>(range);
}

Rejection Store::rejection(std::int64_t id) const {
    return read_one<Rejection>(id);
}

std::vector<Win> Store::wins(const DateRange& range) const {
    return read_range<Win>(range);
}

Win Store::win(std::int64_t id) const {
    return read_one<Win>(id);
}

Store::Added Store::add_rejection(Rejection draft) {
    if (auto reason = check_rejection(draft); !reason.empty()) {
        throw Error(ExitCode::usage, reason);
    }
    std::function<std::optional<Rejection>()> find_existing;
    if (draft.key) {
        // Runs under the write lock, so two scripts logging the same email at once make one entry.
        find_existing = [this, key = *draft.key]() -> std::optional<Rejection> {
            const auto dir = kind_folder<Rejection>(data_folder());
            return dir ? rejection_with_key(*dir, cache_of<Rejection>(m_paths), key)
                       : std::nullopt;
        };
    }
    auto [stored, created] = add<Rejection>(std::move(draft), find_existing);
    return Added{std::move(stored), created};
}

Rejection Store::update_rejection(std::int64_t id, const std::function<void(Rejection&)>& change) {
    return update<Rejection>(id, [&](Rejection& r) {
        const std::optional<std::string> old_key = r.key;
        change(r);
        if (auto reason = check_rejection(r); !reason.empty()) {
            throw Error(ExitCode::usage, reason);
        }
        if (r.key && r.key != old_key) {
            const auto dir = kind_folder<Rejection>(data_folder());
            if (auto other = dir ? rejection_with_key(*dir, cache_of<Rejection>(m_paths), *r.key)
                                 : std::nullopt) {
                throw Error(ExitCode::usage, "key '" + *r.key + "' is already used by rejection " +
                                                 std::to_string(other->id) + "; keys are unique");
            }
        }
    });
}

Rejection Store::remove_rejection(std::int64_t id) {
    return remove<Rejection>(id);
}

Win Store::add_win(Win draft) {
    return add<Win>(std::move(draft), {}).first;
}

Win Store::remove_win(std::int64_t id) {
    return remove<Win>(id);
}

std::vector<Reflection> Store::reflections(const DateRange& range) const {
    return read_range<Reflection>(range);
}

Reflection Store::reflection(std::int64_t id) const {
    return read_one<Reflection>(id);
}

Reflection Store::add_reflection(Reflection draft) {
    if (draft.rejection) {
        rejection(*draft.rejection); // throws Error(no_input) for an unknown ID
    }
    return add<Reflection>(std::move(draft), {}).first;
}

Reflection Store::remove_reflection(std::int64_t id) {
    return remove<Reflection>(id);
}

std::vector<Checkin> Store::checkins(const DateRange& range) const {
    return read_range<Checkin>(range);
}

void Store::each_rejection(const DateRange& range,
                           const std::function<void(const Rejection&)>& visit) const {
    scan<Rejection>(range, visit);
}

void Store::each_reflection(const DateRange& range,
                            const std::function<void(const Reflection&)>& visit) const {
    scan<Reflection>(range, visit);
}

void Store::each_win(const DateRange& range, const std::function<void(const Win&)>& visit) const {
    scan<Win>(range, visit);
}

void Store::each_checkin(const DateRange& range,
                         const std::function<void(const Checkin&)>& visit) const {
    scan<Checkin>(range, visit);
}

std::optional<std::pair<Date, Date>> Store::record_span(const DateRange& range) const {
    std::optional<std::pair<Date, Date>> span;
    for (const auto& kind : {span_of<Rejection>(range), span_of<Reflection>(range),
                             span_of<Win>(range), span_of<Checkin>(range)}) {
        if (kind) {
            span = span ? std::pair{std::min(span->first, kind->first),
                                    std::max(span->second, kind->second)}
                        : *kind;
        }
    }
    return span;
}

std::vector<Rejection> Store::readable_rejections() const {
    return read_readable<Rejection>();
}

std::vector<Win> Store::readable_wins() const {
    return read_readable<Win>();
}

std::vector<Reflection> Store::readable_reflections() const {
    return read_readable<Reflection>();
}

Store::CheckinAdded Store::add_checkin(Checkin checkin) {
    const Folder dir = make_data_folder().make_sub(Kind<Checkin>::folder);
    WriteLock lock = this->lock();
    const std::string name = partition_name(checkin.date);
    auto month = read_partition_snapshot<Checkin>(dir, name);
    for (const auto& existing : month.records) {
        if (existing.habit == checkin.habit && existing.date == checkin.date) {
            return CheckinAdded{existing, false};
        }
    }
    check_writable(checkin);
    write_partition_adding(dir, name, cache_of<Checkin>(m_paths), std::move(month), checkin);
    return CheckinAdded{std::move(checkin), true};
}

std::optional<Checkin> Store::remove_checkin(const std::string& habit, Date date) {
    WriteLock lock = this->lock();
    const auto dir = kind_folder<Checkin>(data_folder());
    if (!dir) {
        return std::nullopt;
    }
    const std::string name = partition_name(date);
    auto records = read_partition<Checkin>(*dir, name);
    auto it = std::find_if(records.begin(), records.end(),
                           [&](const Checkin& c) { return c.habit == habit && c.date == date; });
    if (it == records.end()) {
        return std::nullopt;
    }
    Checkin removed = *it;
    records.erase(it);
    write_partition(*dir, name, std::move(records));
    return removed;
}

} // namespace bb::storage
