#include "bounceback/mail/mbox.hpp"

#include "bounceback/core/error.hpp"

namespace bb::mail {

namespace {

bool is_blank(std::string_view line) {
    return line.empty() || line == "\r";
}

} // namespace

void MboxSplitter::feed(std::string_view piece, const Emit& emit) {
    while (!piece.empty()) {
        const auto end = piece.find('\n');
        if (end == std::string_view::npos) {
            // Keep at most one message's worth of an unfinished line.
            if (m_partial.size() < m_max + 1) {
                m_partial.append(piece.substr(0, m_max + 1 - m_partial.size()));
            }
            return;
        }
        if (m_partial.empty()) {
            take_line(piece.substr(0, end + 1), emit);
        } else {
            if (m_partial.size() < m_max + 1) {
                m_partial.append(piece.substr(0, std::min(end + 1, m_max + 1 - m_partial.size())));
            }
            take_line(m_partial, emit);
            m_partial.clear();
        }
        piece.remove_prefix(end + 1);
    }
}

void MboxSplitter::finish(const Emit& emit) {
    if (!m_partial.empty()) {
        take_line(m_partial, emit);
        m_partial.clear();
    }
    if (m_in_message) {
        emit_current(emit);
        m_in_message = false;
    }
    if (m_count == 0) {
        throw Error(ExitCode::data, "line 1: there is no message in it; is it an mbox file?");
    }
}

void MboxSplitter::take_line(std::string_view line, const Emit& emit) {
    ++m_line;
    std::string_view content = line;
    if (!content.empty() && content.back() == '\n') {
        content.remove_suffix(1);
    }
    if (m_after_blank && content.starts_with("From ")) {
        if (m_in_message) {
            emit_current(emit);
        }
        m_in_message = true;
        m_start_line = m_line;
        m_current.clear();
        m_too_large = false;
        m_after_blank = false;
        return;
    }
    m_after_blank = is_blank(content);
    if (!m_in_message) {
        if (m_after_blank) {
            return; // blank lines before the first message
        }
        throw Error(ExitCode::data,
                    "line " + std::to_string(m_line) +
                        ": an mbox starts each message with a 'From ' line, and this file does "
                        "not; is it one message (use --from-email) or a Maildir folder "
                        "(--from-maildir)?");
    }
    // mboxrd: ">From " lines (and ">>From " …) were quoted by one '>' when written.
    std::size_t quotes = 0;
    while (quotes < line.size() && line[quotes] == '>') {
        ++quotes;
    }
    if (quotes > 0 && line.substr(quotes).starts_with("From ")) {
        line.remove_prefix(1);
    }
    if (m_current.size() + line.size() > m_max) {
        m_too_large = true;
        return;
    }
    m_current.append(line);
}

void MboxSplitter::emit_current(const Emit& emit) {
    // The blank line before the next "From " belongs to the separator.
    std::string_view raw = m_current;
    if (raw.ends_with("\r\n\r\n")) {
        raw.remove_suffix(2);
    } else if (raw.ends_with("\n\n")) {
        raw.remove_suffix(1);
    }
    ++m_count;
    emit(MboxMessage{raw, m_start_line, m_too_large});
}

} // namespace bb::mail
