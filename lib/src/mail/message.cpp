#include "bounceback/mail/message.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/mail/encode.hpp"
#include "bounceback/util/text.hpp"

#include <random>

namespace bb::mail {

namespace {

/// Splits at commas outside quotes and angle brackets.
std::vector<std::string> split_list(std::string_view value) {
    std::vector<std::string> out;
    std::string current;
    bool quoted = false;
    bool angle = false;
    bool escaped = false;
    for (char c : value) {
        if (escaped) {
            escaped = false;
        } else if (c == '\\' && quoted) {
            escaped = true;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == '<' && !quoted) {
            angle = true;
        } else if (c == '>' && !quoted) {
            angle = false;
        } else if (c == ',' && !quoted && !angle) {
            out.push_back(current);
            current.clear();
            continue;
        }
        current += c;
    }
    out.push_back(current);
    return out;
}

std::string unquote(std::string_view name) {
    name = util::trim(name);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
        std::string out;
        for (std::size_t i = 1; i + 1 < name.size(); ++i) {
            if (name[i] == '\\' && i + 2 < name.size()) {
                ++i;
            }
            out += name[i];
        }
        return out;
    }
    return std::string(name);
}

void refuse_injection(std::string_view header, std::string_view value) {
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
        throw Error(ExitCode::data, "header injection refused: the " + std::string(header) +
                                        " header would contain a line break or NUL; nothing was "
                                        "written");
    }
}

void refuse_injection(std::string_view header, const Mailbox& box) {
    refuse_injection(header, box.name);
    refuse_injection(header, box.address);
}

std::string mailbox_text(const Mailbox& box) {
    return box.name.empty() ? box.address : display_name(box.name) + " <" + box.address + ">";
}

std::string address_header(std::string_view name, const std::vector<Mailbox>& boxes) {
    const std::size_t used = name.size() + 2;
    std::string out = std::string(name) + ": ";
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        refuse_injection(name, boxes[i]);
        out += (i > 0 ? ",\r\n " : "") +
               encode_mailbox(boxes[i].name, boxes[i].address, i > 0 ? 1 : used);
    }
    return out + "\r\n";
}

} // namespace

std::vector<Mailbox> parse_mailboxes(std::string_view value, std::string_view what) {
    // A line break here is an attempt to add headers, not a typo in an address.
    refuse_injection(what, value);
    std::vector<Mailbox> out;
    for (const auto& item : split_list(value)) {
        const std::string_view text = util::trim(item);
        if (text.empty()) {
            continue;
        }
        Mailbox box;
        const auto open = text.rfind('<');
        if (open != std::string_view::npos && text.back() == '>') {
            box.name = unquote(text.substr(0, open));
            box.address = std::string(util::trim(text.substr(open + 1, text.size() - open - 2)));
        } else {
            box.address = std::string(text);
        }
        if (auto reason = check_email(box.address); !reason.empty()) {
            throw Error(ExitCode::usage, std::string(what) + ": '" + box.address + "' " + reason);
        }
        if (!is_ascii(box.address)) {
            throw Error(ExitCode::usage, std::string(what) + ": '" + box.address +
                                             "' has non-ASCII characters; use an ASCII address");
        }
        if (auto reason = box.name.empty() ? "" : check_line(box.name); !reason.empty()) {
            throw Error(ExitCode::data, std::string(what) +
                                            ": header injection refused: the name '" + box.name +
                                            "' " + reason);
        }
        out.push_back(std::move(box));
    }
    return out;
}

std::string format_text(const Message& message) {
    std::string out;
    auto list = [](const std::vector<Mailbox>& boxes) {
        std::vector<std::string> parts;
        for (const auto& b : boxes) {
            parts.push_back(mailbox_text(b));
        }
        return util::join(parts, ", ");
    };
    if (!message.to.empty()) {
        out += "To: " + list(message.to) + "\n";
    }
    if (!message.cc.empty()) {
        out += "Cc: " + list(message.cc) + "\n";
    }
    out += "Subject: " + message.subject + "\n\n" + message.body;
    if (!out.ends_with('\n')) {
        out += '\n';
    }
    return out;
}

std::string format_eml(const Message& message, std::time_t when, std::string_view message_id) {
    refuse_injection("Subject", message.subject);
    refuse_injection("Message-ID", message_id);
    std::string out = "Date: " + rfc5322_date(when) + "\r\n";
    if (message.from) {
        out += address_header("From", {*message.from});
    }
    if (!message.to.empty()) {
        out += address_header("To", message.to);
    }
    if (!message.cc.empty()) {
        out += address_header("Cc", message.cc);
    }
    out += "Subject: " + encode_unstructured(message.subject, 9) + "\r\n";
    out += "Message-ID: <" + std::string(message_id) + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=utf-8\r\n";
    if (fits_7bit(message.body)) {
        out += "Content-Transfer-Encoding: 7bit\r\n\r\n" + crlf_lines(message.body);
    } else {
        out +=
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quoted_printable(message.body);
    }
    return out;
}

std::string format_mailto(const Message& message) {
    refuse_injection("Subject", message.subject);
    auto addresses = [](std::string_view header, const std::vector<Mailbox>& boxes) {
        std::vector<std::string> parts;
        for (const auto& b : boxes) {
            refuse_injection(header, b);
            // '@' may stay as it is in an addr-spec (RFC 6068 section 2).
            std::string encoded;
            for (const auto& piece : util::split_at(b.address, '@')) {
                encoded += (encoded.empty() ? "" : "@") + percent_encode(piece);
            }
            parts.push_back(encoded);
        }
        return util::join(parts, ",");
    };
    std::string out = "mailto:" + addresses("To", message.to);
    out += "?subject=" + percent_encode(message.subject);
    if (!message.cc.empty()) {
        out += "&cc=" + addresses("Cc", message.cc);
    }
    out += "&body=" + percent_encode(crlf_lines(message.body));
    return out;
}

std::string make_message_id(std::time_t when, std::string_view from_address) {
    const auto at = from_address.find('@');
    const std::string domain = at == std::string_view::npos
                                   ? "bounceback.invalid"
                                   : std::string(from_address.substr(at + 1));
    std::random_device device;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%lld.%08x%08x", static_cast<long long>(when), device(),
                  device());
    return std::string(buffer) + "@" + domain;
}

} // namespace bb::mail
