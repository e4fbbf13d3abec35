#include "log.hpp"

#include "editor.hpp"
#include "held_twice.hpp"
#include "json_list.hpp"
#include "log_mail.hpp"
#include "log_sources.hpp"
#include "options.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/fields.hpp>
#include <bounceback/core/interchange.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/storage/file.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <fmt/core.h>
#include <tuple>

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

} // namespace

/// "Acme, Senior Engineer, onsite": the short description used in messages.
std::string describe(const Rejection& r) {
    std::string out = r.company;
    if (r.role) {
        out += ", " + *r.role;
    }
    if (r.stage) {
        out += ", " + std::string(stage_name(*r.stage));
    }
    return out;
}

namespace {

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


// ---- actions --------------------------------------------------------------------------

} // namespace

/// The company named on the command line (COMPANY or --company), or "".
std::string company_argument(const LogArgs& args) {
    const std::string* option = args.fields.value("company");
    if (!args.company.empty() && option != nullptr && *option != args.company) {
        usage_error("log: two companies given ('" + args.company + "' and --company '" + *option +
                    "'); give one");
    }
    if (!args.company.empty()) {
        return checked("COMPANY", std::string(util::trim(args.company)), check_name);
    }
    return option != nullptr ? checked("--company", std::string(util::trim(*option)), check_name)
                             : "";
}

namespace {

int add_rejection(const LogArgs& args, Context& ctx) {
    Rejection draft;
    draft.company = company_argument(args);
    if (draft.company.empty()) {
        usage_error("log: which company? e.g. bounceback log Acme --stage screen "
                    "(bounceback log --help shows every option)");
    }
    draft.date = ctx.today();
    refuse_empty_values(args.fields);
    apply_fields(draft, args.fields, ctx.today());
    auto [r, created] = ctx.store().add_rejection(std::move(draft));
    return report_added(args, ctx, r, created);
}

/// The next step for a rejection just logged: ask for feedback when nobody has, record it once
/// asked; an entry that never reached an interview is not told about interviews.
std::string next_step_hint(const Rejection& r) {
    if (r.feedback.received) {
        return {};
    }
    if (!r.feedback.requested) {
        return fmt::format("When you are ready, ask for feedback: bounceback feedback-email {}",
                           r.id);
    }
    const bool interviewed = r.stage && *r.stage != Stage::application;
    return fmt::format("When feedback comes: bounceback log feedback {} \"what they said\" --area {}",
                       r.id, interviewed ? "interview" : "resume");
}

} // namespace

int report_added(const LogArgs& args, Context& ctx, const Rejection& r, bool created) {
    if (args.porcelain) {
        print_exact(fmt::format("{}\n", r.id));
        return 0;
    }
    if (args.json) {
        print_exact(to_json(to_toml(r)) + "\n");
        return 0;
    }
    Ui& ui = ctx.ui();
    if (!created) {
        say("Already logged as rejection {} ({}, {}); nothing changed.\n", r.id, describe(r),
                   format_date(r.date));
        return 0;
    }
    say("{} rejection {}: {}, {}.\n", ui.good("Logged"), ui.bold(std::to_string(r.id)),
               describe(r), format_date(r.date));
    if (r.feeling && *r.feeling <= 2) {
        say("That one hurts, and it is fair to feel that way. It says nothing about your worth; be "
                   "kind to yourself today.\n");
    }
    if (auto hint = next_step_hint(r); !hint.empty()) {
        say("{}\n", ui.dim(hint));
    }
    // `bounceback log lsit` logs a company called "lsit"; say so, it is cheap to undo.
    std::vector<std::string> actions = {"list", "show", "edit", "rm", "feedback", "win"};
    if (!args.company_after_separator && util::to_lower(r.company) == r.company &&
        r.company.find(' ') == std::string::npos) {
        std::string near = util::closest_match(r.company, actions);
        if (!near.empty() && util::edit_distance(near, r.company) <= 2) {
            say_err(
                "bounceback: note: logged '{}' as a company; did you mean `bounceback log {}`? "
                "Undo with: bounceback log rm {}\n",
                r.company, near, r.id);
        }
    }
    return 0;
}

