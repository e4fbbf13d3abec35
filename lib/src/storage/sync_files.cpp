#include "sync_files.hpp"

#include "bounceback/core/merge.hpp"
#include "bounceback/storage/sync.hpp"
#include "bounceback/storage/tombstones.hpp"
#include "bounceback/util/text.hpp"
#include "partition.hpp"

namespace bb::storage {

using namespace detail;

bool is_data_path(std::string_view name) {
    return name == k_tombstones_file || name == k_settings_config ||
           !settings_template(name).empty() || !folder_of(name).empty();
}

namespace detail {

std::string settings_template(std::string_view path) {
    if (!path.starts_with(k_settings_templates) || !path.ends_with(k_template_suffix)) {
        return {};
    }
    const std::string_view name =
        path.substr(k_settings_templates.size(),
                    path.size() - k_settings_templates.size() - k_template_suffix.size());
    return util::is_simple_name(name) ? std::string(name) : std::string();
}

std::string folder_of(std::string_view name) {
    const std::size_t slash = name.find('/');
    if (slash == std::string_view::npos || name.find('/', slash + 1) != std::string_view::npos ||
        !partition_month(name.substr(slash + 1))) {
        return {};
    }
    const std::string folder(name.substr(0, slash));
    bool known = false;
    for_each_kind([&]<typename Record>() { known = known || folder == Kind<Record>::folder; });
    return known ? folder : std::string();
}

std::vector<std::string> describe_file(const std::string& name,
                                       const std::optional<std::string>& before,
                                       const std::optional<std::string>& after) {
    std::vector<std::string> out;
    if (before == after) {
        return out;
    }
    if (name == k_settings_config) {
        return {"settings: config.toml"};
    }
    if (const std::string template_name = settings_template(name); !template_name.empty()) {
        return {"settings: the template " + template_name};
    }
    const std::string folder = folder_of(name);
    if (folder.empty()) {
        return out;
    }
    with_kind(folder, [&]<typename Record>() {
        auto records = [&](const std::optional<std::string>& text) {
            return text ? records_from_text<Record>(*text, name) : std::vector<Record>{};
        };
        out = describe_changes(records(before), records(after));
    });
    return out;
}

std::vector<std::string> lines_of(const std::string& text, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(separator, start);
        if (end == std::string::npos) {
            end = text.size();
        }
        if (end > start) {
            out.push_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

} // namespace detail

} // namespace bb::storage
