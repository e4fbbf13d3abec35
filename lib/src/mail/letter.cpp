#include "bounceback/mail/letter.hpp"

#include "header_fields.hpp"
#include "languages.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <optional>
#include <unordered_set>

namespace bb::mail {

namespace {

using detail::Language;
using detail::languages;

/// How many forwards inside forwards are followed.
constexpr int k_max_forward_depth = 3;

/// The header names above a forwarded original, by what they hold.
enum class Field { none, from, date, subject, to };

/// The words of one list of every language, folded, to look words up in.
using WordSet = std::unordered_set<std::string>;

template <typename Pick> WordSet collect(Pick pick) {
    WordSet set;
    for (const Language* language : languages()) {
        for (std::string_view word : pick(*language)) {
            set.insert(util::fold_case_and_accents(word));
        }
    }
    return set;
}

/// The lists letter.cpp looks words up in, from every language, built once.
struct Vocabulary {
    WordSet forward_markers = collect([](const Language& l) { return l.forward_markers; });
    WordSet apple_forward_markers =
        collect([](const Language& l) { return l.apple_forward_markers; });
    WordSet original_markers = collect([](const Language& l) { return l.original_markers; });
    WordSet wrote = collect([](const Language& l) { return l.wrote_words; });
    WordSet from = collect([](const Language& l) { return l.from_fields; });
    WordSet date = collect([](const Language& l) { return l.date_fields; });
    WordSet subject = collect([](const Language& l) { return l.subject_fields; });
    WordSet to = collect([](const Language& l) { return l.to_fields; });
    WordSet forward_prefixes = collect([](const Language& l) { return l.forward_prefixes; });
    WordSet reply_prefixes = collect([](const Language& l) { return l.reply_prefixes; });
};

const Vocabulary& vocabulary() {
    static const Vocabulary k_vocabulary;
    return k_vocabulary;
}

/// `line` without a quote prefix ("> ", ">> "), bullets and markdown stars, trimmed.
std::string_view unquoted(std::string_view line, int* depth = nullptr) {
    int levels = 0;
    line = util::trim(line);
    while (!line.empty() && line.front() == '>') {
        line.remove_prefix(1);
        line = util::trim(line);
        ++levels;
    }
    while (!line.empty() && line.front() == '*') {
        line.remove_prefix(1); // "*From:* Acme" as some mailers render bold in plain text
    }
    if (depth != nullptr) {
        *depth = levels;
    }
    return util::trim(line);
}

/// A header line above a forwarded or quoted original: which field, and its value.
struct FieldLine {
    Field field = Field::none;
    std::string name; ///< as written
    std::string value;
};

FieldLine field_line(std::string_view line) {
    line = unquoted(line);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 24) {
        return {};
    }
    std::string_view raw_name = util::trim(line.substr(0, colon));
    std::string name(raw_name);
    name.erase(std::remove(name.begin(), name.end(), '*'), name.end());
    const std::string folded = util::fold_case_and_accents(util::trim(name));
    std::string value(util::trim(line.substr(colon + 1)));
    value.erase(std::remove(value.begin(), value.end(), '*'), value.end());
    FieldLine out{Field::none, std::string(util::trim(name)), std::string(util::trim(value))};
    if (vocabulary().from.contains(folded)) {
        out.field = Field::from;
    } else if (vocabulary().date.contains(folded)) {
        out.field = Field::date;
    } else if (vocabulary().subject.contains(folded)) {
        out.field = Field::subject;
    } else if (vocabulary().to.contains(folded)) {
        out.field = Field::to;
    }
    return out;
}

/// `line` folded and stripped of the dashes around a marker: "---------- Forwarded message
/// ---------" gives "forwarded message"; "" when the line is not set off by dashes.
std::string between_dashes(std::string_view line) {
    line = unquoted(line);
    if (!line.starts_with("--") || !line.ends_with("--")) {
        return {};
    }
    while (!line.empty() && (line.front() == '-' || line.front() == ' ')) {
        line.remove_prefix(1);
    }
    while (!line.empty() && (line.back() == '-' || line.back() == ' ')) {
        line.remove_suffix(1);
    }
    return util::fold_case_and_accents(line);
}

bool is_underscore_rule(std::string_view line) {
    line = unquoted(line);
    return line.size() >= 10 && line.find_first_not_of('_') == std::string_view::npos;
}

/// True when `subject` starts with a prefix in `prefixes` ("Fwd:", "WG:" …).
bool has_prefix(std::string_view subject, const WordSet& prefixes) {
    subject = util::trim(subject);
    while (subject.starts_with("[") && subject.find(']') != std::string_view::npos) {
        subject = util::trim(subject.substr(subject.find(']') + 1)); // "[External] Fwd: …"
    }
    const auto colon = subject.find(':');
    if (colon == std::string_view::npos || colon > 14) {
        return false;
    }
    const std::string prefix = util::fold_case_and_accents(util::trim(subject.substr(0, colon)));
    return prefixes.contains(prefix);
}

bool is_forward_subject(std::string_view subject) {
    // "Re: Fwd: …" is a reply to a forward: the forward still counts.
    for (int i = 0; i < 4; ++i) {
        if (has_prefix(subject, vocabulary().forward_prefixes)) {
            return true;
        }
        if (!has_prefix(subject, vocabulary().reply_prefixes)) {
            return false;
        }
        subject = subject.substr(subject.find(':') + 1);
    }
    return false;
}

/// The original found in a forward.
struct Original {
    Letter letter;
    std::string marker;
    ForwardStyle style;
};

/// Reads the header block that starts at `lines[at]` (blank lines before it skipped) and the
/// text after it, without the quote marks the block carries; nullopt when the block names no
/// sender.
std::optional<Letter> read_block(const std::vector<std::string>& lines, std::size_t at) {
    while (at < lines.size() && unquoted(lines[at]).empty()) {
        ++at;
    }
    // Apple Mail quotes the forwarded lines ("> From: …"): the text loses as many '>'.
    int quote_depth = 0;
    if (at < lines.size()) {
        unquoted(lines[at], &quote_depth);
    }
    Letter original;
    bool have_from = false;
    std::size_t fields = 0;
    Field last = Field::none;
    std::string date_name;
    std::size_t i = at;
    for (; i < lines.size(); ++i) {
        if (unquoted(lines[i]).empty()) {
            if (fields > 0) {
                ++i;
                break;
            }
            continue;
        }
        const FieldLine f = field_line(lines[i]);
        if (f.field == Field::none) {
            if (last == Field::to || last == Field::subject) {
                // A long To: or Subject: value wrapped onto the next line.
                if (last == Field::subject) {
                    original.subject += " " + std::string(unquoted(lines[i]));
                }
                continue;
            }
            if (fields >= 2) {
                break; // the text starts without a blank line
            }
            return std::nullopt;
        }
        ++fields;
        last = f.field;
        switch (f.field) {
        case Field::from:
            if (!have_from) {
                std::tie(original.from_name, original.from_address) =
                    detail::first_mailbox(f.value);
                have_from = !original.from_name.empty() || !original.from_address.empty();
            }
            break;
        case Field::date:
            original.dates.push_back(LetterDate{f.value, "forwarded " + f.name});
            break;
        case Field::subject:
            original.subject = f.value;
            break;
        default:
            break;
        }
    }
    if (!have_from) {
        return std::nullopt;
    }
    // The text: the rest, without the quote prefix the whole forward carries.
    std::string text;
    bool started = false;
    for (; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        for (int d = 0; d < quote_depth && !line.empty() && line.front() == '>'; ++d) {
            line.remove_prefix(1);
            if (!line.empty() && line.front() == ' ') {
                line.remove_prefix(1);
            }
        }
        if (!started && util::trim(line).empty()) {
            continue;
        }
        started = true;
        text += std::string(line) + "\n";
    }
    original.text = std::move(text);
    return original;
}

/// The forwarded original in `letter`'s text, if there is one.
std::optional<Original> find_forward(const Letter& letter) {
    const auto lines = util::split_lines(letter.text);
    const bool forward_subject = is_forward_subject(letter.subject);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = unquoted(lines[i]);
        if (line.empty()) {
            continue;
        }
        std::optional<ForwardStyle> style;
        bool explicit_forward = false;
        std::size_t block = i + 1;
        if (const std::string inner = between_dashes(line); !inner.empty()) {
            if (vocabulary().forward_markers.contains(inner)) {
                style = ForwardStyle::inline_text;
                explicit_forward = true;
            } else if (vocabulary().original_markers.contains(inner)) {
                style = ForwardStyle::inline_text;
            }
        } else if (std::string folded = util::fold_case_and_accents(line);
                   folded.ends_with(":") &&
                   vocabulary().apple_forward_markers.contains(std::string(
                       util::trim(std::string_view(folded).substr(0, folded.size() - 1))))) {
            style = ForwardStyle::apple_mail;
            explicit_forward = true;
        } else if (is_underscore_rule(line)) {
            style = ForwardStyle::inline_text;
        } else if (field_line(line).field == Field::from) {
            // Outlook without a rule: "From: … Sent: … Subject: …" right away.
            style = ForwardStyle::inline_text;
            block = i;
        }
        if (!style || (!explicit_forward && !forward_subject)) {
            continue;
        }
        auto original = read_block(lines, block);
        if (!original) {
            continue;
        }
        return Original{std::move(*original), std::string(line), *style};
    }
    return std::nullopt;
}

