#include "bounceback/core/import_plan.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <type_traits>
#include <unordered_map>

namespace bb {

namespace {

/// A record's fields without its ID and identity, as text: equal for records that say the same
/// thing (an export from before identities matches the records it came from).
template <typename Record> std::string content_of(const Record& record) {
    toml::table t = to_toml(record);
    t.erase("id");
    t.erase("uid");
    t.erase("rejection_uid");
    return to_toml_text(t);
}

/// Who and when, for matching a sheet row with the stored rejection it was imported as:
/// company and role without regard to case, then the applied date (`by_applied`) or the
/// rejection date.
std::string identity(const Rejection& r, bool by_applied) {
    return util::fold_case(r.company) + '\x1f' + util::fold_case(r.role.value_or("")) + '\x1f' +
           (by_applied ? "a" + util::format_date(*r.applied) : "d" + util::format_date(r.date));
}

/// Matches sheet rows with stored rejections by identity, and merges a row into the one it
/// matches.
class RowMatcher {
  public:
    explicit RowMatcher(const std::vector<Rejection>& stored) {
        for (const auto& r : stored) {
            if (r.applied) {
                m_by_applied[identity(r, true)].push_back(&r);
            }
            m_by_date[identity(r, false)].push_back(&r);
        }
    }

    /// The stored rejection `incoming` is the same entry as, not matched before; or nullptr.
    const Rejection* match(const Rejection& incoming) {
        if (m_by_date.empty()) {
            return nullptr; // an empty home: nothing to match, and no key to build
        }
        auto take = [&](const std::vector<const Rejection*>& candidates,
                        bool without_applied_only) -> const Rejection* {
            for (const Rejection* r : candidates) {
                if (!m_claimed.contains(r->id) && (!without_applied_only || !r->applied)) {
                    m_claimed.insert(r->id);
                    return r;
                }
            }
            return nullptr;
        };
        if (incoming.applied) {
            if (auto it = m_by_applied.find(identity(incoming, true)); it != m_by_applied.end()) {
                if (const Rejection* r = take(it->second, false)) {
                    return r;
                }
            }
        }
        if (auto it = m_by_date.find(identity(incoming, false)); it != m_by_date.end()) {
            return take(it->second, incoming.applied.has_value());
        }
        return nullptr;
    }

    /// Marks `id` as matched (by its fields or ID), so no other row takes it.
    void claim(std::int64_t id) { m_claimed.insert(id); }

