#pragma once
// Checking every file bounceback keeps.

#include "bounceback/storage/paths.hpp"
#include "bounceback/util/date.hpp"

#include <string>
#include <vector>

namespace bb::storage {

using util::Date;

/// One finding of check_home.
struct Finding {
    enum class Severity {
        problem, ///< something to fix; `doctor` exits 65
        fixed,   ///< a change `doctor --fix` made
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

/// How check_home runs.
struct CheckOptions {
    /// Today's date: records dated later than the day after it are reported, since bounceback
    /// refuses such dates when they are entered (check_entry_date).
    Date today;
    /// Repair what can be repaired safely before checking, under the write lock: finish a move
    /// to another month that was cut short; give each record whose ID another record of its kind
    /// already holds a new ID (a copy identical to the first is removed instead; a reflection
    /// linked to that ID follows the copy it was written after); raise a counter that is behind
    /// the IDs in use; remove temp files left by interrupted writes; make the folders and files
    /// bounceback keeps private again (0700, 0600), never through a symbolic link. A kind whose
    /// files do not all parse is left alone.
    bool fix = false;
};

/// Validates config.toml, store.toml and every record file; reports duplicate IDs and keys,
/// records in the wrong month's file, dates more than a day ahead, counters behind the IDs on
/// disk, files or folders readable by others, temp files left by a writer that died, a move to
/// another month that was cut short, and the text of edits that were not saved. Without
/// `options.fix` it changes nothing; with it, the repairs come first, each reported as
/// Severity::fixed, followed by what is still to fix.
CheckReport check_home(const Paths& paths, const CheckOptions& options);

} // namespace bb::storage
