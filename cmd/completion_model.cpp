#include "completion_model.hpp"

#include <bounceback/core/records.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>

namespace bb::cli {

std::string ValueSource::encoded() const {
    switch (type) {
    case Type::free_text:
        return "";
    case Type::words:
        return "words:" + util::join(words, " ");
    case Type::files:
        return "files";
    case Type::directories:
        return "dirs";
    case Type::dynamic:
        return "dynamic:" + kind;
    }
    return "";
}

namespace {

ValueSource words_of(std::vector<std::string> words) {
    return ValueSource{ValueSource::Type::words, std::move(words), {}};
}

ValueSource dynamic_of(std::string_view kind) {
    return ValueSource{ValueSource::Type::dynamic, {}, std::string(kind)};
}

/// How an option's value is completed, from its type name (the placeholder --help shows). The
/// one place that maps type names to values; any other type name is free text.
ValueSource value_for_type_name(const std::string& full_type_name) {
    // A validator with a description appends ":…" to the type name.
    const std::string type_name = full_type_name.substr(0, full_type_name.find(':'));
    if (type_name == "STAGE") {
        return words_of(stage_names());
    }
    if (type_name == "WHEN") {
        return words_of({"auto", "always", "never"});
    }
    if (type_name == "FORMAT") {
        return words_of({"text", "eml", "mailto"});
    }
    if (type_name == "KIND") {
        return words_of({"rejection", "reflection", "checkin", "win", "all"});
    }
    if (type_name.find('|') != std::string::npos &&
        std::all_of(type_name.begin(), type_name.end(),
                    [](char c) { return c == '|' || (c >= 'a' && c <= 'z'); })) {
        return words_of(util::split_at(type_name, '|')); // json|csv, dmy|mdy: the choices
    }
    if (type_name == "DAY") {
        return words_of({"monday", "sunday"});
    }
    if (type_name == "SHELL") {
        return words_of({"bash", "zsh", "fish"});
    }
    if (type_name == "1-5") {
        return words_of({"1", "2", "3", "4", "5"});
    }
    if (type_name == "FILE") {
        return ValueSource{ValueSource::Type::files, {}, {}};
    }
    if (type_name == "DIR") {
        return ValueSource{ValueSource::Type::directories, {}, {}};
    }
    if (type_name == "TEMPLATE") {
        return dynamic_of("templates");
    }
    if (type_name == "HABIT") {
        return dynamic_of("habits");
    }
    if (type_name == "SOURCE") {
        return dynamic_of("sources");
    }
    return {};
}

/// Positionals whose values live in the person's files, by command path and positional name.
/// The one table that says which IDs and names a positional takes; other positionals are
/// completed by their type name, like options.
struct PositionalRule {
    std::string_view command;
    std::string_view positional;
    std::string_view kind;
};

constexpr PositionalRule k_positional_rules[] = {
    {"log show", "ID", "rejections"},
    {"log edit", "ID", "rejections"},
    {"log rm", "ID", "rejections"},
    {"log feedback", "ID", "rejections"},
    {"feedback-email", "ID", "rejections"},
    {"reflect", "ID", "rejections"},
    {"log win rm", "ID", "wins"},
    {"reflect show", "ID", "reflections"},
    {"reflect rm", "ID", "reflections"},
    {"routine done", "HABIT", "habits"},
    {"routine skip", "HABIT", "habits"},
    {"routine undo", "HABIT", "habits"},
    {"routine habits rm", "NAME", "habits"},
};

} // namespace

std::string_view positional_kind(std::string_view command, std::string_view positional) {
    for (const auto& rule : k_positional_rules) {
        if (rule.command == command && rule.positional == positional) {
            return rule.kind;
        }
    }
    return {};
}

namespace {

bool visible(const CLI::App* app) {
    return !app->get_group().empty();
}

/// Collects `app` and everything under it, depth first, skipping hidden subcommands and options.
void collect(const CLI::App& app, const std::string& path, std::vector<CommandModel>& out) {
    CommandModel model;
    model.path = path;
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_group().empty()) {
            continue;
        }
        if (option->nonpositional()) {
            OptionModel o;
            for (const auto& name : option->get_lnames()) {
                o.names.push_back("--" + name);
                o.long_name = o.long_name.empty() ? name : o.long_name;
            }
            for (const auto& name : option->get_snames()) {
                o.names.push_back("-" + name);
                o.short_name = o.short_name.empty() ? name : o.short_name;
            }
            o.description = flattened(option->get_description());
            o.takes_value = option->get_items_expected_max() > 0; // flags expect 0
            if (o.takes_value) {
                o.value = value_for_type_name(option->get_type_name());
            }
            model.options.push_back(std::move(o));
        } else if (option->get_positional()) {
            PositionalModel p;
            p.name = option->get_single_name();
            p.repeats = option->get_items_expected_max() > 1;
            p.value = value_for_type_name(option->get_type_name());
            if (const std::string_view kind = positional_kind(path, p.name); !kind.empty()) {
                p.value = dynamic_of(kind);
            }
            model.positionals.push_back(std::move(p));
        }
    }
    const std::vector<const CLI::App*> subs = app.get_subcommands(visible);
    for (const CLI::App* sub : subs) {
        model.subcommands.push_back(
            SubcommandModel{sub->get_name(), sub->get_aliases(), flattened(sub->get_description()),
                            path.empty() ? sub->get_name() : path + " " + sub->get_name()});
    }
    const std::vector<SubcommandModel> children = model.subcommands;
    out.push_back(std::move(model));
    for (std::size_t i = 0; i < subs.size(); ++i) {
        collect(*subs[i], children[i].path, out);
    }
}

} // namespace

std::vector<CommandModel> command_tree(const CLI::App& root) {
    std::vector<CommandModel> out;
    collect(root, "", out);
    return out;
}

std::string flattened(std::string_view text) {
    std::string out;
    for (char c : text) {
        const bool space = c == '\n' || c == '\t' || c == '\r';
        if (space && (out.empty() || out.back() == ' ')) {
            continue;
        }
        out += space ? ' ' : c;
    }
    return std::string(util::trim(out));
}

} // namespace bb::cli
