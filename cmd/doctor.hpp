#pragma once
// `bounceback doctor` (alias `check`): validate every file and say what to fix.

#include "context.hpp"

#include <CLI/CLI.hpp>

namespace bb::cli {

/// What `doctor` was given.
struct DoctorArgs {
    bool json = false;
};

/// Adds `doctor` (and its alias `check`) to `app`.
CLI::App* add_doctor_cli(CLI::App& app, DoctorArgs& args);

/// Checks everything; exit 65 when a problem was found.
int run_doctor(const DoctorArgs& args, Context& ctx);

} // namespace bb::cli
