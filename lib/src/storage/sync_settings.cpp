#include "sync_settings.hpp"

#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/util/text.hpp"
#include "sync_files.hpp"

#include <map>

namespace bb::storage::detail {

namespace fs = std::filesystem;

namespace {

/// The files named NAME.mustache (a template name) in `dir`, by name, with their text.
std::map<std::string, std::string> templates_in(const std::optional<Folder>& dir) {
    std::map<std::string, std::string> out;
    if (!dir) {
        return out;
    }
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir->path(), ec)) {
        const std::string file = entry.path().filename().string();
        if (!file.ends_with(k_template_suffix)) {
            continue;
        }
        const std::string name = file.substr(0, file.size() - k_template_suffix.size());
        if (!util::is_simple_name(name)) {
            continue;
        }
        if (auto text = read_file(*dir, file)) {
            out.emplace(name, std::move(*text));
        }
    }
    return out;
}

/// Makes the files NAME.mustache in `to` the templates `wanted`, removing the others.
void mirror_templates(const std::map<std::string, std::string>& wanted, const Folder& to) {
    for (const auto& [name, text] : templates_in(to)) {
        if (!wanted.contains(name)) {
            remove_file_durably(to, name + std::string(k_template_suffix));
        }
    }
    for (const auto& [name, text] : wanted) {
        const std::string file = name + std::string(k_template_suffix);
        if (read_file(to, file) != text) {
            write_file_atomically(to, file, text);
        }
    }
}

} // namespace

void export_settings(const Store& store) {
    const Paths& paths = store.paths();
    const Folder settings = store.make_data_folder().make_sub(k_settings_dir);
    const auto config_dir = Folder::open_private(paths.config_dir);
    const auto config =
        config_dir ? read_file(*config_dir, paths.config_file.filename().string()) : std::nullopt;
    const std::string name = fs::path(k_settings_config).filename().string();
    if (config) {
        if (read_file(settings, name) != config) {
            write_file_atomically(settings, name, *config);
        }
    } else if (read_file(settings, name)) {
        remove_file_durably(settings, name);
    }
    const auto templates =
        config_dir ? config_dir->open_sub(paths.templates_dir.filename().string()) : std::nullopt;
    mirror_templates(templates_in(templates), settings.make_sub("templates"));
}

void import_settings(const Store& store) {
    const Paths& paths = store.paths();
    const auto settings = store.make_data_folder().open_sub(k_settings_dir);
    if (!settings) {
        return;
    }
    const Folder config_dir = Folder::make_private(paths.config_dir);
    const std::string config_name = paths.config_file.filename().string();
    const auto config = read_file(*settings, fs::path(k_settings_config).filename().string());
    if (config && read_file(config_dir, config_name) != config) {
        write_file_atomically(config_dir, config_name, *config);
    } else if (!config && read_file(config_dir, config_name)) {
        remove_file_durably(config_dir, config_name);
    }
    const auto shared = settings->open_sub("templates");
    const auto wanted = templates_in(shared);
    const auto local = config_dir.open_sub(paths.templates_dir.filename().string());
    if (wanted.empty() && !local) {
        return;
    }
    mirror_templates(wanted, config_dir.make_sub(paths.templates_dir.filename().string()));
}

} // namespace bb::storage::detail