/// True for the attribution line of a quoted reply: "On Mon, 30 Nov 2026, Jordan wrote:",
/// "Am 30.11.2026 schrieb Jordan:", "Le 30 nov. 2026, Jordan a écrit :" …
bool is_attribution(std::string_view line) {
    const std::string folded = util::fold_case_and_accents(util::trim(line));
    if (!folded.ends_with(":") || folded.size() > 300) {
        return false;
    }
    for (const auto& word : util::split_words(folded)) {
        std::string_view w = word;
        while (!w.empty() && (w.back() == ':' || w.back() == ',')) {
            w.remove_suffix(1);
        }
        if (vocabulary().wrote.contains(std::string(w))) {
            return true;
        }
    }
    return false;
}

/// True when a quoted original starts at `lines[i]`: an "Original Message" rule, a line of
/// underscores or a "From:" line followed by a date or subject field.
bool starts_quoted_original(const std::vector<std::string>& lines, std::size_t i) {
    const std::string inner = between_dashes(lines[i]);
    if (!inner.empty() && (vocabulary().original_markers.contains(inner) ||
                           vocabulary().forward_markers.contains(inner))) {
        return true;
    }
    std::size_t from = i;
    if (is_underscore_rule(lines[i])) {
        from = i + 1;
    }
    if (from >= lines.size() || field_line(lines[from]).field != Field::from) {
        return false;
    }
    for (std::size_t j = from + 1; j < lines.size() && j <= from + 4; ++j) {
        const Field f = field_line(lines[j]).field;
        if (f == Field::date || f == Field::subject) {
            return true;
        }
    }
    return false;
}

