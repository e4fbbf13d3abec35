#include "bounceback/core/import_plan.hpp"

#include "bounceback/core/codec.hpp"

#include <algorithm>
#include <type_traits>
#include <unordered_map>

namespace bb {

namespace {

/// A record's fields without its ID, as text: equal for records that say the same thing.
template <typename Record> std::string content_of(const Record& record) {
    toml::table t = to_toml(record);
    t.erase("id");
    return to_toml_text(t);
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
                   std::map<std::int64_t, std::int64_t>& id_map, Adjust&& adjust) {
    const std::string name(record_kind_name(kind));
    std::unordered_map<std::int64_t, std::string> by_id;
    std::unordered_map<std::string, std::int64_t> by_content;
    std::unordered_map<std::string, std::pair<std::int64_t, std::string>> by_key;
    std::int64_t next = std::max(
        {counter(existing_data.next, name), counter(incoming_data.next, name), std::int64_t{1}});
    auto remember = [&](const Record& r, const std::string& content) {
        by_id[r.id] = content;
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

    for (Record r : incoming) {
        adjust(r);
        const std::int64_t from = r.id;
        const std::string content = content_of(r);
        auto skip = [&](std::int64_t matched) {
            ++plan.skipped[kind];
            if (from > 0) {
                id_map[from] = matched;
            }
        };
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
            skip(it->second);
            continue;
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

ImportPlan plan_import(const Dataset& existing, const Dataset& incoming) {
    ImportPlan plan;
    plan.next = existing.next;
    for (RecordKind kind : record_kinds()) {
        plan.skipped[kind] = 0;
    }
    auto unchanged = [](auto&) {};
    std::map<std::int64_t, std::int64_t> rejection_ids;
    std::map<std::int64_t, std::int64_t> other_ids;
    plan_with_ids(RecordKind::rejection, existing.rejections, incoming.rejections, existing,
                  incoming, plan, plan.added.rejections, rejection_ids, unchanged);
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
