#pragma once
// Internal to storage: moving a record to another month's file as one step. A move changes two
// month files, and no rename replaces two files at once, so the move is first written down whole
// in `.move.toml` in the data folder (the intent); that write is the moment the move happens.
// Then the record leaves its old month, joins its new one, and the intent is removed. A move cut
// short (a crash, a kill) is finished by the next writer, under the lock, before anything else;
// until then every reader applies the intent to what it reads, so the record is seen once, in its
// new month. The month files never hold both copies: the old one goes before the new one comes.
//
// Sits beside the month partition (partition.hpp), which it reads and writes; the Store above
// writes intents and applies them.

#include "partition.hpp"
#include "record_kind.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <toml++/toml.h>
#include <vector>

namespace bb::storage::detail {

/// A move of one record from one month file of its kind to another: decided, perhaps not yet
/// finished.
struct PendingMove {
    std::string table;             ///< the kind's table name, e.g. "rejection"
    std::int64_t id = 0;           ///< the record's ID
    std::chrono::year_month from;  ///< the month file it leaves
    std::chrono::year_month to;    ///< the month file it joins
    toml::table record;            ///< the record as it is once moved
    toml::source_region where;     ///< the record's place in the intent file, for messages

    /// "rejection 7 from 2026-10 to 2026-11", for messages.
    std::string describe() const;
};

/// The name of the intent file in the data folder.
inline constexpr const char* k_move_intent_name = ".move.toml";

/// The intent file of the data folder `data_dir`, for messages.
std::filesystem::path move_intent_path(const std::filesystem::path& data_dir);

/// The move written down in the data folder `data`, nullopt when none is pending. Throws
/// Error(data) with FILE:LINE:COL when the intent file does not parse, Error(io/no_perm) when it
/// cannot be read.
std::optional<PendingMove> read_pending_move(const Folder& data);

/// Writes `move` down in the data folder `data` durably (AtomicFile): from then on the move has
/// happened.
void write_pending_move(const Folder& data, const PendingMove& move);

/// Finishes the move pending in `data_dir`, if any: takes the record out of its old month file,
/// puts the intent's record in its new one (each only when it is not so already), then removes
/// the intent. Must run under the write lock. Returns the move it finished. Throws Error(data)
/// when one of the two month files does not parse; the intent then stays, and is applied by
/// readers as before.
std::optional<PendingMove> finish_pending_move(const Folder& data);

/// How a reader of one kind applies a pending move to the month files it reads.
template <typename Record> class MoveOverlay {
  public:
    /// No move to apply.
    MoveOverlay() = default;

    /// Applies `move` when it is one of `Record`'s kind (never for check-ins, which have no ID
    /// and never move); otherwise nothing. Throws Error(data) when the intent's record breaks a
    /// field rule.
    MoveOverlay(const std::optional<PendingMove>& move, const std::filesystem::path& intent_file);

    /// True when a move of this kind is pending.
    bool active() const { return m_record.has_value(); }

    /// The month the record moves to (when active()).
    std::chrono::year_month to() const { return m_to; }

    /// Makes `records`, read from the file of `month`, what that file holds once the move is
    /// finished: the record is taken out of its old month and is in its new one, once.
    void apply(std::chrono::year_month month, std::vector<Record>& records) const;

    /// `partitions` (oldest first) with the month file the record moves to added when it is not
    /// there yet and `wanted` says that month is read.
    template <typename Wanted>
    void add_destination(std::vector<Partition>& partitions, Wanted wanted) const {
        if (!active() || !wanted(m_to)) {
            return;
        }
        auto at = std::lower_bound(
            partitions.begin(), partitions.end(), m_to,
            [](const Partition& p, std::chrono::year_month month) { return p.month < month; });
        if (at == partitions.end() || at->month != m_to) {
            partitions.insert(at, Partition{m_to, partition_name(m_to / 1)});
        }
    }

  private:
    std::optional<Record> m_record;
    std::chrono::year_month m_from;
    std::chrono::year_month m_to;
};

} // namespace bb::storage::detail
