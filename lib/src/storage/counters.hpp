#pragma once
// Internal to storage: store.toml, the next ID of each kind of record, so an ID is never given
// out twice, even after the record holding it is removed.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace bb::storage::detail {

/// The next ID of each kind ("rejection", "win") from store.toml at `path`; empty when the file
/// does not exist. Throws Error(data) with position.
std::map<std::string, std::int64_t> read_counters(const std::filesystem::path& path);

/// The text of store.toml holding `counters`.
std::string counters_text(const std::map<std::string, std::int64_t>& counters);

/// Replaces store.toml at `path` with `counters`.
void write_counters(const std::filesystem::path& path,
                    const std::map<std::string, std::int64_t>& counters);

} // namespace bb::storage::detail
