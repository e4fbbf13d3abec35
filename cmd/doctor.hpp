#pragma once
// `bounceback doctor` (alias `check`): validate every file and say what to fix.

#include "command.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace bb::cli {

/// What `doctor` was given.
struct DoctorArgs {
    bool fix = false;
    bool json = false;
};

/// `doctor` in the command table.
inline constexpr CommandSummary k_doctor_command{
    "doctor", "Check every data file and the config, and say what to fix", "check"};

/// Adds `doctor` (and its alias `check`) to `app`.
CLI::App* add_doctor_cli(CLI::App& app, DoctorArgs& args);

/// Checks everything; exit 65 when a problem was found.
int run_doctor(const DoctorArgs& args, Context& ctx);

} // namespace bb::cli
