#include "completion.hpp"

#include "completion_model.hpp"
#include "completion_scripts.hpp"

#include <bounceback/core/error.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <fmt/core.h>
#include <map>
#include <stdexcept>
#include <string_view>

namespace bb::cli {

namespace {

// ---- quoting ---------------------------------------------------------------------------------

/// `text` in single quotes for bash and zsh.
std::string sh_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

/// `text` in single quotes for fish, where only \ and ' are special inside them.
std::string fish_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\\' || c == '\'') {
            out += '\\';
        }
        out += c;
    }
    return out + "'";
}

/// A `name:description` entry for zsh's _describe, where a colon in the name must be escaped.
std::string zsh_entry(std::string_view name, std::string_view description) {
    std::string escaped;
    for (char c : name) {
        if (c == ':' || c == '\\') {
            escaped += '\\';
        }
        escaped += c;
    }
    return sh_quote(description.empty() ? escaped : escaped + ":" + std::string(description));
}

/// The elements of a zsh array, one a line.
std::string zsh_array(const std::vector<std::string>& elements) {
    std::string out = "\n";
    for (const auto& e : elements) {
        out += "        " + e + "\n";
    }
    return out + "    ";
}

// ---- case tables -----------------------------------------------------------------------------

/// `case` arms grouped by result, in order of first appearance: each result once, with every
/// pattern that gives it.
class CaseTable {
  public:
    void add(const std::string& pattern, const std::string& result) {
        auto it = std::find_if(m_arms.begin(), m_arms.end(),
                               [&](const auto& arm) { return arm.second == result; });
        if (it == m_arms.end()) {
            m_arms.push_back({{pattern}, result});
        } else {
            it->first.push_back(pattern);
        }
    }

    /// The arms for bash or zsh, each setting REPLY (a string) or, with `array`, reply.
    std::string sh_arms(bool array) const {
        std::string out;
        for (const auto& [patterns, result] : m_arms) {
            std::vector<std::string> quoted;
            for (const auto& p : patterns) {
                quoted.push_back(pattern_quote(p));
            }
            out += wrap("    ", quoted, " |") + ") ";
            out += array ? "reply=(" + result + ") ;;\n" : "REPLY=" + result + " ;;\n";
        }
        return out;
    }

    /// The arms for fish, each printing its result (nothing when empty) and succeeding.
    std::string fish_arms() const {
        std::string out;
        for (const auto& [patterns, result] : m_arms) {
            std::vector<std::string> quoted;
            for (const auto& p : patterns) {
                quoted.push_back(fish_quote(p)); // fish matches wildcards in quoted patterns
            }
            out += wrap("        case ", quoted, "") + "\n";
            out += result.empty() ? "" : "            echo " + result + "\n";
            out += "            return 0\n";
        }
        return out;
    }

  private:
    /// A bash or zsh `case` pattern, quoted except a leading `*`, which must stay a wildcard.
    static std::string pattern_quote(const std::string& pattern) {
        return pattern.starts_with("*") ? "*" + sh_quote(pattern.substr(1)) : sh_quote(pattern);
    }

    /// `words` after `lead`, separated by `separator` and a space, continued on the next line
    /// (after a backslash) before 100 columns.
    static std::string wrap(const std::string& lead, const std::vector<std::string>& words,
                            const std::string& separator) {
        std::string out = lead;
        std::size_t column = lead.size();
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (i > 0) {
                out += separator;
                if (column + separator.size() + 1 + words[i].size() > 96) {
                    out += " \\\n" + std::string(lead.size(), ' ');
                    column = lead.size();
                } else {
                    out += " ";
                    column += separator.size() + 1;
                }
            }
            out += words[i];
            column += words[i].size();
        }
        return out;
    }

    std::vector<std::pair<std::vector<std::string>, std::string>> m_arms;
};

/// PATH:WORD → the subcommand's path, aliases included.
CaseTable subcommand_table(const std::vector<CommandModel>& tree, bool fish) {
    CaseTable table;
    for (const auto& command : tree) {
        for (const auto& sub : command.subcommands) {
            const std::string result = fish ? fish_quote(sub.path) : sh_quote(sub.path);
            table.add(command.path + ":" + sub.name, result);
            for (const auto& alias : sub.aliases) {
                table.add(command.path + ":" + alias, result);
            }
        }
    }
    return table;
}

