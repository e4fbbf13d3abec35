#include "bounceback/mail/inbound.hpp"

#include "header_fields.hpp"
#include "mime.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/util/text.hpp"

#include <tuple>

namespace bb::mail {

namespace {

using detail::Entity;
using detail::MimeReader;

/// How deep messages attached to messages are followed (a forward of a forward …).
constexpr int k_max_attached_depth = 3;

/// `raw` without a leading mbox `From ` line, and only up to the next one: in an mbox, a blank
/// line and another `From ` line start the next message (lines of text that begin so are
/// written ">From ").
std::string_view without_envelope(std::string_view raw) {
    if (!raw.starts_with("From ")) {
        return raw;
    }
    const auto end = raw.find('\n');
    raw.remove_prefix(end == std::string_view::npos ? raw.size() : end + 1);
    for (std::string_view separator : {"\n\nFrom ", "\n\r\nFrom "}) {
        if (const auto next = raw.find(separator); next != std::string_view::npos) {
            raw = raw.substr(0, next + 1);
        }
    }
    return raw;
}

InboundMessage parse_message(std::string_view raw, int attached_depth) {
    if (raw.size() > k_max_inbound_bytes) {
        throw Error(ExitCode::data, "line 1: the message is larger than " +
                                        std::to_string(k_max_inbound_bytes >> 20) +
                                        " MiB; is it really one email?");
    }
    MimeReader reader(raw);
    const std::string_view text = without_envelope(raw);
    if (util::trim(text).empty()) {
        reader.fail(text, "the message is empty");
    }
    const Entity top = reader.read_entity(text);
    if (top.headers.empty()) {
        reader.fail(text, "the message has no header fields (From:, Subject: …)");
    }
    InboundMessage message;
    for (const auto& [name, value] : top.headers) {
        message.headers.emplace_back(name, detail::decode_header_text(value));
    }
    if (const std::string* from = top.header("From")) {
        std::tie(message.from_name, message.from_address) = detail::first_mailbox(*from);
    }
    if (const std::string* subject = message.header("Subject")) {
        message.subject = util::join(util::split_words(*subject), " ");
    }
    if (const std::string* date = message.header("Date")) {
        message.date = *date;
    }
    if (const std::string* id = top.header("Message-ID")) {
        message.message_id = detail::parse_message_id(*id);
    }
    detail::Parts parts;
    reader.collect_parts(top, 0, &parts);
    const Entity* chosen = nullptr;
    for (const auto& part : parts.text) {
        const std::string* ct = part.header("Content-Type");
        if (detail::parse_content_type(ct ? *ct : "").type == "text/plain") {
            chosen = &part;
            break;
        }
    }
    if (chosen == nullptr && !parts.text.empty()) {
        chosen = &parts.text.front();
    }
    if (chosen != nullptr) {
        const std::string* ct = chosen->header("Content-Type");
        message.body_type = detail::parse_content_type(ct ? *ct : "").type;
        message.body = reader.decode_text(*chosen);
        if (message.body_type == "text/html") {
            message.body = html_to_text(message.body);
        }
    }
    if (attached_depth < k_max_attached_depth) {
        for (const auto& part : parts.messages) {
            try {
                const std::string inner = reader.decode_transfer(part);
                message.attached.push_back(parse_message(inner, attached_depth + 1));
            } catch (const Error&) {
                // An attached message that cannot be read is left out; the text around it
                // still counts.
            }
        }
    }
    return message;
}

} // namespace

const std::string* InboundMessage::header(std::string_view name) const {
    return detail::find_field(headers, name);
}

InboundMessage parse_inbound(std::string_view raw) {
    return parse_message(raw, 0);
}

} // namespace bb::mail
