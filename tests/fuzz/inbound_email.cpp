// Fuzz target: reading a received email (mail/inbound) and guessing the rejection it tells of
// (mail/rejection_guess), as `bounceback log --from-email` does. The input is the raw message.
//
// Invariants: bad input is refused only with bb::Error; every string of a parsed message is
// valid UTF-8; every guessed field is a value `log` accepts (a line without control characters,
// an address that passes the email check), so a message can never make `log` fail on a field
// rule instead of naming the message.

#include "fuzz_support.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/mail/inbound.hpp"
#include "bounceback/mail/rejection_guess.hpp"
#include "bounceback/util/text.hpp"

#include <cstdlib>

namespace {

void check_utf8(std::string_view value, std::string_view what) {
    BB_FUZZ_CHECK(bb::util::is_valid_utf8(value), std::string(what) + ": " + std::string(value));
}

template <typename Check>
void check_field(const std::optional<bb::mail::Guessed<std::string>>& field, std::string_view what,
                 Check check) {
    if (!field) {
        return;
    }
    const std::string reason = check(field->value);
    BB_FUZZ_CHECK(reason.empty(), std::string(what) + " '" + field->value + "': " + reason);
    check_utf8(field->source, "source of " + std::string(what));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bb::mail::InboundMessage message;
    try {
        message = bb::mail::parse_inbound(bb::fuzz::as_text(data, size));
    } catch (const bb::Error& error) {
        BB_FUZZ_CHECK(std::string_view(error.what()).size() > 0, "an error that says nothing");
        return 0;
    }
    for (const auto& [name, value] : message.headers) {
        check_utf8(name, "header name");
        check_utf8(value, "header value");
    }
    check_utf8(message.from_name, "from_name");
    check_utf8(message.from_address, "from_address");
    check_utf8(message.subject, "subject");
    check_utf8(message.message_id, "message_id");
    check_utf8(message.body, "body");

    const bb::mail::RejectionGuess guess = bb::mail::guess_rejection(message);
    check_field(guess.company, "company", bb::check_line);
    check_field(guess.role, "role", bb::check_line);
    check_field(guess.contact, "contact", bb::check_line);
    check_field(guess.email, "email", bb::check_email);
    check_field(guess.key, "key", bb::check_line);
    return 0;
}
