#include "mime.hpp"

#include "charset.hpp"
#include "header_fields.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/mail/transfer_encoding.hpp"
#include "bounceback/util/text.hpp"

#include <algorithm>

namespace bb::mail::detail {

namespace {

constexpr std::size_t k_max_header_bytes = 256u << 10; // per header section
constexpr std::size_t k_max_header_fields = 1000;      // per header section
constexpr int k_max_depth = 8;                         // multipart inside multipart …
constexpr std::size_t k_max_parts = 200;               // in the whole message

bool is_wsp(char c) {
    return c == ' ' || c == '\t';
}

/// A short, printable excerpt of `text` for an error message (ASCII only, at most 40 bytes).
std::string excerpt(std::string_view text) {
    std::string out;
    for (char c : text.substr(0, 40)) {
        const auto u = static_cast<unsigned char>(c);
        out += u >= 0x20 && u < 0x7f ? c : '?';
    }
    return text.size() > 40 ? out + "…" : out;
}

bool is_attachment(const Entity& entity) {
    const std::string* disposition = entity.header("Content-Disposition");
    return disposition != nullptr &&
           util::to_lower(util::trim(*disposition)).starts_with("attachment");
}

} // namespace

const std::string* Entity::header(std::string_view name) const {
    return find_field(headers, name);
}

void MimeReader::fail(std::string_view at, const std::string& message) const {
    throw Error(ExitCode::data, "line " + std::to_string(line_of(at)) + ": " + message);
}

std::size_t MimeReader::line_of(std::string_view at) const {
    std::size_t offset = static_cast<std::size_t>(at.data() - m_raw.data());
    offset = std::min(offset, m_raw.size());
    return 1 + static_cast<std::size_t>(
                   std::count(m_raw.begin(), m_raw.begin() + static_cast<long>(offset), '\n'));
}

Entity MimeReader::read_entity(std::string_view text) const {
    Entity entity;
    std::size_t pos = 0;
    std::size_t header_bytes = 0;
    while (pos < text.size()) {
        const auto end = text.find('\n', pos);
        const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
        std::string_view line =
            text.substr(pos, (end == std::string_view::npos ? next : end) - pos);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            entity.body = text.substr(next);
            return entity;
        }
        header_bytes += next - pos;
        if (header_bytes > k_max_header_bytes || entity.headers.size() >= k_max_header_fields) {
            fail(line, "the header section is larger than " +
                           std::to_string(k_max_header_bytes / 1024) + " KiB or " +
                           std::to_string(k_max_header_fields) +
                           " fields; this is not a message bounceback can read");
        }
        if (is_wsp(line.front())) {
            if (entity.headers.empty()) {
                fail(line, "the message starts with a continuation line (white space before "
                           "the first header name)");
            }
            entity.headers.back().second += line;
        } else {
            const auto colon = line.find(':');
            std::string_view name = colon == std::string_view::npos ? line : line.substr(0, colon);
            while (!name.empty() && is_wsp(name.back())) {
                name.remove_suffix(1); // obsolete "Name :" form
            }
            const bool valid_name = colon != std::string_view::npos && !name.empty() &&
                                    std::all_of(name.begin(), name.end(), [](char c) {
                                        const auto u = static_cast<unsigned char>(c);
                                        return u > 0x20 && u < 0x7f;
                                    });
            if (!valid_name) {
                fail(line, "'" + excerpt(line) +
                               "' is not a header field (Name: value); is the blank line "
                               "between the headers and the body missing?");
            }
            entity.headers.emplace_back(std::string(name), std::string(line.substr(colon + 1)));
        }
        pos = next;
    }
    entity.body = text.substr(text.size());
    return entity;
}

