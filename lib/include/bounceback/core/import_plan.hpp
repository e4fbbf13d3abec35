#pragma once
// Deciding what an import adds: which incoming records are already there, which keep their
// IDs, which need new ones. Pure logic over records; storage/import reads and writes the files.

#include "bounceback/core/interchange.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace bb {

/// An incoming record whose ID was taken by a different record: it is added under `to`.
struct Renumbered {
    RecordKind kind;
    std::int64_t from;
    std::int64_t to;
};

/// A stored rejection that a row of a sheet imported again changes: the row is recognisably
/// the same entry, and some cell was edited.
struct Updated {
    Rejection before;
    Rejection after;
    std::vector<std::string> fields; ///< the keys that change, in key order
};

/// What an import will do.
struct ImportPlan {
    Dataset added;                             ///< the records to add, with their final IDs
    std::map<RecordKind, std::size_t> skipped; ///< per kind: already there, so not added
    std::vector<Renumbered> renumbered;        ///< added under a new ID
    std::vector<std::string> kept;             ///< conflicts where the stored record was kept
    std::vector<Updated> updated;              ///< stored rejections a sheet row updates
    std::map<std::string, std::int64_t> next;  ///< the ID counters afterwards

    /// How many records of `kind` the import adds.
    std::size_t added_count(RecordKind kind) const { return added.count(kind); }
};

/// Plans importing `incoming` into a home that holds `existing` (its records and counters).
///
/// Records that already exist are skipped, so importing the same data twice changes nothing:
/// a rejection with a `key` matches the stored rejection with that key (the stored one is kept,
/// noted in `kept` when they differ); a record with an ID matches a stored record with the same
/// ID and the same fields, or one with the same fields under another ID; a check-in matches the
/// stored check-in of its habit and date (the stored one is kept, noted when they differ).
/// Incoming records match earlier incoming ones by ID, key and check-in day, but not by content
/// alone: two records of the file that say the same thing under two IDs are both added.
///
/// Other records are added, keeping their ID when it is free. One whose ID is taken by a
/// different record, or that has no ID (0), gets a new ID above every ID on either side and
/// above both sides' counters, so no ID is ever reused; renumbered ones are listed. A
/// reflection linked to an incoming rejection follows that rejection's new or matched ID.
/// The counters in `next` move past every ID given.
///
/// `sheet_keys`, when given, holds for each incoming rejection (in order) the keys its sheet
/// row speaks for (SheetRead::sheet_keys). A rejection without an ID that matches no stored one
/// by its fields is then matched by who and when: the same company and role (compared without
/// regard to case) and the same applied date, or, when either side has no applied date, the
/// same rejection date. Each stored rejection is matched at most once. The stored one keeps
/// its ID and every field the row does not speak for (feedback asked for since, a feeling);
/// the row's fields replace the rest. When that changes something, it is in `updated`;
/// otherwise it counts as already there.
ImportPlan plan_import(const Dataset& existing, const Dataset& incoming,
                       const std::vector<std::set<std::string>>* sheet_keys = nullptr);

} // namespace bb
