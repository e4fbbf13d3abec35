// `log list`, `log show`, `log edit`, `log rm` and `log feedback`: the rejections once logged.

#include "log_actions.hpp"

#include "editor.hpp"
#include "held_twice.hpp"
#include "json_list.hpp"
#include "log_sources.hpp"
#include "options.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/core/fields.hpp>
#include <bounceback/core/interchange.hpp>
#include <bounceback/storage/file.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <fmt/core.h>

namespace bb::cli {

using util::format_date;

namespace {

// ---- output ---------------------------------------------------------------------------

std::string relative_day(util::Date date, util::Date today) {
    int days = util::days_between(date, today);
    if (days == 0) {
        return "today";
    }
    if (days == 1) {
        return "yesterday";
    }
    if (days > 1) {
        return fmt::format("{} days ago", days);
    }
    return days == -1 ? "tomorrow" : fmt::format("in {} days", -days);
}


std::string feedback_state(const Feedback& f) {
    if (f.received) {
        return "received";
    }
    if (f.requested) {
        return "requested";
    }
    return "";
}

/// The row `log show` gives a field it shows in its own words (FieldShow::custom), or nothing.
std::optional<std::string> custom_row(const Field<Rejection>& field, const Rejection& r,
                                      util::Date today) {
    const std::string name = dotted_name(field);
    if (name == "date") {
        return format_date(r.date) + " (" + relative_day(r.date, today) + ")" +
               (r.date_estimated ? "; stands in for the day the answer came" : "");
    }
    if (name == "applied" && r.applied && !r.date_estimated) {
        return fmt::format("{} ({} days before the answer)", format_date(*r.applied),
                           util::days_between(*r.applied, r.date));
    }
    if (name == "feedback.requested" && r.feedback.requested) {
        return "feedback requested " + format_date(*r.feedback.requested) +
               (r.feedback.followed_up ? ", followed up " + format_date(*r.feedback.followed_up)
                                       : "");
    }
    if (name == "feedback.received" && r.feedback.received) {
        return "received " + format_date(*r.feedback.received);
    }
    return std::nullopt;
}

/// The label `log show` gives a field's row or block.
std::string show_label(const Field<Rejection>& field) {
    return std::string(field.label.empty() ? field.key : field.label);
}

void print_rejection(const Rejection& r, Ui& ui, util::Date today) {
    say("{}\n", ui.bold(fmt::format("Rejection {}: {}", r.id, r.company)));
    std::vector<std::vector<std::string>> rows;
    for (const auto& field : fields_of<Rejection>()) {
        if (field.show == FieldShow::custom) {
            if (auto value = custom_row(field, r, today)) {
                rows.push_back({show_label(field), std::move(*value)});
            }
        } else if (field.show == FieldShow::row && field_present(field, r)) {
            std::string value = field_text(field, r, ", ");
            if (field.type == FieldType::score) {
                value += "/5";
            }
            rows.push_back({show_label(field), std::move(value)});
        }
    }
    for (const auto& line : util::render_table(rows, 200)) {
        say("  {}\n", line);
    }
    for (const auto& field : fields_of<Rejection>()) {
        if (field.show != FieldShow::block || !field_present(field, r)) {
            continue;
        }
        say("\n  {}\n", ui.dim(show_label(field)));
        for (const auto& line : util::split_lines(field_text(field, r))) {
            say("    {}\n", line);
        }
    }
}

} // namespace

int list_rejections(const LogArgs& args, Context& ctx) {
    const DateRange range = parse_range_options(args.since, args.until, ctx.today());
    std::optional<Stage> stage;
    if (args.stage_filter) {
        stage = parse_stage_option("--stage", *args.stage_filter);
    }
    const std::string company = util::fold_case(args.company_filter.value_or(""));
    const std::string tag = util::fold_case(args.tag_filter.value_or(""));
    const SourceFilter source = source_filter(args.source_filter, ctx);
    auto [stored, twice] =
        read_marking_twice<Rejection>([&] { return ctx.store().rejections(range); });
    std::vector<Rejection> list;
    for (auto& r : stored) {
        if (stage && r.stage != stage) {
            continue;
        }
        if (!company.empty() && util::fold_case(r.company).find(company) == std::string::npos) {
            continue;
        }
        if (args.tag_filter &&
            std::none_of(r.tags.begin(), r.tags.end(),
                         [&](const std::string& t) { return util::fold_case(t) == tag; })) {
            continue;
        }
        if (!source.matches(r)) {
            continue;
        }
        list.push_back(std::move(r));
    }
    std::erase_if(twice, [&](std::int64_t id) {
        return std::none_of(list.begin(), list.end(), [&](const Rejection& r) { return r.id == id; });
    });
    if (args.json || args.csv) {
        // Machine output lists the records as stored; people are told on stderr.
        if (args.json) {
            print_json_list(list);
        } else {
            print_exact(records_csv(list));
        }
        for (const auto& line : held_twice_lines<Rejection>(ctx, twice, "rejection", false)) {
            say_err("{}\n", line);
        }
        return 0;
    }
    Ui& ui = ctx.ui();
    if (list.empty()) {
        const bool filtered =
            args.since || args.until || args.stage_filter || args.company_filter || args.tag_filter ||
            args.source_filter;
        say("{}\n",
                   filtered ? "No rejections match."
                            : "No rejections logged yet. When one comes: bounceback log COMPANY");
        return 0;
    }
    std::vector<std::vector<std::string>> rows = {
        {"ID", "DATE", "COMPANY", "ROLE", "STAGE", "FEEDBACK", "TAGS"}};
    for (const auto& r : list) {
        rows.push_back({id_cell(r.id, twice), format_date(r.date), r.company, r.role.value_or(""),
                        r.stage ? std::string(stage_name(*r.stage)) : "",
                        feedback_state(r.feedback), util::join(r.tags, ",")});
    }
    ui.print_table(rows);
    say("{}\n",
               ui.dim(fmt::format("{} rejection{}", list.size(), list.size() == 1 ? "" : "s")));
    if (args.source_filter) {
        say("{}\n", source.summary(list));
    }
    for (const auto& line : held_twice_lines<Rejection>(ctx, twice, "rejection", true)) {
        say("{}\n", ui.warm(line));
    }
    return 0;
}

int show_rejection(const LogArgs& args, Context& ctx) {
    Rejection r = ctx.store().rejection(args.id);
    if (args.json) {
        print_exact(to_json(to_toml(r)) + "\n");
    } else {
        print_rejection(r, ctx.ui(), ctx.today());
    }
    return 0;
}

namespace {

int edit_in_editor(const LogArgs& args, Context& ctx) {
    storage::Store& store = ctx.store();
    const Rejection original = store.rejection(args.id);
    Ui& ui = ctx.ui();
    EditSession session(ctx.paths().data_dir,
                        {storage::rejection_edit(args.id), "Nothing was changed."},
                        rejection_edit_text(original), ui);
    const bool used = edit_until_used(session, ui, [&](const std::string& text) {
        const auto edited = rejection_from_edit_text(text, session.file(), args.id);
        if (!edited) {
            say("The file was empty: nothing changed.\n");
            return;
        }
        if (auto reason = check_entry_dates(*edited, ctx.today()); !reason.empty()) {
            throw Error(ExitCode::usage, session.file() + ": " + reason);
        }
        if (to_toml(*edited) == to_toml(original)) {
            say("No changes.\n");
            return;
        }
        store.update_rejection(args.id, [&](Rejection& current) {
            // Someone (a script, another terminal) changed the entry while the editor was
            // open: saving would silently undo their change.
            if (to_toml(current) != to_toml(original)) {
                throw Error(ExitCode::temp_fail,
                            fmt::format("rejection {} changed while you were editing it", args.id));
            }
            current = *edited;
        });
        say("{} rejection {}: {}, {}.\n", ui.good("Updated"), args.id, describe(*edited),
                   format_date(edited->date));
    });
    return used ? 0 : static_cast<int>(ExitCode::data);
}

} // namespace

int edit_rejection(const LogArgs& args, Context& ctx) {
    if (!args.fields.any()) {
        return edit_in_editor(args, ctx);
    }
    // Check the option values before looking for the entry: a bad value is a usage error (64)
    // whether or not the ID exists.
    Rejection probe;
    probe.company = "probe";
    probe.date = ctx.today();
    apply_fields(probe, args.fields, ctx.today());
    Rejection r = ctx.store().update_rejection(
        args.id, [&](Rejection& r) { apply_fields(r, args.fields, ctx.today()); });
    say("{} rejection {}: {}, {}.\n", ctx.ui().good("Updated"), r.id, describe(r),
               format_date(r.date));
    return 0;
}

int remove_rejection(const LogArgs& args, Context& ctx) {
    // With --yes there is nothing to show first, so the entry is looked up once, by the removal.
    if (!args.yes) {
        const Rejection r = ctx.store().rejection(args.id);
        if (!ctx.ui().confirm_removal(
                fmt::format("rejection {} ({}, {})", r.id, describe(r), format_date(r.date)),
                "This cannot be undone.", false)) {
            say("Kept it.\n");
            return 0;
        }
    }
    const Rejection r = ctx.store().remove_rejection(args.id);
    say("Removed rejection {} ({}). Its ID is not reused.\n", r.id, describe(r));
    return 0;
}

int record_feedback(const LogArgs& args, Context& ctx) {
    const std::string text = checked("TEXT", args.text, check_text);
    std::vector<std::string> areas;
    for (const auto& area : args.areas) {
        areas.push_back(util::to_lower(checked("--area", area, check_word)));
    }
    const util::Date received =
        args.date ? parse_entry_date_option("--date", *args.date, ctx.today()) : ctx.today();
    Rejection r = ctx.store().update_rejection(args.id, [&](Rejection& r) {
        r.feedback.text = text;
        r.feedback.received = received;
        if (!areas.empty()) {
            r.feedback.areas = areas;
        }
    });
    say("{} feedback on rejection {} ({}). Take it seriously, not personally: it is about "
               "one application, not about you.\n",
               ctx.ui().good("Saved"), r.id, describe(r));
    return 0;
}

} // namespace bb::cli
