#pragma once
// What the completion scripts know of the command line, read from the CLI11 command tree: every
// visible command with its subcommands, options and positionals, and how each value completes.

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace bb::cli {

/// How the value of an option or a positional is completed.
struct ValueSource {
    enum class Type { free_text, words, files, directories, dynamic };
    Type type = Type::free_text;
    std::vector<std::string> words; ///< Type::words: the values
    std::string kind;               ///< Type::dynamic: the KIND passed to `__complete`

    /// For the bash and zsh scripts: "", "words:a b c", "files", "dirs" or "dynamic:KIND".
    std::string encoded() const;
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

/// `root` and every visible command under it, depth first (root first), without hidden
/// subcommands and options.
std::vector<CommandModel> command_tree(const CLI::App& root);

/// A description with its line breaks and tabs turned into single spaces, as every shell wants.
std::string flattened(std::string_view text);

/// What the positional `positional` of the command `command` ("log show") takes from the
/// person's files: "rejections", "wins", "reflections" or "habits"; "" for anything else. The
/// one table of them: completion and the IDs commands accept (record_ids.hpp) read it.
std::string_view positional_kind(std::string_view command, std::string_view positional);

} // namespace bb::cli
