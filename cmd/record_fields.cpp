#include "record_fields.hpp"

#include "options.hpp"

#include <bounceback/core/fields.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <type_traits>

namespace bb::cli {

namespace {

const std::vector<std::string> k_no_values;

int parse_feeling_option(const std::string& option, const std::string& text) {
    std::string reason;
    const auto feeling = parse_feeling(text, &reason);
    if (!feeling) {
        usage_error(option + ": '" + text + "' " + reason);
    }
    return *feeling;
}

/// `value` without the spaces at either end.
std::string trimmed(const std::string& value) {
    return std::string(util::trim(value));
}

/// Refuses (exit 64) `value`, given to `option`, when `reason` says why it breaks a rule.
void refuse_broken(const std::string& option, const std::string& value, const std::string& reason) {
    if (!reason.empty()) {
        // A bidi control echoed back would reorder the message itself.
        usage_error(option + ": " + (find_invisible(value).empty() ? "'" + value + "' " : "") +
                    reason);
    }
}

/// `value` checked by the rule of fields of `type` (check_field_text, as files are read).
std::string checked_as(FieldType type, const std::string& option, const std::string& value) {
    refuse_broken(option, value, check_field_text(type, value));
    return value;
}

/// Applies one field's option value `given` to `r`: in `edit`, "" removes an optional field.
void apply_field(const Field<Rejection>& field, const std::string& given, Rejection& r,
                 util::Date today) {
    const std::string option(field.option);
    // Names are trimmed: "Acme " and "Acme" are one company.
    const std::string value = field.type == FieldType::name ? trimmed(given) : given;
    visit_field(field, r, [&](auto& slot) {
        using T = std::decay_t<decltype(slot)>;
        if constexpr (std::is_same_v<T, std::string>) {
            slot = checked_as(field.type, option, value);
        } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            if (value.empty()) {
                slot.reset();
            } else {
                slot = checked_as(field.type, option, value);
            }
        } else if constexpr (std::is_same_v<T, Date>) {
            slot = parse_entry_date_option(option, value, today);
        } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
            if (value.empty()) {
                slot.reset();
            } else {
                slot = parse_entry_date_option(option, value, today);
            }
        } else if constexpr (std::is_same_v<T, std::optional<Stage>>) {
            if (value.empty()) {
                slot.reset();
            } else {
                slot = parse_stage_option(option, value);
            }
        } else if constexpr (std::is_same_v<T, std::optional<int>>) {
            if (value.empty()) {
                slot.reset();
            } else {
                slot = parse_feeling_option(option, value);
            }
        } else {
            // The table gives options only to the kinds of field above.
            usage_error(option + " cannot be set from the command line");
        }
    });
}

} // namespace

const std::string* FieldOptions::value(std::string_view key) const {
    const auto it = m_one.find(key);
    return it != m_one.end() && it->second ? &*it->second : nullptr;
}

const std::vector<std::string>& FieldOptions::values(std::string_view key) const {
    const auto it = m_many.find(key);
    return it != m_many.end() ? it->second : k_no_values;
}

bool FieldOptions::given(std::string_view key) const {
    return value(key) != nullptr || !values(key).empty();
}

bool FieldOptions::any() const {
    return std::any_of(m_one.begin(), m_one.end(), [](const auto& kv) { return kv.second; }) ||
           std::any_of(m_many.begin(), m_many.end(), [](const auto& kv) { return !kv.second.empty(); });
}

Stage parse_stage_option(const std::string& option, const std::string& value) {
    if (auto stage = parse_stage(util::to_lower(util::trim(value)))) {
        return *stage;
    }
    std::string hint = util::closest_match(util::to_lower(value), stage_names());
    usage_error(option + ": '" + value + "' is not a stage" +
                (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                " (stages, in order: " + util::join(stage_names(), ", ") + ")");
}

std::string checked(const std::string& option, const std::string& value,
                    std::string (*rule)(std::string_view)) {
    refuse_broken(option, value, rule(value));
    return value;
}

void add_field_options(CLI::App* app, FieldOptions& options, bool editing) {
    for (const auto& field : fields_of<Rejection>()) {
        if (field.option.empty()) {
            continue;
        }
        std::string help(field.help);
        if (field.type == FieldType::stage) {
            help += ": " + util::join(stage_names(), ", ");
        }
        if (editing && !field.edit_help.empty()) {
            help = field.edit_help;
        } else if (editing && !field.required) {
            help += " ('' removes it)";
        }
        const std::string key(field.key);
        CLI::Option* option =
            std::holds_alternative<std::vector<std::string>& (*)(Rejection&)>(field.slot)
                ? app->add_option(std::string(field.option), options.m_many[key], help)
                      ->allow_extra_args(false)
                : app->add_option(std::string(field.option), options.m_one[key], help);
        option->type_name(std::string(field.value_name));
    }
}

void refuse_empty_values(const FieldOptions& f) {
    for (const auto& field : fields_of<Rejection>()) {
        // COMPANY and --company are checked together (company_argument).
        if (field.option.empty() || field.key == "company") {
            continue;
        }
        const std::string* value = f.value(field.key);
        const auto& list = f.values(field.key);
        if ((value != nullptr && value->empty()) ||
            std::find(list.begin(), list.end(), "") != list.end()) {
            const std::string wanted =
                value != nullptr ? "a value" : "a " + util::to_lower(field.value_name);
            usage_error(std::string(field.option) + ": '' is empty; give " + wanted +
                        " or leave the option out");
        }
    }
}

void apply_fields(Rejection& r, const FieldOptions& f, util::Date today) {
    for (const auto& field : fields_of<Rejection>()) {
        if (field.option.empty()) {
            continue;
        }
        if (const std::string* value = f.value(field.key)) {
            apply_field(field, *value, r, today);
            continue;
        }
        const auto& list = f.values(field.key);
        if (list.empty()) {
            continue;
        }
        // A list option replaces the list; '' given alone clears it.
        auto& slot = std::get<std::vector<std::string>& (*)(Rejection&)>(field.slot)(r);
        slot.clear();
        for (const auto& item : list) {
            if (!item.empty()) {
                add_tag(slot, checked_as(field.type, std::string(field.option), trimmed(item)));
            }
        }
    }
    if (f.given("date")) {
        r.date_estimated = false; // the day the answer came, as told
    }
}

std::vector<std::pair<std::string, std::string>> given_options(const FieldOptions& f) {
    std::vector<std::pair<std::string, std::string>> given;
    for (const auto& field : fields_of<Rejection>()) {
        if (!field.option.empty() && f.given(field.key)) {
            given.emplace_back(std::string(field.key), std::string(field.option));
        }
    }
    return given;
}

std::vector<std::string> per_entry_options_given(const FieldOptions& f) {
    std::vector<std::string> out;
    for (const auto& field : fields_of<Rejection>()) {
        if (!field.option.empty() && field.per_entry && f.given(field.key)) {
            out.emplace_back(field.option);
        }
    }
    return out;
}

std::string shared_options() {
    std::vector<std::string> out;
    for (const auto& field : fields_of<Rejection>()) {
        if (!field.option.empty() && !field.per_entry) {
            out.emplace_back(field.option);
        }
    }
    return util::join(out, ", ");
}

} // namespace bb::cli
