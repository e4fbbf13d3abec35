#pragma once
// Splitting an mbox (Google Takeout's export, mutt, aerc, Thunderbird, Apple Mail's export)
// into its messages as the file streams in, so a mailbox of any size is read in constant
// memory. Pure: the caller reads the file (storage) and feeds it here in pieces.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace bb::mail {

/// One message of an mbox, as found.
struct MboxMessage {
    std::string_view raw;   ///< the message, without its `From ` line; valid during the call
    std::size_t line = 0;   ///< the line of the mbox its `From ` line is on (1-based)
    bool too_large = false; ///< larger than `max_message_bytes`: `raw` holds only its start
};

/// Splits an mbox fed in pieces. A message starts at a line beginning with `From ` that opens
/// the file or follows a blank line (mboxo, mboxrd, mboxcl alike); lines quoted as `>From `
/// (any number of `>`) lose one `>`, as mboxrd writes them. CRLF line ends are kept as they
/// are (the message parser reads both). Memory stays within one message (at most
/// `max_message_bytes`) and one piece.
class MboxSplitter {
  public:
    using Emit = std::function<void(const MboxMessage&)>;

    explicit MboxSplitter(std::size_t max_message_bytes) : m_max(max_message_bytes) {}

    /// Reads the next piece of the file; calls `emit` for each message it completes. Throws
    /// Error(data) naming line 1 when the file does not start with a `From ` line (blank lines
    /// aside): it is not an mbox.
    void feed(std::string_view piece, const Emit& emit);

    /// Ends the file: emits the last message. Throws Error(data) for a file that held no
    /// message at all.
    void finish(const Emit& emit);

    /// How many messages were emitted so far.
    std::size_t count() const { return m_count; }

  private:
    void take_line(std::string_view line, const Emit& emit);
    void emit_current(const Emit& emit);

    std::size_t m_max;
    std::string m_partial;  // a line cut by the end of a piece
    std::string m_current;  // the message being read
    std::size_t m_line = 0; // lines read
    std::size_t m_start_line = 0;
    std::size_t m_count = 0;
    bool m_in_message = false;
    bool m_after_blank = true;
    bool m_too_large = false;
};

} // namespace bb::mail