namespace {

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

int add_win(const LogArgs& args, Context& ctx) {
    Win draft;
    draft.text = checked("TEXT", args.text, check_text);
    draft.date =
        args.date ? parse_entry_date_option("--date", *args.date, ctx.today()) : ctx.today();
    Win w = ctx.store().add_win(std::move(draft));
    if (args.porcelain) {
        print_exact(fmt::format("{}\n", w.id));
    } else if (args.json) {
        print_exact(to_json(to_toml(w)) + "\n");
    } else {
        say("{} win {}: {}. Well done.\n", ctx.ui().good("Logged"), w.id,
                   util::one_line(w.text));
    }
    return 0;
}

int list_wins(const LogArgs& args, Context& ctx) {
    const DateRange range = parse_range_options(args.since, args.until, ctx.today());
    auto [wins, twice] = read_marking_twice<Win>([&] { return ctx.store().wins(range); });
    if (args.json || args.csv) {
        if (args.json) {
            print_json_list(wins);
        } else {
            print_exact(records_csv(wins));
        }
        for (const auto& line : held_twice_lines<Win>(ctx, twice, "win", false)) {
            say_err("{}\n", line);
        }
        return 0;
    }
    if (wins.empty()) {
        say("No wins logged yet. Name one, however small: bounceback log win \"updated my "
                   "resume\"\n");
        return 0;
    }
    std::vector<std::vector<std::string>> rows = {{"ID", "DATE", "WIN"}};
    for (const auto& w : wins) {
        rows.push_back({id_cell(w.id, twice), format_date(w.date), util::one_line(w.text)});
    }
    ctx.ui().print_table(rows, 72);
    for (const auto& line : held_twice_lines<Win>(ctx, twice, "win", true)) {
        say("{}\n", ctx.ui().warm(line));
    }
    return 0;
}

int remove_win(const LogArgs& args, Context& ctx) {
    if (!args.yes) {
        const Win w = ctx.store().win(args.id);
        if (!ctx.ui().confirm_removal(fmt::format("win {} ({})", w.id, util::one_line(w.text)),
                                      "This cannot be undone.", false)) {
            say("Kept it.\n");
            return 0;
        }
    }
    const Win w = ctx.store().remove_win(args.id);
    say("Removed win {}.\n", w.id);
    return 0;
}

} // namespace

// ---- command line ---------------------------------------------------------------------

