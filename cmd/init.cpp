#include "init.hpp"

#include <bounceback/core/config.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/core/records.hpp>
#include <bounceback/storage/file.hpp>
#include <bounceback/storage/config_file.hpp>
#include <bounceback/util/text.hpp>

#include <fmt/core.h>
#include <pwd.h>
#include <unistd.h>

namespace bb::cli {

namespace {

/// The person's full name from the password database, for a friendly default.
std::string account_name() {
    const passwd* pw = ::getpwuid(::getuid());
    if (pw == nullptr || pw->pw_gecos == nullptr) {
        return {};
    }
    std::string gecos = pw->pw_gecos;
    return std::string(util::trim(gecos.substr(0, gecos.find(','))));
}

std::optional<std::string> checked_value(const std::string& option,
                                         const std::optional<std::string>& value,
                                         std::string (*rule)(std::string_view)) {
    if (!value || value->empty()) {
        return std::nullopt;
    }
    if (auto reason = rule(*value); !reason.empty()) {
        throw Error(ExitCode::usage, option + ": '" + *value + "' " + reason);
    }
    return value;
}

WeekStart week_start_option(const std::string& value) {
    if (auto start = parse_week_start(value)) {
        return *start;
    }
    throw Error(ExitCode::usage, "--week-start: '" + value + "' must be monday or sunday");
}

/// Asks until the answer passes `rule` (or is empty, which skips it).
std::optional<std::string> ask_until_valid(Ui& ui, std::string_view question,
                                           std::string suggestion,
                                           std::string (*rule)(std::string_view)) {
    while (true) {
        auto answer = ui.ask(question, suggestion);
        if (!answer) {
            throw Error(ExitCode::failure, "init cancelled; nothing was written");
        }
        if (answer->empty() || *answer == "-") {
            return std::nullopt;
        }
        if (auto reason = rule(*answer); reason.empty()) {
            return answer;
        } else {
            fmt::print("  '{}' {}; try again, or type - to leave it out.\n", *answer, reason);
        }
    }
}

} // namespace

CLI::App* add_init_cli(CLI::App& app, InitArgs& args) {
    CLI::App* init = add_command(app, k_init_command);
    init->add_option("--name", args.name, "Your name, for signing emails")->type_name("NAME");
    init->add_option("--email", args.email, "Your email address")->type_name("ADDR");
    init->add_option("--signature", args.signature, "How to sign emails (default: your name)")
        ->type_name("TEXT");
    init->add_option("--week-start", args.week_start, "First day of the week: monday or sunday")
        ->type_name("DAY");
    init->add_option("--goal", args.goal,
                     "Your long-term goal, in a line; on an existing config, sets it alone")
        ->type_name("TEXT");
    init->footer(
        "On a terminal, init asks for anything not given. Examples:\n"
        "  bounceback init\n"
        "  bounceback init --name \"Sam Lee\" --email sam@example.com --week-start sunday\n"
        "  bounceback init --goal \"Lead a small team building tools for nurses\"\n"
        "With --goal alone, init sets [me] goal in an existing config.toml and leaves the rest\n"
        "of the file as it is.");
    return init;
}

namespace {

/// `init --goal TEXT` on an existing config: sets the goal, nothing else.
int set_goal(const std::string& goal, Context& ctx) {
    const Ui& ui = ctx.ui();
    const storage::GoalSaved saved = storage::save_goal(ctx.paths(), std::string(util::trim(goal)));
    if (!saved.rewrite.written) {
        fmt::print("That is your goal already; config.toml is unchanged.\n");
        return 0;
    }
    fmt::print("{} {}\n", ui.good(saved.before ? "Goal changed:" : "Goal saved:"),
               util::trim(goal));
    if (saved.before) {
        fmt::print("{}\n", ui.dim("It was: " + *saved.before));
    }
    fmt::print("`bounceback stats`, the report and `reflect` will show it back to you.\n");
    if (saved.rewrite.dropped_comments) {
        fmt::print(stderr,
                   "bounceback: note: {} had comments; rewriting it does not keep them "
                   "(see bounceback(5))\n",
                   ctx.paths().config_file.string());
    }
    return 0;
}

} // namespace

int run_init(const InitArgs& args, Context& ctx) {
    const storage::Paths& paths = ctx.paths();
    const bool goal_alone = args.goal && !args.name && !args.email && !args.signature &&
                            !args.week_start;
    if (goal_alone && storage::config_exists(paths)) {
        return set_goal(*args.goal, ctx);
    }
    if (storage::config_exists(paths)) {
        throw Error(
            ExitCode::cant_create,
            paths.config_file.string() +
                " already exists; init never overwrites it. Edit it instead (see bounceback(5)); "
                "to set your long-term goal alone: bounceback init --goal TEXT");
    }
    StarterConfig starter;
    starter.name = checked_value("--name", args.name, check_line);
    starter.email = checked_value("--email", args.email, check_email);
    starter.signature = checked_value("--signature", args.signature, check_text);
    if (args.goal) {
        starter.goal = checked_value("--goal", std::string(util::trim(*args.goal)), check_goal);
    }
    if (args.week_start) {
        starter.week_start = week_start_option(*args.week_start);
    }
    Ui& ui = ctx.ui();
    const bool ask = ui.interactive() && !(args.name && args.email);
    if (ask) {
        fmt::print(
            "Setting up bounceback. Press Enter to take the suggestion in brackets, or type - "
            "to leave a field out.\n");
        if (!starter.name) {
            starter.name = ask_until_valid(ui, "Your name:", account_name(), check_line);
        }
        if (!starter.email) {
            starter.email = ask_until_valid(ui, "Your email:", "", check_email);
        }
        if (!starter.signature) {
            starter.signature =
                ask_until_valid(ui, "Sign emails as:", starter.name.value_or(""), check_text);
        }
        if (!starter.goal) {
            starter.goal = ask_until_valid(
                ui, "Your long-term goal, in a line (bounceback shows it back to you):", "",
                check_goal);
        }
        if (!args.week_start) {
            while (true) {
                auto day = ui.ask("Weeks start on (monday/sunday):", "monday");
                if (!day) {
                    throw Error(ExitCode::failure, "init cancelled; nothing was written");
                }
                if (auto start = parse_week_start(*day)) {
                    starter.week_start = *start;
                    break;
                }
                fmt::print("  Please answer monday or sunday.\n");
            }
        }
    }
    if (!starter.signature && starter.name) {
        starter.signature = starter.name;
    }
    storage::create_config(paths, starter_config_text(starter));
    storage::ensure_private_dir(paths.data_dir);
    fmt::print("{} {}\n", ui.good("Created"), paths.config_file.string());
    fmt::print("Your records will be kept in {} (private to you).\n", paths.data_dir.string());
    fmt::print("Next: bounceback log COMPANY --stage screen    (bounceback log --help for more)\n");
    return 0;
}

} // namespace bb::cli
