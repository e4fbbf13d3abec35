// `bounceback log --from-mbox | --from-maildir`: logging the rejections of a whole mailbox.

#include "log_mail_reading.hpp"

#include "options.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/mail/mbox.hpp>
#include <bounceback/storage/file.hpp>
#include <bounceback/storage/import.hpp>
#include <bounceback/storage/mail_files.hpp>
#include <bounceback/util/text.hpp>

#include <fmt/core.h>
#include <map>
#include <unordered_map>

namespace bb::cli {

using util::format_date;

namespace {

/// Mailboxes smaller than these read too fast for a progress bar to be worth drawing.
constexpr std::uintmax_t k_progress_min_bytes = 4u << 20;
constexpr std::size_t k_progress_min_files = 500;

/// At most this many notes ("probably already logged as 12") are listed one by one.
constexpr std::size_t k_listed_notes = 10;

/// One message of a mailbox, as the table shows it.
struct Row {
    std::string where; ///< "line 120" of an mbox, or the Maildir file name
    std::optional<Date> date;
    std::string company;
    std::string role;
    std::string stage;
    std::string kind; ///< a kind_name, or "unreadable"
    std::string why;
    std::vector<mail::Cue> decided_by;
    /// Why a message is not logged: "" (it is), "not_a_rejection", "no_company", "unreadable",
    /// "already_logged" (its Message-ID is), "probably_logged" (by hand, same company, near
    /// date), "repeated" (the same message earlier in the mailbox).
    std::string skipped;
    std::optional<std::int64_t> existing; ///< the entry it matches, for the last three
    std::optional<std::int64_t> id;       ///< the ID it was logged under
    std::string key;
};

std::string where_of(const LogArgs& args, const Row& row) {
    return (args.from_mbox ? *args.from_mbox : *args.from_maildir) + ": " + row.where;
}

/// The rows of the messages a mailbox holds, and the entries to log from them.
struct Mailbox {
    std::vector<Row> rows;
    Dataset incoming;
    std::unordered_map<std::string, std::size_t> row_of_key; ///< first row with each key
};

/// Reads one message of a mailbox into `box`.
void take_message(std::string_view raw, std::string where, bool too_large, const LogArgs& args,
                  const std::vector<std::string>& own, util::Date today, Mailbox& box) {
    Row row;
    row.where = std::move(where);
    if (too_large) {
        row.kind = "unreadable";
        row.why = "larger than " + std::to_string(mail::k_max_inbound_bytes >> 20) + " MiB";
        row.skipped = "unreadable";
        box.rows.push_back(std::move(row));
        return;
    }
    mail::InboundMessage message;
    try {
        message = mail::parse_inbound(raw);
    } catch (const Error& error) {
        row.kind = "unreadable";
        row.why = error.what();
        row.skipped = "unreadable";
        box.rows.push_back(std::move(row));
        return;
    }
    const Reading r = read_message(message, args, own, today);
    const Rejection& draft = r.draft.rejection;
    row.date = draft.date;
    row.company = draft.company;
    row.role = draft.role.value_or("");
    // A stage is what a rejection was logged at; other mail has none to show.
    row.stage = draft.stage && r.is_rejection() ? std::string(stage_name(*draft.stage)) : "";
    row.kind = std::string(mail::kind_name(r.classification.kind));
    row.why = r.classification.why;
    row.decided_by = r.classification.decided_by;
    row.key = draft.key.value_or("");
    if (!r.is_rejection() && !args.force) {
        row.skipped = "not_a_rejection";
    } else if (draft.company.empty()) {
        row.skipped = "no_company";
        row.why = "found no company in it";
    } else if (auto reason = check_rejection(draft); !reason.empty()) {
        row.skipped = "unreadable";
        row.why = reason;
    } else if (auto seen = box.row_of_key.find(row.key); seen != box.row_of_key.end()) {
        row.skipped = "repeated";
        row.why = "the same message as " + box.rows[seen->second].where;
    } else {
        box.row_of_key.emplace(row.key, box.rows.size());
        box.incoming.rejections.push_back(draft);
    }
    box.rows.push_back(std::move(row));
}

/// Reads every message of the mbox or Maildir `args` names.
Mailbox read_mailbox(const LogArgs& args, Context& ctx) {
    const std::vector<std::string> own = own_addresses(ctx);
    const util::Date today = ctx.today();
    Mailbox box;
    if (args.from_mbox) {
        const std::string& path = *args.from_mbox;
        if (path == "-" && ctx.ui().interactive()) {
            usage_error("--from-mbox: standard input is a terminal; name the mbox file");
        }
        std::optional<ProgressBar> shown;
        std::uintmax_t total = 0;
        std::uintmax_t done = 0;
        mail::MboxSplitter splitter(mail::k_max_inbound_bytes);
        const auto emit = [&](const mail::MboxMessage& m) {
            take_message(m.raw, "line " + std::to_string(m.line), m.too_large, args, own, today,
                         box);
        };
        try {
            storage::read_in_pieces(
                path,
                [&](std::uintmax_t size) {
                    total = size;
                    shown.emplace("Reading mail",
                                  ctx.ui().progress_visible() && size >= k_progress_min_bytes);
                },
                [&](std::string_view piece) {
                    splitter.feed(piece, emit);
                    done += piece.size();
                    shown->update(static_cast<std::size_t>(done >> 10),
                                  static_cast<std::size_t>(total >> 10));
                });
            splitter.finish(emit);
        } catch (const Error& error) {
            if (error.code() == ExitCode::data) {
                throw Error(error.code(), (path == "-" ? std::string("standard input") : path) +
                                              ": " + error.what() + "; nothing was logged");
            }
            throw;
        }
        return box;
    }
    const auto files = storage::maildir_files(*args.from_maildir);
    ProgressBar bar("Reading mail",
                    ctx.ui().progress_visible() && files.size() >= k_progress_min_files);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string name =
            files[i].parent_path().filename().string() + "/" + files[i].filename().string();
        std::optional<std::string> content;
        bool too_large = false;
        try {
            content = storage::read_file(files[i], mail::k_max_inbound_bytes);
        } catch (const Error& error) {
            if (error.code() != ExitCode::data) {
                throw;
            }
            too_large = true;
        }
        if (content || too_large) {
            take_message(content ? *content : std::string(), name, too_large, args, own, today,
                         box);
        }
        bar.update(i + 1, files.size());
    }
    return box;
}

/// The summary of the messages passed over, by why, most first: "40 job alerts or newsletters,
/// 3 probably logged by hand already".
std::string passed_over_text(const std::vector<Row>& rows) {
    // Singular and plural of each reason.
    static const std::map<std::string, std::pair<std::string, std::string>> k_kinds = {
        {"acknowledgement", {"acknowledgement", "acknowledgements"}},
        {"interview", {"interview invitation", "interview invitations"}},
        {"assessment", {"assessment", "assessments"}},
        {"offer", {"offer", "offers"}},
        {"update", {"status update", "status updates"}},
        {"newsletter", {"job alert or newsletter", "job alerts or newsletters"}},
        {"other", {"other message", "other messages"}},
        {"unsure",
         {"possible rejection bounceback is not sure of",
          "possible rejections bounceback is not sure of"}},
    };
    static const std::map<std::string, std::pair<std::string, std::string>> k_skips = {
        {"no_company", {"rejection that names no company", "rejections that name no company"}},
        {"unreadable", {"message that could not be read", "messages that could not be read"}},
        {"already_logged", {"logged before", "logged before"}},
        {"probably_logged", {"probably logged by hand already", "probably logged by hand already"}},
        {"repeated", {"repeat in the mailbox", "repeats in the mailbox"}},
    };
    std::map<std::pair<std::string, std::string>, std::size_t> counts;
    for (const auto& row : rows) {
        if (row.skipped.empty()) {
            continue;
        }
        ++counts[row.skipped == "not_a_rejection" ? k_kinds.at(row.kind) : k_skips.at(row.skipped)];
    }
    std::vector<std::pair<std::size_t, std::string>> sorted;
    for (const auto& [label, n] : counts) {
        sorted.emplace_back(n, n == 1 ? label.first : label.second);
    }
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> parts;
    for (const auto& [n, label] : sorted) {
        parts.push_back(fmt::format("{} {}", n, label));
    }
    return util::join(parts, ", ");
}

std::string why_text(const Row& row, bool dry_run) {
    if (row.skipped == "already_logged") {
        return fmt::format("already logged as {}", *row.existing);
    }
    if (row.skipped == "probably_logged") {
        return fmt::format("probably already logged as {}; --force logs it", *row.existing);
    }
    if (row.skipped.empty() && row.id && !dry_run) {
        return fmt::format("logged as {}: {}", *row.id, row.why);
    }
    return row.why;
}

void print_rows_json(const LogArgs& args, const Mailbox& box, std::size_t logged) {
    toml::array rows;
    for (const auto& row : box.rows) {
        toml::table out{{"where", row.where}, {"kind", row.kind}, {"why", row.why}};
        if (row.date) {
            out.insert_or_assign("date", format_date(*row.date));
        }
        for (const auto& [name, value] :
             {std::pair{"company", row.company}, {"role", row.role}, {"stage", row.stage}}) {
            if (!value.empty()) {
                out.insert_or_assign(name, value);
            }
        }
        out.insert_or_assign("decided_by", cues_json(row.decided_by));
        out.insert_or_assign("logged", row.skipped.empty());
        if (!row.skipped.empty()) {
            out.insert_or_assign("skipped", row.skipped);
        }
        if (row.existing) {
            out.insert_or_assign("existing", *row.existing);
        }
        if (row.id) {
            out.insert_or_assign("id", *row.id);
        }
        if (!row.key.empty()) {
            out.insert_or_assign("key", row.key);
        }
        rows.push_back(std::move(out));
    }
    toml::table out{
        {"dry_run", args.dry_run},
        {"messages", static_cast<std::int64_t>(box.rows.size())},
        {"logged", static_cast<std::int64_t>(logged)},
        {"passed_over", static_cast<std::int64_t>(box.rows.size() - logged)},
        {"rows", std::move(rows)},
    };
    print_exact(to_json(out) + "\n");
}

void print_table(const LogArgs& args, Context& ctx, const Mailbox& box) {
    const std::vector<std::string> header = {"DATE", "COMPANY", "ROLE", "STAGE", "KIND", "WHY"};
    std::vector<std::vector<std::string>> logged = {header};
    std::vector<std::vector<std::string>> passed = {header};
    for (const auto& row : box.rows) {
        std::vector<std::string> cells = {row.date ? format_date(*row.date) : "-",
                                          row.company.empty() ? "-" : row.company,
                                          row.role.empty() ? "-" : row.role,
                                          row.stage.empty() ? "-" : row.stage,
                                          row.kind,
                                          why_text(row, args.dry_run)};
        (row.skipped.empty() ? logged : passed).push_back(std::move(cells));
    }
    const char* verb = args.dry_run ? "Would log" : "Logged";
    if (logged.size() > 1) {
        say("{} ({}):\n", verb, logged.size() - 1);
        ctx.ui().print_table(logged, 40);
    }
    if (passed.size() > 1) {
        say("{}Passed over ({}):\n", logged.size() > 1 ? "\n" : "", passed.size() - 1);
        ctx.ui().print_table(passed, 40);
    }
}

} // namespace

