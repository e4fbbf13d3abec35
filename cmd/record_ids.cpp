#include "record_ids.hpp"

#include "completion_model.hpp"

#include <bounceback/core/error.hpp>
#include <bounceback/util/text.hpp>
#include <bounceback/util/uuid.hpp>

#include <algorithm>

namespace bb::cli {

namespace {

bool numbered_kind(std::string_view kind) {
    return kind == "rejections" || kind == "wins" || kind == "reflections";
}

bool looks_like_uid_prefix(const std::string& value) {
    return util::is_uuid_prefix(value) &&
           !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void walk(CLI::App& app, const std::string& path, std::vector<UidPrefix>& prefixes) {
    for (CLI::Option* option : app.get_options()) {
        if (!option->get_positional()) {
            continue;
        }
        const std::string kind(positional_kind(path, option->get_single_name()));
        if (!numbered_kind(kind)) {
            continue;
        }
        option->transform(
            CLI::Validator(
                [option, kind, &prefixes](std::string& value) -> std::string {
                    if (looks_like_uid_prefix(value)) {
                        prefixes.push_back(UidPrefix{option, kind, value});
                        value = "0";
                    }
                    return {};
                },
                "", ""),
            "uid prefix");
    }
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), prefixes);
    }
}

/// The numbers of the records in `records` whose uid starts with `prefix`.
template <typename Record>
std::vector<std::int64_t> numbers_with(const std::vector<Record>& records, const std::string& prefix) {
    const std::string lower = util::to_lower(prefix);
    std::vector<std::int64_t> out;
    for (const auto& r : records) {
        if (r.uid && r.uid->starts_with(lower)) {
            out.push_back(r.id);
        }
    }
    return out;
}

} // namespace

void accept_uid_prefixes(CLI::App& app, std::vector<UidPrefix>& prefixes) {
    walk(app, "", prefixes);
}

void resolve_uid_prefixes(const std::vector<UidPrefix>& prefixes, Context& ctx) {
    for (const auto& p : prefixes) {
        std::vector<std::int64_t> numbers;
        std::string noun;
        if (p.kind == "rejections") {
            numbers = numbers_with(ctx.store().rejections(), p.prefix);
            noun = "rejection";
        } else if (p.kind == "wins") {
            numbers = numbers_with(ctx.store().wins(), p.prefix);
            noun = "win";
        } else {
            numbers = numbers_with(ctx.store().reflections(), p.prefix);
            noun = "reflection";
        }
        if (numbers.empty()) {
            throw Error(ExitCode::no_input, "no " + noun + " has an identity (uid) that starts with '" +
                                                p.prefix + "'");
        }
        if (numbers.size() > 1) {
            std::vector<std::string> listed;
            for (const auto n : numbers) {
                listed.push_back(std::to_string(n));
            }
            throw Error(ExitCode::usage, "'" + p.prefix + "' starts the identity of more than one " +
                                             noun + " (" + util::join(listed, ", ") +
                                             "); type more of it, or the number");
        }
        p.option->clear();
        p.option->add_result(std::to_string(numbers.front()));
        p.option->run_callback();
    }
}

} // namespace bb::cli
