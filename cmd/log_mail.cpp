#include "log_mail.hpp"

#include "log_mail_reading.hpp"
#include "options.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/mail/rejection_guess.hpp>
#include <bounceback/storage/file.hpp>
#include <bounceback/storage/config_file.hpp>
#include <bounceback/util/text.hpp>

#include <fmt/core.h>

namespace bb::cli {

using util::format_date;

/// The person's own addresses: `[me] email` in config.toml.
std::vector<std::string> own_addresses(Context& ctx) {
    const Config config = storage::load_config(ctx.paths());
    return config.email ? std::vector<std::string>{*config.email} : std::vector<std::string>{};
}

namespace {

/// The fields set on the command line, with the option that set each, for draft_from_email.
std::vector<std::pair<std::string, std::string>> given_fields(const LogArgs& args) {
    std::vector<std::pair<std::string, std::string>> given = given_options(args.fields);
    if (!args.company.empty()) {
        std::erase_if(given, [](const auto& field) { return field.first == "company"; });
        given.emplace(given.begin(), "company", "COMPANY argument");
    }
    return given;
}

} // namespace

Reading read_message(const mail::InboundMessage& message, const LogArgs& args,
                     const std::vector<std::string>& own, util::Date today) {
    Reading r;
    r.letter = mail::read_letter(message, own);
    r.classification = mail::classify(r.letter);
    r.draft = mail::draft_from_email(mail::guess_rejection(r.letter), today, given_fields(args));
    if (const std::string company = company_argument(args); !company.empty()) {
        r.draft.rejection.company = company;
    }
    apply_fields(r.draft.rejection, args.fields, today);
    return r;
}

namespace {

std::string capitalised(std::string_view text) {
    std::string out(text);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
}

/// What the message reads as, as a sentence for `--dry-run`: "It reads as an interview
/// invitation: 'we would love to invite you'."
std::string reads_as(const mail::Classification& c) {
    switch (c.kind) {
    case mail::MailKind::other:
        return "Nothing in it says no.";
    case mail::MailKind::unsure:
        return "It is possibly a rejection: " + c.why + ".";
    default:
        return fmt::format("It reads as {}: {}.", mail::kind_description(c.kind), c.why);
    }
}

/// The one line said when a message is not logged: "An interview invitation from Acme ('we
/// would love to invite you'): not logged; --force logs it anyway."
std::string not_logged_line(const Reading& r) {
    const std::string& company = r.draft.rejection.company;
    const std::string from = company.empty() ? "" : " from " + company;
    const mail::Classification& c = r.classification;
    std::string what;
    switch (c.kind) {
    case mail::MailKind::other:
        what = "Nothing in this email" + from + " says no";
        break;
    case mail::MailKind::unsure:
        what = "Possibly a rejection" + from + " (" + c.why + ")";
        break;
    default:
        what = capitalised(mail::kind_description(c.kind)) + from + " (" + c.why + ")";
        break;
    }
    return what + ": not logged; --force logs it anyway.";
}

std::string_view forward_name(mail::ForwardStyle style) {
    switch (style) {
    case mail::ForwardStyle::none:
        return "";
    case mail::ForwardStyle::inline_text:
        return "inline";
    case mail::ForwardStyle::apple_mail:
        return "apple_mail";
    case mail::ForwardStyle::attached:
        return "attached";
    }
    return "";
}

} // namespace

toml::array cues_json(const std::vector<mail::Cue>& cues) {
    toml::array out;
    for (const auto& cue : cues) {
        out.push_back(toml::table{{"phrase", cue.phrase},
                                  {"kind", std::string(mail::kind_name(cue.kind))},
                                  {"language", cue.language},
                                  {"decisive", cue.decisive},
                                  {"where", cue.in_subject ? "subject" : "text"}});
    }
    return out;
}

namespace {

/// The kind of a message as JSON: kind, why, the cues that decided, its language, how it was
/// forwarded.
void add_kind_json(toml::table& out, const Reading& r) {
    out.insert_or_assign("kind", std::string(mail::kind_name(r.classification.kind)));
    out.insert_or_assign("why", r.classification.why);
    out.insert_or_assign("decided_by", cues_json(r.classification.decided_by));
    if (!r.classification.language.empty()) {
        out.insert_or_assign("language", r.classification.language);
    }
    if (r.letter.forwarded != mail::ForwardStyle::none) {
        out.insert_or_assign("forwarded", std::string(forward_name(r.letter.forwarded)));
    }
}

// ---- one message ------------------------------------------------------------------------------

/// The entry already logged with `key`, if any (read only: for --dry-run).
std::optional<Rejection> logged_with_key(Context& ctx, const std::optional<std::string>& key) {
    if (!key) {
        return std::nullopt;
    }
    for (auto& r : ctx.store().rejections()) {
        if (r.key == key) {
            return r;
        }
    }
    return std::nullopt;
}

/// The value of field `name` of `entry` (a rejection as TOML) as one line, "-" when absent.
std::string field_text(const toml::table& entry, const std::string& name) {
    const toml::node* node = entry.get(name);
    if (node == nullptr) {
        return "-";
    }
    std::string value;
    if (const auto* list = node->as_array()) {
        std::vector<std::string> items;
        for (const auto& item : *list) {
            items.push_back(item.value_or(std::string()));
        }
        value = util::join(items, ", ");
    } else if (const auto* date = node->as_date()) {
        value = format_date(Date{std::chrono::year{date->get().year},
                                 std::chrono::month{date->get().month},
                                 std::chrono::day{date->get().day}});
    } else if (const auto* number = node->as_integer()) {
        value = std::to_string(number->get());
    } else {
        value = util::one_line(node->value_or(std::string()));
    }
    return value.empty() ? "-" : value;
}

/// Prints what --dry-run found: the kind and why, each field, its value and its source.
void print_dry_run(const LogArgs& args, const Reading& r, bool would_log,
                   const std::optional<Rejection>& existing) {
    const Rejection& draft = r.draft.rejection;
    toml::table entry = to_toml(draft);
    entry.erase("id");
    if (draft.company.empty()) {
        entry.erase("company");
    }
    if (args.json) {
        toml::table from;
        for (const auto& [name, source] : r.draft.sources) {
            from.insert_or_assign(name, source);
        }
        toml::table out;
        add_kind_json(out, r);
        out.insert_or_assign("would_log", would_log && !draft.company.empty());
        out.insert_or_assign("rejection", std::move(entry));
        out.insert_or_assign("sources", std::move(from));
        if (existing) {
            out.insert_or_assign("existing", existing->id);
        }
        print_exact(to_json(out) + "\n");
        return;
    }
    say("Dry run: nothing is written.\n{}\n", reads_as(r.classification));
    if (r.letter.forwarded != mail::ForwardStyle::none) {
        say("It forwards a message ({}): the original's sender, date and text are used.\n",
                   util::truncate_to_width(r.letter.forward_marker, 50));
    }
    if (r.is_rejection()) {
        say("From it bounceback would log:\n");
    } else if (would_log) {
        say("With --force bounceback would log it anyway:\n");
    } else {
        say("It would not be logged; --force logs it anyway, as:\n");
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& [name, source] : r.draft.sources) {
        rows.push_back({name, field_text(entry, name), source});
    }
    for (const auto& line : util::render_table(rows, 100)) {
        say("  {}\n", line);
    }
    if (existing) {
        say("Already logged as rejection {}: logging it again changes nothing.\n",
                   existing->id);
    }
}

int log_one(const LogArgs& args, Context& ctx) {
    const std::string input = args.from_email->empty() ? "-" : *args.from_email;
    const std::string where = input == "-" ? "standard input" : input;
    if (input == "-" && ctx.ui().interactive()) {
        // Waiting for a message to be typed in is never what was meant.
        usage_error("--from-email: standard input is a terminal; name the email file "
                    "(bounceback log --from-email FILE) or pipe the message in");
    }
    refuse_empty_values(args.fields);
    const std::string raw = storage::read_input(input, mail::k_max_inbound_bytes);
    mail::InboundMessage message;
    try {
        message = mail::parse_inbound(raw);
    } catch (const Error& error) {
        throw Error(error.code(), where + ": " + error.what() + "; nothing was logged");
    }
    const Reading r = read_message(message, args, own_addresses(ctx), ctx.today());
    const Rejection& draft = r.draft.rejection;
    const bool would_log = r.is_rejection() || args.force;
    if (auto reason = check_entry_dates(draft, ctx.today()); would_log && !reason.empty()) {
        usage_error(where + ": the " + reason + " (give the right one with --date)");
    }
    const Error no_company(
        ExitCode::data, where + ": found no company in this email (From: " +
                            (r.letter.from_address.empty() ? "-" : r.letter.from_address) +
                            ", Subject: \"" + util::truncate_to_width(r.letter.subject, 60) +
                            "\"); name it with --company NAME, e.g. bounceback log --from-email " +
                            (input == "-" ? "-" : "FILE") + " --company Acme");
    if (args.dry_run) {
        if (auto reason = check_rejection(draft); !reason.empty() && !draft.company.empty()) {
            usage_error(reason);
        }
        print_dry_run(args, r, would_log, logged_with_key(ctx, draft.key));
        if (!would_log) {
            return static_cast<int>(ExitCode::not_a_rejection);
        }
        if (draft.company.empty()) {
            throw no_company;
        }
        return 0;
    }
    if (!would_log) {
        say_err("{}\n", not_logged_line(r));
        if (args.json) {
            toml::table out;
            add_kind_json(out, r);
            out.insert_or_assign("logged", false);
            print_exact(to_json(out) + "\n");
        }
        return static_cast<int>(ExitCode::not_a_rejection);
    }
    if (draft.company.empty()) {
        throw no_company;
    }
    auto [stored, created] = ctx.store().add_rejection(draft);
    return report_added(args, ctx, stored, created);
}

} // namespace

void add_mail_options(CLI::App* log, LogArgs& args) {
    log->add_option("--from-email", args.from_email,
                    "Read the rejection from the email (RFC 5322 message) in FILE; '-' or no "
                    "FILE reads standard input. Only a rejection is logged; anything else "
                    "exits 3")
        ->type_name("FILE")
        ->expected(0, 1);
    log->add_option("--from-mbox", args.from_mbox,
                    "Log every rejection in the mbox FILE ('-': standard input), all or nothing")
        ->type_name("FILE");
    log->add_option("--from-maildir", args.from_maildir,
                    "Log every rejection in the Maildir folder DIR, all or nothing")
        ->type_name("DIR");
    log->add_flag("--dry-run", args.dry_run,
                  "With --from-email/--from-mbox/--from-maildir: show what each message is and "
                  "what would be logged, and why; write nothing");
    log->add_flag("--force", args.force,
                  "With --from-email/--from-mbox/--from-maildir: log messages that are not "
                  "surely rejections too, and entries that were probably logged by hand");
}

bool reads_mail(const LogArgs& args) {
    return args.from_email || args.from_mbox || args.from_maildir;
}

void check_mail_options(const LogArgs& args) {
    const int sources = int(args.from_email.has_value()) + int(args.from_mbox.has_value()) +
                        int(args.from_maildir.has_value());
    if (sources > 1) {
        usage_error("choose one of --from-email, --from-mbox and --from-maildir");
    }
    if ((args.dry_run || args.force) && sources == 0) {
        usage_error(std::string(args.dry_run ? "--dry-run" : "--force") +
                    " goes with --from-email, --from-mbox or --from-maildir: it is about what "
                    "mail would log");
    }
    if (args.dry_run && args.porcelain) {
        usage_error("--dry-run prints a report, not an ID; use --json with it for scripts");
    }
    if (!args.from_mbox && !args.from_maildir) {
        return;
    }
    const std::string option = args.from_mbox ? "--from-mbox" : "--from-maildir";
    if (args.porcelain) {
        usage_error(option + " prints a summary, not one ID; use --json for scripts");
    }
    std::vector<std::string> per_message = per_entry_options_given(args.fields);
    if (!args.company.empty()) {
        per_message.insert(per_message.begin(), "COMPANY");
    }
    if (!per_message.empty()) {
        usage_error(per_message.front() + " is about one entry; with " + option +
                    " each message gives its own. Options for every entry logged: " +
                    shared_options());
    }
}

int log_from_mail(const LogArgs& args, Context& ctx) {
    if (args.from_email) {
        return log_one(args, ctx);
    }
    refuse_empty_values(args.fields);
    return log_mailbox(args, ctx);
}

} // namespace bb::cli
