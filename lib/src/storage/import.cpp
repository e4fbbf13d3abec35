#include "bounceback/storage/import.hpp"

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
    data.next = read_counters(store.counters_file());
    data.keep_only(kinds);
    return data;
}

std::string read_import_input(const std::string& path) {
    const bool from_stdin = path == "-";
    auto text = read_file(from_stdin ? fs::path("/dev/stdin") : fs::path(path), 256u << 20);
    if (!text) {
        throw Error(ExitCode::no_input, path + ": no such file");
    }
    return std::move(*text);
}

namespace {

/// The records of one kind as stored, by month file, for the files an import touches.
template <typename Record> struct Stored {
    std::map<fs::path, std::vector<Record>> by_file;
    std::vector<Record> all;

    void read(const fs::path& file) {
        if (by_file.contains(file)) {
            return;
        }
        auto records = read_partition<Record>(file);
        all.insert(all.end(), records.begin(), records.end());
        by_file[file] = std::move(records);
    }
};

/// Reads what is stored of `Record`'s kind: every month file when `incoming` has records of
/// it, since IDs and duplicates may be anywhere; check-ins only in the months `incoming`
/// touches, since a check-in is found by its date.
template <typename Record>
Stored<Record> read_stored(const fs::path& data_dir, const std::vector<Record>& incoming) {
    Stored<Record> stored;
    if (incoming.empty()) {
        return stored;
    }
    const fs::path dir = data_dir / Kind<Record>::folder;
    if constexpr (Kind<Record>::has_id) {
        for (const auto& p : list_partitions(dir)) {
            stored.read(p.path);
        }
    } else {
        for (const auto& r : incoming) {
            stored.read(partition_path(dir, r.date));
        }
    }
    return stored;
}

/// A file to write: where, and what.
struct NewFile {
    fs::path path;
    std::string text;
};

/// The month files that change when `added` joins `stored` (and `touched` already changed).
template <typename Record>
void new_files(const fs::path& data_dir, Stored<Record>& stored, const std::vector<Record>& added,
               std::vector<NewFile>& out, std::set<fs::path> touched = {}) {
    const fs::path dir = data_dir / Kind<Record>::folder;
    for (const auto& r : added) {
        const fs::path file = partition_path(dir, r.date);
        stored.by_file[file].push_back(r);
        touched.insert(file);
    }
    for (const auto& file : touched) {
        out.push_back(NewFile{file, partition_text(stored.by_file[file])});
    }
}

} // namespace

namespace {

ImportPlan import_locked(const Store& store, const Dataset& incoming, bool dry_run,
                         const ImportProgress& progress,
                         const std::vector<std::set<std::string>>* sheet_keys,
                         const ImportReview& review) {
    const fs::path& data_dir = store.paths().data_dir;
    // Read and parse everything the import depends on before deciding anything.
    auto rejections = read_stored(data_dir, incoming.rejections);
    auto reflections = read_stored(data_dir, incoming.reflections);
    auto checkins = read_stored(data_dir, incoming.checkins);
    auto wins = read_stored(data_dir, incoming.wins);
    Dataset existing;
    existing.rejections = rejections.all;
    existing.reflections = reflections.all;
    existing.checkins = checkins.all;
    existing.wins = wins.all;
    existing.next = read_counters(store.counters_file());

    // The caller's own rule may drop incoming records once it has seen what is stored.
    Dataset reviewed;
    const Dataset* planned = &incoming;
    if (review) {
        reviewed = incoming;
        review(existing, reviewed);
        planned = &reviewed;
    }
    ImportPlan plan = plan_import(existing, *planned, sheet_keys);
    if (dry_run) {
        return plan;
    }

    std::vector<NewFile> files;
    if (plan.next != existing.next) {
        files.push_back(NewFile{store.counters_file(), counters_text(plan.next)});
    }
    // An updated rejection leaves its month file and joins the one of its (maybe new) date.
    std::set<fs::path> updated_files;
    for (const auto& update : plan.updated) {
        const fs::path dir = data_dir / Kind<Rejection>::folder;
        const fs::path from = partition_path(dir, update.before.date);
        std::erase_if(rejections.by_file[from],
                      [&](const Rejection& r) { return r.id == update.before.id; });
        const fs::path to = partition_path(dir, update.after.date);
        rejections.by_file[to].push_back(update.after);
        updated_files.insert(from);
        updated_files.insert(to);
    }
    new_files(data_dir, rejections, plan.added.rejections, files, std::move(updated_files));
    new_files(data_dir, reflections, plan.added.reflections, files);
    new_files(data_dir, checkins, plan.added.checkins, files);
    new_files(data_dir, wins, plan.added.wins, files);

    // Every file written and synced before any is renamed in: a failure here changes nothing.
    const std::size_t total = files.size() * 2;
    std::size_t done = 0;
    std::vector<std::unique_ptr<AtomicFile>> pending;
    for (const auto& file : files) {
        ensure_private_dir(file.path.parent_path());
        pending.push_back(std::make_unique<AtomicFile>(file.path));
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
