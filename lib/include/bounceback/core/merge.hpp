#pragma once
// Merging the records two machines changed apart, record by record and field by field: the
// rules `bounceback sync` and its git merge driver follow (bounceback-sync(1)). Pure: no files,
// no git.

#include "bounceback/core/records.hpp"

#include <cstdint>
#include <toml++/toml.h>
#include <optional>
#include <string>
#include <vector>

namespace bb {

/// Which side of a merge changed last: where both changed one field, its value is kept.
enum class Later { ours, theirs };

/// What identifies a record across machines: its uid; a check-in, its habit and day; a record
/// from before identities, its number ("#7").
std::string merge_key(const Rejection& r);
std::string merge_key(const Win& w);
std::string merge_key(const Reflection& r);
std::string merge_key(const Checkin& c);

/// A record as the person knows it: "rejection 3 (Initech)", "win 2", "reflection 4",
/// "the check-in of exercise on 2026-12-01".
std::string record_label(const Rejection& r);
std::string record_label(const Win& w);
std::string record_label(const Reflection& r);
std::string record_label(const Checkin& c);

/// The kind of a record as bounceback(5) names it: "rejection", "win", "reflection", "checkin".
std::string kind_name(const Rejection&);
std::string kind_name(const Win&);
std::string kind_name(const Reflection&);
std::string kind_name(const Checkin&);

/// The records of one file after a merge, and what the person should hear about it.
template <typename Record> struct Merged {
    std::vector<Record> records;
    std::vector<std::string> notes; ///< one sentence each: a value replaced, a removal undone
};

/// The three-way merge of one file's records: `base` (the last version both sides had, empty
/// when there was none), `ours` and `theirs`. Records are matched by merge_key. Added on either
/// side: kept. Removed on one side and unchanged on the other: removed. Removed on one side and
/// changed on the other: kept, with a note. Changed on both: field by field, each side's change
/// kept; where both changed the same field differently, the `later` side's value is kept, with
/// a note naming the value it replaced. The result is in no particular order.
template <typename Record>
Merged<Record> merge_records(const std::vector<Record>& base, const std::vector<Record>& ours,
                             const std::vector<Record>& theirs, Later later);

/// Two copies of one record (the same merge_key) that reached one home without a common base,
/// such as a record moved to another month on one machine and changed on the other: one record,
/// fields taken from `first` where they differ, then filled from `second` where `first` has
/// none.
template <typename Record> Record combine_copies(const Record& first, const Record& second);

/// What changed from `before` to `after` (the records of one file), one line per record, as a
/// commit message says it: "log: Acme, rejected at onsite", "edit: rejection 3 (Acme)",
/// "rm: win 2", "routine: exercise done on 2026-12-01".
template <typename Record>
std::vector<std::string> describe_changes(const std::vector<Record>& before,
                                          const std::vector<Record>& after);

/// The three-way merge of config.toml as two machines changed it, key by key (and inside a
/// table, key by key again): a key changed on one side takes that change; changed on both to
/// different values, the `later` side's value is kept and `notes` gets a sentence naming the
/// value it replaced. Comments are not kept (the result is written by bounceback).
toml::table merge_settings(const toml::table& base, const toml::table& ours,
                           const toml::table& theirs, Later later,
                           std::vector<std::string>& notes);

/// A record that had to take another number, so two records no longer share one.
struct NumberChange {
    std::string kind;  ///< "rejection", "win" or "reflection"
    std::int64_t from; ///< the number it had
    std::int64_t to;   ///< the number it has now
    std::string uid;
    std::string label; ///< as record_label says it, with the new number
};

/// Gives each record of `records` (every record of one kind, from every month) a number no other
/// holds: where several share a number, the one with the smallest uid keeps it and each other,
/// in uid order, takes the next free number after `highest` (the largest number ever given out:
/// records, tombstones, counters). The same result on every machine that holds the same records.
template <typename Record>
std::vector<NumberChange> settle_numbers(std::vector<Record>& records, std::int64_t highest);

} // namespace bb
