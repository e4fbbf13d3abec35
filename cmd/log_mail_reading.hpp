#pragma once
// What log_mail.cpp (one email) and log_mailbox.cpp (an mbox or a Maildir) share: reading one
// message into the entry it would log.

#include "log.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/mail/classify.hpp>
#include <bounceback/mail/email_draft.hpp>
#include <bounceback/mail/inbound.hpp>
#include <bounceback/mail/letter.hpp>

#include <string>
#include <vector>

namespace bb::cli {

/// What bounceback read from one message: the letter, its kind and the entry it would log.
struct Reading {
    mail::Letter letter;
    mail::Classification classification;
    mail::EmailDraft draft;

    bool is_rejection() const { return classification.kind == mail::MailKind::rejection; }
};

/// The person's own addresses: `[me] email` in config.toml.
std::vector<std::string> own_addresses(Context& ctx);

/// Reads `message` (`own`: the person's addresses) into the entry it would log on `today`, with
/// the company and fields given in `args` over what the message says.
Reading read_message(const mail::InboundMessage& message, const LogArgs& args,
                     const std::vector<std::string>& own, util::Date today);

/// The cues that decided a message's kind, as JSON.
toml::array cues_json(const std::vector<mail::Cue>& cues);

/// Logs every rejection in the mbox or Maildir `args` names, all or nothing (--from-mbox,
/// --from-maildir). Returns 0; throws bb::Error.
int log_mailbox(const LogArgs& args, Context& ctx);

} // namespace bb::cli
