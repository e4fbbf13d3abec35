#pragma once
// What every command gets: the resolved folders, the store, today's date, the terminal.

#include "ui.hpp"

#include <bounceback/storage/paths.hpp>
#include <bounceback/storage/store.hpp>
#include <bounceback/util/date.hpp>

#include <memory>
#include <optional>
#include <string>

namespace bb::cli {

/// The global options, as parsed.
struct GlobalOptions {
    std::optional<std::string> home;
    std::string color = "auto";
};

/// Shared state for one run. Folders are resolved on first use, so `--help` and `--version`
/// work even where no home can be found.
class Context {
  public:
    explicit Context(const GlobalOptions& options);

    /// The folders in use (resolving them on first call). Throws bb::Error.
    const storage::Paths& paths();

    /// The store over paths().
    storage::Store& store();

    /// Terminal output and prompts.
    Ui& ui() { return m_ui; }

    /// Today's local date, or BOUNCEBACK_TODAY (YYYY-MM-DD) when set, for demos and tests.
    /// Read on first use, so commands that never need it (`__complete`) cannot fail on it.
    util::Date today() const;

  private:
    GlobalOptions m_options;
    Ui m_ui;
    mutable std::optional<util::Date> m_today;
    std::optional<storage::Paths> m_paths;
    std::unique_ptr<storage::Store> m_store;
};

/// Throws bb::Error(usage) with `message`: a bad option value or a missing argument.
[[noreturn]] void usage_error(const std::string& message);

/// Parses the value of a date option (`option` names it in errors) relative to `today`.
/// Throws bb::Error(usage): "--date: '2026-02-30' is not a date: February 2026 has days 01 to 28".
util::Date parse_date_option(const std::string& option, const std::string& value, util::Date today);

/// Parses the date of something being logged (a rejection, when you applied, feedback, a win, a
/// reflection) like parse_date_option, and refuses one later than the day after `today`
/// (check_entry_date): Error(usage) saying why.
util::Date parse_entry_date_option(const std::string& option, const std::string& value,
                                   util::Date today);

} // namespace bb::cli
