#pragma once
// Internal to storage: the repairs of `doctor --fix`, apart from the checks (doctor.cpp).

#include "bounceback/storage/doctor.hpp"
#include "bounceback/storage/folder.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace bb::storage::detail {

/// Makes the repairs CheckOptions::fix describes. The caller holds the write lock. Returns one
/// Severity::fixed finding per change, or Severity::problem for a repair that could not be made.
std::vector<Finding> repair_home(const Paths& paths);

/// A file named like an AtomicFile temp file, in a folder that passed the checks (Folder).
struct TempFile {
    Folder dir;
    std::string name;
    bool plain = false; ///< a plain file (not a folder, link or pipe named like one)

    std::filesystem::path path() const { return dir.path_of(name); }
};

/// The temp files in the data folder of `paths`, its kinds' folders and the config folder,
/// left by a writer that died. Folders that do not pass the checks are not looked into.
std::vector<TempFile> data_temp_files(const Paths& paths);

/// The temp files in the cache folders of `paths`, left by a reader that died while saving a
/// cache file (or being written right now: readers save the cache without the lock). Folders
/// that do not pass the checks are not looked into.
std::vector<TempFile> cache_temp_files(const Paths& paths);

} // namespace bb::storage::detail
