// Fuzz target: reading received mail as `bounceback log --from-email/--from-mbox` does. The input
// is raw mail: one message, or an mbox of several. It is split as an mbox (mail/mbox), in pieces
// of a size the input picks and in one piece; each message (or the whole input, when it is not
// an mbox) is parsed (mail/inbound), taken out of any forward (mail/letter), classified
// (mail/classify), guessed (mail/rejection_guess) and drafted (mail/email_draft).
//
// Invariants: bad input is refused only with bb::Error; an mbox splits into the same messages
// whatever the size of the pieces it arrives in, each no larger than the limit and together no
// larger than the input; every string of a parsed message and of its letter is valid UTF-8;
// every guessed field is a value `log` accepts (a line without control characters, an address
// that passes the email check), and a drafted entry with a company passes the record rules, so
// a message can never make `log` fail on a field rule instead of naming the message; the
// classification always explains itself.

#include "fuzz_support.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/mail/classify.hpp"
#include "bounceback/mail/email_draft.hpp"
#include "bounceback/mail/inbound.hpp"
#include "bounceback/mail/letter.hpp"
#include "bounceback/mail/mbox.hpp"
#include "bounceback/mail/rejection_guess.hpp"
#include "bounceback/util/text.hpp"

#include <chrono>
#include <optional>
#include <vector>

namespace {

/// The largest message the target lets through the splitter: small, so the limit is reached.
constexpr std::size_t k_max_message = 64u << 10;

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

/// Everything `log --from-email` does with one message, with the invariants above.
void read_one(std::string_view raw) {
    bb::mail::InboundMessage message;
    try {
        message = bb::mail::parse_inbound(raw);
    } catch (const bb::Error& error) {
        BB_FUZZ_CHECK(std::string_view(error.what()).size() > 0, "an error that says nothing");
        return;
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

    const bb::mail::Letter letter = bb::mail::read_letter(message, {"me@example.org"});
    check_utf8(letter.from_name, "letter from_name");
    check_utf8(letter.from_address, "letter from_address");
    check_utf8(letter.subject, "letter subject");
    check_utf8(letter.text, "letter text");
    check_utf8(letter.own_text, "letter own_text");
    for (const auto& date : letter.dates) {
        check_utf8(date.text, "letter date");
    }

    const bb::mail::Classification kind = bb::mail::classify(letter);
    check_utf8(kind.why, "why");
    BB_FUZZ_CHECK(!kind.why.empty(), "a classification without a why");
    for (const auto& cue : kind.cues) {
        check_utf8(cue.phrase, "cue");
    }

    const bb::mail::RejectionGuess guess = bb::mail::guess_rejection(letter);
    check_field(guess.company, "company", bb::check_line);
    check_field(guess.role, "role", bb::check_line);
    check_field(guess.contact, "contact", bb::check_line);
    check_field(guess.email, "email", bb::check_email);
    check_field(guess.key, "key", bb::check_line);
    BB_FUZZ_CHECK(!guess.contact ||
                      bb::util::to_lower(guess.email ? guess.email->value : "") != "me@example.org",
                  "the person's own address as the contact");

    using namespace std::chrono;
    const auto draft = bb::mail::draft_from_email(guess, bb::Date{2026y / 12 / 7}, {});
    if (!draft.rejection.company.empty()) {
        const std::string reason = bb::check_rejection(draft.rejection);
        BB_FUZZ_CHECK(reason.empty(), "a drafted entry log refuses: " + reason);
    }
}

struct Split {
    std::vector<std::string> messages;
    bool refused = false;
};

/// `text` split as an mbox, fed in pieces of `piece` bytes.
Split split_mbox(std::string_view text, std::size_t piece) {
    Split out;
    bb::mail::MboxSplitter splitter(k_max_message);
    const auto emit = [&](const bb::mail::MboxMessage& m) {
        BB_FUZZ_CHECK(m.raw.size() <= k_max_message, "a message over the limit");
        out.messages.emplace_back(m.raw);
    };
    try {
        for (std::size_t at = 0; at < text.size(); at += piece) {
            splitter.feed(text.substr(at, piece), emit);
        }
        splitter.finish(emit);
    } catch (const bb::Error&) {
        out.refused = true;
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = bb::fuzz::as_text(data, size);
    const std::size_t piece = size == 0 ? 1 : 1 + static_cast<unsigned char>(text[0]) % 97;
    const Split whole = split_mbox(text, text.size() + 1);
    const Split pieces = split_mbox(text, piece);
    BB_FUZZ_CHECK(whole.refused == pieces.refused && whole.messages == pieces.messages,
                  "an mbox split differently when it came in pieces of " + std::to_string(piece));
    std::size_t total = 0;
    for (const auto& m : whole.messages) {
        total += m.size();
    }
    BB_FUZZ_CHECK(total <= text.size(), "messages larger than the mbox they came from");
    if (whole.refused || whole.messages.empty()) {
        read_one(text);
        return 0;
    }
    for (const auto& message : whole.messages) {
        read_one(message);
    }
    return 0;
}
