#include "bounceback/mail/email_draft.hpp"

#include "bounceback/core/fields.hpp"

#include <algorithm>
#include <cstdlib>

namespace bb::mail {

EmailDraft draft_from_email(const RejectionGuess& guess, Date today,
                            const std::vector<std::pair<std::string, std::string>>& given) {
    EmailDraft draft;
    Rejection& r = draft.rejection;
    FieldSources& sources = draft.sources;
    auto option_for = [&](std::string_view field) -> const std::string* {
        for (const auto& [name, option] : given) {
            if (name == field) {
                return &option;
            }
        }
        return nullptr;
    };
    auto text_field = [&](const char* name, std::optional<std::string>& field,
                          const std::optional<Guessed<std::string>>& guessed) {
        if (const std::string* option = option_for(name)) {
            sources.emplace_back(name, *option);
        } else if (guessed) {
            field = guessed->value;
            sources.emplace_back(name, guessed->source);
        }
    };
    if (const std::string* option = option_for("company")) {
        sources.emplace_back("company", *option);
    } else if (guess.company) {
        r.company = guess.company->value;
        sources.emplace_back("company", guess.company->source);
    }
    text_field("role", r.role, guess.role);
    if (const std::string* option = option_for("stage")) {
        sources.emplace_back("stage", *option);
    } else {
        r.stage = guess.stage.value;
        sources.emplace_back("stage", guess.stage.source);
    }
    r.date = today;
    if (const std::string* option = option_for("date")) {
        sources.emplace_back("date", *option);
    } else if (guess.date) {
        r.date = guess.date->value;
        sources.emplace_back("date", guess.date->source + (guess.date_note.empty()
                                                               ? std::string()
                                                               : " (" + guess.date_note + ")"));
    } else {
        sources.emplace_back("date", "today: the message has no readable date");
    }
    text_field("contact", r.contact, guess.contact);
    text_field("email", r.email, guess.email);
    text_field("key", r.key, guess.key);
    // Fields an email never gives (every other field with an option): only the options set them.
    constexpr std::string_view guessed[] = {"company", "role",  "stage", "date",
                                            "contact", "email", "key"};
    for (const auto& field : fields_of<Rejection>()) {
        if (field.option.empty() || std::ranges::find(guessed, field.key) != std::end(guessed)) {
            continue;
        }
        if (const std::string* option = option_for(field.key)) {
            sources.emplace_back(std::string(field.key), *option);
        }
    }
    return draft;
}

std::optional<std::int64_t> probably_logged_as(const std::vector<Rejection>& logged,
                                               const Rejection& draft) {
    const std::string company = company_match_key(draft.company);
    if (company.empty()) {
        return std::nullopt;
    }
    std::optional<std::pair<int, std::int64_t>> best; // days apart, ID
    for (const auto& r : logged) {
        if (r.key || company_match_key(r.company) != company) {
            continue;
        }
        const int apart = std::abs(util::days_between(r.date, draft.date));
        if (apart > k_same_rejection_days) {
            continue;
        }
        if (!best || std::pair(apart, r.id) < *best) {
            best = {apart, r.id};
        }
    }
    if (best) {
        return best->second;
    }
    return std::nullopt;
}

} // namespace bb::mail
