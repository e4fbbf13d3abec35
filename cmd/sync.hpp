#pragma once
// `bounceback sync`: the same records on every machine, through git; and `__merge-driver`, the
// merge git runs for bounceback's data files.

#include "command.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace bb::cli {

/// What `sync` was given.
struct SyncArgs {
    bool init = false;
    std::optional<std::string> remote; ///< with --init
    bool status = false;
    bool json = false;
};

/// What `__merge-driver` was given: git's %O %A %B %P.
struct MergeDriverArgs {
    std::string base;
    std::string ours;
    std::string theirs;
    std::string name;
};

/// `sync` in the command table.
inline constexpr CommandSummary k_sync_command{
    "sync", "Keep the same records on several machines, through a git remote"};

/// `__merge-driver` in the command table: run by git, never typed.
inline constexpr CommandSummary k_merge_driver_command{
    "__merge-driver", "Merge one data file record by record (run by git)", nullptr, true};

/// Adds `sync` to `app`.
CLI::App* add_sync_cli(CLI::App& app, SyncArgs& args);

/// Runs `sync`, `sync --init [REMOTE]` or `sync --status`.
int run_sync(const SyncArgs& args, Context& ctx);

/// Adds `__merge-driver` to `app`.
CLI::App* add_merge_driver_cli(CLI::App& app, MergeDriverArgs& args);

/// Merges one file for git: 0 when merged, 1 when it cannot be (git reports a conflict).
int run_merge_driver(const MergeDriverArgs& args);

} // namespace bb::cli
