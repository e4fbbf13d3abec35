#pragma once
// What a command asks of the records on disk: the top storage layer. Below it, one month's file
// (lib/src/storage/partition.hpp) and the ID counters (counters.hpp), then the cache of a month
// (partition_cache.hpp), then AtomicFile (atomic_file.hpp); no layer calls one above it.

#include "bounceback/core/date_range.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/storage/folder.hpp"
#include "bounceback/storage/lock.hpp"
#include "bounceback/storage/paths.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bb::storage {

using bb::DateRange;

/// One person's records. Readers take no lock: files are only ever replaced whole by rename,
/// so a reader sees the old or the new file, never a mix. Every change takes the write lock,
/// parses each file it will touch before changing anything (a file that does not parse is
/// never written: Error(data) with FILE:LINE:COL), and replaces files with AtomicFile.
///
/// Layout under data_dir: `rejections/`, `wins/`, `reflections/` and `checkins/`, each holding
/// one `YYYY-MM.toml` per month of the records' dates; `store.toml` (the next ID of each kind
/// that has IDs, so IDs are never reused); `.lock`.
class Store {
  public:
    /// A store over `paths`; writers give up waiting for the lock after `lock_timeout`.
    explicit Store(Paths paths, std::chrono::milliseconds lock_timeout = std::chrono::seconds(10));

    /// The folders this store uses.
    const Paths& paths() const { return m_paths; }

    /// True when any record file exists: rejections, wins, reflections or check-ins.
    bool has_records() const;

    /// Rejections dated inside `range`, by date then ID. Reads only the months the range covers;
    /// throws Error(data) naming the position if one of those does not parse.
    std::vector<Rejection> rejections(const DateRange& range = {}) const;

    /// The rejection with `id`. Throws Error(no_input) when there is none, Error(data) when it
    /// may be in a file that does not parse or when more than one rejection holds that ID
    /// (naming each place).
    Rejection rejection(std::int64_t id) const;

    /// Wins dated inside `range`, by date then ID.
    std::vector<Win> wins(const DateRange& range = {}) const;

    /// The win with `id`, like rejection().
    Win win(std::int64_t id) const;

    /// The outcome of add_rejection.
    struct Added {
        Rejection rejection; ///< as stored, with its ID
        bool created;        ///< false when `key` matched an existing entry
    };

    /// Stores `draft` under a new ID. When `draft.key` is set and an entry already has that key,
    /// nothing is written and that entry is returned, so scripts can log idempotently.
    Added add_rejection(Rejection draft);

    /// Applies `change` to the rejection with `id` and stores it (moving it to another month's
    /// file when its date moves: in one step, as bounceback(5) describes, so a kill leaves the
    /// old state or the new one). `change` may throw to abandon the edit; the ID cannot change.
    /// Throws Error(usage) when the result breaks a field rule, Error(no_input) for an unknown ID.
    Rejection update_rejection(std::int64_t id, const std::function<void(Rejection&)>& change);

    /// Removes the rejection with `id` and returns it. Its ID is never given out again.
    Rejection remove_rejection(std::int64_t id);

    /// Stores `draft` under a new ID.
    Win add_win(Win draft);

    /// Removes the win with `id` and returns it.
    Win remove_win(std::int64_t id);

    /// Reflections dated inside `range`, by date then ID.
    std::vector<Reflection> reflections(const DateRange& range = {}) const;

    /// The reflection with `id`, like rejection().
    Reflection reflection(std::int64_t id) const;

    /// Stores `draft` under a new ID. Throws Error(no_input) when it links to a rejection that
    /// does not exist.
    Reflection add_reflection(Reflection draft);

    /// Removes the reflection with `id` and returns it.
    Reflection remove_reflection(std::int64_t id);

    /// Check-ins dated inside `range`, by date then habit.
    std::vector<Checkin> checkins(const DateRange& range = {}) const;

    /// The outcome of add_checkin.
    struct CheckinAdded {
        Checkin checkin; ///< as stored
        bool created;    ///< false when that habit already had a check-in that day (unchanged)
    };

    /// Stores `checkin` unless its habit already has one on that day.
    CheckinAdded add_checkin(Checkin checkin);

    /// Removes the check-in of `habit` on `date`; nullopt when there was none.
    std::optional<Checkin> remove_checkin(const std::string& habit, Date date);