void MimeReader::collect_parts(const Entity& entity, int depth, Parts* parts) {
    if (++m_part_count > k_max_parts) {
        fail(entity.body,
             "the message has more than " + std::to_string(k_max_parts) + " MIME parts");
    }
    const std::string* ct_value = entity.header("Content-Type");
    const ContentType ct = parse_content_type(ct_value ? *ct_value : "");
    if (ct.type == "message/rfc822") {
        // Forwarded as an attachment: read it whether or not it is marked as one.
        parts->messages.push_back(entity);
        return;
    }
    if (is_attachment(entity)) {
        return;
    }
    if (ct.type.starts_with("multipart/")) {
        if (depth >= k_max_depth) {
            fail(entity.body,
                 "multipart nested more than " + std::to_string(k_max_depth) + " deep");
        }
        const std::string boundary = ct.param("boundary");
        if (boundary.empty()) {
            fail(entity.body, ct.type + " without a boundary parameter: its parts cannot be found");
        }
        for (std::string_view part : split_multipart(entity.body, boundary, ct.type)) {
            collect_parts(read_entity(part), depth + 1, parts);
        }
        return;
    }
    if (ct.type == "text/plain" || ct.type == "text/html") {
        parts->text.push_back(entity);
    }
}

std::vector<std::string_view> MimeReader::split_multipart(std::string_view body,
                                                          const std::string& boundary,
                                                          const std::string& type) const {
    const std::string delimiter = "--" + boundary;
    std::vector<std::string_view> parts;
    std::size_t part_start = std::string_view::npos;
    std::size_t pos = 0;
    while (pos < body.size()) {
        const auto end = body.find('\n', pos);
        const std::size_t next = end == std::string_view::npos ? body.size() : end + 1;
        std::string_view line = body.substr(pos, next - pos);
        if (line.starts_with(delimiter)) {
            std::string_view rest = line.substr(delimiter.size());
            const bool closing = rest.starts_with("--");
            if (closing) {
                rest.remove_prefix(2);
            }
            if (util::trim(rest).empty()) {
                if (part_start != std::string_view::npos) {
                    // The line break before a delimiter belongs to the delimiter.
                    std::size_t part_end = pos;
                    if (part_end > part_start && body[part_end - 1] == '\n') {
                        --part_end;
                    }
                    if (part_end > part_start && body[part_end - 1] == '\r') {
                        --part_end;
                    }
                    parts.push_back(body.substr(part_start, part_end - part_start));
                }
                if (closing) {
                    return parts;
                }
                part_start = next;
            }
        }
        pos = next;
    }
    if (part_start == std::string_view::npos) {
        fail(body, type + " body has no part marked by its boundary '" + excerpt(boundary) + "'");
    }
    fail(body.substr(body.size()), type + " ends without its closing boundary '--" +
                                       excerpt(boundary) + "--'; is the message cut short?");
}

std::string MimeReader::decode_transfer(const Entity& part) const {
    const std::string* cte_value = part.header("Content-Transfer-Encoding");
    const std::string cte = util::to_lower(util::trim(cte_value ? *cte_value : ""));
    if (cte.empty() || cte == "7bit" || cte == "8bit" || cte == "binary") {
        return std::string(part.body);
    }
    if (cte == "quoted-printable") {
        return decode_quoted_printable(part.body);
    }
    if (cte == "base64") {
        std::size_t bad = 0;
        auto decoded = base64_decode(part.body, &bad);
        if (!decoded) {
            fail(part.body.substr(std::min(bad, part.body.size())),
                 "the base64 text is not valid (a character outside the alphabet, data after "
                 "the padding, or a cut final group)");
        }
        return std::move(*decoded);
    }
    fail(part.body, "unknown Content-Transfer-Encoding '" + excerpt(cte) + "'");
}

std::string MimeReader::decode_text(const Entity& part) const {
    const std::string bytes = decode_transfer(part);
    const std::string* ct_value = part.header("Content-Type");
    const std::string charset = parse_content_type(ct_value ? *ct_value : "").param("charset");
    auto text = to_utf8(bytes, charset);
    if (!text) {
        fail(part.body,
             "the text is in charset '" + excerpt(charset) + "', which this system cannot convert");
    }
    // One kind of line end, and no other control characters but tab.
    std::string out;
    out.reserve(text->size());
    for (std::size_t i = 0; i < text->size(); ++i) {
        const char c = (*text)[i];
        const auto u = static_cast<unsigned char>(c);
        if (c == '\r') {
            if (i + 1 < text->size() && (*text)[i + 1] == '\n') {
                continue;
            }
            out += '\n';
        } else if (c == '\n' || c == '\t' || (u >= 0x20 && u != 0x7f)) {
            out += c;
        }
    }
    return out;
}

} // namespace bb::mail::detail
