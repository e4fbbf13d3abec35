#pragma once
// deleted.toml: a tombstone for each removed rejection, win and reflection, so a deletion
// travels to every machine a sync reaches and is never undone by another machine or an import,
// and its number is never given out again there either.

#include "bounceback/core/records.hpp"
#include "bounceback/storage/folder.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bb::storage {

/// One removed record.
struct Tombstone {
    std::string kind; ///< "rejection", "win" or "reflection"
    std::string uid;  ///< the removed record's identity
    std::int64_t id = 0;
    Date date; ///< when it was removed

    bool operator==(const Tombstone&) const = default;
};

/// The name of the tombstone file in the data folder.
inline constexpr const char* k_tombstones_file = "deleted.toml";

/// The tombstones of the text `text` read from `path` (named in errors). Throws Error(data)
/// with FILE:LINE:COL when it does not parse or a tombstone breaks a rule.
std::vector<Tombstone> tombstones_from_text(std::string_view text, std::string_view path);

/// The text of deleted.toml holding `tombstones`, sorted by kind, then ID, then uid, one each.
std::string tombstones_text(std::vector<Tombstone> tombstones);

/// The tombstones in the data folder `data`; empty when it has none. Throws like
/// tombstones_from_text.
std::vector<Tombstone> read_tombstones(const Folder& data);

/// Adds `tombstone` to deleted.toml in `data` (a writer holds the lock).
void add_tombstone(const Folder& data, Tombstone tombstone);

/// Replaces deleted.toml in `data` with `tombstones` (removes it when there are none).
void write_tombstones(const Folder& data, std::vector<Tombstone> tombstones);

} // namespace bb::storage
