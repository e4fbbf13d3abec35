// bounceback: parse the command line, run one command, map errors to exit codes.

#include "command.hpp"
#include "completion.hpp"
#include "context.hpp"
#include "doctor.hpp"
#include "export.hpp"
#include "feedback_email.hpp"
#include "import.hpp"
#include "init.hpp"
#include "log.hpp"
#include "record_ids.hpp"
#include "reflect.hpp"
#include "report.hpp"
#include "routine.hpp"
#include "stats.hpp"
#include "sync.hpp"

#include <bounceback/core/error.hpp>
#include <bounceback/util/text.hpp>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fmt/core.h>
#include <functional>
#include <iostream>
#include <system_error>

namespace {

using namespace bb;
using namespace bb::cli;

/// Every command's parsed arguments.
struct Args {
    GlobalOptions global;
    LogArgs log;
    InitArgs init;
    DoctorArgs doctor;
    FeedbackEmailArgs feedback_email;
    ReflectArgs reflect;
    RoutineArgs routine;
    StatsArgs stats;
    ReportArgs report;
    ExportArgs export_;
    ImportArgs import_;
    CompletionArgs completion;
    SyncArgs sync;
    MergeDriverArgs merge_driver;
};

/// One row of the command table: the subcommand, how to add it with its options, how to run it.
struct Command {
    const CommandSummary* summary;
    std::function<CLI::App*()> add_cli;
    std::function<int(Context&)> run;
    CLI::App* app = nullptr;
};

/// Whether `words` name the subcommand `summary` describes.
bool names(const std::vector<std::string>& words, const CommandSummary& summary) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& word) {
        return word == summary.name || (summary.alias != nullptr && word == summary.alias);
    });
}

/// --home and --color are accepted before or after any subcommand. They are added to the
/// subcommands that `words` name (only those can be parsed or asked for --help), or to all of
/// them when `everywhere` (completion scripts describe the whole tree): adding them to every
/// one of some forty subcommands was a fifth of the start-up time.
void add_global_options(CLI::App* app, GlobalOptions& global, const std::vector<std::string>& words,
                        bool everywhere) {
    app->add_option("--home", global.home,
                    "Keep data and config in DIR (beats BOUNCEBACK_HOME and XDG folders)")
        ->type_name("DIR")
        ->group("Global options");
    app->add_option("--color", global.color, "Colour output: auto, always or never")
        ->type_name("WHEN")
        ->check(one_of({"auto", "always", "never"}))
        ->group("Global options");
    for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) {
        if (everywhere || std::find(words.begin(), words.end(), sub->get_name()) != words.end()) {
            add_global_options(sub, global, words, everywhere);
        }
    }
}

/// The deepest subcommand that was given on the command line.
const CLI::App* deepest_parsed(const CLI::App& app) {
    for (const CLI::App* sub : app.get_subcommands()) {
        return deepest_parsed(*sub);
    }
    return &app;
}

/// A message for a parse error, with a suggestion for a mistyped subcommand or option.
/// CLI11's "Could not convert: ID = abc", in the reader's words.
std::string explain_conversion(const std::string& what) {
    constexpr std::string_view prefix = "Could not convert: ";
    const std::size_t equals = what.find(" = ");
    if (!what.starts_with(prefix) || equals == std::string::npos) {
        return what;
    }
    const std::string name = what.substr(prefix.size(), equals - prefix.size());
    const std::string value = what.substr(equals + 3);
    if (name == "ID") {
        return "'" + value + "' is not an ID; IDs are the numbers `bounceback log list` shows";
    }
    return name + ": '" + value + "' is not a number";
}