    /// Calls `visit` with each rejection dated inside `range`, a month at a time (oldest month
    /// first, each month by date then ID), so that a reader over years holds one month of
    /// records, not all of them. Reads and throws like rejections(); a record a hand edit put
    /// in another month's file comes with that file.
    void each_rejection(const DateRange& range,
                        const std::function<void(const Rejection&)>& visit) const;
    /// Each reflection dated inside `range`, like each_rejection().
    void each_reflection(const DateRange& range,
                         const std::function<void(const Reflection&)>& visit) const;
    /// Each win dated inside `range`, like each_rejection().
    void each_win(const DateRange& range, const std::function<void(const Win&)>& visit) const;
    /// Each check-in dated inside `range`, like each_rejection() (each month by date then habit).
    void each_checkin(const DateRange& range,
                      const std::function<void(const Checkin&)>& visit) const;

    /// The first and the last date of any record, of any kind, dated inside `range`; nullopt
    /// when there is none. Reads only the first and last months that hold such a record.
    std::optional<std::pair<Date, Date>> record_span(const DateRange& range = {}) const;

    /// Every rejection in the month files that can be read, by date then ID. Unlike
    /// rejections(), a file that does not parse or cannot be read is skipped, and so is a
    /// folder that cannot be listed: this never throws Error. For best-effort readers such as
    /// shell completion, which must show what it can and never fail.
    std::vector<Rejection> readable_rejections() const;

    /// Every win in the month files that can be read, like readable_rejections().
    std::vector<Win> readable_wins() const;

    /// Every reflection in the month files that can be read, like readable_rejections().
    std::vector<Reflection> readable_reflections() const;

    /// Where each record of kind `Record` (Rejection, Win or Reflection) with `id` is stored, as
    /// FILE:LINE, oldest month first; empty when there is none. For a message about an ID held
    /// more than once, which every reader of one ID refuses (Error(data), naming these places).
    template <typename Record> std::vector<std::string> places(std::int64_t id) const;

    /// Takes the write lock every writer holds (creating the data folder, 0700, if needed), so
    /// a change can be made safely, then finishes a move to another month that a writer killed
    /// part way left (see bounceback(5)). Throws Error(temp_fail) after the timeout. A move that
    /// cannot be finished (one of its month files does not parse) stays pending; only writers of
    /// its kind then refuse, with the reason.
    WriteLock lock() const;

    /// The data folder, opened and checked (Folder: ours, private, not a link) when first
    /// needed; nullopt when it does not exist yet. Throws FolderNotPrivate.
    std::optional<Folder> data_folder() const;

    /// The data folder, made (0700) when missing. Throws like data_folder().
    Folder make_data_folder() const;

    /// The lock file every writer holds.
    std::filesystem::path lock_file() const { return m_paths.data_dir / ".lock"; }

    /// The file holding the next IDs.
    std::filesystem::path counters_file() const { return m_paths.data_dir / "store.toml"; }

    /// The folder of rejection partitions.
    std::filesystem::path rejections_dir() const { return m_paths.data_dir / "rejections"; }

    /// The folder of win partitions.
    std::filesystem::path wins_dir() const { return m_paths.data_dir / "wins"; }

  private:
    template <typename Record> std::vector<Record> read_range(const DateRange& range) const;
    template <typename Record>
    void scan(const DateRange& range, const std::function<void(const Record&)>& visit) const;
    template <typename Record>
    std::optional<std::pair<Date, Date>> span_of(const DateRange& range) const;
    template <typename Record> Record read_one(std::int64_t id) const;
    template <typename Record> std::vector<Record> read_readable() const;
    template <typename Record>
    std::pair<Record, bool> add(Record draft,
                                const std::function<std::optional<Record>()>& find_existing);
    template <typename Record>
    Record update(std::int64_t id, const std::function<void(Record&)>& change);
    template <typename Record> Record remove(std::int64_t id);
    template <typename Record> WriteLock lock_for() const;

    Paths m_paths;
    std::chrono::milliseconds m_lock_timeout;
    mutable std::optional<Folder> m_data; ///< the data folder, once opened
};

/// "rejection 7 is stored twice, at FILE:LINE and FILE:LINE": how a message about an ID that
/// more than one record of kind `noun` holds, at `places`, begins.
std::string stored_twice(std::string_view noun, std::int64_t id,
                         const std::vector<std::string>& places);

} // namespace bb::storage