  private:
    std::unordered_map<std::string, std::vector<const Rejection*>> m_by_applied;
    std::unordered_map<std::string, std::vector<const Rejection*>> m_by_date;
    std::set<std::int64_t> m_claimed;
};

/// `stored` with the keys in `keys` taken from `row` (absent there: removed), and which keys
/// changed. Throws Error(data) when the merged record breaks a rule.
Updated merge_row(const Rejection& stored, const Rejection& row,
                  const std::set<std::string>& keys) {
    toml::table merged = to_toml(stored);
    const toml::table incoming = to_toml(row);
    toml::table feedback;
    if (const auto* f = merged.get_as<toml::table>("feedback")) {
        feedback = *f;
    }
    const toml::table* incoming_feedback = incoming.get_as<toml::table>("feedback");
    for (const auto& key : keys) {
        if (key.starts_with("feedback.")) {
            const std::string sub = key.substr(9);
            const toml::node* value =
                incoming_feedback != nullptr ? incoming_feedback->get(sub) : nullptr;
            if (value != nullptr) {
                feedback.insert_or_assign(sub, *value);
            } else {
                feedback.erase(sub);
            }
            continue;
        }
        if (const toml::node* value = incoming.get(key)) {
            merged.insert_or_assign(key, *value);
        } else {
            merged.erase(key);
        }
    }
    if (feedback.empty()) {
        merged.erase("feedback");
    } else {
        merged.insert_or_assign("feedback", std::move(feedback));
    }
    Updated out{stored, rejection_from_toml(merged, ""), {}};
    const toml::table before = to_toml(stored);
    const toml::table after = to_toml(out.after);
    std::set<std::string> all;
    for (const auto& [k, v] : before) {
        all.insert(std::string(k.str()));
    }
    for (const auto& [k, v] : after) {
        all.insert(std::string(k.str()));
    }
    for (const auto& k : all) {
        toml::table a;
        toml::table b;
        if (const auto* v = before.get(k)) {
            a.insert_or_assign(k, *v);
        }
        if (const auto* v = after.get(k)) {
            b.insert_or_assign(k, *v);
        }
        if (to_toml_text(a) != to_toml_text(b)) {
            out.fields.push_back(k);
        }
    }
    return out;
}

std::int64_t counter(const std::map<std::string, std::int64_t>& counters, const std::string& name) {
    auto it = counters.find(name);
    return it == counters.end() ? 0 : it->second;
}

/// Plans the records of one kind with IDs; see plan_import. `id_map` receives, for each
/// incoming ID, the ID it ends up as (matched or given). `adjust` runs on each incoming record
/// first (a reflection's link follows its rejection).
template <typename Record, typename Adjust>
void plan_with_ids(RecordKind kind, const std::vector<Record>& existing,
                   const std::vector<Record>& incoming, const Dataset& existing_data,
                   const Dataset& incoming_data, ImportPlan& plan, std::vector<Record>& added,
                   std::map<std::int64_t, std::int64_t>& id_map, Adjust&& adjust,
                   const std::vector<std::set<std::string>>* sheet_keys = nullptr) {
    const std::string name(record_kind_name(kind));
    std::unordered_map<std::int64_t, std::string> by_id;
    std::unordered_map<std::string, std::int64_t> by_content;
    std::unordered_map<std::string, std::pair<std::int64_t, std::string>> by_key;
    std::unordered_map<std::string, std::int64_t> by_uid;
    std::int64_t next = std::max(
        {counter(existing_data.next, name), counter(incoming_data.next, name), std::int64_t{1}});
    auto remember = [&](const Record& r, const std::string& content) {
        by_id[r.id] = content;
        if (r.uid) {
            by_uid.emplace(*r.uid, r.id);
        }
        if constexpr (std::is_same_v<Record, Rejection>) {
            if (r.key) {
                by_key.emplace(*r.key, std::pair(r.id, content));
            }
        }
        next = std::max(next, r.id + 1);
    };
    // Only stored records are matched by content: two records of the file that say the same
    // thing (a rejection logged twice) are both kept, so a round trip gives back every file.
    for (const auto& r : existing) {
        const std::string content = content_of(r);
        remember(r, content);
        by_content.emplace(content, r.id);
    }
    for (const auto& r : incoming) {
        next = std::max(next, r.id + 1);
    }
    const bool counted = !existing.empty() || !incoming.empty() ||
                         existing_data.next.contains(name) || incoming_data.next.contains(name);

    std::optional<RowMatcher> rows;
    if constexpr (std::is_same_v<Record, Rejection>) {
        if (sheet_keys != nullptr) {
            rows.emplace(existing);
        }
    }
    std::size_t index = 0;
    for (Record r : incoming) {
        const std::size_t at = index++;
        adjust(r);
        const std::int64_t from = r.id;
        const std::string content = content_of(r);
        auto skip = [&](std::int64_t matched) {
            ++plan.skipped[kind];
            if (from > 0) {
                id_map[from] = matched;
            }
        };
        // The same record (its identity), however it changed since: the stored one stays.
        if (r.uid) {
            if (auto it = by_uid.find(*r.uid); it != by_uid.end()) {
                skip(it->second);
                continue;
            }
        }
        if constexpr (std::is_same_v<Record, Rejection>) {
            if (r.key) {
                if (auto it = by_key.find(*r.key); it != by_key.end()) {
                    if (it->second.second != content) {
                        plan.kept.push_back(
                            name + (from > 0 ? " " + std::to_string(from) : std::string()) + " (" +
                            r.company + ", " + util::format_date(r.date) + "): key '" + *r.key +
                            "' belongs to stored rejection " + std::to_string(it->second.first) +
                            ", which differs; kept the stored one");
                    }
                    skip(it->second.first);
                    continue;
                }
            }
        }
        if (auto it = by_id.find(from); from > 0 && it != by_id.end() && it->second == content) {
            skip(from);
            continue;
        }
        if (auto it = by_content.find(content); it != by_content.end()) {
            if (rows) {
                rows->claim(it->second);
            }
            skip(it->second);
            continue;
        }
        if constexpr (std::is_same_v<Record, Rejection>) {
            if (rows && from == 0 && at < sheet_keys->size()) {
                if (const Rejection* stored = rows->match(r)) {
                    try {
                        Updated update = merge_row(*stored, r, (*sheet_keys)[at]);
                        if (update.fields.empty()) {
                            skip(stored->id);
                        } else {
                            plan.updated.push_back(std::move(update));
                        }
                        continue;
                    } catch (const Error& error) {
                        plan.kept.push_back("rejection " + std::to_string(stored->id) + " (" +
                                            stored->company + "): the sheet's row cannot " +
                                            "update it (" +
                                            std::string(util::trim(std::string_view(
                                                error.what()).substr(
                                                std::string_view(error.what()).starts_with(":")
                                                    ? 1
                                                    : 0))) +
                                            "); kept the stored one");
                        skip(stored->id);
                        continue;
                    }
                }
            }
        }
        if (from == 0 || by_id.contains(from)) {
            r.id = next++;
            if (from > 0) {
                plan.renumbered.push_back(Renumbered{kind, from, r.id});
            }
        }
        if (from > 0) {
            id_map[from] = r.id;
        }
        remember(r, content);
        added.push_back(std::move(r));
    }
    if (counted) {
        plan.next[name] = next;
    }
}

void plan_checkins(const std::vector<Checkin>& existing, const std::vector<Checkin>& incoming,
                   ImportPlan& plan) {
    std::map<std::pair<Date, std::string>, std::string> by_day;
    for (const auto& c : existing) {
        by_day.emplace(std::pair(c.date, c.habit), content_of(c));
    }
    for (const auto& c : incoming) {
        const std::string content = content_of(c);
        auto [it, fresh] = by_day.emplace(std::pair(c.date, c.habit), content);
        if (fresh) {
            plan.added.checkins.push_back(c);
            continue;
        }
        ++plan.skipped[RecordKind::checkin];
        if (it->second != content) {
            plan.kept.push_back("check-in of " + c.habit + " on " + util::format_date(c.date) +
                                ": differs from the stored one; kept the stored one");
        }
    }
}

} // namespace

ImportPlan plan_import(const Dataset& existing, const Dataset& incoming,
                       const std::vector<std::set<std::string>>* sheet_keys) {
    ImportPlan plan;
    plan.next = existing.next;
    for (RecordKind kind : record_kinds()) {
        plan.skipped[kind] = 0;
    }
    auto unchanged = [](auto&) {};
    std::map<std::int64_t, std::int64_t> rejection_ids;
    std::map<std::int64_t, std::int64_t> other_ids;
    plan_with_ids(RecordKind::rejection, existing.rejections, incoming.rejections, existing,
                  incoming, plan, plan.added.rejections, rejection_ids, unchanged, sheet_keys);
    plan_with_ids(RecordKind::reflection, existing.reflections, incoming.reflections, existing,
                  incoming, plan, plan.added.reflections, other_ids, [&](Reflection& r) {
                      if (r.rejection) {
                          if (auto it = rejection_ids.find(*r.rejection);
                              it != rejection_ids.end()) {
                              r.rejection = it->second;
                          }
                      }
                  });
    other_ids.clear();
    plan_with_ids(RecordKind::win, existing.wins, incoming.wins, existing, incoming, plan,
                  plan.added.wins, other_ids, unchanged);
    plan_checkins(existing.checkins, incoming.checkins, plan);
    plan.added.next = plan.next;
    return plan;
}

} // namespace bb
