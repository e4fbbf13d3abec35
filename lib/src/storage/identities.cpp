#include "identities.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/util/uuid.hpp"
#include "partition.hpp"
#include "record_kind.hpp"

#include <fcntl.h>
#include <map>
#include <unistd.h>

namespace bb::storage::detail {

namespace {

/// The marker of a data folder whose records all have identities.
constexpr const char* k_marker = ".identities";

template <typename Record>
void give_in_kind(const Folder& data, std::map<std::int64_t, std::string>& rejection_uids) {
    const auto dir = data.open_sub(Kind<Record>::folder);
    if (!dir) {
        return;
    }
    for (const auto& p : list_partitions(*dir)) {
        auto records = read_partition<Record>(*dir, p.name);
        bool changed = false;
        for (auto& r : records) {
            if (!r.uid) {
                r.uid = util::uuid_for_old_record(
                    std::chrono::sys_days(r.date),
                    std::string(Kind<Record>::noun) + "\n" + to_toml_text(to_toml(r)));
                changed = true;
            }
            if constexpr (std::is_same_v<Record, Rejection>) {
                rejection_uids.emplace(r.id, *r.uid);
            }
            if constexpr (std::is_same_v<Record, Reflection>) {
                if (r.rejection && !r.rejection_uid) {
                    if (auto it = rejection_uids.find(*r.rejection); it != rejection_uids.end()) {
                        r.rejection_uid = it->second;
                        changed = true;
                    }
                }
            }
        }
        if (changed) {
            write_partition(*dir, p.name, std::move(records));
        }
    }
}

} // namespace

void give_identities(const Folder& data) {
    std::map<std::int64_t, std::string> rejection_uids;
    give_in_kind<Rejection>(data, rejection_uids);
    give_in_kind<Win>(data, rejection_uids);
    give_in_kind<Reflection>(data, rejection_uids);
}

void give_identities_once(const Folder& data) {
    if (::faccessat(data.fd(), k_marker, F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
        return;
    }
    try {
        give_identities(data);
    } catch (const FolderNotPrivate&) {
        throw;
    } catch (const Error&) {
        return; // a month that does not parse: its own readers and writers say so
    }
    write_file_atomically(data, k_marker,
                          "Every record here has its identity (uid); see bounceback(5).\n");
}

} // namespace bb::storage::detail
