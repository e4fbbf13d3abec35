#include "ui.hpp"

#include <bounceback/core/error.hpp>
#include <bounceback/util/text.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fmt/core.h>
#include <iostream>
#include <fcntl.h>
#include <unistd.h>

namespace bb::cli {

namespace {
bool env_set(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0';
}

/// A word only this process knows, written after the ESC of each colour code Ui paints: show()
/// lets an ESC through only when the word follows it, so no text from outside, which cannot
/// know the word, gets an escape sequence to the terminal.
const std::string& colour_key() {
    static const std::string key = util::random_word(24);
    return key;
}

/// ESC followed by the colour key: how a colour code Ui painted starts.
const std::string& painted_escape() {
    static const std::string marker = "\x1b" + colour_key();
    return marker;
}

void write_all(std::FILE* stream, std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stream);
}
} // namespace

void show(std::FILE* stream, std::string_view text) {
    const std::string& marker = painted_escape();
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const auto at = text.find(marker);
        out += util::escape_controls(text.substr(0, at));
        if (at == std::string_view::npos) {
            break;
        }
        out += '\x1b';
        text.remove_prefix(at + marker.size());
    }
    write_all(stream, out);
}

void print_exact(std::string_view text) {
    write_all(stdout, text);
}

Ui::Ui(std::string_view color) {
    const bool out_tty = ::isatty(STDOUT_FILENO) == 1;
    m_err_tty = ::isatty(STDERR_FILENO) == 1;
    m_interactive = out_tty && ::isatty(STDIN_FILENO) == 1;
    if (color == "always") {
        m_color = true;
    } else if (color == "auto") {
        const char* term = std::getenv("TERM");
        m_color = out_tty && !env_set("NO_COLOR") &&
                  !(term != nullptr && std::string_view(term) == "dumb");
    }
}

std::string Ui::paint(std::string_view code, std::string_view text) const {
    if (!m_color) {
        return std::string(text);
    }
    const std::string& escape = painted_escape();
    return fmt::format("{}[{}m{}{}[0m", escape, code, text, escape);
}

std::string Ui::bold(std::string_view text) const {
    return paint("1", text);
}
std::string Ui::dim(std::string_view text) const {
    return paint("2", text);
}
std::string Ui::good(std::string_view text) const {
    return paint("32", text);
}
std::string Ui::warm(std::string_view text) const {
    return paint("33", text);
}
std::string Ui::calm(std::string_view text) const {
    return paint("36", text);
}
std::string Ui::bad(std::string_view text) const {
    return paint("31", text);
}

std::optional<std::string> Ui::ask(std::string_view question, std::string_view suggestion) {
    if (suggestion.empty()) {
        say("{} ", question);
    } else {
        say("{} [{}] ", question, suggestion);
    }
    std::fflush(stdout);
    std::string line;
    if (!std::getline(std::cin, line)) {
        say("\n");
        return std::nullopt;
    }
    std::string answer(util::trim(line));
    return answer.empty() ? std::string(suggestion) : answer;
}

void Ui::print_table(const std::vector<std::vector<std::string>>& rows,
                     std::size_t max_cell_width) const {
    // Escaped before the columns are measured, so an escape takes the room it is shown in.
    std::vector<std::vector<std::string>> shown_rows;
    for (const auto& row : rows) {
        auto& cells = shown_rows.emplace_back();
        for (const auto& cell : row) {
            cells.push_back(util::escape_controls(cell));
        }
    }
    const auto lines = util::render_table(shown_rows, max_cell_width);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        say("{}\n", i == 0 ? bold(lines[i]) : lines[i]);
    }
}

bool Ui::confirm_removal(const std::string& what, std::string_view note, bool assume_yes) {
    if (assume_yes) {
        return true;
    }
    if (!m_interactive) {
        throw Error(ExitCode::usage, "not removing " + what + " without confirmation: add --yes");
    }
    return confirm(fmt::format("Remove {}? {}", what, note), false);
}

bool Ui::confirm(std::string_view question, bool fallback) {
    auto answer = ask(fmt::format("{} {}", question, fallback ? "[Y/n]" : "[y/N]"), "");
    if (!answer || answer->empty()) {
        return fallback;
    }
    const std::string lowered = util::to_lower(*answer);
    return lowered == "y" || lowered == "yes";
}

namespace {
volatile std::sig_atomic_t g_interrupted = 0;
volatile std::sig_atomic_t g_null_input = -1;
extern "C" void note_interrupt(int) {
    g_interrupted = 1;
    // A read about to start would wait for a line that never comes: from now on standard input
    // is at its end, so the question returns (dup2 is safe in a signal handler).
    if (g_null_input >= 0) {
        ::dup2(g_null_input, STDIN_FILENO);
    }
}
} // namespace

int end_input_on_signal() {
    if (g_null_input < 0) {
        g_null_input = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    }
    return g_null_input;
}

InterruptCatcher::InterruptCatcher() {
    end_input_on_signal();
    struct sigaction catcher {};
    catcher.sa_handler = note_interrupt;
    sigemptyset(&catcher.sa_mask);
    catcher.sa_flags = 0; // no SA_RESTART: a read waiting for an answer returns
    g_interrupted = 0;
    sigaction(SIGINT, &catcher, &m_previous);
}

InterruptCatcher::~InterruptCatcher() {
    sigaction(SIGINT, &m_previous, nullptr);
}

bool InterruptCatcher::interrupted() const {
    return g_interrupted != 0;
}

void InterruptCatcher::end_as_interrupted() {
    std::fflush(stdout);
    std::fflush(stderr);
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
    std::_Exit(130); // not reached
}

void ProgressBar::update(std::size_t done, std::size_t total) {
    if (!m_show || total == 0) {
        return;
    }
    const int percent = static_cast<int>(std::min(done, total) * 100 / total);
    if (percent == m_percent) {
        return;
    }
    m_percent = percent;
    constexpr int k_width = 30;
    const int filled = percent * k_width / 100;
    // Drawn in place with CR, so written as it is; the label is escaped like all shown text.
    write_all(stderr, fmt::format("\r{} [{}{}] {:3}%", util::escape_controls(m_label),
                                  std::string(filled, '#'), std::string(k_width - filled, '.'),
                                  percent));
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressBar::finish() {
    if (m_drawn) {
        write_all(stderr, "\r\x1b[K"); // back to the start of the line, and clear it
        std::fflush(stderr);
        m_drawn = false;
    }
}

} // namespace bb::cli