std::string explain(const CLI::ParseError& error, const CLI::App& root,
                    const std::vector<std::string>& words) {
    const CLI::App* where = deepest_parsed(root);
    if (dynamic_cast<const CLI::ExtrasError*>(&error) == nullptr) {
        // "ID is required" says more as "log show: ID is required".
        std::string path;
        for (const CLI::App* app = where; app != nullptr && app != &root; app = app->get_parent()) {
            path = app->get_name() + (path.empty() ? "" : " " + path);
        }
        std::string what = error.what();
        if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr &&
            what.find(" required ") != std::string::npos) {
            // CLI11's "--since: 1 required DATE missing", as bounceback says it.
            const std::string option = what.substr(0, what.find(':'));
            what = option + ": needs a value";
            if (const CLI::Option* found = where->get_option_no_throw(option);
                found != nullptr && !found->get_type_name().empty()) {
                what += " (" + option + " " + found->get_type_name() + ")";
            }
        }
        if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
            what = explain_conversion(what);
        }
        return path.empty() ? what : path + ": " + what;
    }
    std::vector<std::string> extras = root.remaining(true);
    // An unknown option explains the rest (its value shows up as an extra too); but at the top
    // level a word that is no command comes first: `bounceback sync --init` names "sync".
    if (where != &root || extras.empty() || extras.front().starts_with("-")) {
        std::stable_partition(extras.begin(), extras.end(),
                              [](const std::string& e) { return e.starts_with("-"); });
    }
    if (extras.empty()) {
        return error.what();
    }
    const std::string& extra = extras.front();
    std::vector<std::string> candidates;
    if (extra.starts_with("-")) {
        const std::string name = extra.substr(0, extra.find('='));
        for (const CLI::Option* option : where->get_options()) {
            for (const auto& long_name : option->get_lnames()) {
                candidates.push_back("--" + long_name);
            }
        }
        const std::string command = where == &root ? "bounceback" : where->get_name();
        if (auto near = util::closest_match(name, candidates); !near.empty()) {
            return "unknown option '" + name + "' for " + command + "; did you mean '" + near +
                   "'?";
        }
        return "unknown option '" + name + "' for " + command + " (see its --help)";
    }
    // Hidden commands (__complete) are for scripts; never suggest them.
    auto visible = [](const CLI::App* sub) { return !sub->get_group().empty(); };
    for (const CLI::App* sub : where->get_subcommands(visible)) {
        candidates.push_back(sub->get_name());
    }
    if (where == &root) {
        if (auto near = util::closest_match(extra, candidates); !near.empty()) {
            return "unknown command '" + extra + "'; did you mean '" + near + "'?";
        }
        return "unknown command '" + extra + "' (commands: " + util::join(candidates, ", ") + ")";
    }
    // `log shwo 3`: "shwo" was taken as the company and "3" is left over; name the typo.
    for (const std::string& word : words) {
        auto near = util::closest_match(word, candidates);
        if (!near.empty() && near != word && util::edit_distance(near, word) <= 2) {
            return "unknown " + where->get_name() + " command '" + word + "'; did you mean '" +
                   near + "'?";
        }
    }
    return "unexpected argument '" + extra + "' for " + where->get_name();
}

