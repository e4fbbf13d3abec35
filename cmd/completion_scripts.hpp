#pragma once
// The completion scripts' sources, embedded at build time.

#include <span>
#include <string_view>
#include <utility>

namespace bb::cli {

/// Each completions/NAME.in as {NAME, its text}, sorted by name: the scripts, with a line
/// `@TABLE@` (SUBCOMMANDS, OPTIONS, ...) where each table of the command tree goes (written by
/// cmake/embed_files.cmake; completion.cpp fills them).
std::span<const std::pair<std::string_view, std::string_view>> completion_script_sources();

} // namespace bb::cli
