#include "bounceback/storage/paths.hpp"

#include "bounceback/core/error.hpp"

#include <cstdlib>

namespace bb::storage {

namespace fs = std::filesystem;

EnvLookup process_environment() {
    return [](std::string_view name) -> std::optional<std::string> {
        const char* value = std::getenv(std::string(name).c_str());
        if (value == nullptr || *value == '\0') {
            return std::nullopt;
        }
        return std::string(value);
    };
}

namespace {
Paths single_folder(const fs::path& root, std::string chosen_by) {
    fs::path absolute = fs::absolute(root).lexically_normal();
    if (absolute.has_filename() == false && absolute.has_parent_path()) {
        absolute = absolute.parent_path();
    }
    return Paths{absolute,
                 absolute,
                 absolute / "config.toml",
                 absolute / "templates",
                 std::move(chosen_by),
                 absolute / "cache"};
}

std::optional<fs::path> absolute_env(const EnvLookup& env, std::string_view name) {
    auto value = env(name);
    if (!value || !fs::path(*value).is_absolute()) {
        return std::nullopt;
    }
    return fs::path(*value);
}
} // namespace

Paths resolve_paths(const std::optional<std::string>& home_flag, const EnvLookup& env) {
    if (home_flag) {
        if (home_flag->empty()) {
            throw Error(ExitCode::usage, "--home: the folder name is empty");
        }
        return single_folder(*home_flag, "--home");
    }
    if (auto home = env("BOUNCEBACK_HOME")) {
        return single_folder(*home, "BOUNCEBACK_HOME");
    }
    auto user_home = absolute_env(env, "HOME");
    auto data_base = absolute_env(env, "XDG_DATA_HOME");
    auto config_base = absolute_env(env, "XDG_CONFIG_HOME");
    auto cache_base = absolute_env(env, "XDG_CACHE_HOME");
    if (!user_home && (!data_base || !config_base)) {
        throw Error(ExitCode::config,
                    "cannot find your home folder: HOME is not set to an absolute path; set it, "
                    "or use --home DIR or BOUNCEBACK_HOME");
    }
    fs::path data = (data_base ? *data_base : *user_home / ".local" / "share") / "bounceback";
    fs::path config = (config_base ? *config_base : *user_home / ".config") / "bounceback";
    // No HOME and no XDG_CACHE_HOME: no cache, which only makes reading slower.
    fs::path cache = cache_base  ? *cache_base / "bounceback"
                     : user_home ? *user_home / ".cache" / "bounceback"
                                 : fs::path();
    return Paths{data, config, config / "config.toml", config / "templates", "XDG", cache};
}

} // namespace bb::storage
