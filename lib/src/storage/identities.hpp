#pragma once
// Internal to storage: giving identities (uid, util/uuid.hpp) to the records of a home made
// before bounceback had them, once, under the write lock.

#include "bounceback/storage/folder.hpp"

namespace bb::storage::detail {

/// Gives every rejection, win and reflection in the data folder `data` without a uid one (made
/// from what the record holds, so every machine holding the same record gives it the same), and
/// every linked reflection the uid of its rejection. Rewrites only the months that change.
/// Throws Error(data) when a month does not parse (the months before it are done).
void give_identities(const Folder& data);

/// give_identities() the first time a writer runs in `data` with this version, then never again
/// (a marker file says it is done). A month that does not parse leaves the marker unwritten, so
/// a later writer tries again once it is fixed; it never stops the writer.
void give_identities_once(const Folder& data);

} // namespace bb::storage::detail
