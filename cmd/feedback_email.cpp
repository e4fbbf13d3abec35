#include "feedback_email.hpp"

#include "editor.hpp"
#include "json_list.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/mail/feedback.hpp>
#include <bounceback/mail/message.hpp>
#include <bounceback/storage/file.hpp>
#include <bounceback/storage/config_file.hpp>
#include <bounceback/storage/templates.hpp>
#include <bounceback/util/text.hpp>

#include <ctime>
#include <fmt/core.h>

namespace bb::cli {

namespace {

/// The template called `name`: the person's own file overrides the built-in one.
mail::TemplateSource find_template(const storage::Paths& paths, const std::string& name) {
    if (auto user = storage::read_user_template(paths, name)) {
        return mail::TemplateSource{user->name, user->path.string(), user->text};
    }
    if (const auto* builtin = mail::find_builtin_template(name)) {
        return *builtin;
    }
    std::vector<std::string> names;
    for (const auto& t : mail::builtin_templates()) {
        names.push_back(t.name);
    }
    for (const auto& t : storage::list_user_templates(paths)) {
        names.push_back(t.name);
    }
    const std::string near = util::closest_match(name, names);
    throw Error(ExitCode::no_input, "no template called '" + name + "'" +
                                        (near.empty() ? "" : "; did you mean '" + near + "'?") +
                                        " (bounceback feedback-email --list-templates)");
}

/// The first line of a template, usually its Subject.
std::string first_line(const std::string& text) {
    const auto lines = util::split_lines(text);
    return lines.empty() ? "" : lines.front();
}

int list_templates(const FeedbackEmailArgs& args, Context& ctx) {
    struct Row {
        std::string name, origin, first;
    };
    std::vector<Row> rows;
    const auto user = storage::list_user_templates(ctx.paths());
    auto user_template = [&](const std::string& name) -> const storage::UserTemplate* {
        for (const auto& t : user) {
            if (t.name == name) {
                return &t;
            }
        }
        return nullptr;
    };
    for (const auto& t : mail::builtin_templates()) {
        if (const auto* mine = user_template(t.name)) {
            rows.push_back({t.name, "user (overrides built-in): " + mine->path.string(),
                            first_line(mine->text)});
        } else {
            rows.push_back({t.name, "built-in", first_line(t.text)});
        }
    }
    for (const auto& t : user) {
        if (mail::find_builtin_template(t.name) == nullptr) {
            rows.push_back({t.name, "user: " + t.path.string(), first_line(t.text)});
        }
    }
    if (args.json) {
        print_json_list(rows, [](const Row& r) {
            return toml::table{{"name", r.name}, {"origin", r.origin}, {"first_line", r.first}};
        });
        return 0;
    }
    std::vector<std::vector<std::string>> table = {{"NAME", "ORIGIN", "FIRST LINE"}};
    for (const auto& r : rows) {
        table.push_back({r.name, r.origin, r.first});
    }
    ctx.ui().print_table(table, 64);
    say("{}\n",
               ctx.ui().dim("Your own templates go in " + ctx.paths().templates_dir.string() +
                            "/NAME.mustache; see bounceback-feedback-email(1)."));
    return 0;
}

int list_due(const FeedbackEmailArgs& args, Context& ctx) {
    const Config config = storage::load_config(ctx.paths());
    std::vector<Rejection> due;
    for (auto& r : ctx.store().rejections()) {
        if (follow_up_due(r, ctx.today(), config.follow_up_days)) {
            due.push_back(std::move(r));
        }
    }
    if (args.json) {
        print_json_list(due);
        return 0;
    }
    if (due.empty()) {
        say("No feedback request has waited {} days or more. Nothing to chase.\n",
                   config.follow_up_days);
        return 0;
    }
    std::vector<std::vector<std::string>> table = {{"ID", "COMPANY", "REQUESTED", "WAITING"}};
    for (const auto& r : due) {
        // Waiting since the latest ask: the request, or the follow-up after it.
        const util::Date asked = r.feedback.followed_up.value_or(*r.feedback.requested);
        table.push_back({std::to_string(r.id), r.company,
                         util::format_date(*r.feedback.requested) +
                             (r.feedback.followed_up ? ", followed up " + util::format_date(asked)
                                                     : ""),
                         fmt::format("{} days", util::days_between(asked, ctx.today()))});
    }
    ctx.ui().print_table(table);
    say("A gentle nudge is fine: bounceback feedback-email {} --template follow-up\n",
               due.front().id);
    return 0;
}

/// A follow-up chases a request still waiting: refuses one for a rejection whose feedback was
/// never asked for, or already came (--force drafts it anyway).
void refuse_needless_follow_up(const Rejection& r) {
    const std::string id = std::to_string(r.id);
    if (r.feedback.received) {
        throw Error(ExitCode::usage,
                    "rejection " + id + ": feedback already came on " +
                        util::format_date(*r.feedback.received) +
                        ", so there is nothing to follow up (bounceback log show " + id +
                        "); pass --force to draft the follow-up anyway");
    }
    if (!r.feedback.requested) {
        throw Error(ExitCode::usage,
                    "rejection " + id +
                        ": feedback was never asked for, so there is nothing to follow up yet; "
                        "ask first with: bounceback feedback-email " + id +
                        " (or pass --force to draft the follow-up anyway)");
    }
}

/// Lets the person edit `draft` in their editor; returns what they saved.
mail::Draft edit_draft(const mail::Draft& draft, Context& ctx, std::int64_t id) {
    EditSession session(ctx.paths().data_dir, {storage::email_edit(id), "Nothing was written."},
                        mail::draft_text(draft), ctx.ui());
    std::optional<mail::Draft> edited;
    if (!edit_until_used(session, ctx.ui(), [&](const std::string& text) {
            edited = mail::parse_draft(text, session.file());
        })) {
        throw Error(ExitCode::data, "the draft was not valid; nothing was written");
    }
    return std::move(*edited);
}

/// Records a request sent today: the first one as feedback.requested, a later one as a follow-up
/// (feedback.followed_up), keeping the day of the first request.
void mark_sent(std::int64_t id, Context& ctx, int follow_up_days) {
    const util::Date today = ctx.today();
    enum class Marked { request, follow_up, already };
    Marked marked = Marked::request;
    ctx.store().update_rejection(id, [&](Rejection& entry) {
        Feedback& f = entry.feedback;
        if (!f.requested) {
            f.requested = today;
        } else if (*f.requested == today || f.followed_up == today) {
            marked = Marked::already; // the same request, marked twice
        } else {
            f.followed_up = today;
            marked = Marked::follow_up;
        }
    });
    if (marked == Marked::already) {
        say_err("Feedback was already marked as requested on {}; nothing changed.\n",
                   util::format_date(today));
        return;
    }
    if (marked == Marked::follow_up) {
        say_err(
                   "Marked a follow-up sent on {}; the first request stays as it was. If no "
                   "answer comes in {} days, `bounceback feedback-email --due` will remind you.\n",
                   util::format_date(today), follow_up_days);
        return;
    }
    say_err(
               "Marked feedback as requested on {}. If no answer comes in {} days, "
               "`bounceback feedback-email --due` will remind you.\n",
               util::format_date(today), follow_up_days);
}

int draft_email(const FeedbackEmailArgs& args, Context& ctx) {
    if (args.format != "text" && args.format != "eml" && args.format != "mailto") {
        throw Error(ExitCode::usage, "--format: '" + args.format + "' must be text, eml or mailto");
    }
    const Rejection r = ctx.store().rejection(*args.id);
    const Config config = storage::load_config(ctx.paths());
    const std::string name = args.template_name.value_or(mail::default_template_for(r.stage));
    if (name == "follow-up" && !args.force) {
        refuse_needless_follow_up(r);
    }
    const mail::TemplateSource source = find_template(ctx.paths(), name);
    mail::Draft draft = mail::render_template(source, mail::feedback_values(r, config));
    if (args.edit) {
        draft = edit_draft(draft, ctx, r.id);
    }

    mail::Message message;
    message.subject = draft.header("Subject");
    message.body = draft.body;
    if (args.to) {
        message.to = mail::parse_mailboxes(*args.to, "--to");
        if (message.to.empty()) {
            throw Error(ExitCode::usage, "--to: no address given (leave --to out to use the "
                                         "entry's email)");
        }
    } else if (auto to = draft.header("To"); !to.empty()) {
        message.to = mail::parse_mailboxes(to, source.origin + ": To");
    } else if (r.email) {
        message.to = mail::parse_mailboxes(*r.email, "the entry's email");
        message.to.front().name = r.contact.value_or("");
    }
    if (auto cc = draft.header("Cc"); !cc.empty()) {
        message.cc = mail::parse_mailboxes(cc, source.origin + ": Cc");
    }
    if (config.email) {
        message.from = mail::Mailbox{config.name.value_or(""), *config.email};
    }

    std::string output;
    const std::time_t now = std::time(nullptr);
    if (args.format == "eml") {
        if (!message.from) {
            throw Error(ExitCode::config,
                        "--format eml needs your address for From: set [me] email in " +
                            ctx.paths().config_file.string() +
                            " (bounceback init --email you@example.com)");
        }
        if (message.to.empty()) {
            throw Error(ExitCode::usage, "no recipient: pass --to ADDR, or add one to the entry "
                                         "(bounceback log edit " +
                                             std::to_string(r.id) + " --email ADDR)");
        }
        output = mail::format_eml(message, now, mail::make_message_id(now, message.from->address));
    } else if (args.format == "mailto") {
        output = mail::format_mailto(message) + "\n";
    } else {
        output = mail::format_text(message);
    }

    if (args.output) {
        storage::write_output_file(*args.output, output, args.force);
        say_err("Wrote the draft to {}.\n", *args.output);
    } else {
        if (args.format == "text") {
            say("{}", output); // a draft for a person to read
        } else {
            print_exact(output); // a message or a URI for a program
        }
        std::fflush(stdout);
    }
    if (!config.signature && !config.name) {
        // Never an unsigned email without a word: the closing line has nothing under it.
        say_err(
                   "Note: the draft has no name under its closing line. Add yours before you "
                   "send it, or set it once as name (or signature) under [me] in {}.\n",
                   ctx.paths().config_file.string());
    }
    if (args.mark_sent) {
        mark_sent(r.id, ctx, config.follow_up_days);
    }
    return 0;
}

} // namespace

CLI::App* add_feedback_email_cli(CLI::App& app, FeedbackEmailArgs& args) {
    CLI::App* cmd = add_command(app, k_feedback_email_command);
    cmd->add_option("ID", args.id, "Rejection ID")->type_name("");
    cmd->add_option("--template", args.template_name,
                    "Template to use (default: after-application, or after-interview once you "
                    "had an interview)")
        ->type_name("TEMPLATE");
    cmd->add_option("--format", args.format,
                    "text (default), eml (RFC 5322, for msmtp -t) or mailto")
        ->type_name("FORMAT");
    cmd->add_option("--to", args.to,
                    "Recipient (default: the template's To, else the entry's email)")
        ->type_name("ADDR");
    cmd->add_option("--output", args.output,
                    "Write the draft to FILE (0600) instead of printing it")
        ->type_name("FILE");
    cmd->add_flag("--force", args.force,
                  "With --output: replace an existing file; with --template follow-up: draft "
                  "it for a request never made or already answered");
    cmd->add_flag("--edit", args.edit, "Open the draft in $VISUAL/$EDITOR first");
    cmd->add_flag("--mark-sent", args.mark_sent,
                  "Record today as the day feedback was requested (again: as a follow-up)");
    cmd->add_flag("--list-templates", args.list_templates,
                  "List the templates and where they come from");
    cmd->add_flag("--due", args.due, "List requests that have waited long enough for a follow-up");
    cmd->add_flag("--json", args.json, "With --list-templates or --due: print JSON");
    cmd->footer(R"(Examples:
  bounceback feedback-email 3
  bounceback feedback-email 3 --format eml | msmtp -t && bounceback feedback-email 3 --mark-sent >/dev/null
  bounceback feedback-email 3 --format eml --output draft.eml --mark-sent
  bounceback feedback-email 3 --template follow-up --format mailto
  bounceback feedback-email --due
  bounceback feedback-email --list-templates)");
    return cmd;
}

int run_feedback_email(const FeedbackEmailArgs& args, Context& ctx) {
    const int modes = int(args.list_templates) + int(args.due) + int(args.id.has_value());
    if (modes != 1) {
        throw Error(ExitCode::usage,
                    modes == 0
                        ? "feedback-email: which rejection? e.g. bounceback feedback-email 3 "
                          "(bounceback log list shows the IDs)"
                        : "feedback-email: give an ID, --list-templates or --due, one at a time");
    }
    if (args.json && args.id) {
        throw Error(ExitCode::usage,
                    "--json goes with --list-templates or --due; drafts use --format");
    }
    if (args.list_templates) {
        return list_templates(args, ctx);
    }
    if (args.due) {
        return list_due(args, ctx);
    }
    return draft_email(args, ctx);
}

} // namespace bb::cli
