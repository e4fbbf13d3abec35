#pragma once
// `bounceback log`: record rejections, feedback and small wins; list, show, edit, remove them.

#include "command.hpp"
#include "context.hpp"
#include "record_fields.hpp"

#include <bounceback/core/records.hpp>

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace bb::cli {

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

// ---- shared with log_mail.cpp (logging from email) and log_entries.cpp ----------------------

/// The company named on the command line (COMPANY or --company), or "".
std::string company_argument(const LogArgs& args);

/// "Acme, Senior Engineer, onsite": the short description used in messages.
std::string describe(const Rejection& r);

/// Prints the outcome of adding `r` (`created` false: its key was already logged) as `args`
/// asks (a sentence, --json or --porcelain); returns the exit status.
int report_added(const LogArgs& args, Context& ctx, const Rejection& r, bool created);

} // namespace bb::cli
