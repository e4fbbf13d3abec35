#pragma once
// Internal to storage: what `bounceback sync` accepts from a remote, which it does not trust.

#include "sync_repo.hpp"

#include <string>

namespace bb::storage::detail {

/// Refuses (Error(data), before anything local changes) a fetched commit `rev` holding
/// anything but bounceback's data files, as regular files, of a size bounceback reads, each
/// of which parses.
void check_remote(Repo& repo, const std::string& rev);

} // namespace bb::storage::detail
