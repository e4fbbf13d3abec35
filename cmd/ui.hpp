#pragma once
// The one place that knows about colour, terminals and prompts, and the one way text reaches
// people: say() and say_err().

#include <cstdio>
#include <fmt/core.h>
#include <csignal>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bb::cli {

/// Writes `text` for a person to `stream` (stdout or stderr) with every control character, bidi
/// control and byte that is not UTF-8 shown as a visible escape (util::escape_controls: `\x1b`,
/// `\u202e`), newline and tab excepted, and only the colours Ui painted let through. Everything a
/// person reads goes through here, so nothing a stranger wrote (an email's From:, a company from
/// a Subject, a file name in the data folder) can move the cursor, retitle the window, write to
/// the clipboard or reorder what is shown.
void show(std::FILE* stream, std::string_view text);

/// Formats like fmt::format and prints the result for a person on stdout (see show()).
template <typename... Args> void say(fmt::format_string<Args...> format, Args&&... args) {
    show(stdout, fmt::format(format, std::forward<Args>(args)...));
}

/// Formats like fmt::format and prints the result for a person on stderr (see show()).
template <typename... Args> void say_err(fmt::format_string<Args...> format, Args&&... args) {
    show(stderr, fmt::format(format, std::forward<Args>(args)...));
}

/// Prints `text` on stdout exactly as it is: machine output only (JSON, which escapes control
/// characters itself; CSV; IDs; completion scripts; an email message), read by programs.
void print_exact(std::string_view text);

/// Terminal output helpers. Colour is on only when asked (`--color always`) or when stdout is a
/// terminal, NO_COLOR is unset or empty and TERM is not "dumb" (`--color auto`).
class Ui {
  public:
    /// `color` is "auto", "always" or "never".
    explicit Ui(std::string_view color);

    /// True when stdin and stdout are both terminals, so a question can be asked.
    bool interactive() const { return m_interactive; }

    /// True when colour escapes are written.
    bool color() const { return m_color; }

    /// True when standard error is a terminal, so progress can be drawn there.
    bool progress_visible() const { return m_err_tty; }

    std::string bold(std::string_view text) const;
    std::string dim(std::string_view text) const;
    std::string good(std::string_view text) const; ///< green: done, saved
    std::string warm(std::string_view text) const; ///< yellow: attention, kindly
    std::string calm(std::string_view text) const; ///< cyan: rest, a planned pause
    std::string bad(std::string_view text) const;  ///< red: errors only

    /// Prints `rows` as an aligned table (util::render_table, cells cut at `max_cell_width`
    /// columns), the first row in bold as the header.
    void print_table(const std::vector<std::vector<std::string>>& rows,
                     std::size_t max_cell_width = 32) const;

    /// Whether to go ahead and remove `what` ("rejection 3 (Acme)"): yes with `assume_yes`
    /// (--yes); on a terminal, asks `Remove WHAT? NOTE`; elsewhere throws Error(usage) asking for
    /// --yes, so a script never removes anything by accident.
    bool confirm_removal(const std::string& what, std::string_view note, bool assume_yes);

    /// Asks a yes/no `question` on the terminal; `fallback` on an empty answer or EOF.
    bool confirm(std::string_view question, bool fallback);

    /// Asks for a line of text, showing `suggestion` as the answer taken on Enter. nullopt on EOF.
    std::optional<std::string> ask(std::string_view question, std::string_view suggestion);

  private:
    std::string paint(std::string_view code, std::string_view text) const;

    bool m_color = false;
    bool m_interactive = false;
    bool m_err_tty = false;
};

/// Opens (once) what a signal handler puts on standard input so that a question waiting for an
/// answer returns as at the end of input: dup2 of the returned descriptor onto 0 is safe in a
/// handler, and closes the gap between checking a flag and starting to read.
int end_input_on_signal();

/// Catches Ctrl-C (SIGINT) while it lives, so that a question waiting for an answer returns as
/// at the end of input, and the command can say what it leaves unsaved before it ends.
class InterruptCatcher {
  public:
    InterruptCatcher();
    ~InterruptCatcher();
    InterruptCatcher(const InterruptCatcher&) = delete;
    InterruptCatcher& operator=(const InterruptCatcher&) = delete;

    /// True once Ctrl-C was pressed.
    bool interrupted() const;

    /// Ends the process as Ctrl-C would have (so a shell sees it), once the command has said
    /// what it needed to.
    [[noreturn]] void end_as_interrupted();

  private:
    struct sigaction m_previous {};
};

/// A progress bar on standard error for work that takes a while: `LABEL [#####.....]  45%`,
/// redrawn in place only when the percentage moves, erased when done or destroyed. It draws
/// nothing unless `show` (stderr is a terminal and the work is large enough to watch), so
/// pipes and logs never see it.
class ProgressBar {
  public:
    ProgressBar(std::string label, bool show) : m_label(std::move(label)), m_show(show) {}
    ~ProgressBar() { finish(); }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    /// Shows `done` of `total`.
    void update(std::size_t done, std::size_t total);

    /// Erases the bar (once).
    void finish();

  private:
    std::string m_label;
    bool m_show;
    bool m_drawn = false;
    int m_percent = -1;
};

} // namespace bb::cli
