#pragma once
// Running the person's editor.

#include <filesystem>

namespace bb::cli {

/// Opens `file` in $VISUAL, else $EDITOR, else vi. The variable is split into words and run
/// directly (no shell), with the file name as one more argument, so no name can be spliced
/// into a command. Returns the editor's exit status; throws bb::Error when it cannot start.
int run_editor(const std::filesystem::path& file);

} // namespace bb::cli
