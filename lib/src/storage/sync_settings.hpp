#pragma once
// Internal to storage: the settings `bounceback sync` carries between machines. This machine's
// config.toml and its own templates are copied to settings/ in the data folder, which git
// tracks and merges, and copied back after a merge.

#include "bounceback/storage/store.hpp"

namespace bb::storage::detail {

/// Copies this machine's settings (config.toml, its own templates) into settings/ in the
/// data folder, which git tracks; a file removed here is removed there.
void export_settings(const Store& store);

/// Makes this machine's settings what settings/ in the data folder holds after a merge.
void import_settings(const Store& store);

} // namespace bb::storage::detail
