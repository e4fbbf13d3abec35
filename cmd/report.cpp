#include "report.hpp"

#include "options.hpp"
#include "stats.hpp"
#include "ui.hpp"

#include <bounceback/core/error.hpp>
#include <bounceback/core/routine.hpp>
#include <bounceback/report/page.hpp>
#include <bounceback/storage/config_file.hpp>
#include <bounceback/storage/file.hpp>
#include <bounceback/storage/stats_reader.hpp>
#include <bounceback/util/date.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/core.h>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace bb::cli {

namespace {

/// The weeks a report covers at most when no range is given: about half a year, ending with this
/// week.
constexpr int k_default_report_weeks = 26;

/// The default file name: bounceback-report-YYYY-MM-DD.html, dated today.
std::string default_output(Date today) {
    return "bounceback-report-" + util::format_date(today) + ".html";
}

/// True when a graphical session is running, so a browser can be opened.
bool has_display() {
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && *value != '\0') {
            return true;
        }
    }
    return false;
}

/// `path` as a file: URL a browser's address bar takes, bytes outside the unreserved set and '/'
/// percent-encoded (RFC 8089, RFC 3986).
std::string file_url(const std::filesystem::path& path) {
    std::string out = "file://";
    for (unsigned char c : std::filesystem::absolute(path).lexically_normal().string()) {
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' ||
                           c == '/';
        out += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
    }
    return out;
}

/// Runs `xdg-open PATH` and waits for it. Returns "" on success, else what went wrong.
std::string open_with_xdg(const std::filesystem::path& path) {
    std::string program = "xdg-open";
    std::string file = path.string();
    char* argv[] = {program.data(), file.data(), nullptr};
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, argv[0], nullptr, nullptr, argv, environ);
    if (rc != 0) {
        return fmt::format("xdg-open could not be started ({})", std::strerror(rc));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return fmt::format("lost track of xdg-open ({})", std::strerror(errno));
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return WIFEXITED(status) ? fmt::format("xdg-open ended with status {}", WEXITSTATUS(status))
                                 : "xdg-open was stopped";
    }
    return "";
}

/// "46 KB", "1.2 MB".
std::string size_words(std::size_t bytes) {
    if (bytes < 1000 * 1000) {
        return fmt::format("{} KB", (bytes + 999) / 1000);
    }
    return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
}

} // namespace

CLI::App* add_report_cli(CLI::App& app, ReportArgs& args) {
    CLI::App* report = add_command(app, k_report_command);
    report->footer(fmt::format(R"(Examples:
  bounceback report                        # up to {} weeks, to bounceback-report-DATE.html
  bounceback report --all --open           # everything, opened in your browser
  bounceback report --since 2026-09-01 --output autumn.html
  bounceback report --output - | gzip > report.html.gz

The file holds your records' names and notes: it is written for you alone (mode 0600), and
it loads nothing from anywhere when opened: no script, font or image. See
bounceback-report(1).)",
                               k_default_report_weeks));
    report->add_option("--since", args.since, "Start the report on this day")->type_name("DATE");
    report->add_option("--until", args.until, "End the report on this day (default: today)")
        ->type_name("DATE");
    report->add_flag("--all", args.all, "Report on everything logged");
    report
        ->add_option("--output", args.output,
                     "Write to FILE (default: bounceback-report-YYYY-MM-DD.html; - for standard "
                     "output)")
        ->type_name("FILE");
    report->add_flag("--force", args.force, "Replace the file if it exists");
    report->add_flag("--open", args.open, "Open the report in your browser (xdg-open)");
    return report;
}

int run_report(const ReportArgs& args, Context& ctx) {
    if (args.all && (args.since || args.until)) {
        usage_error("--all reports on everything; leave out --since and --until, or use them "
                    "without --all");
    }
    const bool to_stdout = args.output && *args.output == "-";
    if (to_stdout && args.open) {
        usage_error("--open needs a file to open; leave out --output - or --open");
    }
    const Date today = ctx.today();
    const Config config = storage::load_config(ctx.paths());
    StatsPlan plan;
    if (args.since || args.until || args.all) {
        plan = range_plan_for(args.since, args.until, config, ctx);
    } else {
        // The last weeks, from the week of the first record in them: a search that began a
        // month ago is not drawn with months of nothing before it.
        const Date window = util::add_days(week_start_of(today, config.week_start),
                                           -7 * (k_default_report_weeks - 1));
        const auto span = ctx.store().record_span(DateRange{window, today});
        const Date first =
            span ? std::max(window, week_start_of(span->first, config.week_start)) : window;
        plan = range_plan(first, today, config.week_start);
    }
    const std::string page =
        report::render_page(storage::read_report(ctx.store(), plan, config, today),
                            {today, std::string("bounceback ") + BOUNCEBACK_VERSION});
    if (to_stdout) {
        print_exact(page); // HTML for a browser or a file, as it is
        return 0;
    }
    const std::filesystem::path output = args.output ? *args.output : default_output(today);
    storage::write_output_file(output, page, args.force);
    say_err("Wrote your report to {} ({}).\n", output.string(), size_words(page.size()));
    const std::string url = file_url(output);
    if (!args.open) {
        say_err("Open it in any browser: {}\n", url);
        return 0;
    }
    if (!has_display()) {
        say_err("There is no display here to open it on (neither DISPLAY nor WAYLAND_DISPLAY "
                   "is set).\nOpen it in a browser on a machine with a screen: {}\n",
                   url);
        return 0;
    }
    if (const std::string problem = open_with_xdg(output); !problem.empty()) {
        say_err("It could not be opened: {}.\nOpen it in any browser: {}\n", problem,
                   url);
    }
    return 0;
}

} // namespace bb::cli