std::string own_text_of(std::string_view text) {
    const auto lines = util::split_lines(text);
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line == "-- " || line == "--") {
            break; // the signature
        }
        if (is_attribution(line)) {
            break;
        }
        // "On Mon, Nov 30, 2026 at 10:00 AM Jordan <" + "jordan@example.org> wrote:": a line
        // with a date in it, not a finished sentence, that the next line ends as an attribution.
        const std::string_view trimmed = util::trim(line);
        if (i + 1 < lines.size() && !trimmed.empty() &&
            trimmed.find_first_of("0123456789") != std::string_view::npos &&
            std::string_view(".!?").find(trimmed.back()) == std::string_view::npos &&
            is_attribution(line + " " + lines[i + 1])) {
            break;
        }
        if (starts_quoted_original(lines, i)) {
            break;
        }
        if (util::trim(line).starts_with(">")) {
            continue;
        }
        out += line + "\n";
    }
    return out;
}

void add_own(Letter& letter, const std::string& address) {
    if (!address.empty() && std::find(letter.own_addresses.begin(), letter.own_addresses.end(),
                                      address) == letter.own_addresses.end()) {
        letter.own_addresses.push_back(address);
    }
}

Letter letter_of(const InboundMessage& message) {
    Letter letter;
    letter.from_name = message.from_name;
    letter.from_address = message.from_address;
    letter.subject = message.subject;
    letter.message_id = message.message_id;
    letter.text = message.body;
    letter.headers = message.headers;
    if (!message.date.empty()) {
        letter.dates.push_back(LetterDate{message.date, "Date"});
    }
    for (const auto& [name, value] : message.headers) {
        if (util::to_lower(name) == "received") {
            const auto semicolon = value.rfind(';');
            if (semicolon != std::string::npos) {
                letter.dates.push_back(
                    LetterDate{std::string(util::trim(value.substr(semicolon + 1))), "Received"});
            }
        }
    }
    return letter;
}

