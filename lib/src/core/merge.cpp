#include "bounceback/core/merge.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/fields.hpp"
#include "bounceback/util/date.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

namespace bb {

namespace {

template <typename Record> std::string numbered_key(const Record& r) {
    return r.uid ? *r.uid : "#" + std::to_string(r.id);
}

/// A field's value as text that tells any two values apart.
template <typename Record> std::string value_of(const Field<Record>& field, const Record& r) {
    return field_present(field, r) ? "=" + field_text(field, r, "\x1f") : std::string();
}

/// A field's value as a sentence shows it.
template <typename Record> std::string shown(const Field<Record>& field, const Record& r) {
    if (!field_present(field, r)) {
        return "nothing";
    }
    return "\"" + field_text(field, r, "; ") + "\"";
}

template <typename Record> void copy_field(const Field<Record>& field, const Record& from, Record& to) {
    visit_field(field, to, [&](auto& target) {
        using T = std::decay_t<decltype(target)>;
        visit_field(field, from, [&](const auto& source) {
            if constexpr (std::is_same_v<T, std::decay_t<decltype(source)>>) {
                target = source;
            }
        });
    });
}

/// The two sides of one record changed apart, merged field by field.
template <typename Record>
Record merge_one(const Record* base, const Record& ours, const Record& theirs, Later later,
                 std::vector<std::string>& notes) {
    Record out = ours;
    for (const auto& field : fields_of<Record>()) {
        const std::string o = value_of(field, ours);
        const std::string t = value_of(field, theirs);
        if (o == t) {
            continue;
        }
        const std::string b = base != nullptr ? value_of(field, *base) : std::string("\x1e");
        if (b == o) {
            copy_field(field, theirs, out);
        } else if (b != t) {
            const Record& kept = later == Later::ours ? ours : theirs;
            const Record& replaced = later == Later::ours ? theirs : ours;
            copy_field(field, kept, out);
            notes.push_back(record_label(kept) + ": both machines changed " + dotted_name(field) +
                            "; kept " + shown(field, kept) + " (the later change), replacing " +
                            shown(field, replaced) + ".");
        }
    }
    return out;
}

template <typename Record> std::string removal_hint(const Record& r);
template <> std::string removal_hint(const Rejection& r) {
    return "bounceback log rm " + std::to_string(r.id);
}
template <> std::string removal_hint(const Win& w) {
    return "bounceback log win rm " + std::to_string(w.id);
}
template <> std::string removal_hint(const Reflection& r) {
    return "bounceback reflect rm " + std::to_string(r.id);
}
template <> std::string removal_hint(const Checkin& c) {
    return "bounceback routine undo " + c.habit + " --date " + util::format_date(c.date);
}

} // namespace

std::string merge_key(const Rejection& r) { return numbered_key(r); }
std::string merge_key(const Win& w) { return numbered_key(w); }
std::string merge_key(const Reflection& r) { return numbered_key(r); }
std::string merge_key(const Checkin& c) { return c.habit + " " + util::format_date(c.date); }

std::string record_label(const Rejection& r) {
    return "rejection " + std::to_string(r.id) + " (" + r.company + ")";
}
std::string record_label(const Win& w) { return "win " + std::to_string(w.id); }
std::string record_label(const Reflection& r) { return "reflection " + std::to_string(r.id); }
std::string record_label(const Checkin& c) {
    return "the check-in of " + c.habit + " on " + util::format_date(c.date);
}

std::string kind_name(const Rejection&) { return "rejection"; }
std::string kind_name(const Win&) { return "win"; }
std::string kind_name(const Reflection&) { return "reflection"; }
std::string kind_name(const Checkin&) { return "checkin"; }

namespace {

std::string added_line(const Rejection& r) {
    return "log: " + r.company + (r.stage ? ", rejected at " + std::string(stage_name(*r.stage)) : "");
}
std::string added_line(const Win& w) {
    const std::string text = w.text.substr(0, w.text.find('\n'));
    return "win: " + (text.size() > 60 ? text.substr(0, 57) + "..." : text);
}
std::string added_line(const Reflection& r) { return "reflect: " + record_label(r); }
std::string added_line(const Checkin& c) {
    return "routine: " + c.habit + " " + std::string(checkin_status_name(c.status)) + " on " +
           util::format_date(c.date);
}
std::string removed_line(const Checkin& c) {
    return "routine undo: " + c.habit + " on " + util::format_date(c.date);
}
template <typename Record> std::string removed_line(const Record& r) {
    return "rm: " + record_label(r);
}

} // namespace

template <typename Record>
std::vector<std::string> describe_changes(const std::vector<Record>& before,
                                          const std::vector<Record>& after) {
    std::map<std::string, const Record*> old;
    for (const auto& r : before) {
        old.emplace(merge_key(r), &r);
    }
    std::vector<std::string> out;
    for (const auto& r : after) {
        const auto it = old.find(merge_key(r));
        if (it == old.end()) {
            out.push_back(added_line(r));
            continue;
        }
        for (const auto& field : fields_of<Record>()) {
            if (value_of(field, *it->second) != value_of(field, r)) {
                out.push_back("edit: " + record_label(r));
                break;
            }
        }
        old.erase(it);
    }
    for (const auto& [key, r] : old) {
        out.push_back(removed_line(*r));
    }
    return out;
}

template <typename Record>
Merged<Record> merge_records(const std::vector<Record>& base, const std::vector<Record>& ours,
                             const std::vector<Record>& theirs, Later later) {
    std::map<std::string, const Record*> in_base;
    std::map<std::string, const Record*> in_theirs;
    for (const auto& r : base) {
        in_base.emplace(merge_key(r), &r);
    }
    for (const auto& r : theirs) {
        in_theirs.emplace(merge_key(r), &r);
    }
    Merged<Record> out;
    auto unchanged = [](const Record& a, const Record& b) {
        for (const auto& field : fields_of<Record>()) {
            if (value_of(field, a) != value_of(field, b)) {
                return false;
            }
        }
        return true;
    };
    // Removed on one side: gone unless the other side changed it since the base.
    auto kept_after_removal = [&](const Record& survivor, const Record* was) {
        if (was == nullptr) {
            return true; // added on this side
        }
        if (unchanged(*was, survivor)) {
            return false;
        }
        out.notes.push_back(record_label(survivor) +
                            " was removed on one machine and changed on the other, so it is "
                            "kept. If you meant to remove it: " +
                            removal_hint(survivor));
        return true;
    };
    std::map<std::string, bool> seen;
    for (const auto& o : ours) {
        const std::string key = merge_key(o);
        if (!seen.emplace(key, true).second) {
            continue; // a file holding one record twice keeps its first copy
        }
        const auto b = in_base.find(key);
        const Record* was = b != in_base.end() ? b->second : nullptr;
        if (const auto t = in_theirs.find(key); t != in_theirs.end()) {
            out.records.push_back(merge_one(was, o, *t->second, later, out.notes));
        } else if (kept_after_removal(o, was)) {
            out.records.push_back(o);
        }
    }
    for (const auto& t : theirs) {
        const std::string key = merge_key(t);
        if (!seen.emplace(key, true).second) {
            continue;
        }
        const auto b = in_base.find(key);
        if (kept_after_removal(t, b != in_base.end() ? b->second : nullptr)) {
            out.records.push_back(t);
        }
    }
    return out;
}

template <typename Record> Record combine_copies(const Record& first, const Record& second) {
    Record out = first;
    for (const auto& field : fields_of<Record>()) {
        if (!field_present(field, first) && field_present(field, second)) {
            copy_field(field, second, out);
        }
    }
    return out;
}

namespace {

/// A node as TOML text, to compare and to name it in a note.
std::string node_text(const toml::node* node) {
    if (node == nullptr) {
        return {};
    }
    toml::table holder;
    holder.insert("v", *node);
    const std::string text = to_toml_text(holder);
    return text.substr(text.find('=') + 2);
}

void merge_tables(const toml::table* base, const toml::table& ours, const toml::table& theirs,
                  Later later, const std::string& prefix, toml::table& out,
                  std::vector<std::string>& notes) {
    std::set<std::string> keys;
    for (const auto* t : {&ours, &theirs}) {
        for (const auto& [key, node] : *t) {
            keys.insert(std::string(key.str()));
        }
    }
    if (base != nullptr) {
        for (const auto& [key, node] : *base) {
            keys.insert(std::string(key.str()));
        }
    }
    for (const auto& key : keys) {
        const toml::node* b = base != nullptr ? base->get(key) : nullptr;
        const toml::node* o = ours.get(key);
        const toml::node* t = theirs.get(key);
        const std::string name = prefix.empty() ? key : prefix + "." + key;
        if (o != nullptr && t != nullptr && o->is_table() && t->is_table()) {
            toml::table inner;
            merge_tables(b != nullptr ? b->as_table() : nullptr, *o->as_table(), *t->as_table(),
                         later, name, inner, notes);
            out.insert_or_assign(key, std::move(inner));
            continue;
        }
        const std::string bt = node_text(b);
        const std::string ot = node_text(o);
        const std::string tt = node_text(t);
        const toml::node* kept = o;
        if (ot != tt) {
            if (bt == ot) {
                kept = t;
            } else if (bt != tt) {
                kept = later == Later::ours ? o : t;
                const toml::node* replaced = later == Later::ours ? t : o;
                notes.push_back("Settings: both machines changed " + name + "; kept " +
                                (kept != nullptr ? node_text(kept) : std::string("no value")) +
                                " (the later change), replacing " +
                                (replaced != nullptr ? node_text(replaced)
                                                     : std::string("no value")) +
                                ".");
            }
        }
        if (kept != nullptr) {
            out.insert_or_assign(key, *kept);
        }
    }
}

} // namespace

toml::table merge_settings(const toml::table& base, const toml::table& ours,
                           const toml::table& theirs, Later later,
                           std::vector<std::string>& notes) {
    toml::table out;
    merge_tables(&base, ours, theirs, later, "", out, notes);
    return out;
}

template <typename Record>
std::vector<NumberChange> settle_numbers(std::vector<Record>& records, std::int64_t highest) {
    std::vector<Record*> order;
    for (auto& r : records) {
        order.push_back(&r);
        highest = std::max(highest, r.id);
    }
    std::sort(order.begin(), order.end(), [](const Record* a, const Record* b) {
        return a->id != b->id ? a->id < b->id : merge_key(*a) < merge_key(*b);
    });
    std::vector<Record*> moving;
    for (std::size_t i = 1; i < order.size(); ++i) {
        if (order[i]->id == order[i - 1]->id) {
            moving.push_back(order[i]);
        }
    }
    std::sort(moving.begin(), moving.end(),
              [](const Record* a, const Record* b) { return merge_key(*a) < merge_key(*b); });
    std::vector<NumberChange> out;
    for (Record* r : moving) {
        const std::int64_t from = r->id;
        r->id = ++highest;
        out.push_back(NumberChange{kind_name(*r), from, r->id, r->uid.value_or(""), record_label(*r)});
    }
    return out;
}

template Merged<Rejection> merge_records(const std::vector<Rejection>&, const std::vector<Rejection>&,
                                         const std::vector<Rejection>&, Later);
template Merged<Win> merge_records(const std::vector<Win>&, const std::vector<Win>&,
                                   const std::vector<Win>&, Later);
template Merged<Reflection> merge_records(const std::vector<Reflection>&,
                                          const std::vector<Reflection>&,
                                          const std::vector<Reflection>&, Later);
template Merged<Checkin> merge_records(const std::vector<Checkin>&, const std::vector<Checkin>&,
                                       const std::vector<Checkin>&, Later);
template std::vector<std::string> describe_changes(const std::vector<Rejection>&,
                                                  const std::vector<Rejection>&);
template std::vector<std::string> describe_changes(const std::vector<Win>&, const std::vector<Win>&);
template std::vector<std::string> describe_changes(const std::vector<Reflection>&,
                                                  const std::vector<Reflection>&);
template std::vector<std::string> describe_changes(const std::vector<Checkin>&,
                                                  const std::vector<Checkin>&);
template Rejection combine_copies(const Rejection&, const Rejection&);
template Win combine_copies(const Win&, const Win&);
template Reflection combine_copies(const Reflection&, const Reflection&);
template std::vector<NumberChange> settle_numbers(std::vector<Rejection>&, std::int64_t);
template std::vector<NumberChange> settle_numbers(std::vector<Win>&, std::int64_t);
template std::vector<NumberChange> settle_numbers(std::vector<Reflection>&, std::int64_t);

} // namespace bb
