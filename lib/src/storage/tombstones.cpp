#include "bounceback/storage/tombstones.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "bounceback/util/uuid.hpp"

#include <algorithm>
#include <tuple>

namespace bb::storage {

namespace {

bool known_kind(std::string_view kind) {
    return kind == "rejection" || kind == "win" || kind == "reflection";
}

} // namespace

std::vector<Tombstone> tombstones_from_text(std::string_view text, std::string_view path) {
    const std::string file(path);
    const toml::table doc = parse_toml(text, file);
    check_format_version(doc, file);
    std::vector<Tombstone> out;
    for (const auto& [key, node] : doc) {
        if (key.str() == "version") {
            continue;
        }
        const auto* array = node.as_array();
        if (key.str() != "deleted" || array == nullptr) {
            throw Error(ExitCode::data,
                        located(file, node.source(),
                                "unexpected key '" + std::string(key.str()) +
                                    "'; deleted.toml holds only version and [[deleted]] tables"));
        }
        for (const auto& element : *array) {
            const auto* t = element.as_table();
            auto fail = [&](const std::string& what) {
                throw Error(ExitCode::data, located(file, element.source(), what));
            };
            if (t == nullptr) {
                fail("each deleted entry must be a [[deleted]] table");
            }
            Tombstone stone;
            const auto kind = (*t)["kind"].value<std::string>();
            const auto uid = (*t)["uid"].value<std::string>();
            const auto id = (*t)["id"].value<std::int64_t>();
            const auto date = (*t)["date"].value<toml::date>();
            if (!kind || !known_kind(*kind)) {
                fail("a deleted entry needs kind = \"rejection\", \"win\" or \"reflection\"");
            }
            if (!uid || !util::is_uuid(*uid)) {
                fail("a deleted entry needs the uid of the record it removed");
            }
            if (!id || *id < 1) {
                fail("a deleted entry needs the id (1 or more) of the record it removed");
            }
            if (!date) {
                fail("a deleted entry needs the date it was removed (YYYY-MM-DD)");
            }
            stone.kind = *kind;
            stone.uid = *uid;
            stone.id = *id;
            stone.date = Date{std::chrono::year(date->year), std::chrono::month(date->month),
                              std::chrono::day(date->day)};
            out.push_back(std::move(stone));
        }
    }
    return out;
}

std::string tombstones_text(std::vector<Tombstone> tombstones) {
    std::sort(tombstones.begin(), tombstones.end(), [](const Tombstone& a, const Tombstone& b) {
        return std::tie(a.kind, a.id, a.uid, a.date) < std::tie(b.kind, b.id, b.uid, b.date);
    });
    tombstones.erase(std::unique(tombstones.begin(), tombstones.end(),
                                 [](const Tombstone& a, const Tombstone& b) {
                                     return a.kind == b.kind && a.uid == b.uid;
                                 }),
                     tombstones.end());
    std::string out = "# Records removed, so that a sync removes them everywhere.\nversion = 1\n";
    for (const auto& stone : tombstones) {
        toml::table t;
        t.insert_or_assign("kind", stone.kind);
        t.insert_or_assign("uid", stone.uid);
        t.insert_or_assign("id", stone.id);
        t.insert_or_assign("date", to_toml_date(stone.date));
        out += "\n[[deleted]]\n" + to_toml_text(t) + "\n";
    }
    return out;
}

std::vector<Tombstone> read_tombstones(const Folder& data) {
    const auto text = read_file(data, k_tombstones_file);
    return text ? tombstones_from_text(*text, data.path_of(k_tombstones_file).string())
                : std::vector<Tombstone>{};
}

void add_tombstone(const Folder& data, Tombstone tombstone) {
    auto tombstones = read_tombstones(data);
    tombstones.push_back(std::move(tombstone));
    write_tombstones(data, std::move(tombstones));
}

void write_tombstones(const Folder& data, std::vector<Tombstone> tombstones) {
    if (tombstones.empty()) {
        remove_file_durably(data, k_tombstones_file);
        return;
    }
    write_file_atomically(data, k_tombstones_file, tombstones_text(std::move(tombstones)));
}

} // namespace bb::storage