/// Replaces `letter` by `original`, forwarded by `letter`'s sender.
void follow(Letter& letter, Letter original, ForwardStyle style, std::string marker) {
    original.own_addresses = letter.own_addresses;
    add_own(original, util::to_lower(letter.from_address));
    original.headers = std::move(letter.headers);
    if (original.message_id.empty()) {
        original.message_id = letter.message_id;
    }
    for (const auto& date : letter.dates) {
        original.dates.push_back(LetterDate{date.text, "the forward's " + date.where});
    }
    if (original.subject.empty()) {
        original.subject = std::string(strip_subject_prefixes(letter.subject));
    }
    original.forwarded = style;
    original.forward_marker = std::move(marker);
    letter = std::move(original);
}

} // namespace

std::string_view strip_subject_prefixes(std::string_view subject) {
    bool again = true;
    while (again) {
        again = false;
        subject = util::trim(subject);
        if (subject.starts_with("[") && subject.find(']') != std::string_view::npos &&
            subject.find(']') < 20) {
            subject.remove_prefix(subject.find(']') + 1); // "[External]", "[EXT]"
            again = true;
            continue;
        }
        const auto colon = subject.find(':');
        if (colon == std::string_view::npos || colon > 14) {
            break;
        }
        const std::string prefix =
            util::fold_case_and_accents(util::trim(subject.substr(0, colon)));
        if (prefix == "external" || vocabulary().forward_prefixes.contains(prefix) ||
            vocabulary().reply_prefixes.contains(prefix)) {
            subject.remove_prefix(colon + 1);
            again = true;
        }
    }
    return subject;
}

Letter read_letter(const InboundMessage& message, const std::vector<std::string>& own_addresses) {
    Letter letter = letter_of(message);
    for (const auto& address : own_addresses) {
        add_own(letter, util::to_lower(address));
    }
    // Attached whole: when the message says little of its own, or is a forward.
    if (!message.attached.empty()) {
        const std::string own = own_text_of(message.body);
        std::size_t own_lines = 0;
        for (const auto& line : util::split_lines(own)) {
            own_lines += util::trim(line).empty() ? 0 : 1;
        }
        if (own_lines <= 6 || is_forward_subject(message.subject)) {
            Letter inner = read_letter(message.attached.front(), {});
            follow(letter, std::move(inner), ForwardStyle::attached, "an attached message");
        }
    }
    for (int depth = 0; depth < k_max_forward_depth; ++depth) {
        auto original = find_forward(letter);
        if (!original) {
            break;
        }
        follow(letter, std::move(original->letter), original->style, std::move(original->marker));
    }
    letter.own_text = own_text_of(letter.text);
    return letter;
}

} // namespace bb::mail
