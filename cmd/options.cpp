#include "options.hpp"

#include <bounceback/core/error.hpp>
#include <bounceback/core/records.hpp>

namespace bb::cli {

void usage_error(const std::string& message) {
    throw Error(ExitCode::usage, message);
}

util::Date parse_date_option(const std::string& option, const std::string& value,
                             util::Date today) {
    std::string reason;
    if (auto date = util::parse_date(value, today, &reason)) {
        return *date;
    }
    throw Error(ExitCode::usage, option + ": '" + value + "' is not a date: " + reason);
}

util::Date parse_entry_date_option(const std::string& option, const std::string& value,
                                   util::Date today) {
    const util::Date date = parse_date_option(option, value, today);
    if (auto reason = check_entry_date(date, today); !reason.empty()) {
        throw Error(ExitCode::usage, option + ": '" + value + "' " + reason);
    }
    return date;
}

DateRange parse_range_options(const std::optional<std::string>& since,
                              const std::optional<std::string>& until, util::Date today) {
    DateRange range;
    if (since) {
        range.since = parse_date_option("--since", *since, today);
    }
    if (until) {
        range.until = parse_date_option("--until", *until, today);
    }
    if (range.since && range.until && *range.since > *range.until) {
        usage_error("--since " + util::format_date(*range.since) + " is after --until " +
                    util::format_date(*range.until));
    }
    return range;
}

} // namespace bb::cli
