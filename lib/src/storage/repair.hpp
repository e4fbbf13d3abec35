#pragma once
// Internal to storage: the repairs of `doctor --fix`, apart from the checks (doctor.cpp).

#include "bounceback/storage/doctor.hpp"

#include <filesystem>
#include <vector>

namespace bb::storage::detail {

/// Makes the repairs CheckOptions::fix describes. The caller holds the write lock. Returns one
/// Severity::fixed finding per change, or Severity::problem for a repair that could not be made.
std::vector<Finding> repair_home(const Paths& paths);

/// The temp files in the cache folders of `paths`, left by a reader that died while saving a
/// cache file (or being written right now: readers save the cache without the lock).
std::vector<std::filesystem::path> cache_temp_files(const Paths& paths);

} // namespace bb::storage::detail
