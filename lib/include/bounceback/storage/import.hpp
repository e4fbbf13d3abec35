#pragma once
// Export and import on disk: every record of a home out as a Dataset, and a Dataset in, all or
// nothing, under one write lock.

#include "bounceback/core/import_plan.hpp"
#include "bounceback/core/interchange.hpp"
#include "bounceback/storage/store.hpp"

#include <functional>
#include <string>

namespace bb::storage {

/// Every record of the kinds in `kinds` in `store` (by date, then ID or habit), with the ID
/// counters of store.toml. Throws Error(data) naming the position when a file does not parse.
Dataset read_dataset(const Store& store, const std::vector<RecordKind>& kinds);

/// The largest import file read: 64 MiB, many times an export of years of records.
inline constexpr std::size_t k_max_import_bytes = 64u << 20;

/// The content of an import file, or of standard input when `path` is "-". Throws
/// Error(no_input) when the file does not exist, Error(data) when it is larger than
/// k_max_import_bytes, Error(io/no_perm) when it cannot be read.
std::string read_import_input(const std::string& path);

/// Called as an import writes its files: `done` of `total` steps (each file is written and
/// synced, then renamed in).
using ImportProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Called by an import under its lock, with what is stored (every record of the kinds being
/// imported) and the incoming records, before anything is planned: it may drop incoming records
/// by a rule of its own, such as "probably logged by hand already".
using ImportReview = std::function<void(const Dataset& stored, Dataset& incoming)>;

/// Imports `incoming` into `store`, as plan_import decides, and returns the plan.
///
/// Under one write lock: reads and parses every month file of each kind being imported (and
/// store.toml), so IDs and duplicates are judged against the whole home; a file that does not
/// parse stops the import with Error(data) before anything is written. Then every new file is
/// written to a temp file and synced, and only then renamed in: store.toml first (so a crash
/// skips IDs, never reuses one), then the month files, each folder synced. A crash between
/// renames leaves some months imported and some not; running the same import again completes
/// it, since records already there are skipped. With `dry_run`, nothing is locked or written.
///
/// `sheet_keys` (see plan_import) lets rows of a sheet imported again update the stored
/// rejections they were imported as: an updated rejection is rewritten in its month file, or
/// moved to another month's file when its date changed, in the same all-or-nothing write.
///
/// `review`, when given, sees the stored records and may drop incoming ones first. It is not
/// given with `sheet_keys`, whose order follows the incoming rejections.
ImportPlan import_dataset(const Store& store, const Dataset& incoming, bool dry_run,
                          const ImportProgress& progress = {},
                          const std::vector<std::set<std::string>>* sheet_keys = nullptr,
                          const ImportReview& review = {});

} // namespace bb::storage
