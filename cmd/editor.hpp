#pragma once
// Running the person's editor.

#include <filesystem>

namespace bb::cli {

/// Opens `file` in $VISUAL, else $EDITOR, else sensible-editor, editor or vi. The variable is
/// split into words and run directly (no shell), with the file name as one more argument, so no
/// name can be spliced into a command. Ctrl-C goes to the editor, not to bounceback. Returns the
/// editor's exit status; throws bb::Error when no editor can start.
int run_editor(const std::filesystem::path& file);

} // namespace bb::cli
