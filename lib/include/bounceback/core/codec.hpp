#pragma once
// Records to and from TOML tables. The same tables print as JSON, so file keys and --json keys
// are one contract.

#include "bounceback/core/error.hpp"
#include "bounceback/core/records.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>

namespace bb {

/// The table for `rejection`: absent optional fields are omitted, never empty.
toml::table to_toml(const Rejection& rejection);

/// The table for `win`.
toml::table to_toml(const Win& win);

/// The table for `reflection`: empty lists are omitted.
toml::table to_toml(const Reflection& reflection);

/// The table for `checkin`.
toml::table to_toml(const Checkin& checkin);

/// Reads one `[[rejection]]` table from `file` (used only in messages). Throws Error(data) with
/// `FILE:LINE:COL: what is wrong` for a missing or mistyped key, an unknown key, or a value that
/// breaks a field rule.
Rejection rejection_from_toml(const toml::table& table, std::string_view file);

/// Reads one `[[win]]` table from `file`, like rejection_from_toml.
Win win_from_toml(const toml::table& table, std::string_view file);

/// Reads one `[[reflection]]` table from `file`, like rejection_from_toml.
Reflection reflection_from_toml(const toml::table& table, std::string_view file);

/// Reads one `[[checkin]]` table from `file`, like rejection_from_toml.
Checkin checkin_from_toml(const toml::table& table, std::string_view file);

/// The most values, tables and keys one TOML text may make when parsed: 500,000, some fifty
/// thousand records, far more than a month holds. Parsing makes a node of some hundred bytes
/// for each, so without a bound a file of "1,1,1,…" would take forty times its size in memory.
inline constexpr std::size_t k_max_toml_nodes = 500'000;

/// What a TOML text holds outside its strings, found by a scan that does not parse it.
struct TomlShape {
    bool has_comments = false; ///< a '#' outside every string
    /// An upper bound on the values, tables and keys parsing makes: each follows a '=', '[',
    /// ',' or '.' outside strings and comments. Counting stops past `limit` (see toml_shape).
    std::size_t nodes = 0;
    /// Where the count went past the limit (a byte offset), when it did.
    std::optional<std::size_t> over_limit_at;
};

/// The shape of the TOML `text`, counting nodes up to `limit`.
TomlShape toml_shape(std::string_view text, std::size_t limit = k_max_toml_nodes);

/// Parses `text` (read from `file`, named in messages). Throws Error(`code`) with
/// `FILE:LINE:COL: what is wrong`, including for a NUL byte, where toml++ would just stop, and
/// for a text that would make more than k_max_toml_nodes nodes (toml_shape), before parsing it.
toml::table parse_toml_text(std::string_view text, std::string_view file, ExitCode code);

/// The text a person edits for `rejection` in $EDITOR: a comment saying how, then its fields
/// as TOML (without the ID, which cannot change).
std::string rejection_edit_text(const Rejection& rejection);

/// Reads back what a person saved from rejection_edit_text for rejection `id`. nullopt when
/// they emptied it (only comments and blank lines left), which cancels. Throws Error(data) with
/// FILE:LINE:COL for TOML that does not parse, an `id` line, or a field that breaks a rule.
std::optional<Rejection> rejection_from_edit_text(std::string_view text, std::string_view file,
                                                  std::int64_t id);

/// `FILE:LINE:COL` for `where` in `file`, or `FILE` when it has no position.
std::string position(std::string_view file, const toml::source_region& where);

/// `FILE:LINE:COL: message` for `node` in `file`, or `FILE: message` when it has no position.
std::string located(std::string_view file, const toml::source_region& where,
                    std::string_view message);

/// `value` as a TOML date.
toml::date to_toml_date(Date value);

/// `value` printed as JSON (indented, keys in sorted order, dates as "YYYY-MM-DD" strings).
std::string to_json(const toml::node& value);

/// `value` printed as TOML with bounceback's fixed formatting flags.
std::string to_toml_text(const toml::table& value);

} // namespace bb
