#pragma once
// Lists that show an ID more than one record holds: marked, and where each copy is said.

#include "context.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace bb::cli {

/// The IDs that more than one of `records` holds.
template <typename Record> std::set<std::int64_t> ids_held_twice(const std::vector<Record>& records) {
    std::set<std::int64_t> seen;
    std::set<std::int64_t> twice;
    for (const auto& r : records) {
        if (!seen.insert(r.id).second) {
            twice.insert(r.id);
        }
    }
    return twice;
}

/// `records` read by `read`, read once more when an ID is held twice (a copy seen while a move
/// to another month was being written is gone then), and the IDs still held twice.
template <typename Record, typename Read>
std::pair<std::vector<Record>, std::set<std::int64_t>> read_marking_twice(Read read) {
    std::vector<Record> records = read();
    auto twice = ids_held_twice(records);
    if (!twice.empty()) {
        records = read();
        twice = ids_held_twice(records);
    }
    return {std::move(records), std::move(twice)};
}

/// The ID as a list shows it: "7*" when `twice` holds it (held_twice_lines explains the mark).
std::string id_cell(std::int64_t id, const std::set<std::int64_t>& twice);

/// One line per ID in `twice` of kind `Record` (Rejection, Win, Reflection): "* rejection 7 is
/// stored twice, at FILE:LINE and FILE:LINE; …", for after a table (`mark`), or as a note.
template <typename Record>
std::vector<std::string> held_twice_lines(Context& ctx, const std::set<std::int64_t>& twice,
                                          std::string_view noun, bool mark);

} // namespace bb::cli
