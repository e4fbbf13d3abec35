#include "reflect.hpp"

#include "editor.hpp"
#include "held_twice.hpp"
#include "json_list.hpp"
#include "options.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/core/records.hpp>
#include <bounceback/core/reflection_flow.hpp>
#include <bounceback/core/themes.hpp>
#include <bounceback/storage/file.hpp>
#include <bounceback/storage/config_file.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <fmt/core.h>
#include <map>

namespace bb::cli {

using util::format_date;

bool ReflectArgs::has_answers() const {
    return !went_well.empty() || !improve.empty() || !strengths.empty() || !targeting.empty() ||
           !next.empty() || mood.has_value();
}

namespace {

const std::vector<std::string>& action_names() {
    static const std::vector<std::string> names = {"list", "show", "themes", "rm"};
    return names;
}

// ---- reading the options ----------------------------------------------------------------

/// The rejection ID typed after `reflect`. A word close to a subcommand is taken for a typo.
std::int64_t parse_rejection_id(const std::string& typed) {
    const bool digits =
        !typed.empty() && typed.size() <= 18 &&
        std::all_of(typed.begin(), typed.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && std::stoll(typed) > 0) {
        return std::stoll(typed);
    }
    if (auto near = util::closest_match(typed, action_names()); !near.empty()) {
        usage_error("unknown reflect command '" + typed + "'; did you mean '" + near + "'?");
    }
    usage_error("ID: '" + typed +
                "' is not a rejection ID; give the number `bounceback log list` "
                "shows, or no ID for a general reflection");
}

std::optional<int> parse_mood_option(const std::optional<std::string>& value) {
    if (!value) {
        return std::nullopt;
    }
    // Spaces around the number are fine, as at the mood question.
    std::string reason;
    if (auto mood = parse_feeling(util::trim(*value), &reason)) {
        return mood;
    }
    usage_error("--mood: '" + *value + "' " + reason);
}

/// The answers given as options, each checked and named by its option in errors.
void apply_answers(Reflection& draft, const ReflectArgs& args) {
    struct AnswerOption {
        ReflectionField field;
        const char* option;
        const std::vector<std::string>* values;
    };
    const AnswerOption options[] = {
        {ReflectionField::went_well, "--went-well", &args.went_well},
        {ReflectionField::improve, "--improve", &args.improve},
        {ReflectionField::strengths, "--strength", &args.strengths},
        {ReflectionField::targeting, "--target", &args.targeting},
        {ReflectionField::next, "--next", &args.next},
    };
    for (const auto& [field, option, values] : options) {
        auto& answers = answers_of(draft, field);
        for (const auto& value : *values) {
            if (auto reason = check_text(value); !reason.empty()) {
                usage_error(
                    std::string(option) + ": '" + value + "' " + reason +
                    (util::trim(value).empty() ? "; give an answer or leave the option out" : ""));
            }
            answers.push_back(value);
        }
    }
    draft.mood = parse_mood_option(args.mood);
}

// ---- output -----------------------------------------------------------------------------

/// How the lists are headed in `show` and counted in summaries.
std::string field_label(ReflectionField field) {
    switch (field) {
    case ReflectionField::went_well:
        return "What went well";
    case ReflectionField::improve:
        return "To do differently";
    case ReflectionField::strengths:
        return "Strengths";
    case ReflectionField::targeting:
        return "Roles and fields";
    case ReflectionField::next:
        return "Next steps";
    }
    return "";
}

/// The linked rejection, or nullopt when it has been removed since.
std::optional<Rejection> find_rejection(Context& ctx, std::int64_t id) {
    try {
        return ctx.store().rejection(id);
    } catch (const Error& error) {
        if (error.code() != ExitCode::no_input) {
            throw;
        }
        return std::nullopt;
    }
}

std::string about(const Reflection& r, const std::optional<Rejection>& linked) {
    if (!r.rejection) {
        return "the search in general";
    }
    if (!linked) {
        return fmt::format("rejection {} (since removed)", *r.rejection);
    }
    return fmt::format("rejection {}: {}", *r.rejection, rejection_phrase(*linked));
}

void print_items(const std::vector<std::string>& items) {
    for (const auto& item : items) {
        const auto lines = util::split_lines(item);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            say("    {}{}\n", i == 0 ? "- " : "  ", lines[i]);
        }
    }
}

void print_reflection(const Reflection& r, const std::optional<Rejection>& linked, Ui& ui) {
    say("{}\n", ui.bold(fmt::format("Reflection {}, {}", r.id, format_date(r.date))));
    std::vector<std::vector<std::string>> rows = {{"about", about(r, linked)}};
    if (r.mood) {
        rows.push_back({"mood", fmt::format("{}/5", *r.mood)});
    }
    for (const auto& line : util::render_table(rows, 200)) {
        say("  {}\n", line);
    }
    for (ReflectionField field : reflection_fields()) {
        const auto& answers = answers_of(r, field);
        if (answers.empty()) {
            continue;
        }
        say("\n  {}\n", ui.dim(field_label(field)));
        print_items(answers);
    }
}

/// "2 went well", "1 next step": how a summary counts the answers to `field`.
std::string count_label(ReflectionField field, std::size_t n) {
    const char* plural = n == 1 ? "" : "s";
    switch (field) {
    case ReflectionField::went_well:
        return fmt::format("{} went well", n);
    case ReflectionField::improve:
        return fmt::format("{} to do differently", n);
    case ReflectionField::strengths:
        return fmt::format("{} strength{}", n, plural);
    case ReflectionField::targeting:
        return fmt::format("{} on roles and fields", n);
    case ReflectionField::next:
        return fmt::format("{} next step{}", n, plural);
    }
    return "";
}

/// What was saved, in a few calm lines.
void print_saved(const Reflection& r, const std::optional<Rejection>& linked, Ui& ui) {
    say("{} reflection {}, about {}.\n", ui.good("Saved"), ui.bold(std::to_string(r.id)),
               linked ? rejection_phrase(*linked) : "your search in general");
    std::vector<std::string> parts;
    if (r.mood) {
        parts.push_back(fmt::format("mood {}/5", *r.mood));
    }
    for (ReflectionField field : reflection_fields()) {
        if (auto n = answers_of(r, field).size(); n > 0) {
            parts.push_back(count_label(field, n));
        }
    }
    say("  {}\n", util::join(parts, ", "));
    if (!r.next.empty()) {
        say("Your next step: {}\n", util::split_lines(r.next.front()).front());
    }
    if (r.mood && *r.mood <= 2) {
        say("A hard day is allowed. Be kind to yourself: a walk, a friend, something you "
                   "enjoy.\n");
    }
    say("{}\n", ui.dim(fmt::format("Read it again with: bounceback reflect show {}", r.id)));
}

// ---- writing ----------------------------------------------------------------------------

int save(const Reflection& draft, const std::optional<Rejection>& linked, const ReflectArgs& args,
         Context& ctx) {
    const Reflection r = ctx.store().add_reflection(draft);
    if (args.porcelain) {
        print_exact(fmt::format("{}\n", r.id));
    } else if (args.json) {
        print_exact(to_json(to_toml(r)) + "\n");
    } else {
        print_saved(r, linked, ctx.ui());
    }
    return 0;
}

/// "Stopped, and nothing was saved: your answers so far (mood 2/5, 1 went well) were
/// discarded.": what stopping in the middle of the questions leaves behind.
std::string discarded(const Reflection& answers) {
    std::vector<std::string> parts;
    if (answers.mood) {
        parts.push_back(fmt::format("mood {}/5", *answers.mood));
    }
    for (ReflectionField field : reflection_fields()) {
        if (auto n = answers_of(answers, field).size(); n > 0) {
            parts.push_back(count_label(field, n));
        }
    }
    if (parts.empty()) {
        return "Stopped before any answer; nothing was saved.";
    }
    return "Stopped, and nothing was saved: your answers so far (" + util::join(parts, ", ") +
           ") were discarded.";
}

/// Asks every question on the terminal. Nothing is written until the last answer is in: an
/// EOF or Ctrl-C saves nothing and says what was discarded (Ctrl-C then ends the process as
/// Ctrl-C does).
/// The line under the targeting question that offers the long-term goal back.
std::string goal_line(const std::string& goal, bool one_role) {
    return "Your goal: " + goal +
           (one_role ? ". Is this role on the way to it?"
                     : ". Are the roles you apply for on the way to it?");
}

int ask_and_save(Reflection draft, const std::optional<Rejection>& linked,
                 std::vector<ReflectionQuestion> questions, const std::optional<std::string>& goal,
                 const ReflectArgs& args, Context& ctx) {
    InterruptCatcher ctrl_c;
    Ui& ui = ctx.ui();
    std::string targeting;
    for (const auto& q : questions) {
        if (q.field == ReflectionField::targeting) {
            targeting = q.text;
        }
    }
    ReflectionFlow flow(std::move(draft), mood_question(linked), std::move(questions));
    say("{}\n", ui.bold(linked ? "Reflecting on " + rejection_phrase(*linked) + "."
                                      : "A reflection on your search so far."));
    say("{} short questions. Write one point per line; an empty line moves on, so any\n"
               "question can be skipped. Ctrl-D or Ctrl-C stops without saving anything.\n",
               flow.total());
    while (!flow.done()) {
        if (!flow.continuing()) {
            say("\n{}\n", ui.bold(fmt::format("({}/{}) {}", flow.number(), flow.total(),
                                                     flow.question())));
            if (goal && !targeting.empty() && flow.number() > 1 && flow.question() == targeting) {
                say("{}\n", ui.dim(goal_line(*goal, linked.has_value())));
            }
        }
        std::optional<std::string> line = ui.ask(">", "");
        if (!line || ctrl_c.interrupted()) {
            say("{}\n", discarded(flow.reflection()));
            if (ctrl_c.interrupted()) {
                ctrl_c.end_as_interrupted();
            }
            return 0;
        }
        if (auto refused = flow.take(*line); !refused.empty()) {
            say("{}\n", ui.warm(refused));
        }
    }
    say("\n");
    if (has_no_answers(flow.reflection())) {
        say("Every question was skipped, so there is nothing to save. That is fine too.\n");
        return 0;
    }
    return save(flow.reflection(), linked, args, ctx);
}

/// Opens the editor on a template; saves only a valid, non-empty reflection.
int edit_and_save(const Reflection& draft, const std::optional<Rejection>& linked,
                  const std::vector<ReflectionQuestion>& questions, const ReflectArgs& args,
                  Context& ctx) {
    const std::string link =
        linked ? fmt::format("{} (rejection {})", rejection_phrase(*linked), linked->id) : "";
    Ui& ui = ctx.ui();
    EditSession session(ctx.paths().data_dir,
                        {storage::reflection_edit(draft.rejection), "Nothing was saved."},
                        reflection_template(draft, questions, link), ui);
    int status = 0;
    const bool used = edit_until_used(session, ui, [&](const std::string& text) {
        auto edited = reflection_from_template(text, session.file(), draft);
        if (!edited) {
            say("The reflection was empty: nothing was saved.\n");
            return;
        }
        if (auto reason = check_entry_dates(*edited, ctx.today()); !reason.empty()) {
            throw Error(ExitCode::usage, session.file() + ": " + reason);
        }
        status = save(*edited, linked, args, ctx);
    });
    return used ? status : static_cast<int>(ExitCode::data);
}

int write_reflection(const ReflectArgs& args, Context& ctx) {
    Reflection draft;
    draft.date =
        args.date ? parse_entry_date_option("--date", *args.date, ctx.today()) : ctx.today();
    apply_answers(draft, args);
    std::optional<Rejection> linked;
    if (!args.rejection.empty()) {
        draft.rejection = parse_rejection_id(args.rejection);
        linked = ctx.store().rejection(*draft.rejection); // exit 66 before anything is asked
    }
    if (args.has_answers() && !args.edit) {
        return save(draft, linked, args, ctx);
    }
    if (!args.edit && !ctx.ui().interactive()) {
        usage_error("reflect: no terminal to ask the questions on, so nothing was saved. Give "
                    "the answers as options (--went-well, --improve, --strength, --target, --next, "
                    "--mood 1-5), e.g. bounceback reflect " +
                    (args.rejection.empty() ? std::string() : args.rejection + " ") +
                    "--went-well \"...\" --next \"...\", or use --edit");
    }
    const Config config = storage::load_config(ctx.paths());
    auto questions = reflection_questions(config.reflect_questions);
    if (args.edit) {
        if (config.goal) { // a comment line under the targeting question (one line: check_goal)
            for (auto& q : questions) {
                if (q.field == ReflectionField::targeting) {
                    q.text += "\n# " + goal_line(*config.goal, linked.has_value());
                }
            }
        }
        return edit_and_save(draft, linked, questions, args, ctx);
    }
    return ask_and_save(std::move(draft), linked, std::move(questions), config.goal, args, ctx);
}

// ---- reading ----------------------------------------------------------------------------

int list_reflections(const ReflectArgs& args, Context& ctx) {
    const DateRange range = parse_range_options(args.since, args.until, ctx.today());
    const auto [list, twice] =
        read_marking_twice<Reflection>([&] { return ctx.store().reflections(range); });
    if (args.json) {
        print_json_list(list);
        for (const auto& line : held_twice_lines<Reflection>(ctx, twice, "reflection", false)) {
            say_err("{}\n", line);
        }
        return 0;
    }
    Ui& ui = ctx.ui();
    if (list.empty()) {
        say("{}\n", args.since || args.until
                               ? "No reflections in that range."
                               : "No reflections yet. Two minutes after the next rejection, or "
                                 "today: bounceback reflect");
        return 0;
    }
    std::map<std::int64_t, Rejection> rejections;
    if (std::any_of(list.begin(), list.end(), [](const Reflection& r) { return r.rejection; })) {
        for (auto& r : ctx.store().rejections()) {
            rejections.emplace(r.id, std::move(r));
        }
    }
    std::vector<std::vector<std::string>> rows = {{"ID", "DATE", "ABOUT", "MOOD", "NEXT STEP"}};
    for (const auto& r : list) {
        std::string subject = "(general)";
        if (r.rejection) {
            auto it = rejections.find(*r.rejection);
            subject =
                it == rejections.end()
                    ? fmt::format("rejection {} (removed)", *r.rejection)
                    : it->second.company + (it->second.stage
                                                ? ", " + std::string(stage_name(*it->second.stage))
                                                : "");
        }
        rows.push_back({id_cell(r.id, twice), format_date(r.date), subject,
                        r.mood ? fmt::format("{}/5", *r.mood) : "",
                        r.next.empty() ? "" : util::split_lines(r.next.front()).front()});
    }
    ui.print_table(rows, 40);
    say("{}\n",
               ui.dim(fmt::format("{} reflection{}", list.size(), list.size() == 1 ? "" : "s")));
    for (const auto& line : held_twice_lines<Reflection>(ctx, twice, "reflection", true)) {
        say("{}\n", ui.warm(line));
    }
    return 0;
}

int show_reflection(const ReflectArgs& args, Context& ctx) {
    const Reflection r = ctx.store().reflection(args.id);
    if (args.json) {
        print_exact(to_json(to_toml(r)) + "\n");
        return 0;
    }
    print_reflection(r, r.rejection ? find_rejection(ctx, *r.rejection) : std::nullopt, ctx.ui());
    return 0;
}

toml::array themes_json(const std::vector<Theme>& themes) {
    toml::array out;
    for (const auto& t : themes) {
        toml::table row;
        row.insert_or_assign("theme", t.text);
        row.insert_or_assign("count", static_cast<std::int64_t>(t.count));
        row.insert_or_assign("last", to_toml_date(t.last));
        out.push_back(std::move(row));
    }
    return out;
}

void print_theme_list(const char* title, const char* from, const std::vector<Theme>& themes,
                      std::size_t hidden, Ui& ui) {
    say("\n{} {}\n", ui.bold(title), ui.dim(from));
    if (themes.empty()) {
        say("  Nothing has come up twice yet.\n");
        return;
    }
    std::vector<std::vector<std::string>> rows = {{"THEME", "TIMES", "LAST"}};
    for (const auto& t : themes) {
        rows.push_back({t.text, std::to_string(t.count), format_date(t.last)});
    }
    auto lines = util::render_table(rows, 40);
    say("  {}\n", ui.dim(lines.front()));
    for (std::size_t i = 1; i < lines.size(); ++i) {
        say("  {}\n", lines[i]);
    }
    if (hidden > 0) {
        say("  {}\n", ui.dim(fmt::format("and {} more (--limit 0 shows all)", hidden)));
    }
}

int show_themes(const ReflectArgs& args, Context& ctx) {
    if (args.limit < 0) {
        usage_error("--limit: '" + std::to_string(args.limit) +
                    "' must be 0 (no limit) or a positive number");
    }
    const DateRange range = parse_range_options(args.since, args.until, ctx.today());
    storage::Store& store = ctx.store();
    // Every rejection: feedback is dated when it was received, which may be any time. Read a
    // month at a time: the counter keeps phrases, not records.
    ThemeCounter counter(ThemeOptions{range.since, range.until});
    store.each_reflection(range, [&](const Reflection& r) { counter.add(r); });
    store.each_rejection({}, [&](const Rejection& r) { counter.add(r); });
    Themes themes = counter.themes();
    auto cut = [&](std::vector<Theme>& list) {
        const std::size_t limit = static_cast<std::size_t>(args.limit);
        const std::size_t hidden = limit > 0 && list.size() > limit ? list.size() - limit : 0;
        list.resize(list.size() - hidden);
        return hidden;
    };
    const std::size_t hidden_improve = cut(themes.improve);
    const std::size_t hidden_strengths = cut(themes.strengths);
    if (args.json) {
        toml::table out;
        out.insert_or_assign("improve", themes_json(themes.improve));
        out.insert_or_assign("strengths", themes_json(themes.strengths));
        out.insert_or_assign("reflections", static_cast<std::int64_t>(themes.reflections));
        out.insert_or_assign("feedback", static_cast<std::int64_t>(themes.feedback));
        print_exact(to_json(out) + "\n");
        return 0;
    }
    if (themes.reflections == 0 && themes.feedback == 0) {
        say("{}\n",
                   args.since || args.until
                       ? "No reflections or feedback in that range."
                       : "No reflections yet, so no themes. Start with: bounceback reflect");
        return 0;
    }
    std::string span;
    if (range.since && range.until) {
        span = fmt::format(", {} to {}", format_date(*range.since), format_date(*range.until));
    } else if (range.since) {
        span = fmt::format(", since {}", format_date(*range.since));
    } else if (range.until) {
        span = fmt::format(", until {}", format_date(*range.until));
    }
    say("What keeps coming up in {} reflection{} and the feedback on {} rejection{}{}.\n",
               themes.reflections, themes.reflections == 1 ? "" : "s", themes.feedback,
               themes.feedback == 1 ? "" : "s", span);
    Ui& ui = ctx.ui();
    print_theme_list("To work on", "(what you would do differently, feedback areas)",
                     themes.improve, hidden_improve, ui);
    print_theme_list("Strengths you keep showing", "(strengths, what went well)", themes.strengths,
                     hidden_strengths, ui);
    return 0;
}

int remove_reflection(const ReflectArgs& args, Context& ctx) {
    const Reflection r = ctx.store().reflection(args.id);
    const std::string what = fmt::format("reflection {} ({})", r.id, format_date(r.date));
    if (!ctx.ui().confirm_removal(what, "This cannot be undone.", args.yes)) {
        say("Kept it.\n");
        return 0;
    }
    ctx.store().remove_reflection(args.id);
    say("Removed {}. Its ID is not reused.\n", what);
    return 0;
}

} // namespace

