#pragma once
// `bounceback init`: a commented starter config.toml.

#include "command.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace bb::cli {

/// What `init` was given.
struct InitArgs {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> signature;
    std::optional<std::string> week_start;
    std::optional<std::string> goal; // on an existing config: sets [me] goal alone
};

/// `init` in the command table.
inline constexpr CommandSummary k_init_command{
    "init", "Create a starter config.toml (never overwrites one)"};

/// Adds `init` to `app`.
CLI::App* add_init_cli(CLI::App& app, InitArgs& args);

/// Writes the starter config, asking for what is missing on a terminal. Never overwrites.
int run_init(const InitArgs& args, Context& ctx);

} // namespace bb::cli
