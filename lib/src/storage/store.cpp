#include "bounceback/storage/store.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/folder.hpp"
#include "bounceback/storage/lock.hpp"
#include "bounceback/storage/sync.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "bounceback/storage/tombstones.hpp"
#include "bounceback/util/uuid.hpp"
#include "counters.hpp"
#include "identities.hpp"
#include "move_intent.hpp"
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

/// The pending move as readers of `Record` apply it (none when the data folder `data` is
/// missing or holds none).
template <typename Record> MoveOverlay<Record> overlay_in(const std::optional<Folder>& data) {
    if (!data) {
        return {};
    }
    return MoveOverlay<Record>(read_pending_move(*data), move_intent_path(data->path()));
}

/// The month files of `Record` in `dir` that can hold dates inside `range`, oldest first, with
/// the month a pending move goes to even before its file exists.
template <typename Record>
std::vector<Partition> months_to_read(const Folder& dir, const DateRange& range,
                                      const MoveOverlay<Record>& overlay) {
    auto partitions = partitions_in(dir, range);
    overlay.add_destination(partitions, [&](std::chrono::year_month month) {
        return (!range.since || month >= range.since->year() / range.since->month()) &&
               (!range.until || month <= range.until->year() / range.until->month());
    });
    return partitions;
}

/// Where a record was found, with its whole partition so it can be rewritten.
template <typename Record> struct Located {
    std::string name;
    std::vector<Record> records;
    std::size_t index;
};