CLI::App* add_log_cli(CLI::App& app, LogArgs& args, const std::vector<std::string>& words) {
    using Action = LogArgs::Action;
    args.company_after_separator = std::find(words.begin(), words.end(), "--") != words.end();
    CLI::App* log = add_command(app, k_log_command);
    log->footer(R"(Examples:
  bounceback log Acme --role "Backend Engineer" --stage onsite --feeling 2
  bounceback log "Globex" --applied "last monday" --tag remote --porcelain
  bounceback log list --since 2026-11-01 --stage screen
  bounceback log feedback 3 "Wanted more system design depth" --area technical
  bounceback log win "Finished the take-home I was dreading"

From a rejection email (a .eml file, or piped from a mail filter; only a rejection
is logged, anything else exits 3; --dry-run shows the kind, each field and why):
  bounceback log --from-email rejection.eml --dry-run
  bounceback log --from-email - --porcelain < rejection.eml
  bounceback log --from-mbox ~/Takeout/Mail/All.mbox --dry-run
  bounceback log --from-maildir ~/Mail/INBOX

A company literally named like a subcommand (list, show …) can be logged with:
  bounceback log -- list)");
    log->add_option("COMPANY", args.company, "The company that said no")->type_name("");
    add_field_options(log, args.fields, false);
    add_mail_options(log, args);
    log->add_flag("--json", args.json, "Print the entry as JSON");
    log->add_flag("--porcelain", args.porcelain, "Print only the ID");

    CLI::App* list = log->add_subcommand("list", "List rejections as a table, JSON or CSV");
    list->callback([&args] { args.action = Action::list; });
    list->add_option("--since", args.since, "Only on or after this date")->type_name("DATE");
    list->add_option("--until", args.until, "Only on or before this date")->type_name("DATE");
    list->add_option("--stage", args.stage_filter, "Only this stage")->type_name("STAGE");
    list->add_option("--company", args.company_filter, "Only companies containing this text")
        ->type_name("TEXT");
    list->add_option("--tag", args.tag_filter, "Only entries with this tag")->type_name("TAG");
    list->add_option("--source", args.source_filter,
                     "Only entries from this source (grouped as stats groups them), and how far "
                     "they got")
        ->type_name("SOURCE");
    list->add_flag("--json", args.json, "Print a JSON array");
    list->add_flag("--csv", args.csv, "Print CSV (RFC 4180) with a header row");
    list->footer("Examples:\n  bounceback log list --since \"4 weeks ago\"\n"
                 "  bounceback log list --company acme --json\n"
                 "  bounceback log list --source referral\n"
                 "  bounceback log list --csv > rejections.csv");

    CLI::App* show = log->add_subcommand("show", "Show one rejection in full");
    show->callback([&args] { args.action = Action::show; });
    show->add_option("ID", args.id, "Rejection ID")->required();
    show->add_flag("--json", args.json, "Print JSON");
    show->footer("Example:\n  bounceback log show 3");

    CLI::App* edit = log->add_subcommand(
        "edit",
        "Change a rejection: with options, set those fields; without, open $VISUAL/$EDITOR");
    edit->callback([&args] { args.action = Action::edit; });
    edit->add_option("ID", args.id, "Rejection ID")->required();
    add_field_options(edit, args.fields, true);
    edit->footer("Examples:\n  bounceback log edit 3 --stage final --note \"\"\n"
                 "  bounceback log edit 3            # opens your editor on the entry");

    CLI::App* rm = log->add_subcommand("rm", "Remove a rejection (asks first; --yes for scripts)");
    rm->callback([&args] { args.action = Action::remove; });
    rm->add_option("ID", args.id, "Rejection ID")->required();
    rm->add_flag("-y,--yes", args.yes, "Do not ask");
    rm->footer("Example:\n  bounceback log rm 3 --yes");

    CLI::App* feedback = log->add_subcommand("feedback", "Record feedback received on a rejection");
    feedback->callback([&args] { args.action = Action::feedback; });
    feedback->add_option("ID", args.id, "Rejection ID")->required();
    feedback->add_option("TEXT", args.text, "What they said")->required();
    feedback
        ->add_option("--area", args.areas,
                     "What it concerns: resume, cover-letter, interview, technical, "
                     "experience, fit … (repeatable)")
        ->type_name("AREA")
        ->allow_extra_args(false);
    feedback->add_option("--date", args.date, "When it arrived (default: today)")
        ->type_name("DATE");
    feedback->footer(
        "Example:\n  bounceback log feedback 3 \"Strong, but less cloud experience than "
        "others\" --area experience");

    CLI::App* win = log->add_subcommand("win", "Log a small victory (list and rm below)");
    win->callback([&args] {
        if (args.action == Action::add) {
            args.action = Action::win_add;
        }
    });
    win->add_option("TEXT", args.text, "What went well")->type_name("");
    win->add_option("--date", args.date, "When (default: today)")->type_name("DATE");
    win->add_flag("--json", args.json, "Print the win as JSON");
    win->add_flag("--porcelain", args.porcelain, "Print only the ID");
    win->footer("Examples:\n  bounceback log win \"Got a second interview at Initech\"\n"
                "  bounceback log win list --since \"4 weeks ago\"");

    CLI::App* win_list = win->add_subcommand("list", "List wins");
    win_list->callback([&args] { args.action = Action::win_list; });
    win_list->add_option("--since", args.since, "Only on or after this date")->type_name("DATE");
    win_list->add_option("--until", args.until, "Only on or before this date")->type_name("DATE");
    win_list->add_flag("--json", args.json, "Print a JSON array");
    win_list->add_flag("--csv", args.csv, "Print CSV (RFC 4180) with a header row");
    win_list->footer("Examples:\n  bounceback log win list\n"
                     "  bounceback log win list --since \"4 weeks ago\" --json");

    CLI::App* win_rm = win->add_subcommand("rm", "Remove a win");
    win_rm->callback([&args] { args.action = Action::win_remove; });
    win_rm->add_option("ID", args.id, "Win ID")->required();
    win_rm->add_flag("-y,--yes", args.yes, "Do not ask");
    win_rm->footer("Example:\n  bounceback log win rm 2 --yes");
    return log;
}

int run_log(const LogArgs& args, Context& ctx) {
    using Action = LogArgs::Action;
    if (int(args.json) + int(args.csv) + int(args.porcelain) > 1) {
        usage_error("choose one output format: --json, --csv or --porcelain");
    }
    check_mail_options(args);
    switch (args.action) {
    case Action::add:
        return reads_mail(args) ? log_from_mail(args, ctx) : add_rejection(args, ctx);
    case Action::list:
        return list_rejections(args, ctx);
    case Action::show:
        return show_rejection(args, ctx);
    case Action::edit:
        return edit_rejection(args, ctx);
    case Action::remove:
        return remove_rejection(args, ctx);
    case Action::feedback:
        return record_feedback(args, ctx);
    case Action::win_add:
        if (args.text.empty()) {
            usage_error("log win: what went well? e.g. bounceback log win \"Sent three tailored "
                        "applications\"");
        }
        return add_win(args, ctx);
    case Action::win_list:
        return list_wins(args, ctx);
    case Action::win_remove:
        return remove_win(args, ctx);
    }
    return 1;
}

} // namespace bb::cli
