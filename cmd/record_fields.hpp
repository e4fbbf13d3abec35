#pragma once
// A rejection's fields on the command line: the options of `log` and `log edit`, and how their
// values are checked and applied, all derived from the field table (core/fields.hpp).

#include <bounceback/core/records.hpp>

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb::cli {

/// The values given to the options that set a rejection's fields, one option per field of the
/// table that has one. In `edit`, an empty value removes an optional field and a list option
/// (`--tag`) replaces the list (`--tag ''` clears it).
class FieldOptions {
  public:
    /// The value given for field `key` ("role"), or nullptr when its option was not given.
    const std::string* value(std::string_view key) const;
    /// The values given for list field `key` ("tags"), in order; empty when none.
    const std::vector<std::string>& values(std::string_view key) const;
    /// Whether the option of field `key` was given.
    bool given(std::string_view key) const;
    /// Whether any option was given.
    bool any() const;

  private:
    friend void add_field_options(CLI::App* app, FieldOptions& options, bool editing);
    std::map<std::string, std::optional<std::string>, std::less<>> m_one;
    std::map<std::string, std::vector<std::string>, std::less<>> m_many;
};

/// Adds one option per field to `app` (`log`, or `log edit` when `editing`).
void add_field_options(CLI::App* app, FieldOptions& options, bool editing);

/// Refuses (exit 64) an empty value for any option of `f`: in `log` it is a mistake.
void refuse_empty_values(const FieldOptions& f);

/// Applies the options given in `f` to `r`, checking each value (exit 64 names the option). In
/// `log` every option is new; in `log edit` an empty value removes an optional field.
void apply_fields(Rejection& r, const FieldOptions& f, util::Date today);

/// The fields given, each with the option that gave it ("role", "--role"): for telling which
/// fields of a draft from an email came from the command line.
std::vector<std::pair<std::string, std::string>> given_options(const FieldOptions& f);

/// The options of fields about one entry that were given ("--role"): those that make no sense
/// for every message of a mailbox.
std::vector<std::string> per_entry_options_given(const FieldOptions& f);

/// The options of fields that may be given for every entry logged at once: "--source, --note, …".
std::string shared_options();

/// The stage named `value` (any case, spaces around allowed); an error (exit 64) names `option`
/// and suggests the closest stage.
Stage parse_stage_option(const std::string& option, const std::string& value);

/// `value` checked by `rule`; an error (exit 64) names `option` and echoes the value unless it
/// holds an invisible character.
std::string checked(const std::string& option, const std::string& value,
                    std::string (*rule)(std::string_view));

} // namespace bb::cli