/// Every copy of the record with `id` in the data folder `data`, oldest month first, as readers
/// see them (a pending move applied), through `cache` for a reader; a writer passes nullptr, and
/// gets the records parsed from the text it will replace. A file that does not parse is skipped
/// while looking, but if the ID is found nowhere else its error is thrown, since the record may
/// be in it.
template <typename Record>
std::vector<Located<Record>> copies_of(const std::optional<Folder>& data, const CacheFolder* cache,
                                       std::int64_t id) {
    std::vector<Located<Record>> out;
    const auto dir = kind_folder<Record>(data);
    if (!dir) {
        return out;
    }
    const auto overlay = overlay_in<Record>(data);
    std::optional<Error> unreadable;
    for (const auto& p : months_to_read(*dir, {}, overlay)) {
        try {
            auto records = cache != nullptr ? read_partition_cached<Record>(*dir, p.name, *cache)
                                            : read_partition<Record>(*dir, p.name);
            overlay.apply(p.month, records);
            for (std::size_t i = 0; i < records.size(); ++i) {
                if (records[i].id == id) {
                    out.push_back(Located<Record>{p.name, records, i});
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
    if (out.empty() && unreadable) {
        throw *unreadable;
    }
    return out;
}

/// The lines of the `[[table]]` headers of the records with `id` in the partition `name` of
/// `dir`, each as FILE:LINE; just FILE when the file cannot be read now.
template <typename Record>
std::vector<std::string> lines_of(const Folder& dir, const std::string& name, std::int64_t id) {
    std::vector<std::string> out;
    const fs::path path = dir.path_of(name);
    try {
        if (auto doc = load_data_file(dir, name)) {
            for (const toml::table* t : partition_tables(*doc, path, Kind<Record>::table)) {
                if (t->get("id") != nullptr && t->get("id")->value<std::int64_t>() == id) {
                    out.push_back(path.string() + ":" + std::to_string(t->source().begin.line));
                }
            }
        }
    } catch (const Error&) {
    }
    if (out.empty()) {
        out.push_back(path.string());
    }
    return out;
}

/// Where each copy in `copies` (in `dir`) is, as FILE:LINE, oldest month first.
template <typename Record>
std::vector<std::string> places_of_copies(const Folder& dir,
                                          const std::vector<Located<Record>>& copies,
                                          std::int64_t id) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < copies.size(); ++i) {
        if (i > 0 && copies[i].name == copies[i - 1].name) {
            continue; // two copies in one file: its lines are listed once
        }
        auto lines = lines_of<Record>(dir, copies[i].name, id);
        out.insert(out.end(), lines.begin(), lines.end());
    }
    return out;
}

/// The one record with `id` (see copies_of for `cache`). nullopt when there is none;
/// Error(data) naming every place when more than one record holds it, since acting on either
/// would be a guess. A copy seen while a move is being written is looked for again once before
/// it counts.
template <typename Record>
std::optional<Located<Record>> locate(const std::optional<Folder>& data, const CacheFolder* cache,
                                      std::int64_t id) {
    auto copies = copies_of<Record>(data, cache, id);
    if (copies.size() > 1) {
        copies = copies_of<Record>(data, cache, id);
    }
    if (copies.empty()) {
        return std::nullopt;
    }
    if (copies.size() > 1) {
        throw Error(ExitCode::data,
                    stored_twice(Kind<Record>::noun, id,
                                 places_of_copies(*kind_folder<Record>(data), copies, id)) +
                        ", so bounceback will not guess which one you mean; `bounceback doctor "
                        "--fix` gives one of them a new ID");
    }
    return std::move(copies.front());
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

std::string stored_twice(std::string_view noun, std::int64_t id,
                         const std::vector<std::string>& places) {
    std::string where;
    for (std::size_t i = 0; i < places.size(); ++i) {
        where += (i == 0 ? "" : i + 1 == places.size() ? " and " : ", ") + places[i];
    }
    const std::string times = places.size() == 2   ? "twice"
                              : places.size() == 3 ? "three times"
                                                   : std::to_string(places.size()) + " times";
    return std::string(noun) + " " + std::to_string(id) + " is stored " + times + ", at " + where;
}

template <typename Record> std::vector<std::string> Store::places(std::int64_t id) const {
    const auto data = data_folder();
    const CacheFolder cache = cache_of<Record>(m_paths);
    auto copies = copies_of<Record>(data, &cache, id);
    return copies.empty() ? std::vector<std::string>{}
                          : places_of_copies(*kind_folder<Record>(data), copies, id);
}

template std::vector<std::string> Store::places<Rejection>(std::int64_t) const;
template std::vector<std::string> Store::places<Win>(std::int64_t) const;
template std::vector<std::string> Store::places<Reflection>(std::int64_t) const;

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
    const Folder data = make_data_folder();
    WriteLock lock(data, m_lock_timeout);
    try {
        finish_pending_move(data);
    } catch (const FolderNotPrivate&) {
        throw;
    } catch (const Error&) {
        // One of its month files does not parse: the move stays pending (readers apply it) and
        // only writers of its kind refuse (lock_for), so a broken month blocks nothing else.
    }
    finish_interrupted_sync(*this);
    give_identities_once(data);
    return lock;
}

template <typename Record> WriteLock Store::lock_for() const {
    WriteLock lock = this->lock();
    const Folder data = make_data_folder();
    if (auto move = read_pending_move(data); move && move->table == Kind<Record>::table) {
        finish_pending_move(data); // throws why it cannot be finished
    }
    return lock;
}

bool Store::has_records() const {
    const auto data = data_folder();
    for (const char* kind : {Kind<Rejection>::folder, Kind<Win>::folder,
                             Kind<Reflection>::folder, Kind<Checkin>::folder}) {
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
    const auto overlay = overlay_in<Record>(data_folder());
    for (const auto& p : months_to_read(*dir, range, overlay)) {
        read_partition_cached(*dir, p.name, cache, month);
        overlay.apply(p.month, month);
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
    const auto overlay = overlay_in<Record>(data_folder());
    const auto partitions = months_to_read(*dir, range, overlay);
    auto first_in = [&](auto begin, auto end, auto better) -> std::optional<Date> {
        for (auto it = begin; it != end; ++it) {
            std::optional<Date> found;
            auto records = read_partition_cached<Record>(*dir, it->name, cache);
            overlay.apply(it->month, records);
            for (const auto& r : records) {
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
    MoveOverlay<Record> overlay;
    try {
        overlay = overlay_in<Record>(data_folder());
    } catch (const FolderNotPrivate&) {
        return out; // a folder that cannot be trusted holds nothing we can show
    } catch (const Error&) {
        // A move that cannot be read is shown as the month files have it.
    } catch (const std::system_error&) {
    }
    try {
        dir = kind_folder<Record>(data_folder());
        if (!dir) {
            return out;
        }
        partitions = months_to_read(*dir, {}, overlay);
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
            overlay.apply(p.month, records);
            std::move(records.begin(), records.end(), std::back_inserter(out));
        } catch (const Error&) {
        } catch (const std::system_error&) {
        }
    }
    std::sort(out.begin(), out.end(), Kind<Record>::before);
    return out;
}

template <typename Record> Record Store::read_one(std::int64_t id) const {
    const CacheFolder cache = cache_of<Record>(m_paths);
    auto found = locate<Record>(data_folder(), &cache, id);
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
    WriteLock lock = lock_for<Record>();
    if (find_existing) {
        if (auto existing = find_existing()) {
            return {std::move(*existing), false};
        }
    }

    // Parse everything this change touches before changing anything. store.toml is derived:
    // the rule is that a new ID comes after every ID on disk, in a month or on a tombstone. So
    // it is written like a cache, without fsync, and a log syncs only its month; one that a
    // crash left torn is read as missing and the IDs are counted again. (One a power cut left a
    // step behind can hand out an ID a record in another month holds: every reader then names
    // both places, and `sync` or `doctor --fix` settles it like IDs two machines handed out.)
    std::map<std::string, std::int64_t> counters;
    try {
        counters = read_counters(data);
    } catch (const FolderNotPrivate&) {
        throw;
    } catch (const Error&) {
    }
    const std::string name = partition_name(draft.date);
    auto month = read_partition_snapshot<Record>(dir, name);

    std::int64_t next = 0;
    if (auto it = counters.find(Kind<Record>::noun); it != counters.end()) {
        next = it->second;
    } else {
        // No counter yet (new home, or store.toml lost): start after every ID on disk.
        next = max_id_in<Record>(dir) + 1;
        for (const auto& stone : read_tombstones(data)) {
            if (stone.kind == Kind<Record>::noun) {
                next = std::max(next, stone.id + 1);
            }
        }
    }
    for (const auto& r : month.records) {
        next = std::max(next, r.id + 1);
    }
    draft.id = next;
    if (!draft.uid) {
        draft.uid = util::new_uuid();
    }
    check_writable(draft);
    counters[Kind<Record>::noun] = next + 1;
    // The month's new text is made durable first; then the counter moves; then the month is
    // renamed in. A failed write changes nothing; a kill between the last two skips an ID,
    // never reuses one.
    write_partition_adding(dir, name, cache_of<Record>(m_paths), std::move(month), draft,
                           [&] { write_counters(data, counters, false); });
    return {std::move(draft), true};
}

template <typename Record>
Record Store::update(std::int64_t id, const std::function<void(Record&)>& change) {
    WriteLock lock = lock_for<Record>();
    const auto data = data_folder();
    const auto dir = kind_folder<Record>(data);
    auto found = locate<Record>(data, nullptr, id);
    if (!found) {
        no_such<Record>(id);
    }
    Record updated = found->records[found->index];
    const std::optional<std::string> uid = updated.uid;
    change(updated);
    updated.id = id;
    // The identity never changes; a record from before identities gets its own now.
    updated.uid = uid ? uid : util::new_uuid();
    check_writable(updated);
    const std::string target = partition_name(updated.date);
    if (target == found->name) {
        found->records[found->index] = updated;
        write_partition(*dir, found->name, std::move(found->records));
        return updated;
    }
    // Moving to another month changes two files. The move is written down first (the intent):
    // from then on it has happened, and a crash or kill part way is finished by the next writer
    // and read as finished by every reader, so the record is never lost and never seen twice.
    auto destination = read_partition<Record>(*dir, target);
    const Date old_date = found->records[found->index].date;
    write_pending_move(*data,
                       PendingMove{Kind<Record>::table, id, old_date.year() / old_date.month(),
                                   updated.date.year() / updated.date.month(), to_toml(updated),
                                   {}});
    // The old copy goes before the new one comes: the month files never hold both.
    found->records.erase(found->records.begin() + static_cast<long>(found->index));
    write_partition(*dir, found->name, std::move(found->records));
    destination.push_back(updated);
    write_partition(*dir, target, std::move(destination));
    remove_file_durably(*data, k_move_intent_name);
    return updated;
}

template <typename Record> Record Store::remove(std::int64_t id) {
    WriteLock lock = lock_for<Record>();
    const auto data = data_folder();
    const auto dir = kind_folder<Record>(data);
    auto found = locate<Record>(data, nullptr, id);
    if (!found) {
        no_such<Record>(id);
    }
    Record removed = found->records[found->index];
    found->records.erase(found->records.begin() + static_cast<long>(found->index));
    write_partition(*dir, found->name, std::move(found->records));
    if (removed.uid) {
        // Then its tombstone (deleted.toml), for `sync` and `import`. A kill between the two
        // writes leaves the record removed without one: a sync's merge still removes it
        // everywhere, since the other machines' copies are unchanged.
        add_tombstone(*data, Tombstone{Kind<Record>::noun, *removed.uid, id, util::local_today()});
    }
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
        // Throws Error(no_input) for an unknown ID. The uid is the link that holds when a sync
        // gives the rejection another number.
        draft.rejection_uid = rejection(*draft.rejection).uid;
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
    WriteLock lock = lock_for<Checkin>();
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
    WriteLock lock = lock_for<Checkin>();
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
