// Writing the export format: JSON of every kind, CSV of one.

#include "bounceback/core/interchange.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"
#include "interchange_columns.hpp"

#include <nlohmann/json.hpp>

namespace bb {

using nlohmann::json;

namespace {

template <typename Record> toml::array records_array(const std::vector<Record>& records) {
    toml::array array;
    for (const auto& r : records) {
        array.push_back(to_toml(r));
    }
    return array;
}

toml::array kind_array(const Dataset& data, RecordKind kind) {
    switch (kind) {
    case RecordKind::rejection:
        return records_array(data.rejections);
    case RecordKind::reflection:
        return records_array(data.reflections);
    case RecordKind::checkin:
        return records_array(data.checkins);
    case RecordKind::win:
        break;
    }
    return records_array(data.wins);
}

/// The CSV cell for `node` (absent: empty) in a column of type `cell`. `what` names the record
/// in errors.
std::string cell_text(const toml::node* node, Cell cell, const std::string& what) {
    if (node == nullptr) {
        return "";
    }
    if (const auto* s = node->as_string()) {
        return s->get();
    }
    if (const auto* i = node->as_integer()) {
        return std::to_string(i->get());
    }
    if (const auto* b = node->as_boolean()) {
        return b->get() ? "true" : "";
    }
    if (const auto* d = node->as_date()) {
        const toml::date& v = d->get();
        return util::format_date(
            Date{std::chrono::year{v.year}, std::chrono::month{v.month}, std::chrono::day{v.day}});
    }
    std::vector<std::string> items;
    if (const auto* array = node->as_array()) {
        for (const auto& element : *array) {
            items.push_back(element.as_string() != nullptr ? element.as_string()->get() : "");
        }
    }
    if (cell == Cell::answers) {
        return json(items).dump();
    }
    for (const auto& item : items) {
        if (item.find(';') != std::string::npos) {
            throw Error(ExitCode::data,
                        what + ": '" + item +
                            "' holds a ';', which CSV exports use to join words, so it would not "
                            "come back the same; export with --json instead");
        }
    }
    return util::join(items, ";");
}

} // namespace

std::string export_json(const Dataset& data, const std::vector<RecordKind>& kinds) {
    toml::table doc;
    doc.insert_or_assign("schema", k_interchange_schema);
    toml::table next;
    for (RecordKind kind : kinds) {
        const std::string name(record_kind_name(kind));
        if (auto it = data.next.find(name); it != data.next.end()) {
            next.insert_or_assign(name, it->second);
        }
        doc.insert_or_assign(name, kind_array(data, kind));
    }
    doc.insert_or_assign("next", std::move(next));
    return to_json(doc) + "\n";
}

namespace {

template <typename Record> constexpr RecordKind kind_of();
template <> constexpr RecordKind kind_of<Rejection>() { return RecordKind::rejection; }
template <> constexpr RecordKind kind_of<Reflection>() { return RecordKind::reflection; }
template <> constexpr RecordKind kind_of<Checkin>() { return RecordKind::checkin; }
template <> constexpr RecordKind kind_of<Win>() { return RecordKind::win; }

} // namespace

template <typename Record> std::string records_csv(const std::vector<Record>& records) {
    constexpr RecordKind kind = kind_of<Record>();
    const auto& columns = columns_of(kind);
    std::string out = util::join(csv_columns(kind), ",") + "\r\n";
    for (const auto& record : records) {
        const toml::table t = to_toml(record);
        std::string what(record_kind_name(kind));
        if (const auto* id = t.get("id"); id != nullptr && id->as_integer() != nullptr) {
            what += " " + std::to_string(id->as_integer()->get());
        }
        std::vector<std::string> fields;
        for (const Column& column : columns) {
            const auto [key, sub] = table_path(column);
            const toml::node* node = t.get(key);
            if (node != nullptr && !sub.empty()) {
                node = node->as_table() != nullptr ? node->as_table()->get(sub) : nullptr;
            }
            fields.push_back(util::csv_field(cell_text(node, column.cell, what)));
        }
        out += util::join(fields, ",") + "\r\n";
    }
    return out;
}

template std::string records_csv(const std::vector<Rejection>&);
template std::string records_csv(const std::vector<Reflection>&);
template std::string records_csv(const std::vector<Checkin>&);
template std::string records_csv(const std::vector<Win>&);

std::string export_csv(const Dataset& data, RecordKind kind) {
    switch (kind) {
    case RecordKind::rejection:
        return records_csv(data.rejections);
    case RecordKind::reflection:
        return records_csv(data.reflections);
    case RecordKind::checkin:
        return records_csv(data.checkins);
    case RecordKind::win:
        break;
    }
    return records_csv(data.wins);
}

} // namespace bb
