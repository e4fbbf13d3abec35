#pragma once
// MIME entities: header fields and body of a message or part, multipart bodies split at their
// boundaries, and a text part decoded to UTF-8. Internal to lib/mail (inbound.cpp uses it).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bb::mail::detail {

/// One MIME entity: its header fields (raw values, unfolded) and its body, a view into the
/// message so errors can name lines.
struct Entity {
    std::vector<std::pair<std::string, std::string>> headers;
    std::string_view body;

    /// The first header called `name` (case-insensitive), or nullptr.
    const std::string* header(std::string_view name) const;
};

/// The parts of an entity worth reading, in reading order.
struct Parts {
    std::vector<Entity> text;     ///< text/plain and text/html parts that are not attachments
    std::vector<Entity> messages; ///< message/rfc822 parts
};

/// Reads the entities of one message, `raw`, counting lines for errors. Every bound it checks
/// (header size, nesting, part count) throws Error(data) with `line N: what is wrong`.
class MimeReader {
  public:
    explicit MimeReader(std::string_view raw) : m_raw(raw) {}

    /// Throws Error(data) with `line N: message`, N being the line of `at` (a view into raw).
    [[noreturn]] void fail(std::string_view at, const std::string& message) const;

    /// Splits `text` (a view into the message) into header fields and body.
    Entity read_entity(std::string_view text) const;

    /// Collects the parts under `entity` worth reading, following multiparts.
    void collect_parts(const Entity& entity, int depth, Parts* parts);

    /// The content of `part` with its transfer encoding undone (bytes, not yet text).
    std::string decode_transfer(const Entity& part) const;

    /// The text of `part`, decoded to UTF-8 with LF line ends and no control characters but tab.
    std::string decode_text(const Entity& part) const;

  private:
    std::vector<std::string_view> split_multipart(std::string_view body,
                                                  const std::string& boundary,
                                                  const std::string& type) const;
    std::size_t line_of(std::string_view at) const;

    std::string_view m_raw;
    std::size_t m_part_count = 0;
};

} // namespace bb::mail::detail
