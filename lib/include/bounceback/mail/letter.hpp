#pragma once
// The letter a person means when they hand bounceback an email: the message itself, or the
// original inside a forward. Forwards are taken apart as Gmail and Thunderbird write them
// ("---------- Forwarded message ---------"), as Outlook does ("-----Original Message-----",
// or a line of underscores, then "From: … Sent: …"), as Apple Mail does ("Begin forwarded
// message:"), in the six languages of languages.hpp, and attached whole (message/rfc822).
// Quoted replies ("> …", "On … wrote:") and the signature are set apart from the letter's own
// words. Pure logic over a parsed message (inbound.hpp).

#include "bounceback/mail/inbound.hpp"

#include <string>
#include <vector>

namespace bb::mail {

/// How a letter reached bounceback.
enum class ForwardStyle {
    none,        ///< as sent to the person
    inline_text, ///< forwarded inline below a marker line (Gmail, Thunderbird, Outlook)
    apple_mail,  ///< "Begin forwarded message:"
    attached,    ///< attached whole as message/rfc822
};

/// A date a letter gives, with where it was found, in the order to try them.
struct LetterDate {
    std::string text;  ///< as written
    std::string where; ///< "Date", "Received", "forwarded Date" …, for `--dry-run`
};

/// The letter to read: sender, subject, dates and text, of the original when forwarded.
struct Letter {
    std::string from_name;
    std::string from_address; ///< "" when the forward names no address
    std::string subject;
    std::string message_id; ///< of the original when attached whole, else of the message
    std::vector<LetterDate> dates;
    std::string text;     ///< everything the letter says
    std::string own_text; ///< without quoted replies, their attribution line and the signature
    ForwardStyle forwarded = ForwardStyle::none;
    std::string forward_marker; ///< the line that showed the forward, for `--dry-run`
    /// The addresses of the person bounceback works for: theirs from config.toml and that of
    /// whoever forwarded the letter. None of them is ever the contact.
    std::vector<std::string> own_addresses;
    std::vector<std::pair<std::string, std::string>> headers; ///< of the message as received
};

/// The letter in `message`. `own_addresses` are the person's own (`[me] email`); the address
/// that forwarded the letter is added to them. A forward is followed only when its header block
/// names a sender; nested forwards are followed up to three deep.
Letter read_letter(const InboundMessage& message,
                   const std::vector<std::string>& own_addresses = {});

/// `subject` without reply and forward prefixes in the six languages ("Re: ", "Fwd: ", "AW: ",
/// "WG: ", "TR: ", "RV: ", "Doorst: ", "Enc: ") and tags such as "[External] ".
std::string_view strip_subject_prefixes(std::string_view subject);

} // namespace bb::mail
