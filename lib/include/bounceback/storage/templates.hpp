#pragma once
// The person's own email templates, in the config folder's templates/.

#include "bounceback/storage/paths.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb::storage {

/// A template file from the person's template folder.
struct UserTemplate {
    std::string name;
    std::filesystem::path path;
    std::string text;
};

/// The user template `templates/NAME.mustache`, or nullopt when there is none. Throws
/// Error(usage) for a name that is not [A-Za-z0-9_-]+, before anything is opened; the file is
/// opened with O_NOFOLLOW, so nothing outside the template folder is ever read.
std::optional<UserTemplate> read_user_template(const Paths& paths, std::string_view name);

/// Every user template, by name. Files whose names are not valid template names are skipped.
std::vector<UserTemplate> list_user_templates(const Paths& paths);

} // namespace bb::storage
