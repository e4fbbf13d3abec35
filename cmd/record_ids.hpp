#pragma once
// The IDs commands take (`log show ID`, `reflect rm ID` …): the short number, or the start of
// the record's permanent identity (its uid), which stays the same when a sync gives the record
// another number.

#include "context.hpp"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace bb::cli {

/// An ID given as the start of a uid, to be looked up once the store can be read.
struct UidPrefix {
    CLI::Option* option; ///< the positional it was given to
    std::string kind;    ///< "rejections", "wins" or "reflections"
    std::string prefix;  ///< as typed
};

/// Lets every ID positional under `app` (those completion_model's table names) take the start of
/// a uid as well as a number: a value of 4 to 36 characters, hexadecimal digits and the hyphens
/// of a uid, with at least one letter or hyphen (all digits is a number). Such a value is noted
/// in `prefixes` and stands as 0 until resolve_uid_prefixes() replaces it.
void accept_uid_prefixes(CLI::App& app, std::vector<UidPrefix>& prefixes);

/// Replaces each noted prefix by the number of the one record of its kind whose uid starts with
/// it (case aside). Throws Error(no_input) when none does, Error(usage) naming the numbers when
/// more than one does.
void resolve_uid_prefixes(const std::vector<UidPrefix>& prefixes, Context& ctx);

} // namespace bb::cli
