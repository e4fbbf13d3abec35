#pragma once
// Checking every file bounceback keeps.

#include "bounceback/storage/paths.hpp"

#include <string>
#include <vector>

namespace bb::storage {

/// One finding of check_home.
struct Finding {
    enum class Severity {
        problem, ///< something to fix; `doctor` exits 65
        fixed,   ///< housekeeping done (a leftover temp file removed)
        note,    ///< worth knowing, nothing is wrong
    };
    Severity severity;
    std::string message; ///< starts with FILE or FILE:LINE:COL; says what is wrong and the fix
};

/// What check_home looked at.
struct CheckReport {
    std::vector<Finding> findings;
    std::size_t files_checked = 0;
    std::size_t records_checked = 0;

    bool has_problems() const;
};

/// Validates config.toml, store.toml and every record file; reports duplicate IDs and keys,
/// records in the wrong month's file, counters behind the IDs on disk, and files or folders
/// readable by others. Removes temp files left by a writer that died, holding the write lock
/// so no live writer is disturbed. Changes nothing else.
CheckReport check_home(const Paths& paths);

} // namespace bb::storage
