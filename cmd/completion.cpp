#include "completion.hpp"

#include <bounceback/core/config.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/core/records.hpp>
#include <bounceback/core/routine.hpp>
#include <bounceback/core/sources.hpp>
#include <bounceback/mail/template.hpp>
#include <bounceback/storage/config_file.hpp>
#include <bounceback/storage/templates.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <fmt/core.h>
#include <map>
#include <string_view>

namespace bb::cli {

namespace {

// ---- what the command tree says --------------------------------------------------------------

/// How the value of an option or a positional is completed.
struct ValueSource {
    enum class Type { free_text, words, files, directories, dynamic };
    Type type = Type::free_text;
    std::vector<std::string> words; ///< Type::words: the values
    std::string kind;               ///< Type::dynamic: the KIND passed to `__complete`

    /// For the bash and zsh scripts: "", "words:a b c", "files", "dirs" or "dynamic:KIND".
    std::string encoded() const {
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
};

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

struct OptionModel {
    std::vector<std::string> names; ///< "--stage", "-y"
    std::string long_name;          ///< "stage", or "" when it has only a short name
    std::string short_name;         ///< "y", or ""
    std::string description;
    bool takes_value = false;
    ValueSource value;
};

struct PositionalModel {
    std::string name;
    bool repeats = false;
    ValueSource value;
};

struct SubcommandModel {
    std::string name;
    std::vector<std::string> aliases;
    std::string description;
    std::string path;
};

/// One command of the tree, e.g. path "log win" (the root's path is "").
struct CommandModel {
    std::string path;
    std::vector<SubcommandModel> subcommands;
    std::vector<OptionModel> options;
    std::vector<PositionalModel> positionals;
};

/// A description with its line breaks and tabs turned into single spaces, as every shell wants.
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
            for (const auto& rule : k_positional_rules) {
                if (rule.command == path && rule.positional == p.name) {
                    p.value = dynamic_of(rule.kind);
                }
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

std::vector<CommandModel> command_tree(const CLI::App& root) {
    std::vector<CommandModel> out;
    collect(root, "", out);
    return out;
}

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

// ---- the case tables shared by bash and zsh ----------------------------------------------------

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

/// The first lines of every script: what made it and how to remake it.
std::string header(std::string_view shell) {
    return fmt::format("# {0} completion for bounceback, generated by `bounceback completion {0}` "
                       "from the\n# command definitions. Do not edit: scripts/update-completions "
                       "rewrites it.\n",
                       shell);
}

// ---- bash and zsh ----------------------------------------------------------------------------

/// The functions that hold the command tree, for bash (lists as words) or zsh (lists as
/// `name:description` arrays).
std::string sh_tables(const std::vector<CommandModel>& tree, bool zsh) {
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
    const char* list = zsh ? "reply" : "REPLY";
    const char* empty = zsh ? "reply=()" : "REPLY=''";
    std::string out;
    out += fmt::format(
        "\n# _bounceback_subcommand PATH WORD: REPLY is the path of subcommand WORD "
        "of command PATH\n# (\"\" is bounceback itself); fails when there is none.\n"
        "_bounceback_subcommand() {{\n    case \"$1:$2\" in\n{}    *) return 1 ;;\n    esac\n}}\n",
        subcommand_table(tree, false).sh_arms(false));
    out +=
        fmt::format("\n# _bounceback_commands PATH: {} lists the subcommands of PATH.\n"
                    "_bounceback_commands() {{\n    case \"$1\" in\n{}    *) {} ;;\n    esac\n}}\n",
                    list, commands.sh_arms(zsh), empty);
    out +=
        fmt::format("\n# _bounceback_options PATH: {} lists the options of PATH.\n"
                    "_bounceback_options() {{\n    case \"$1\" in\n{}    *) {} ;;\n    esac\n}}\n",
                    list, options.sh_arms(zsh), empty);
    out += fmt::format(
        "\n# _bounceback_option_value PATH OPTION: fails when OPTION takes no value; else REPLY "
        "says how\n# its value is completed: \"\" (free text), words:LIST, files, dirs or "
        "dynamic:KIND\n# (`bounceback __complete KIND` prints them).\n"
        "_bounceback_option_value() {{\n    case \"$1:$2\" in\n{}    *) return 1 ;;\n    "
        "esac\n}}\n",
        option_value_table(tree).sh_arms(false));
    out += fmt::format(
        "\n# _bounceback_positional_value PATH INDEX: fails when PATH has no positional INDEX "
        "(from 0);\n# else REPLY says how it is completed, like _bounceback_option_value.\n"
        "_bounceback_positional_value() {{\n    case \"$1:$2\" in\n{}    *) return 1 ;;\n    "
        "esac\n}}\n",
        positional_table(tree).sh_arms(false));
    return out;
}

// ---- bash ------------------------------------------------------------------------------------

/// The part of the bash script that does not depend on the command tree.
constexpr std::string_view k_bash_engine = R"BASH(
# _bounceback_offer HOW CUR BIN HOME: adds to COMPREPLY the values HOW describes that start
# with CUR, asking BIN (with --home HOME when given) for the dynamic ones.
_bounceback_offer() {
    local how=$1 cur=$2 line
    case $how in
    words:*)
        COMPREPLY+=($(compgen -W "${how#words:}" -- "$cur"))
        ;;
    files | dirs)
        if declare -F _filedir >/dev/null; then
            if [[ $how == dirs ]]; then _filedir -d; else _filedir; fi
        else
            compopt -o filenames 2>/dev/null
            if [[ $how == dirs ]]; then
                COMPREPLY+=($(compgen -d -- "$cur"))
            else
                COMPREPLY+=($(compgen -f -- "$cur"))
            fi
        fi
        ;;
    dynamic:*)
        # Never an error in the prompt: whatever it says on stderr is dropped.
        while IFS= read -r line; do
            [[ -n $line ]] && COMPREPLY+=("${line%%$'\t'*}")
        done < <("$3" ${4:+--home "$4"} __complete "${how#dynamic:}" -- "$cur" 2>/dev/null)
        ;;
    esac
}

_bounceback() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion -n = || return
    else
        # Without bash-completion: COMP_WORDBREAKS split "--stage=screen" at "="; join it again.
        local i
        words=()
        for ((i = 0; i <= COMP_CWORD; i++)); do
            if ((i > 1)) && [[ ${COMP_WORDS[i]} == = || ${words[${#words[@]} - 1]} == --*= ]]; then
                words[${#words[@]} - 1]+=${COMP_WORDS[i]}
            else
                words+=("${COMP_WORDS[i]}")
            fi
        done
        cword=$((${#words[@]} - 1))
        cur=${words[cword]}
    fi

    # Walk the words before the cursor: which command, which positional, which option's value.
    local bin=${words[0]} cmd='' home='' expect='' only='' word j
    local -i positional=0
    for ((j = 1; j < cword; j++)); do
        word=${words[j]}
        if [[ -n $expect ]]; then
            [[ $expect == --home ]] && home=$word
            expect=''
        elif [[ -z $only && $word == -- ]]; then
            only=1
        elif [[ -z $only && $word == -?* ]]; then
            if [[ $word == --*=* ]]; then
                [[ ${word%%=*} == --home ]] && home=${word#*=}
            elif _bounceback_option_value "$cmd" "$word"; then
                expect=$word
            fi
        elif [[ -z $only ]] && ((positional == 0)) && _bounceback_subcommand "$cmd" "$word"; then
            cmd=$REPLY
        else
            positional+=1
        fi
    done
    [[ $bin == '~/'* ]] && bin=$HOME/${bin#'~/'}
    [[ $home == '~/'* ]] && home=$HOME/${home#'~/'}

    COMPREPLY=()
    if [[ -n $expect ]]; then
        _bounceback_option_value "$cmd" "$expect"
        _bounceback_offer "$REPLY" "$cur" "$bin" "$home"
    elif [[ -z $only && $cur == --*=* ]]; then
        if _bounceback_option_value "$cmd" "${cur%%=*}"; then
            _bounceback_offer "$REPLY" "${cur#*=}" "$bin" "$home"
        fi
    elif [[ -z $only && $cur == -* ]]; then
        _bounceback_options "$cmd"
        COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
    else
        if [[ -z $only ]] && ((positional == 0)); then
            _bounceback_commands "$cmd"
            COMPREPLY=($(compgen -W "$REPLY" -- "$cur"))
        fi
        if _bounceback_positional_value "$cmd" "$positional"; then
            _bounceback_offer "$REPLY" "$cur" "$bin" "$home"
        fi
    fi
    return 0
}

complete -F _bounceback bounceback
)BASH";

std::string bash_script(const std::vector<CommandModel>& tree) {
    return header("bash") +
           "# Install as $datadir/bash-completion/completions/bounceback, or source it from "
           "~/.bashrc.\n# Uses bash-completion's _init_completion when it is loaded, plain "
           "COMP_WORDS otherwise.\n" +
           sh_tables(tree, false) + std::string(k_bash_engine);
}

// ---- zsh -------------------------------------------------------------------------------------

/// The part of the zsh script that does not depend on the command tree.
constexpr std::string_view k_zsh_engine = R"ZSH(
# _bounceback_offer HOW BIN HOME: offers the values HOW describes, asking BIN (with --home HOME
# when given) for the dynamic ones, with their descriptions.
_bounceback_offer() {
    local how=$1 line expl
    local -a values
    case $how in
    (words:*)
        values=(${=how#words:})
        _wanted values expl value compadd -a values
        ;;
    (files)
        _files
        ;;
    (dirs)
        _files -/
        ;;
    (dynamic:*)
        # Never an error in the prompt: whatever it says on stderr is dropped.
        for line in ${(f)"$("$2" ${3:+--home} ${3:+"$3"} __complete "${how#dynamic:}" -- "$PREFIX" 2>/dev/null)"}; do
            values+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
        done
        (( $#values )) && _describe -t values "${how#dynamic:}" values
        ;;
    (*)
        return 1
        ;;
    esac
}

_bounceback() {
    local bin=${(Q)words[1]} cmd= home= expect= only= word
    local -a reply
    integer i positional=0 ret=1

    # Walk the words before the cursor: which command, which positional, which option's value.
    for ((i = 2; i < CURRENT; i++)); do
        word=${(Q)words[i]}
        if [[ -n $expect ]]; then
            [[ $expect == --home ]] && home=$word
            expect=
        elif [[ -z $only && $word == -- ]]; then
            only=1
        elif [[ -z $only && $word == -?* ]]; then
            if [[ $word == --*=* ]]; then
                [[ ${word%%=*} == --home ]] && home=${word#*=}
            elif _bounceback_option_value "$cmd" "$word"; then
                expect=$word
            fi
        elif [[ -z $only ]] && (( positional == 0 )) && _bounceback_subcommand "$cmd" "$word"; then
            cmd=$REPLY
        else
            (( positional += 1 ))
        fi
    done
    [[ $bin == '~/'* ]] && bin=$HOME/${bin#'~/'}
    [[ $home == '~/'* ]] && home=$HOME/${home#'~/'}

    if [[ -n $expect ]]; then
        _bounceback_option_value "$cmd" "$expect"
        _bounceback_offer "$REPLY" "$bin" "$home"
        return
    fi
    if [[ -z $only && $PREFIX == --*=* ]]; then
        _bounceback_option_value "$cmd" "${PREFIX%%=*}" || return 1
        compset -P '*='
        _bounceback_offer "$REPLY" "$bin" "$home"
        return
    fi
    if [[ -z $only && $PREFIX == -* ]]; then
        _bounceback_options "$cmd"
        _describe -t options option reply
        return
    fi
    if [[ -z $only ]] && (( positional == 0 )); then
        _bounceback_commands "$cmd"
        (( $#reply )) && _describe -t commands command reply && ret=0
    fi
    if _bounceback_positional_value "$cmd" "$positional"; then
        _bounceback_offer "$REPLY" "$bin" "$home" && ret=0
    fi
    return ret
}

if [[ $funcstack[1] == _bounceback ]]; then
    _bounceback "$@"
else
    compdef _bounceback bounceback
fi
)ZSH";

std::string zsh_script(const std::vector<CommandModel>& tree) {
    return "#compdef bounceback\n" + header("zsh") +
           "# Install as _bounceback in a folder of $fpath (Debian: "
           "/usr/share/zsh/vendor-completions),\n# or source it after compinit.\n" +
           sh_tables(tree, true) + std::string(k_zsh_engine);
}

// ---- fish ------------------------------------------------------------------------------------

/// The part of the fish script that does not depend on the command tree.
constexpr std::string_view k_fish_engine = R"FISH(
# __bounceback_state: walks the command line before the cursor and sets, as globals, the
# command path, the index of the next positional, whether an option's value comes next, and
# whether `--` was given and the --home value.
function __bounceback_state
    set -l tokens (commandline -opc)
    set -g __bounceback_cmd ''
    set -g __bounceback_positional 0
    set -g __bounceback_expect ''
    set -g __bounceback_only ''
    set -g __bounceback_home ''
    set -l next
    for word in $tokens[2..-1]
        if test -n "$__bounceback_expect"
            test "$__bounceback_expect" = --home; and set __bounceback_home $word
            set __bounceback_expect ''
        else if test -z "$__bounceback_only" -a "$word" = --
            set __bounceback_only 1
        else if test -z "$__bounceback_only"; and string match -qr -- '^-.' $word
            if string match -qr -- '^--[^=]+=' $word
                string match -q -- '--home=*' $word; and set __bounceback_home (string replace -- '--home=' '' $word)
            else if __bounceback_takes_value "$__bounceback_cmd" $word
                set __bounceback_expect $word
            end
        else if test -z "$__bounceback_only" -a $__bounceback_positional -eq 0; and set next (__bounceback_subcommand "$__bounceback_cmd" $word)
            set __bounceback_cmd $next
        else
            set __bounceback_positional (math $__bounceback_positional + 1)
        end
    end
end

# __bounceback_at PATH: the cursor is in command PATH (its options apply).
function __bounceback_at
    __bounceback_state
    test "$__bounceback_cmd" = "$argv[1]"
end

# __bounceback_subcommands_at PATH: the next word may be a subcommand of PATH.
function __bounceback_subcommands_at
    __bounceback_state
    test "$__bounceback_cmd" = "$argv[1]" -a $__bounceback_positional -eq 0 -a -z "$__bounceback_expect" -a -z "$__bounceback_only"
end

# __bounceback_positional_at PATH INDEX: the next word is positional INDEX (from 0) of PATH.
function __bounceback_positional_at
    __bounceback_state
    test "$__bounceback_cmd" = "$argv[1]" -a -z "$__bounceback_expect"; or return 1
    test $__bounceback_positional -eq $argv[2]; or test "$argv[3]" = repeats -a $__bounceback_positional -ge $argv[2]
end

# __bounceback_values KIND: the values of KIND, each with its description, from
# `bounceback __complete`; never an error (stderr is dropped).
function __bounceback_values
    __bounceback_state
    set -l bin (commandline -opc)[1]
    set bin (string replace -r -- '^~/' "$HOME/" $bin)
    set -l home (string replace -r -- '^~/' "$HOME/" $__bounceback_home)
    if test -n "$home"
        command $bin --home $home __complete $argv[1] 2>/dev/null
    else
        command $bin __complete $argv[1] 2>/dev/null
    end
end
)FISH";

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

std::string fish_script(const std::vector<CommandModel>& tree) {
    CaseTable takes_value;
    for (const auto& [pattern, value] : value_options(tree)) {
        takes_value.add(pattern, "");
    }
    std::string out = header("fish");
    out += "# Install as $datadir/fish/vendor_completions.d/bounceback.fish, or in "
           "~/.config/fish/completions.\n";
    out += fmt::format("\n# __bounceback_subcommand PATH WORD: prints the path of subcommand WORD "
                       "of command PATH\n# (\"\" is bounceback itself); fails when there is none.\n"
                       "function __bounceback_subcommand\n    switch \"$argv[1]:$argv[2]\"\n{}"
                       "    end\n    return 1\nend\n",
                       subcommand_table(tree, true).fish_arms());
    out +=
        fmt::format("\n# __bounceback_takes_value PATH OPTION: OPTION of command PATH takes a "
                    "value.\nfunction __bounceback_takes_value\n    switch \"$argv[1]:$argv[2]\"\n"
                    "{}    end\n    return 1\nend\n",
                    takes_value.fish_arms());
    out += k_fish_engine;
    out += "\n# Nothing completes as a file name unless it says so.\ncomplete -c bounceback -f\n";
    for (const auto& command : tree) {
        // Paths are words of [a-z-], so double quotes are enough inside the condition.
        const std::string at = "\"" + command.path + "\"";
        out += fmt::format("\n# bounceback {}\n", command.path.empty() ? "itself" : command.path);
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
    return out;
}

// ---- __complete ------------------------------------------------------------------------------

/// One `value<TAB>description` line; descriptions lose tabs and line breaks.
void print_value(const std::string& value, const std::string& description,
                 const std::string& prefix) {
    if (value.starts_with(prefix)) {
        fmt::print("{}\t{}\n", value, util::truncate_to_width(flattened(description), 60));
    }
}

void complete_rejections(Context& ctx, const std::string& prefix) {
    auto rejections = ctx.store().readable_rejections();
    std::sort(rejections.begin(), rejections.end(),
              [](const Rejection& a, const Rejection& b) { return a.id < b.id; });
    for (const auto& r : rejections) {
        std::string description = r.company;
        if (r.stage) {
            description += ", " + std::string(stage_name(*r.stage));
        }
        description += ", " + util::format_date(r.date);
        print_value(std::to_string(r.id), description, prefix);
    }
}

void complete_wins(Context& ctx, const std::string& prefix) {
    auto wins = ctx.store().readable_wins();
    std::sort(wins.begin(), wins.end(), [](const Win& a, const Win& b) { return a.id < b.id; });
    for (const auto& w : wins) {
        print_value(std::to_string(w.id), util::format_date(w.date) + ": " + w.text, prefix);
    }
}

void complete_reflections(Context& ctx, const std::string& prefix) {
    auto reflections = ctx.store().readable_reflections();
    std::sort(reflections.begin(), reflections.end(),
              [](const Reflection& a, const Reflection& b) { return a.id < b.id; });
    for (const auto& r : reflections) {
        std::string description = util::format_date(r.date);
        description += r.rejection ? ", on rejection " + std::to_string(*r.rejection) : ", general";
        if (!r.next.empty()) {
            description += ": next " + r.next.front();
        }
        print_value(std::to_string(r.id), description, prefix);
    }
}

void complete_habits(Context& ctx, const std::string& prefix) {
    // A config that does not load names no habits we can trust: offer none rather than guess.
    for (const auto& [name, habit] : habits_in_effect(storage::load_config(ctx.paths()))) {
        print_value(name,
                    habit.description.empty() ? fmt::format("{} day{} a week", habit.per_week,
                                                            habit.per_week == 1 ? "" : "s")
                                              : habit.description,
                    prefix);
    }
}

void complete_sources(Context& ctx, const std::string& prefix) {
    // Grouped as stats groups them; a config that does not load groups nothing (no error).
    SourcesConfig config;
    try {
        config = storage::load_config(ctx.paths()).sources;
    } catch (const std::exception&) {
    }
    const SourceBreakdown breakdown =
        source_breakdown(ctx.store().readable_rejections(), config);
    for (const auto& channel : breakdown.channels) {
        print_value(channel.written,
                    fmt::format("{} rejection{}{}", channel.total(), channel.total() == 1 ? "" : "s",
                                channel.personal ? ", personal" : ""),
                    prefix);
    }
}

void complete_templates(Context& ctx, const std::string& prefix) {
    std::map<std::string, std::string> descriptions;
    for (const auto& t : mail::builtin_templates()) {
        descriptions[t.name] = "built-in template";
    }
    // Built-ins first: without a home (or with an unreadable template folder) they still show.
    try {
        for (const auto& t : storage::list_user_templates(ctx.paths())) {
            descriptions[t.name] = descriptions.contains(t.name)
                                       ? "your template (overrides the built-in one)"
                                       : "your template";
        }
    } catch (const std::exception&) {
    }
    for (const auto& [name, description] : descriptions) {
        print_value(name, description, prefix);
    }
}

/// The kinds `__complete` knows (the KIND in `dynamic:KIND`), and what prints each.
constexpr std::pair<std::string_view, void (*)(Context&, const std::string&)> k_completers[] = {
    {"rejections", complete_rejections},   {"wins", complete_wins},
    {"reflections", complete_reflections}, {"habits", complete_habits},
    {"templates", complete_templates},     {"sources", complete_sources},
};

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
        fmt::print("{}", bash_script(tree));
    } else if (args.shell == "zsh") {
        fmt::print("{}", zsh_script(tree));
    } else if (args.shell == "fish") {
        fmt::print("{}", fish_script(tree));
    } else {
        throw Error(ExitCode::usage, "completion: '" + args.shell +
                                         "' is not a shell I can complete for; choose "
                                         "bash, zsh or fish");
    }
    return 0;
}

CLI::App* add_complete_cli(CLI::App& app, CompletionArgs& args) {
    CLI::App* cmd = add_command(app, k_complete_command);
    cmd->add_option("KIND", args.kind, "rejections, wins, reflections, habits or templates");
    cmd->add_option("PREFIX", args.prefix, "Only values that start with PREFIX");
    return cmd;
}

int run_complete(const CompletionArgs& args, Context& ctx) {
    // On every Tab: a message here would land in the middle of the prompt. Anything that goes
    // wrong means fewer values, never an error or a non-zero status.
    try {
        for (const auto& [kind, complete] : k_completers) {
            if (kind == args.kind) {
                complete(ctx, args.prefix);
            }
        }
    } catch (...) {
    }
    return 0;
}

} // namespace bb::cli
