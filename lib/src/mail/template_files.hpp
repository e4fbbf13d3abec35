#pragma once
// The built-in templates' text, embedded at build time.

#include <span>
#include <string_view>
#include <utility>

namespace bb::mail {

/// Each templates/NAME.mustache as {NAME, its text}, sorted by name (written by
/// cmake/embed_files.cmake; builtin_templates() is what the rest reads).
std::span<const std::pair<std::string_view, std::string_view>> template_files();

} // namespace bb::mail
