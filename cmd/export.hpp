#pragma once
// `bounceback export`: every record, as JSON (all kinds) or CSV (one kind), for backups,
// spreadsheets and moving to another home; `bounceback import` reads it back.

#include "command.hpp"
#include "context.hpp"

#include <bounceback/core/interchange.hpp>

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace bb::cli {

/// What `export` was given.
struct ExportArgs {
    bool json = false;
    bool csv = false;
    std::string kind = "all";
    std::optional<std::string> output;
    bool force = false;
};

/// `export` in the command table.
inline constexpr CommandSummary k_export_command{
    "export", "Print every record as JSON (or one kind as CSV), for backups and spreadsheets"};

/// Adds `export` to `app`.
CLI::App* add_export_cli(CLI::App& app, ExportArgs& args);

/// Prints (or writes to --output) the export.
int run_export(const ExportArgs& args, Context& ctx);

/// The kinds `value` names: one kind, or every kind for "all" (the --kind of export and import).
std::vector<RecordKind> kinds_named(const std::string& value);

/// The choices of --kind, for its check and help.
std::vector<std::string> kind_choices();

/// "3 rejections", "1 check-in": `n` records of `kind`, for messages.
std::string count_of(std::size_t n, RecordKind kind);

} // namespace bb::cli
