#pragma once
// A list as JSON on stdout: the one way `--json` prints several records or rows.

#include "ui.hpp"

#include <bounceback/core/codec.hpp>

#include <toml++/toml.h>
#include <vector>

namespace bb::cli {

/// Prints `items` on stdout as one JSON array (to_json's layout, then a newline), each item as
/// `to_table` makes it into a toml::table.
template <typename Item, typename ToTable>
void print_json_list(const std::vector<Item>& items, ToTable to_table) {
    toml::array array;
    for (const auto& item : items) {
        array.push_back(to_table(item));
    }
    print_exact(to_json(array) + "\n");
}

/// Prints `records` on stdout as one JSON array of the records' tables (to_toml): the keys are
/// the keys of the data files.
template <typename Record> void print_json_list(const std::vector<Record>& records) {
    print_json_list(records, [](const Record& r) { return to_toml(r); });
}

} // namespace bb::cli