int log_mailbox(const LogArgs& args, Context& ctx) {
    Mailbox box = read_mailbox(args, ctx);
    // Under the import's lock: entries already logged from the same message, or probably
    // logged by hand, are not logged again.
    const auto review = [&](const Dataset& stored, Dataset& incoming) {
        std::unordered_map<std::string, std::int64_t> stored_keys;
        for (const auto& r : stored.rejections) {
            if (r.key) {
                stored_keys.emplace(*r.key, r.id);
            }
        }
        std::vector<Rejection> kept;
        for (auto& r : incoming.rejections) {
            Row& row = box.rows[box.row_of_key.at(*r.key)];
            if (auto found = stored_keys.find(*r.key); found != stored_keys.end()) {
                row.skipped = "already_logged";
                row.existing = found->second;
                continue;
            }
            if (!args.force) {
                if (auto id = mail::probably_logged_as(stored.rejections, r)) {
                    row.skipped = "probably_logged";
                    row.existing = *id;
                    continue;
                }
            }
            kept.push_back(std::move(r));
        }
        incoming.rejections = std::move(kept);
    };
    ProgressBar bar("Saving", ctx.ui().progress_visible() &&
                                  box.incoming.rejections.size() >= k_progress_min_files);
    const ImportPlan plan = storage::import_dataset(
        ctx.store(), box.incoming, args.dry_run,
        [&](std::size_t done, std::size_t total) { bar.update(done, total); }, nullptr, review);
    bar.finish();
    for (const auto& r : plan.added.rejections) {
        box.rows[box.row_of_key.at(*r.key)].id = r.id;
    }
    const std::size_t logged = plan.added.rejections.size();

    if (args.json) {
        print_rows_json(args, box, logged);
        return 0;
    }
    std::vector<std::string> notes;
    for (const auto& row : box.rows) {
        if (row.skipped == "probably_logged") {
            notes.push_back(fmt::format("{} ({}, {}): probably already logged as {}; --force "
                                        "logs it anyway",
                                        where_of(args, row), row.company, format_date(*row.date),
                                        *row.existing));
        }
    }
    if (args.dry_run) {
        print_table(args, ctx, box);
        say("\n");
    }
    const std::size_t messages = box.rows.size();
    const std::string of = fmt::format("{} message{}", messages, messages == 1 ? "" : "s");
    if (logged == 0) {
        say("No rejection to log in {}; nothing {}.\n", of,
                   args.dry_run ? "would be written" : "was written");
    } else if (args.dry_run) {
        say("Would log {} rejection{} from {}. Nothing was written (--dry-run).\n", logged,
                   logged == 1 ? "" : "s", of);
    } else {
        say("{} {} rejection{} from {} (IDs {} to {}).\n", ctx.ui().good("Logged"), logged,
                   logged == 1 ? "" : "s", of, plan.added.rejections.front().id,
                   plan.added.rejections.back().id);
    }
    if (const std::string passed = passed_over_text(box.rows); !passed.empty()) {
        say("Passed over: {}.\n", passed);
    }
    if (!args.dry_run && logged > 0) {
        say("{}\n", ctx.ui().dim("See them with: bounceback log list"));
    }
    for (std::size_t i = 0; i < notes.size() && i < k_listed_notes; ++i) {
        say_err("bounceback: note: {}\n", notes[i]);
    }
    if (notes.size() > k_listed_notes) {
        say_err("bounceback: note: … and {} more like these\n",
                   notes.size() - k_listed_notes);
    }
    return 0;
}

} // namespace bb::cli