// ---- command line -------------------------------------------------------------------------

CLI::App* add_reflect_cli(CLI::App& app, ReflectArgs& args) {
    using Action = ReflectArgs::Action;
    CLI::App* reflect = add_command(app, k_reflect_command);
    reflect->footer(R"(Examples:
  bounceback reflect 3                 # asks the questions about rejection 3
  bounceback reflect                   # a general reflection
  bounceback reflect 3 --mood 2 --went-well "Clear answer on caching" \
      --improve "Practise system design" --next "Book a mock interview"
  bounceback reflect --edit            # write it in your editor
  bounceback reflect themes --since "8 weeks ago"

Questions come from [reflect] questions in config.toml (see bounceback-reflect(1)).)");
    reflect
        ->add_option("ID", args.rejection, "Rejection to reflect on (none: a general reflection)")
        ->type_name("");
    reflect->add_option("--went-well", args.went_well, "What went well (repeatable)")
        ->type_name("TEXT")
        ->allow_extra_args(false);
    reflect->add_option("--improve", args.improve, "What you would do differently (repeatable)")
        ->type_name("TEXT")
        ->allow_extra_args(false);
    reflect->add_option("--strength", args.strengths, "A strength you showed (repeatable)")
        ->type_name("TEXT")
        ->allow_extra_args(false);
    reflect
        ->add_option("--target", args.targeting,
                     "A thought on the roles and fields you target (repeatable)")
        ->type_name("TEXT")
        ->allow_extra_args(false);
    reflect->add_option("--next", args.next, "A next step (repeatable)")
        ->type_name("TEXT")
        ->allow_extra_args(false);
    reflect->add_option("--mood", args.mood, "How you feel, 1 (awful) to 5 (great)")
        ->type_name("1-5");
    reflect->add_option("--date", args.date, "Date of the reflection (default: today)")
        ->type_name("DATE");
    reflect->add_flag("--edit", args.edit,
                      "Write it in $VISUAL/$EDITOR, on a template holding the questions");
    reflect->add_flag("--json", args.json, "Print the saved reflection as JSON");
    reflect->add_flag("--porcelain", args.porcelain, "Print only the ID");

    CLI::App* list = reflect->add_subcommand("list", "List reflections as a table or JSON");
    list->callback([&args] { args.action = Action::list; });
    list->add_option("--since", args.since, "Only on or after this date")->type_name("DATE");
    list->add_option("--until", args.until, "Only on or before this date")->type_name("DATE");
    list->add_flag("--json", args.json, "Print a JSON array");
    list->footer("Examples:\n  bounceback reflect list\n"
                 "  bounceback reflect list --since \"4 weeks ago\" --json");

    CLI::App* show = reflect->add_subcommand("show", "Show one reflection in full");
    show->callback([&args] { args.action = Action::show; });
    show->add_option("ID", args.id, "Reflection ID")->required();
    show->add_flag("--json", args.json, "Print JSON");
    show->footer("Examples:\n  bounceback reflect show 4\n  bounceback reflect show 4 --json");

    CLI::App* themes = reflect->add_subcommand(
        "themes", "What keeps coming up: things to work on and strengths, with counts");
    themes->callback([&args] { args.action = Action::themes; });
    themes->add_option("--since", args.since, "Only reflections and feedback on or after this date")
        ->type_name("DATE");
    themes
        ->add_option("--until", args.until, "Only reflections and feedback on or before this date")
        ->type_name("DATE");
    themes->add_option("--limit", args.limit, "At most N themes per list (default 10; 0: all)")
        ->type_name("N");
    themes->add_flag("--json", args.json, "Print JSON");
    themes->footer("Examples:\n  bounceback reflect themes\n"
                   "  bounceback reflect themes --since 2026-10-01 --limit 5\n"
                   "  bounceback reflect themes --json");

    CLI::App* rm =
        reflect->add_subcommand("rm", "Remove a reflection (asks first; --yes for scripts)");
    rm->callback([&args] { args.action = Action::remove; });
    rm->add_option("ID", args.id, "Reflection ID")->required();
    rm->add_flag("-y,--yes", args.yes, "Do not ask");
    rm->footer("Example:\n  bounceback reflect rm 4 --yes");
    return reflect;
}

int run_reflect(const ReflectArgs& args, Context& ctx) {
    using Action = ReflectArgs::Action;
    if (args.json && args.porcelain) {
        usage_error("choose one output format: --json or --porcelain");
    }
    switch (args.action) {
    case Action::write:
        return write_reflection(args, ctx);
    case Action::list:
        return list_reflections(args, ctx);
    case Action::show:
        return show_reflection(args, ctx);
    case Action::themes:
        return show_themes(args, ctx);
    case Action::remove:
        return remove_reflection(args, ctx);
    }
    return 1;
}

} // namespace bb::cli
