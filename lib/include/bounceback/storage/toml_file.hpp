#pragma once
// Reading bounceback's TOML files, with errors that point at the line.

#include "bounceback/core/error.hpp"

#include <filesystem>
#include <optional>
#include <string_view>
#include <toml++/toml.h>

namespace bb::storage {

/// The data format version this build writes; files with a larger `version` are refused.
inline constexpr std::int64_t k_format_version = 1;

/// Parses `text` read from `path`. Throws Error(`code`) with `FILE:LINE:COL: what is wrong`.
toml::table parse_toml(std::string_view text, const std::filesystem::path& path,
                       ExitCode code = ExitCode::data);

/// Reads and parses `path`; nullopt when it does not exist. Throws like parse_toml and read_file.
std::optional<toml::table> load_toml(const std::filesystem::path& path,
                                     ExitCode code = ExitCode::data);

/// Opens the data file `path` for reading; -1 when it does not exist. A symbolic link there is
/// refused (Error(data)): data files are plain files in the data folder, so a write never reads
/// a file elsewhere and never replaces a link with a copy. Throws Error(io/no_perm) otherwise.
int open_data_file(const std::filesystem::path& path);

/// The content of the data file `path` (opened by open_data_file); nullopt when it does not
/// exist.
std::optional<std::string> read_data_file(const std::filesystem::path& path);

/// Reads and parses the data file `path` like load_toml, refusing a symbolic link like
/// open_data_file.
std::optional<toml::table> load_data_file(const std::filesystem::path& path);

/// Checks the `version` key of a data file: present, an integer, not newer than this build
/// understands. Throws Error(data) naming the file and what to do.
void check_format_version(const toml::table& table, const std::filesystem::path& path);

} // namespace bb::storage
