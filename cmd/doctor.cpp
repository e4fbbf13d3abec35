#include "doctor.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/storage/doctor.hpp>

#include <fmt/core.h>

namespace bb::cli {

CLI::App* add_doctor_cli(CLI::App& app, DoctorArgs& args) {
    CLI::App* doctor = add_command(app, k_doctor_command);
    doctor->add_flag("--fix", args.fix,
                     "Repair what can be repaired safely, printing each change: an ID held "
                     "twice, leftover temp files, files readable by others, an unfinished move");
    doctor->add_flag("--json", args.json, "Print the findings as JSON");
    doctor->footer("Without --fix nothing is changed. Exit status 65 when a problem is left.\n"
                   "Examples:\n  bounceback doctor\n  bounceback doctor --fix");
    return doctor;
}

int run_doctor(const DoctorArgs& args, Context& ctx) {
    using Severity = storage::Finding::Severity;
    const storage::CheckReport report =
        storage::check_home(ctx.paths(), storage::CheckOptions{ctx.today(), args.fix});
    const int status = report.has_problems() ? static_cast<int>(ExitCode::data) : 0;
    auto severity_name = [](Severity s) {
        return s == Severity::problem ? "problem" : s == Severity::fixed ? "fixed" : "note";
    };
    if (args.json) {
        toml::array findings;
        for (const auto& f : report.findings) {
            findings.push_back(
                toml::table{{"severity", severity_name(f.severity)}, {"message", f.message}});
        }
        toml::table out{{"files", static_cast<std::int64_t>(report.files_checked)},
                        {"records", static_cast<std::int64_t>(report.records_checked)},
                        {"ok", !report.has_problems()},
                        {"findings", std::move(findings)}};
        print_exact(to_json(out) + "\n");
        return status;
    }
    Ui& ui = ctx.ui();
    for (const auto& f : report.findings) {
        const std::string label = f.severity == Severity::problem ? ui.warm("problem:")
                                  : f.severity == Severity::fixed ? ui.good("fixed:")
                                                                  : ui.dim("note:");
        say("{} {}\n", label, f.message);
    }
    std::size_t problems = 0;
    for (const auto& f : report.findings) {
        problems += f.severity == Severity::problem ? 1 : 0;
    }
    say("Checked {} file{} and {} record{}: {}.\n", report.files_checked,
               report.files_checked == 1 ? "" : "s", report.records_checked,
               report.records_checked == 1 ? "" : "s",
               problems == 0
                   ? ui.good("all good")
                   : fmt::format("{} problem{} to fix", problems, problems == 1 ? "" : "s"));
    return status;
}

} // namespace bb::cli
