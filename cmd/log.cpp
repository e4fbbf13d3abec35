#include "log.hpp"

#include "log_actions.hpp"
#include "log_mail.hpp"
#include "options.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <fmt/core.h>

namespace bb::cli {

using util::format_date;

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
