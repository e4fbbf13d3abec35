#include "bounceback/storage/config_file.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/lock.hpp"
#include "bounceback/storage/store.hpp"
#include "bounceback/storage/toml_file.hpp"

namespace bb::storage {

Config load_config(const Paths& paths) {
    auto table = load_toml(paths.config_file, ExitCode::config);
    if (!table) {
        return Config{};
    }
    return config_from_toml(*table, paths.config_file.string());
}

bool config_exists(const Paths& paths) {
    std::error_code ec;
    return std::filesystem::exists(paths.config_file, ec);
}

void create_config(const Paths& paths, std::string_view text) {
    // The text must be a config we can read back, or we would create a file that breaks
    // every later command.
    config_from_toml(parse_toml(text, paths.config_file, ExitCode::config),
                     paths.config_file.string());
    ensure_private_dir(paths.config_dir);
    ensure_private_dir(paths.data_dir);
    WriteLock lock(Store(paths).lock_file());
    AtomicFile file(paths.config_file);
    file.write(text);
    file.commit_new();
}

} // namespace bb::storage
