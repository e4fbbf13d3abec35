#pragma once
// `bounceback log --from-email | --from-mbox | --from-maildir`: logging rejections from mail.
// What a message is and says is decided in lib/mail (classify, letter, rejection_guess,
// email_draft); this file reads the options, the files (through storage) and prints.

#include "log.hpp"

#include <CLI/CLI.hpp>

namespace bb::cli {

/// Adds --from-email, --from-mbox, --from-maildir, --dry-run and --force to `log`.
void add_mail_options(CLI::App* log, LogArgs& args);

/// Refuses (exit 64) mail options given without mail, or that do not go together.
void check_mail_options(const LogArgs& args);

/// True when `args` asks to log from mail.
bool reads_mail(const LogArgs& args);

/// Logs the rejections in the mail `args` names. Returns 0, or 3 (ExitCode::not_a_rejection)
/// when the one message of --from-email is not surely a rejection and nothing was logged.
/// Throws bb::Error.
int log_from_mail(const LogArgs& args, Context& ctx);

} // namespace bb::cli
