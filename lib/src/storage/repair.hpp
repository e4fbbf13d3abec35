#pragma once
// Internal to storage: the repairs of `doctor --fix`, apart from the checks (doctor.cpp).

#include "bounceback/storage/doctor.hpp"

#include <vector>

namespace bb::storage::detail {

/// Makes the repairs CheckOptions::fix describes. The caller holds the write lock. Returns one
/// Severity::fixed finding per change, or Severity::problem for a repair that could not be made.
std::vector<Finding> repair_home(const Paths& paths);

} // namespace bb::storage::detail
