#include "context.hpp"

#include <bounceback/core/error.hpp>

namespace bb::cli {

namespace {
util::Date resolve_today() {
    auto env = storage::process_environment();
    if (auto fixed = env("BOUNCEBACK_TODAY")) {
        if (auto date = util::parse_iso_date(*fixed)) {
            return *date;
        }
        throw Error(ExitCode::config,
                    "BOUNCEBACK_TODAY='" + *fixed + "' is not a date (YYYY-MM-DD)");
    }
    return util::local_today();
}
} // namespace

Context::Context(const GlobalOptions& options) : m_options(options), m_ui(options.color) {}

util::Date Context::today() const {
    if (!m_today) {
        m_today = resolve_today();
    }
    return *m_today;
}

const storage::Paths& Context::paths() {
    if (!m_paths) {
        m_paths = storage::resolve_paths(m_options.home, storage::process_environment());
    }
    return *m_paths;
}

storage::Store& Context::store() {
    if (!m_store) {
        m_store = std::make_unique<storage::Store>(paths());
    }
    return *m_store;
}

} // namespace bb::cli
