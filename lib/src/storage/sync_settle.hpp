#pragma once
// Internal to storage: what a sync does after a merge, and the numbers it compares. Merged
// months can hold two copies of a record, two records of one email, or two records of one
// number; settling makes them one, once, the same way on every machine.

#include "bounceback/storage/store.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bb::storage::detail {

/// Every record of every numbered kind, by uid: its number and how it is named.
struct Known {
    std::int64_t id;
    std::string label;
};

/// Every record of the numbered kinds by uid, as they are now.
std::map<std::string, Known> known_records(const Store& store);

/// After a merge: one record per uid, one rejection per key, tombstones only for records
/// that are gone, one record per number, links that follow uids, counters past every number.
/// Returns the notes for the person.
std::vector<std::string> settle_merged(const Store& store);

} // namespace bb::storage::detail
