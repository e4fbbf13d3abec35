#pragma once
// Internal to storage: store.toml, the next ID of each kind of record, so an ID is never given
// out twice, even after the record holding it is removed.

#include "bounceback/storage/folder.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace bb::storage::detail {

/// The name of the file of next IDs in the data folder.
inline constexpr const char* k_counters_file = "store.toml";

/// The next ID of each kind ("rejection", "win") from store.toml in the data folder `data`;
/// empty when the file does not exist. Throws Error(data) with position.
std::map<std::string, std::int64_t> read_counters(const Folder& data);

/// The text of store.toml holding `counters`.
std::string counters_text(const std::map<std::string, std::int64_t>& counters);

/// Replaces store.toml in the data folder `data` with `counters`: durably (fsync), or, for a
/// writer that keeps the IDs on disk as the rule (Store::add), without fsync, like a cache.
void write_counters(const Folder& data, const std::map<std::string, std::int64_t>& counters,
                    bool durable = true);

} // namespace bb::storage::detail