/// `PATH:OPTION` patterns of every option that takes a value, with how that value is completed.
/// An option that every command has, completed the same way everywhere (--home, --color), is
/// one `*:OPTION` pattern.
std::vector<std::pair<std::string, ValueSource>>
value_options(const std::vector<CommandModel>& tree) {
    std::map<std::string, std::size_t> commands_with; // option name → commands having it alike
    std::map<std::string, std::string> how;           // option name → its first encoding
    for (const auto& command : tree) {
        for (const auto& option : command.options) {
            for (const auto& name : option.names) {
                if (!option.takes_value) {
                    how.emplace(name, "flag");
                    continue;
                }
                auto [it, first] = how.emplace(name, option.value.encoded());
                commands_with[name] += first || it->second == option.value.encoded() ? 1 : 0;
            }
        }
    }
    std::vector<std::pair<std::string, ValueSource>> out;
    std::map<std::string, bool> done;
    for (const auto& command : tree) {
        for (const auto& option : command.options) {
            if (!option.takes_value) {
                continue;
            }
            for (const auto& name : option.names) {
                if (commands_with[name] != tree.size()) {
                    out.emplace_back(command.path + ":" + name, option.value);
                } else if (!done[name]) {
                    done[name] = true;
                    out.emplace_back("*:" + name, option.value);
                }
            }
        }
    }
    return out;
}

/// PATH:OPTION → how the value is completed, for every option that takes a value.
CaseTable option_value_table(const std::vector<CommandModel>& tree) {
    CaseTable table;
    for (const auto& [pattern, value] : value_options(tree)) {
        table.add(pattern, sh_quote(value.encoded()));
    }
    return table;
}

/// PATH:INDEX → how positional INDEX is completed; a repeating last positional takes any index
/// from its own on.
CaseTable positional_table(const std::vector<CommandModel>& tree) {
    CaseTable table;
    for (const auto& command : tree) {
        for (std::size_t i = 0; i < command.positionals.size(); ++i) {
            const auto& p = command.positionals[i];
            table.add(command.path + ":" + std::to_string(i), sh_quote(p.value.encoded()));
        }
    }
    // After the exact indexes, so they win: `case` takes the first arm that matches.
    for (const auto& command : tree) {
        if (!command.positionals.empty() && command.positionals.back().repeats) {
            table.add(command.path + ":*", sh_quote(command.positionals.back().value.encoded()));
        }
    }
    return table;
}

// ---- the tables of each script ---------------------------------------------------------------

/// What fills each `@NAME@` line of a script's source: NAME and its lines.
using Placeholders = std::vector<std::pair<std::string_view, std::string>>;

/// The case arms of the bash or zsh script's functions; the lists are words for bash and
/// `name:description` arrays for zsh.
Placeholders sh_tables(const std::vector<CommandModel>& tree, bool zsh) {
    CaseTable commands;
    CaseTable options;
    for (const auto& command : tree) {
        std::vector<std::string> names;
        for (const auto& sub : command.subcommands) {
            names.push_back(zsh ? zsh_entry(sub.name, sub.description) : sub.name);
        }
        if (!names.empty()) {
            commands.add(command.path, zsh ? zsh_array(names) : sh_quote(util::join(names, " ")));
        }
        names.clear();
        for (const auto& option : command.options) {
            for (const auto& name : option.names) {
                names.push_back(zsh ? zsh_entry(name, option.description) : name);
            }
        }
        options.add(command.path, zsh ? zsh_array(names) : sh_quote(util::join(names, " ")));
    }
    return {{"SUBCOMMANDS", subcommand_table(tree, false).sh_arms(false)},
            {"COMMANDS", commands.sh_arms(zsh)},
            {"OPTIONS", options.sh_arms(zsh)},
            {"OPTION_VALUES", option_value_table(tree).sh_arms(false)},
            {"POSITIONAL_VALUES", positional_table(tree).sh_arms(false)}};
}

/// The fish arguments that complete a value as `value` says.
std::string fish_value_args(const ValueSource& value, bool option) {
    switch (value.type) {
    case ValueSource::Type::free_text:
        return option ? " -x" : "";
    case ValueSource::Type::words:
        return (option ? " -x" : "") + std::string(" -a ") +
               fish_quote(util::join(value.words, " "));
    case ValueSource::Type::files:
        return option ? " -r -F" : " -F";
    case ValueSource::Type::directories:
        return (option ? " -x" : "") +
               std::string(" -a '(__fish_complete_directories (commandline -ct))'");
    case ValueSource::Type::dynamic:
        return (option ? " -x" : "") + std::string(" -a ") +
               fish_quote("(__bounceback_values " + value.kind + ")");
    }
    return "";
}

