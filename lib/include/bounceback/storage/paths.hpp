#pragma once
// Where bounceback keeps its data and configuration.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace bb::storage {

/// The folders and files for one person's bounceback.
struct Paths {
    std::filesystem::path data_dir;      ///< records, store.toml, the lock
    std::filesystem::path config_dir;    ///< config.toml and templates/
    std::filesystem::path config_file;   ///< config_dir / "config.toml"
    std::filesystem::path templates_dir; ///< config_dir / "templates"
    std::string chosen_by;               ///< "--home", "BOUNCEBACK_HOME" or "XDG"
    /// Derived copies of the data that make reading fast (safe to delete at any time); empty
    /// means no cache.
    std::filesystem::path cache_dir;
};

/// Looks up an environment variable; a seam so tests need not touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// The process environment.
EnvLookup process_environment();

/// Resolves the folders: `home_flag` (from --home) beats BOUNCEBACK_HOME, which beats XDG
/// (`$XDG_DATA_HOME/bounceback` for data, `$XDG_CONFIG_HOME/bounceback` for config,
/// `$XDG_CACHE_HOME/bounceback` for the cache, defaulting to ~/.local/share, ~/.config and
/// ~/.cache; relative XDG values are ignored as the XDG spec says). With --home or
/// BOUNCEBACK_HOME everything lives in that one folder (the cache in its `cache/`). Throws
/// Error(config) when no folder can be found (no HOME and nothing else set).
Paths resolve_paths(const std::optional<std::string>& home_flag, const EnvLookup& env);

} // namespace bb::storage
