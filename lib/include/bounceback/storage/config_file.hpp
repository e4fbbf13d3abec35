#pragma once
// config.toml on disk.

#include "bounceback/core/config.hpp"
#include "bounceback/storage/paths.hpp"

namespace bb::storage {

/// The settings in `paths.config_file`, or the defaults when it does not exist. Throws
/// Error(config) with FILE:LINE:COL when it does not parse or breaks a rule.
Config load_config(const Paths& paths);

/// True when `paths.config_file` exists (it may still fail to parse).
bool config_exists(const Paths& paths);

/// Creates `paths.config_file` holding `text` (0600, folders 0700) under the write lock.
/// Throws Error(cant_create) when it already exists: an existing config is never overwritten.
void create_config(const Paths& paths, std::string_view text);

} // namespace bb::storage
