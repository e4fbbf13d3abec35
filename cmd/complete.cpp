// `bounceback __complete KIND PREFIX`: the values the completion scripts ask for as you type
// (rejection, win and reflection IDs, habits, sources, templates).

#include "completion.hpp"

#include "completion_model.hpp"

#include <bounceback/core/config.hpp>
#include <bounceback/core/records.hpp>
#include <bounceback/core/routine.hpp>
#include <bounceback/core/sources.hpp>
#include <bounceback/mail/template.hpp>
#include <bounceback/storage/config_file.hpp>
#include <bounceback/storage/templates.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <fmt/core.h>
#include <map>
#include <string_view>

namespace bb::cli {

namespace {

/// One `value<TAB>description` line; descriptions lose tabs and line breaks.
void print_value(const std::string& value, const std::string& description,
                 const std::string& prefix) {
    if (value.starts_with(prefix)) {
        print_exact(fmt::format("{}\t{}\n", value,
                                util::truncate_to_width(flattened(description), 60)));
    }
}

void complete_rejections(Context& ctx, const std::string& prefix) {
    auto rejections = ctx.store().readable_rejections();
    std::sort(rejections.begin(), rejections.end(),
              [](const Rejection& a, const Rejection& b) { return a.id < b.id; });
    for (const auto& r : rejections) {
        std::string description = r.company;
        if (r.stage) {
            description += ", " + std::string(stage_name(*r.stage));
        }
        description += ", " + util::format_date(r.date);
        print_value(std::to_string(r.id), description, prefix);
    }
}

void complete_wins(Context& ctx, const std::string& prefix) {
    auto wins = ctx.store().readable_wins();
    std::sort(wins.begin(), wins.end(), [](const Win& a, const Win& b) { return a.id < b.id; });
    for (const auto& w : wins) {
        print_value(std::to_string(w.id), util::format_date(w.date) + ": " + w.text, prefix);
    }
}

void complete_reflections(Context& ctx, const std::string& prefix) {
    auto reflections = ctx.store().readable_reflections();
    std::sort(reflections.begin(), reflections.end(),
              [](const Reflection& a, const Reflection& b) { return a.id < b.id; });
    for (const auto& r : reflections) {
        std::string description = util::format_date(r.date);
        description += r.rejection ? ", on rejection " + std::to_string(*r.rejection) : ", general";
        if (!r.next.empty()) {
            description += ": next " + r.next.front();
        }
        print_value(std::to_string(r.id), description, prefix);
    }
}

void complete_habits(Context& ctx, const std::string& prefix) {
    // A config that does not load names no habits we can trust: offer none rather than guess.
    for (const auto& [name, habit] : habits_in_effect(storage::load_config(ctx.paths()))) {
        print_value(name,
                    habit.description.empty() ? fmt::format("{} day{} a week", habit.per_week,
                                                            habit.per_week == 1 ? "" : "s")
                                              : habit.description,
                    prefix);
    }
}

void complete_sources(Context& ctx, const std::string& prefix) {
    // Grouped as stats groups them; a config that does not load groups nothing (no error).
    SourcesConfig config;
    try {
        config = storage::load_config(ctx.paths()).sources;
    } catch (const std::exception&) {
    }
    const SourceBreakdown breakdown =
        source_breakdown(ctx.store().readable_rejections(), config);
    for (const auto& channel : breakdown.channels) {
        print_value(channel.written,
                    fmt::format("{} rejection{}{}", channel.total(), channel.total() == 1 ? "" : "s",
                                channel.personal ? ", personal" : ""),
                    prefix);
    }
}

void complete_templates(Context& ctx, const std::string& prefix) {
    std::map<std::string, std::string> descriptions;
    for (const auto& t : mail::builtin_templates()) {
        descriptions[t.name] = "built-in template";
    }
    // Built-ins first: without a home (or with an unreadable template folder) they still show.
    try {
        for (const auto& t : storage::list_user_templates(ctx.paths())) {
            descriptions[t.name] = descriptions.contains(t.name)
                                       ? "your template (overrides the built-in one)"
                                       : "your template";
        }
    } catch (const std::exception&) {
    }
    for (const auto& [name, description] : descriptions) {
        print_value(name, description, prefix);
    }
}

/// The kinds `__complete` knows (the KIND in `dynamic:KIND`), and what prints each.
constexpr std::pair<std::string_view, void (*)(Context&, const std::string&)> k_completers[] = {
    {"rejections", complete_rejections},   {"wins", complete_wins},
    {"reflections", complete_reflections}, {"habits", complete_habits},
    {"templates", complete_templates},     {"sources", complete_sources},
};

} // namespace

CLI::App* add_complete_cli(CLI::App& app, CompletionArgs& args) {
    CLI::App* cmd = add_command(app, k_complete_command);
    cmd->add_option("KIND", args.kind, "rejections, wins, reflections, habits or templates");
    cmd->add_option("PREFIX", args.prefix, "Only values that start with PREFIX");
    return cmd;
}

int run_complete(const CompletionArgs& args, Context& ctx) {
    // On every Tab: a message here would land in the middle of the prompt. Anything that goes
    // wrong means fewer values, never an error or a non-zero status.
    try {
        for (const auto& [kind, complete] : k_completers) {
            if (kind == args.kind) {
                complete(ctx, args.prefix);
            }
        }
    } catch (...) {
    }
    return 0;
}

} // namespace bb::cli
