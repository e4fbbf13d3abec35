#pragma once
// `bounceback log`: record rejections, feedback and small wins; list, show, edit, remove them.

#include "command.hpp"
#include "context.hpp"

#include <bounceback/core/records.hpp>

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace bb::cli {

/// Options that set a rejection's fields, shared by `log` and `log edit`. In `edit`, an empty
/// value removes an optional field and `--tag` replaces the tag list (`--tag ''` clears it).
struct FieldOptions {
    std::optional<std::string> company; // in `log`, the same as the COMPANY positional
    std::optional<std::string> role;
    std::optional<std::string> stage;
    std::optional<std::string> date;
    std::optional<std::string> applied;
    std::optional<std::string> source;
    std::optional<std::string> contact;
    std::optional<std::string> email;
    std::optional<std::string> reason;
    std::optional<std::string> note;
    std::optional<std::string> key;
    std::optional<std::string> feeling; // text, so that '' can clear it in edit
    std::vector<std::string> tags;

    bool any() const;
};

/// Everything `log` and its subcommands were given.
struct LogArgs {
    enum class Action { add, list, show, edit, remove, feedback, win_add, win_list, win_remove };
    Action action = Action::add;

    std::string company;
    bool company_after_separator = false; // `log -- list`: the name is meant, do not question it
    FieldOptions fields;
    std::int64_t id = 0;
    std::string text;
    std::vector<std::string> areas;
    std::optional<std::string> date; // feedback received, win date
    std::optional<std::string> since;
    std::optional<std::string> until;
    std::optional<std::string> stage_filter;
    std::optional<std::string> company_filter;
    std::optional<std::string> tag_filter;
    std::optional<std::string> source_filter; // a channel, grouped as stats groups sources
    std::optional<std::string> from_email; // FILE, or "" / "-" for standard input
    std::optional<std::string> from_mbox;  // FILE, or "-" for standard input
    std::optional<std::string> from_maildir;
    bool dry_run = false;
    bool force = false; // log mail that is not (surely) a rejection too
    bool json = false;
    bool csv = false;
    bool porcelain = false;
    bool yes = false;
};

/// `log` in the command table.
inline constexpr CommandSummary k_log_command{"log", "Log a rejection, feedback or a small win"};

/// Adds `log` and its subcommands to `app`, recording into `args`. `words` are the command
/// line's words: a `--` among them makes COMPANY a name even where it looks like a subcommand
/// (CLI11 does not say whether a positional came after `--`).
CLI::App* add_log_cli(CLI::App& app, LogArgs& args, const std::vector<std::string>& words);

/// Runs the chosen `log` action. Returns the exit status; throws bb::Error.
int run_log(const LogArgs& args, Context& ctx);

// ---- shared with log_mail.cpp (logging from email) ------------------------------------------

/// Refuses (exit 64) an empty value for any option of `f`: in `log` it is a mistake.
void refuse_empty_values(const FieldOptions& f);

/// Applies the options given in `f` to `r`, checking each value (exit 64 names the option). In
/// `log` every option is new; in `log edit` an empty value removes an optional field.
void apply_fields(Rejection& r, const FieldOptions& f, util::Date today);

/// The company named on the command line (COMPANY or --company), or "".
std::string company_argument(const LogArgs& args);

/// "Acme, Senior Engineer, onsite": the short description used in messages.
std::string describe(const Rejection& r);

/// Prints the outcome of adding `r` (`created` false: its key was already logged) as `args`
/// asks (a sentence, --json or --porcelain); returns the exit status.
int report_added(const LogArgs& args, Context& ctx, const Rejection& r, bool created);

} // namespace bb::cli
