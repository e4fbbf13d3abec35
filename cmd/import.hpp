#pragma once
// `bounceback import`: records from an export (JSON or CSV) or a spreadsheet or tracker export
// (CSV, TSV), all or nothing, skipping what is already there and updating rows imported before.

#include "command.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace bb::cli {

/// What `import` was given.
struct ImportArgs {
    std::string file;
    std::optional<std::string> format;
    std::optional<std::string> kind;
    std::optional<std::string> date_order;
    std::string ghosted = "import";
    bool dry_run = false;
    bool json = false;
};

/// `import` in the command table.
inline constexpr CommandSummary k_import_command{
    "import", "Add records from an export or a spreadsheet (CSV); all or nothing"};

/// Adds `import` to `app`.
CLI::App* add_import_cli(CLI::App& app, ImportArgs& args);

/// Reads, checks and imports the file; prints a summary on stderr (and JSON with --json).
int run_import(const ImportArgs& args, Context& ctx);

} // namespace bb::cli
