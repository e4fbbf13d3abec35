#pragma once
// Reading bounceback's TOML files, with errors that point at the line.

#include "bounceback/core/error.hpp"
#include "bounceback/storage/folder.hpp"

#include <filesystem>
#include <optional>
#include <string_view>
#include <toml++/toml.h>

namespace bb::storage {

/// The data format version this build writes; files with a larger `version` are refused.
inline constexpr std::int64_t k_format_version = 1;

/// Parses `text` read from `path`. Throws Error(`code`) with `FILE:LINE:COL: what is wrong`,
/// and Error(data) with `FILE:LINE: unresolved merge conflict: …` when `text` holds the markers
/// git writes where it could not merge (whether or not the rest parses), LINE being the first
/// `<<<<<<<` line.
toml::table parse_toml(std::string_view text, const std::filesystem::path& path,
                       ExitCode code = ExitCode::data);

/// Reads and parses the plain file `name` in `dir` (storage/file.hpp read_file: no symbolic
/// links, no pipes, at most k_max_data_file_bytes); nullopt when it does not exist. Throws like
/// read_file, and like parse_toml when it does not parse or holds a merge conflict.
std::optional<toml::table> load_data_file(const Folder& dir, std::string_view name,
                                          ExitCode code = ExitCode::data);

/// Checks the `version` key of a data file: present, an integer, not newer than this build
/// understands. Throws Error(data) naming the file and what to do.
void check_format_version(const toml::table& table, const std::filesystem::path& path);

} // namespace bb::storage