/// `bounceback` with no command: where things stand, or how to start.
int run_overview(Context& ctx) {
    auto& store = ctx.store();
    if (!store.has_records()) {
        say("No rejections logged yet, and that is a fine place to start.\n"
                   "  bounceback init            set your name and email (optional)\n"
                   "  bounceback log COMPANY     log a rejection in seconds\n"
                   "  bounceback --help          everything else\n");
        return 0;
    }
    // Wins first and counts of rejection last; the latest rejection is not named.
    const auto rejections = store.rejections();
    const auto wins = store.wins();
    const auto reflections = store.reflections();
    const auto checkins = store.checkins();
    std::vector<std::string> logged;
    for (const auto& [count, noun] : std::vector<std::pair<std::size_t, std::string>>{
             {wins.size(), "win"},
             {checkins.size(), "check-in"},
             {reflections.size(), "reflection"},
             {rejections.size(), "rejection"}}) {
        if (count > 0) {
            logged.push_back(fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s"));
        }
    }
    if (rejections.empty()) {
        say("{} logged so far, and no rejection: good going.\n"
                   "  bounceback routine          your habits this week\n"
                   "  bounceback log win TEXT     name a small win\n"
                   "  bounceback log COMPANY      if a rejection comes\n",
                   util::and_list(logged));
        return 0;
    }
    say("So far: {} logged.\n"
               "  bounceback stats            your week in figures\n"
               "  bounceback log win TEXT     name a small win\n"
               "  bounceback log list         your records\n",
               util::and_list(logged));
    return 0;
}

int run(int argc, char** argv) {
    Args args;
    CLI::App app{"bounceback: bounce back from job rejections. Log them, learn from them, "
                 "keep going.",
                 "bounceback"};
    app.set_version_flag("--version", BOUNCEBACK_VERSION);
    app.require_subcommand(0, 1);
    app.footer("Examples:\n"
               "  bounceback init\n"
               "  bounceback log Acme --role \"Backend Engineer\" --stage onsite --feeling 2\n"
               "  bounceback log list --since \"4 weeks ago\"\n"
               "  bounceback log win \"Sent three tailored applications\"\n"
               "  bounceback --home \"$(mktemp -d)\" log list    # try it in a throw-away home\n\n"
               "Run `bounceback COMMAND --help` for a command's options and examples.\n"
               "Data lives in $XDG_DATA_HOME/bounceback, config in $XDG_CONFIG_HOME/bounceback;\n"
               "see bounceback(1) and bounceback(5).");

    const std::vector<std::string> words(argv + 1, argv + argc);
    // The command table: every subcommand, in one place.
    std::vector<Command> commands = {
        {&k_log_command, [&] { return add_log_cli(app, args.log, words); },
         [&](Context& ctx) { return run_log(args.log, ctx); }},
        {&k_init_command, [&] { return add_init_cli(app, args.init); },
         [&](Context& ctx) { return run_init(args.init, ctx); }},
        {&k_doctor_command, [&] { return add_doctor_cli(app, args.doctor); },
         [&](Context& ctx) { return run_doctor(args.doctor, ctx); }},
        {&k_feedback_email_command,
         [&] { return add_feedback_email_cli(app, args.feedback_email); },
         [&](Context& ctx) { return run_feedback_email(args.feedback_email, ctx); }},
        {&k_reflect_command, [&] { return add_reflect_cli(app, args.reflect); },
         [&](Context& ctx) { return run_reflect(args.reflect, ctx); }},
        {&k_routine_command, [&] { return add_routine_cli(app, args.routine); },
         [&](Context& ctx) { return run_routine(args.routine, ctx); }},
        {&k_stats_command, [&] { return add_stats_cli(app, args.stats); },
         [&](Context& ctx) { return run_stats(args.stats, ctx); }},
        {&k_report_command, [&] { return add_report_cli(app, args.report); },
         [&](Context& ctx) { return run_report(args.report, ctx); }},
        {&k_export_command, [&] { return add_export_cli(app, args.export_); },
         [&](Context& ctx) { return run_export(args.export_, ctx); }},
        {&k_import_command, [&] { return add_import_cli(app, args.import_); },
         [&](Context& ctx) { return run_import(args.import_, ctx); }},
        {&k_sync_command, [&] { return add_sync_cli(app, args.sync); },
         [&](Context& ctx) { return run_sync(args.sync, ctx); }},
        {&k_merge_driver_command, [&] { return add_merge_driver_cli(app, args.merge_driver); },
         [&](Context&) { return run_merge_driver(args.merge_driver); }},
        {&k_completion_command, [&] { return add_completion_cli(app, args.completion); },
         [&](Context&) { return run_completion(args.completion, app); }},
        {&k_complete_command, [&] { return add_complete_cli(app, args.completion); },
         [&](Context& ctx) { return run_complete(args.completion, ctx); }},
    };
    // Only a subcommand the command line names can be parsed or asked for --help, so only those
    // get their options; the others are a name and a line for --help and "did you mean".
    // Completion scripts describe the whole tree. Building every option of every subcommand
    // was half of the start-up time.
    const bool everywhere = std::find_if(words.begin(), words.end(), [](const std::string& w) {
                                return w == "completion" || w == "__complete";
                            }) != words.end();
    for (Command& command : commands) {
        const bool full = everywhere || names(words, *command.summary);
        command.app = full ? command.add_cli() : add_command(app, *command.summary);
    }
    add_global_options(&app, args.global, words, everywhere);
    std::vector<UidPrefix> uid_prefixes;
    accept_uid_prefixes(app, uid_prefixes);

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& success) {
        return app.exit(success); // --help, --version: printed to stdout, exit 0
    } catch (const CLI::ParseError& error) {
        say_err("bounceback: error: {}\n", explain(error, app, words));
        return static_cast<int>(ExitCode::usage);
    }

    Context ctx(args.global);
    resolve_uid_prefixes(uid_prefixes, ctx);
    for (const auto& command : commands) {
        if (command.app->parsed()) {
            return command.run(ctx);
        }
    }
    return run_overview(ctx);
}

} // namespace

int main(int argc, char** argv) {
    // A file-size limit must fail the write (and be reported), not kill us mid-way.
    std::signal(SIGXFSZ, SIG_IGN);
    try {
        const int status = run(argc, argv);
        // Output is buffered: a full disk or a closed pipe shows only now, and a script must not
        // take a lost ID for success.
        if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
            say_err("bounceback: error: cannot write the output: {}\n",
                       std::strerror(errno));
            return static_cast<int>(bb::ExitCode::io);
        }
        return status;
    } catch (const bb::Error& error) {
        say_err("bounceback: error: {}\n", error.what());
        if (!error.detail().empty()) {
            say_err("  detail: {}\n", error.detail());
        }
        return static_cast<int>(error.code());
    } catch (const std::system_error& error) {
        // Filesystem errors and failed writes to stdout: 77 for permissions, else 74.
        const bb::Error mapped = bb::system_error("", "", error.code().value());
        say_err("bounceback: error: {}\n", error.what());
        return static_cast<int>(mapped.code());
    } catch (const std::exception& error) {
        say_err("bounceback: error: {}\n", error.what());
        return static_cast<int>(bb::ExitCode::failure);
    }
}
