#pragma once
// A span of days, as commands ask for records and reports read them.

#include "bounceback/util/date.hpp"

#include <optional>

namespace bb {

/// An inclusive range of days; an absent end is open.
struct DateRange {
    std::optional<util::Date> since;
    std::optional<util::Date> until;

    bool contains(util::Date date) const {
        return (!since || date >= *since) && (!until || date <= *until);
    }
};

} // namespace bb