/// The switch arms of the fish script's functions, and its `complete` lines, a block per command.
Placeholders fish_tables(const std::vector<CommandModel>& tree) {
    CaseTable takes_value;
    for (const auto& [pattern, value] : value_options(tree)) {
        takes_value.add(pattern, "");
    }
    std::string out;
    for (const auto& command : tree) {
        // Paths are words of [a-z-], so double quotes are enough inside the condition.
        const std::string at = "\"" + command.path + "\"";
        out += fmt::format("{}# bounceback {}\n", out.empty() ? "" : "\n",
                           command.path.empty() ? "itself" : command.path);
        for (const auto& sub : command.subcommands) {
            out += fmt::format("complete -c bounceback -n {} -a {} -d {}\n",
                               fish_quote("__bounceback_subcommands_at " + at),
                               fish_quote(sub.name), fish_quote(sub.description));
        }
        for (const auto& option : command.options) {
            std::string names;
            if (!option.long_name.empty()) {
                names += " -l " + fish_quote(option.long_name);
            }
            if (!option.short_name.empty()) {
                names += " -s " + fish_quote(option.short_name);
            }
            out += fmt::format("complete -c bounceback -n {}{} -d {}{}\n",
                               fish_quote("__bounceback_at " + at), names,
                               fish_quote(option.description),
                               option.takes_value ? fish_value_args(option.value, true) : "");
        }
        for (std::size_t i = 0; i < command.positionals.size(); ++i) {
            const auto& p = command.positionals[i];
            if (p.value.type == ValueSource::Type::free_text) {
                continue;
            }
            out += fmt::format("complete -c bounceback -n {}{}\n",
                               fish_quote(fmt::format("__bounceback_positional_at {} {}{}", at, i,
                                                      p.repeats ? " repeats" : "")),
                               fish_value_args(p.value, false));
        }
    }
    return {{"SUBCOMMANDS", subcommand_table(tree, true).fish_arms()},
            {"TAKES_VALUE", takes_value.fish_arms()},
            {"COMMANDS", out}};
}

// ---- the scripts -----------------------------------------------------------------------------

/// `source` with each line `@NAME@` replaced by what `values` gives for NAME. The sources and
/// this file go together: a placeholder without a value, or a value without its placeholder, is
/// a bug (std::logic_error), never a script with a hole.
std::string filled(std::string_view source, const Placeholders& values) {
    std::string out;
    std::size_t used = 0;
    while (!source.empty()) {
        const std::size_t end = source.find('\n');
        const std::string_view line =
            source.substr(0, end == std::string_view::npos ? source.size() : end + 1);
        source.remove_prefix(line.size());
        if (line.size() < 4 || !line.starts_with('@') || !line.ends_with("@\n")) {
            out += line;
            continue;
        }
        const std::string_view name = line.substr(1, line.size() - 3);
        const auto value = std::find_if(values.begin(), values.end(),
                                        [&](const auto& v) { return v.first == name; });
        if (value == values.end()) {
            throw std::logic_error(fmt::format("completion: nothing fills @{}@", name));
        }
        out += value->second;
        ++used;
    }
    if (used != values.size()) {
        throw std::logic_error("completion: a script's source and its tables do not match");
    }
    return out;
}

/// The embedded source of the script completions/`name` (`name`.in).
std::string_view script_source(std::string_view name) {
    for (const auto& [file, text] : completion_script_sources()) {
        if (file == name) {
            return text;
        }
    }
    throw std::logic_error(fmt::format("completion: completions/{}.in is not embedded", name));
}

} // namespace

CLI::App* add_completion_cli(CLI::App& app, CompletionArgs& args) {
    CLI::App* cmd = add_command(app, k_completion_command);
    cmd->add_option("SHELL", args.shell, "bash, zsh or fish")->type_name("SHELL")->required();
    cmd->footer(R"(Installed packages set completion up already. By hand:
  bounceback completion bash > ~/.local/share/bash-completion/completions/bounceback
  bounceback completion zsh > ~/.zfunc/_bounceback    # with fpath+=(~/.zfunc) before compinit
  bounceback completion fish > ~/.config/fish/completions/bounceback.fish
  source <(bounceback completion bash)                # just this shell)");
    return cmd;
}

int run_completion(const CompletionArgs& args, const CLI::App& root) {
    const auto tree = command_tree(root);
    if (args.shell == "bash") {
        print_exact(filled(script_source("bounceback.bash"), sh_tables(tree, false)));
    } else if (args.shell == "zsh") {
        print_exact(filled(script_source("_bounceback"), sh_tables(tree, true)));
    } else if (args.shell == "fish") {
        print_exact(filled(script_source("bounceback.fish"), fish_tables(tree)));
    } else {
        throw Error(ExitCode::usage, "completion: '" + args.shell +
                                         "' is not a shell I can complete for; choose "
                                         "bash, zsh or fish");
    }
    return 0;
}

} // namespace bb::cli
