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

} // namespace bb::cli
