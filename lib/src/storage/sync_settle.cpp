#include "sync_settle.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/merge.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/tombstones.hpp"
#include "bounceback/util/text.hpp"
#include "counters.hpp"
#include "partition.hpp"
#include "partition_cache.hpp"
#include "sync_files.hpp"

#include <algorithm>
#include <set>

namespace bb::storage::detail {

std::vector<std::string> settle_merged(const Store& store) {
    // Every month is parsed, as every writer parses what it changes: what is written here comes
    // from all of them (a copy in one month, a number or a key in another), never from the cache.
    std::vector<std::string> notes;
    const Folder folder = store.make_data_folder();
    auto tombstones = read_tombstones(folder);
    const auto tombstones_before = tombstones;
    auto counters = read_counters(folder);
    std::map<std::string, std::string> joined;     // uid removed → uid kept (same key)
    std::map<std::string, std::int64_t> number_of; // rejection uid → its number
    for_each_numbered_kind([&]<typename Record>() {
        const auto dir = folder.open_sub(Kind<Record>::folder);
        if (!dir) {
            return;
        }
        std::map<std::string, std::vector<Record>> was; // month → its records, sorted
        std::vector<Record> all;
        for (const auto& p : list_partitions(*dir)) {
            auto& month = was[p.name];
            month = read_partition<Record>(*dir, p.name);
            all.insert(all.end(), month.begin(), month.end());
            std::sort(month.begin(), month.end(), Kind<Record>::before);
        }
        // One record per uid.
        std::map<std::string, std::size_t> by_uid;
        std::vector<Record> records;
        for (auto& r : all) {
            std::string key = merge_key(r);
            if (auto it = by_uid.find(key); it != by_uid.end()) {
                Record& first = records[it->second];
                const bool first_wins = to_toml_text(to_toml(first)) <= to_toml_text(to_toml(r));
                first = first_wins ? combine_copies(first, r) : combine_copies(r, first);
                notes.push_back(record_label(first) +
                                " was changed on two machines at once; its two copies are "
                                "now one.");
                continue;
            }
            by_uid.emplace(std::move(key), records.size());
            records.push_back(std::move(r));
        }
        // One rejection per key: the smallest uid stays (by_uid is in uid order).
        if constexpr (std::is_same_v<Record, Rejection>) {
            std::map<std::string, std::size_t> by_key;
            std::vector<Record> kept;
            for (const auto& [uid, at] : by_uid) {
                Record& r = records[at];
                if (!r.key) {
                    kept.push_back(std::move(r));
                    continue;
                }
                if (auto it = by_key.find(*r.key); it != by_key.end()) {
                    Record& first = kept[it->second];
                    first = combine_copies(first, r);
                    if (r.uid && first.uid) {
                        joined[*r.uid] = *first.uid;
                        tombstones.push_back(
                            Tombstone{"rejection", *r.uid, r.id, util::local_today()});
                    }
                    notes.push_back("The same email was logged on two machines; " +
                                    record_label(first) + " holds it once now.");
                    continue;
                }
                by_key.emplace(*r.key, kept.size());
                kept.push_back(std::move(r));
            }
            records = std::move(kept);
        }
        // A tombstone whose record a merge kept (changed on the other machine) goes.
        std::set<std::string> present;
        for (const auto& r : records) {
            present.insert(merge_key(r));
        }
        tombstones.erase(std::remove_if(tombstones.begin(), tombstones.end(),
                                        [&](const Tombstone& t) {
                                            return t.kind == Kind<Record>::noun &&
                                                   present.count(t.uid) > 0;
                                        }),
                         tombstones.end());
        // One record per number, past every number given out here or on a tombstone.
        std::int64_t highest = 0;
        if (auto it = counters.find(Kind<Record>::noun); it != counters.end()) {
            highest = it->second - 1;
        }
        for (const auto& t : tombstones) {
            if (t.kind == Kind<Record>::noun) {
                highest = std::max(highest, t.id);
            }
        }
        settle_numbers(records, highest);
        std::int64_t top = highest;
        for (auto& r : records) {
            top = std::max(top, r.id);
            if constexpr (std::is_same_v<Record, Rejection>) {
                if (r.uid) {
                    number_of[*r.uid] = r.id;
                }
            }
            if constexpr (std::is_same_v<Record, Reflection>) {
                if (r.rejection_uid) {
                    if (auto j = joined.find(*r.rejection_uid); j != joined.end()) {
                        r.rejection_uid = j->second;
                    }
                    if (auto n = number_of.find(*r.rejection_uid); n != number_of.end()) {
                        r.rejection = n->second;
                    }
                }
            }
        }
        if (top > 0) {
            counters[Kind<Record>::noun] = std::max(
                counters.count(Kind<Record>::noun) ? counters[Kind<Record>::noun] : 1, top + 1);
        }
        // Write the months whose records change (a month left empty is removed).
        std::map<std::string, std::vector<Record>> months;
        for (const auto& [name, month] : was) {
            months[name];
        }
        for (auto& r : records) {
            months[partition_name(r.date)].push_back(std::move(r));
        }
        for (auto& [name, month] : months) {
            std::sort(month.begin(), month.end(), Kind<Record>::before);
            const auto before = was.find(name);
            if (before != was.end() && !month.empty() && before->second == month) {
                continue;
            }
            write_partition(*dir, name, std::move(month));
        }
    });
    if (tombstones != tombstones_before ||
        (!tombstones.empty() &&
         read_file(folder, k_tombstones_file) != tombstones_text(tombstones))) {
        write_tombstones(folder, std::move(tombstones));
    }
    if (counters != read_counters(folder)) {
        write_counters(folder, counters);
    }
    // The months of check-ins a merge emptied.
    if (const auto dir = folder.open_sub(Kind<Checkin>::folder)) {
        const CacheFolder cache(store.paths().cache_dir, Kind<Checkin>::folder);
        for (const auto& p : list_partitions(*dir)) {
            if (read_partition_cached<Checkin>(*dir, p.name, cache).empty() &&
                read_partition<Checkin>(*dir, p.name).empty()) {
                write_partition(*dir, p.name, std::vector<Checkin>{});
            }
        }
    }
    return notes;
}

std::map<std::string, Known> known_records(const Store& store) {
    std::map<std::string, Known> out;
    for_each_numbered_kind([&]<typename Record>() {
        const auto dir = store.make_data_folder().open_sub(Kind<Record>::folder);
        if (!dir) {
            return;
        }
        const CacheFolder cache(store.paths().cache_dir, Kind<Record>::folder);
        for (const auto& p : list_partitions(*dir)) {
            for (const auto& r : read_partition_cached<Record>(*dir, p.name, cache)) {
                if (r.uid) {
                    out[*r.uid] = Known{r.id, record_label(r)};
                }
            }
        }
    });
    return out;
}

} // namespace bb::storage::detail
