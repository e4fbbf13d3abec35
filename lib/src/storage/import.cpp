#include "bounceback/storage/import.hpp"

#include "bounceback/storage/tombstones.hpp"
#include "bounceback/util/uuid.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "counters.hpp"
#include "partition.hpp"

#include <memory>
#include <set>

namespace bb::storage {

namespace fs = std::filesystem;
using namespace detail;

Dataset read_dataset(const Store& store, const std::vector<RecordKind>& kinds) {
    Dataset data;
    for (RecordKind kind : kinds) {
        switch (kind) {
        case RecordKind::rejection:
            data.rejections = store.rejections();
            break;
        case RecordKind::reflection:
            data.reflections = store.reflections();
            break;
        case RecordKind::checkin:
            data.checkins = store.checkins();
            break;
        case RecordKind::win:
            data.wins = store.wins();
            break;
        }
    }
    if (const auto folder = store.data_folder()) {
        data.next = read_counters(*folder);
    }
    data.keep_only(kinds);
    return data;
}

std::string read_import_input(const std::string& path) {
    return read_input(path, k_max_import_bytes);
}

namespace {

/// The records of one kind as stored, by month file, for the files an import touches.
template <typename Record> struct Stored {
    std::map<std::string, std::vector<Record>> by_file;
    std::vector<Record> all;

    void read(const Folder& dir, const std::string& name) {
        if (by_file.contains(name)) {
            return;
        }
        auto records = read_partition<Record>(dir, name);
        all.insert(all.end(), records.begin(), records.end());
        by_file[name] = std::move(records);
    }
};

/// Reads what is stored of `Record`'s kind in its folder `dir` (none when missing): every month
/// file when `incoming` has records of it, since IDs and duplicates may be anywhere; check-ins
/// only in the months `incoming` touches, since a check-in is found by its date.
template <typename Record>
Stored<Record> read_stored(const std::optional<Folder>& dir, const std::vector<Record>& incoming) {
    Stored<Record> stored;
    if (incoming.empty() || !dir) {
        return stored;
    }
    if constexpr (Kind<Record>::has_id) {
        for (const auto& p : list_partitions(*dir)) {
            stored.read(*dir, p.name);
        }
    } else {
        for (const auto& r : incoming) {
            stored.read(*dir, partition_name(r.date));
        }
    }
    return stored;
}

/// A file to write: in which folder, under which name, and what.
struct NewFile {
    Folder dir;
    std::string name;
    std::string text;
};

/// The month files that change when `added` joins `stored` (and `touched`, names of months in
/// `Record`'s folder under `data`, already changed).
template <typename Record>
void new_files(const Folder& data, Stored<Record>& stored, const std::vector<Record>& added,
               std::vector<NewFile>& out, std::set<std::string> touched = {}) {
    if (added.empty() && touched.empty()) {
        return;
    }
    const Folder dir = data.make_sub(Kind<Record>::folder);
    for (const auto& r : added) {
        const std::string name = partition_name(r.date);
        stored.by_file[name].push_back(r);
        touched.insert(name);
    }
    for (const auto& name : touched) {
        std::string text = partition_text(stored.by_file[name]);
        check_partition_size(text, dir, name);
        out.push_back(NewFile{dir, name, std::move(text)});
    }
}

/// Removes from `incoming` the records a tombstone in `tombstones` names; how many.
std::size_t drop_removed(const std::vector<Tombstone>& tombstones, Dataset& incoming) {
    std::set<std::pair<std::string, std::string>> removed;
    for (const auto& t : tombstones) {
        removed.emplace(t.kind, t.uid);
    }
    std::size_t dropped = 0;
    auto drop = [&](auto& records, const char* kind) {
        dropped += std::erase_if(records, [&](const auto& r) {
            return r.uid && removed.count({kind, *r.uid}) > 0;
        });
    };
    drop(incoming.rejections, "rejection");
    drop(incoming.wins, "win");
    drop(incoming.reflections, "reflection");
    return dropped;
}

/// Gives each record `added` brings an identity when it has none, and each added reflection
/// linked to a rejection that rejection's identity (from `existing` or `added`).
void give_identities(const Dataset& existing, Dataset& added) {
    auto give = [](auto& records) {
        for (auto& r : records) {
            if (!r.uid) {
                r.uid = util::new_uuid();
            }
        }
    };
    give(added.rejections);
    give(added.wins);
    give(added.reflections);
    std::map<std::int64_t, std::string> uid_of;
    for (const std::vector<Rejection>* list :
         std::initializer_list<const std::vector<Rejection>*>{&existing.rejections,
                                                             &added.rejections}) {
        for (const auto& r : *list) {
            if (r.uid) {
                uid_of.emplace(r.id, *r.uid);
            }
        }
    }
    for (auto& r : added.reflections) {
        if (r.rejection) {
            auto it = uid_of.find(*r.rejection);
            r.rejection_uid = it != uid_of.end() ? std::optional<std::string>(it->second)
                                                 : std::nullopt;
        }
    }
}

} // namespace

namespace {

ImportPlan import_locked(const Store& store, const Dataset& incoming, bool dry_run,
                         const ImportProgress& progress,
                         const std::vector<std::set<std::string>>* sheet_keys,
                         const ImportReview& review) {
    const std::optional<Folder> data = store.data_folder();
    auto folder_of = [&](const char* kind) {
        return data ? data->open_sub(kind) : std::nullopt;
    };
    // Read and parse everything the import depends on before deciding anything.
    auto rejections = read_stored(folder_of(Kind<Rejection>::folder), incoming.rejections);
    auto reflections = read_stored(folder_of(Kind<Reflection>::folder), incoming.reflections);
    auto checkins = read_stored(folder_of(Kind<Checkin>::folder), incoming.checkins);
    auto wins = read_stored(folder_of(Kind<Win>::folder), incoming.wins);
    Dataset existing;
    existing.rejections = rejections.all;
    existing.reflections = reflections.all;
    existing.checkins = checkins.all;
    existing.wins = wins.all;
    if (data) {
        existing.next = read_counters(*data);
    }

    // The caller's own rule may drop incoming records once it has seen what is stored; a record
    // removed here before (its tombstone) is never brought back.
    Dataset reviewed = incoming;
    if (review) {
        review(existing, reviewed);
    }
    const std::size_t removed_before = data ? drop_removed(read_tombstones(*data), reviewed) : 0;
    ImportPlan plan = plan_import(existing, reviewed, sheet_keys);
    if (removed_before > 0) {
        plan.kept.push_back(std::to_string(removed_before) +
                            (removed_before == 1 ? " record was" : " records were") +
                            " removed here before, so not brought back");
    }
    give_identities(existing, plan.added);
    if (dry_run) {
        return plan;
    }

    const Folder home = store.make_data_folder();
    std::vector<NewFile> files;
    if (plan.next != existing.next) {
        files.push_back(NewFile{home, k_counters_file, counters_text(plan.next)});
    }
    // An updated rejection leaves its month file and joins the one of its (maybe new) date.
    std::set<std::string> updated_files;
    for (const auto& update : plan.updated) {
        const std::string from = partition_name(update.before.date);
        std::erase_if(rejections.by_file[from],
                      [&](const Rejection& r) { return r.id == update.before.id; });
        const std::string to = partition_name(update.after.date);
        rejections.by_file[to].push_back(update.after);
        updated_files.insert(from);
        updated_files.insert(to);
    }
    new_files(home, rejections, plan.added.rejections, files, std::move(updated_files));
    new_files(home, reflections, plan.added.reflections, files);
    new_files(home, checkins, plan.added.checkins, files);
    new_files(home, wins, plan.added.wins, files);

    // Every file written and synced before any is renamed in: a failure here changes nothing.
    const std::size_t total = files.size() * 2;
    std::size_t done = 0;
    std::vector<std::unique_ptr<AtomicFile>> pending;
    for (const auto& file : files) {
        pending.push_back(std::make_unique<AtomicFile>(file.dir, file.name));
        pending.back()->write(file.text);
        pending.back()->sync();
        if (progress) {
            progress(++done, total);
        }
    }
    // store.toml first: a crash after it skips IDs, never reuses one.
    for (auto& file : pending) {
        file->commit();
        if (progress) {
            progress(++done, total);
        }
    }
    return plan;
}

} // namespace

ImportPlan import_dataset(const Store& store, const Dataset& incoming, bool dry_run,
                          const ImportProgress& progress,
                          const std::vector<std::set<std::string>>* sheet_keys,
                          const ImportReview& review) {
    if (dry_run) {
        // A dry run only reads: it takes no lock.
        return import_locked(store, incoming, true, progress, sheet_keys, review);
    }
    WriteLock lock = store.lock();
    return import_locked(store, incoming, false, progress, sheet_keys, review);
}

} // namespace bb::storage
