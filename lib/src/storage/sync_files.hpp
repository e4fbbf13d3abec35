#pragma once
// Internal to storage: the files `bounceback sync` carries. Which paths of the data folder git
// tracks, which kind of record a month file holds, and what a change to one of them says to the
// person.

#include "bounceback/core/records.hpp"
#include "record_kind.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb::storage::detail {

/// Where the settings travel in the repository: config.toml and the person's own templates.
inline constexpr const char* k_settings_dir = "settings";
inline constexpr const char* k_settings_config = "settings/config.toml";
inline constexpr std::string_view k_settings_templates = "settings/templates/";
inline constexpr std::string_view k_template_suffix = ".mustache";

/// The template NAME a path settings/templates/NAME.mustache holds, or "".
std::string settings_template(std::string_view path);

/// Calls `visit.template operator()<Record>()` for each kind of record.
template <typename Visit> void for_each_kind(Visit&& visit) {
    visit.template operator()<Rejection>();
    visit.template operator()<Win>();
    visit.template operator()<Reflection>();
    visit.template operator()<Checkin>();
}

/// The kinds that have numbers and identities.
template <typename Visit> void for_each_numbered_kind(Visit&& visit) {
    visit.template operator()<Rejection>();
    visit.template operator()<Win>();
    visit.template operator()<Reflection>();
}

/// The kind folder `name` is a month file of ("rejections/2026-11.toml" → "rejections"), or "".
std::string folder_of(std::string_view name);

/// Calls `visit.template operator()<Record>()` for the kind whose folder is `folder`.
template <typename Visit> void with_kind(const std::string& folder, Visit&& visit) {
    for_each_kind([&]<typename Record>() {
        if (folder == Kind<Record>::folder) {
            visit.template operator()<Record>();
        }
    });
}

/// What changed in the file `name` from `before` to `after` (either missing), one line each.
std::vector<std::string> describe_file(const std::string& name,
                                       const std::optional<std::string>& before,
                                       const std::optional<std::string>& after);

/// The parts of `text` between `separator`s, without empty ones: the lines of git's output, or
/// its NUL-separated entries.
std::vector<std::string> lines_of(const std::string& text, char separator = '\n');

} // namespace bb::storage::detail
