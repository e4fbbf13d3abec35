#include "move_intent.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/toml_file.hpp"

#include <algorithm>
#include <cstdio>

namespace bb::storage::detail {

namespace fs = std::filesystem;
using namespace std::chrono;

namespace {

std::string month_text(year_month month) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()),
                  static_cast<unsigned>(month.month()));
    return text;
}

/// `YYYY-MM` in the years bounceback keeps, else nullopt.
std::optional<year_month> parse_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') {
        return std::nullopt;
    }
    auto digits = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(text.substr(0, 4)) || !digits(text.substr(5, 2))) {
        return std::nullopt;
    }
    const int y = std::stoi(std::string(text.substr(0, 4)));
    const auto m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
    const year_month out{year{y}, month{m}};
    if (!out.ok() || y < 1900 || y > 9999) {
        return std::nullopt;
    }
    return out;
}

/// The kinds whose records can move (those with IDs), by table name.
constexpr const char* k_moving_tables[] = {Kind<Rejection>::table, Kind<Win>::table,
                                           Kind<Reflection>::table};

template <typename Record>
std::optional<PendingMove> finish(const Folder& data, const PendingMove& move) {
    const Folder dir = data.make_sub(Kind<Record>::folder);
    const Record moved = Kind<Record>::decode(move.record, move_intent_path(data.path()).string());
    const std::string from = partition_name(move.from / 1);
    const std::string to = partition_name(move.to / 1);
    // Both month files parse before either changes, as in every write.
    auto old_month = read_partition<Record>(dir, from);
    auto new_month = read_partition<Record>(dir, to);
    if (std::erase_if(old_month, [&](const Record& r) { return r.id == move.id; }) > 0) {
        write_partition(dir, from, std::move(old_month));
    }
    auto copies = std::count_if(new_month.begin(), new_month.end(),
                                [&](const Record& r) { return r.id == move.id; });
    auto here = std::find_if(new_month.begin(), new_month.end(),
                             [&](const Record& r) { return r.id == move.id; });
    if (copies != 1 || to_toml(*here) != to_toml(moved)) {
        std::erase_if(new_month, [&](const Record& r) { return r.id == move.id; });
        new_month.push_back(moved);
        write_partition(dir, to, std::move(new_month));
    }
    remove_file_durably(data, k_move_intent_name);
    return move;
}

} // namespace

std::string PendingMove::describe() const {
    return table + " " + std::to_string(id) + " from " + month_text(from) + " to " +
           month_text(to);
}

fs::path move_intent_path(const fs::path& data_dir) {
    return data_dir / k_move_intent_name;
}

std::optional<PendingMove> read_pending_move(const Folder& data) {
    const fs::path path = move_intent_path(data.path());
    auto doc = load_data_file(data, k_move_intent_name);
    if (!doc) {
        return std::nullopt;
    }
    check_format_version(*doc, path);
    const std::string file = path.string();
    auto fail = [&](const toml::source_region& where, const std::string& what) {
        throw Error(ExitCode::data,
                    located(file, where, what + " (this file finishes a move of a record to "
                                                "another month; bounceback writes it, do not "
                                                "edit it)"));
    };
    PendingMove move;
    std::optional<year_month> from;
    std::optional<year_month> to;
    std::optional<std::int64_t> id;
    for (const auto& [key, node] : *doc) {
        const std::string_view name = key.str();
        if (name == "version") {
            continue;
        }
        if (name == "from" || name == "to") {
            const auto* text = node.as_string();
            auto month = text != nullptr ? parse_month(text->get()) : std::nullopt;
            if (!month) {
                fail(node.source(), std::string(name) + " must be a month written YYYY-MM");
            }
            (name == "from" ? from : to) = month;
        } else if (name == "id") {
            const auto* value = node.as_integer();
            if (value == nullptr || value->get() < 1) {
                fail(node.source(), "id must be a whole number of 1 or more");
            }
            id = value->get();
        } else if (std::find(std::begin(k_moving_tables), std::end(k_moving_tables), name) !=
                       std::end(k_moving_tables) &&
                   node.is_table() && move.table.empty()) {
            move.table = std::string(name);
            move.record = *node.as_table();
            move.where = node.source();
        } else {
            fail(node.source(), "unexpected key '" + std::string(name) + "'");
        }
    }
    if (!from || !to || !id || move.table.empty() || *from == *to) {
        fail(doc->source(), "a move needs from, to (two different months), id and the record");
    }
    move.from = *from;
    move.to = *to;
    move.id = *id;
    const toml::node* record_id = move.record.get("id");
    if (record_id == nullptr || record_id->value<std::int64_t>() != move.id) {
        fail(move.where, "the record's id is not " + std::to_string(move.id));
    }
    return move;
}

void write_pending_move(const Folder& data, const PendingMove& move) {
    toml::table doc;
    doc.insert_or_assign("version", k_format_version);
    doc.insert_or_assign("from", month_text(move.from));
    doc.insert_or_assign("to", month_text(move.to));
    doc.insert_or_assign("id", move.id);
    doc.insert_or_assign(move.table, move.record);
    write_file_atomically(data, k_move_intent_name,
                          "# A record moving to another month's file. If this file is still "
                          "here, the move was cut short:\n# the next bounceback command that "
                          "changes anything finishes it. Do not edit it.\n" +
                              to_toml_text(doc) + "\n");
}

std::optional<PendingMove> finish_pending_move(const Folder& data) {
    auto move = read_pending_move(data);
    if (!move) {
        return std::nullopt;
    }
    try {
        if (move->table == Kind<Rejection>::table) {
            return finish<Rejection>(data, *move);
        }
        if (move->table == Kind<Win>::table) {
            return finish<Win>(data, *move);
        }
        return finish<Reflection>(data, *move);
    } catch (const Error& error) {
        throw Error(error.code(), "cannot finish moving " + move->describe() + ": " +
                                      error.what());
    }
}

template <typename Record>
MoveOverlay<Record>::MoveOverlay(const std::optional<PendingMove>& move,
                                 const fs::path& intent_file) {
    if constexpr (Kind<Record>::has_id) {
        if (!move || move->table != Kind<Record>::table) {
            return;
        }
        m_record = Kind<Record>::decode(move->record, intent_file.string());
        m_from = move->from;
        m_to = move->to;
    }
}

template <typename Record>
void MoveOverlay<Record>::apply(year_month month, std::vector<Record>& records) const {
    if constexpr (Kind<Record>::has_id) {
        if (!m_record || (month != m_from && month != m_to)) {
            return;
        }
        std::erase_if(records, [&](const Record& r) { return r.id == m_record->id; });
        if (month == m_to) {
            records.push_back(*m_record);
            std::sort(records.begin(), records.end(), Kind<Record>::before);
        }
    }
}

template class MoveOverlay<Rejection>;
template class MoveOverlay<Win>;
template class MoveOverlay<Reflection>;
template class MoveOverlay<Checkin>;

} // namespace bb::storage::detail
