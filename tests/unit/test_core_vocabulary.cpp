// Tests for lib/src/core/vocabulary.cpp: status and stage words in six languages.
#include "bounceback/core/vocabulary.hpp"

#include "bounceback/util/text.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using bb::RowStatus;
using bb::Stage;

namespace {

std::string status_of(std::string_view cell) {
    auto m = bb::status_from_word(cell);
    if (!m) {
        return "unknown";
    }
    std::string out(bb::row_status_name(*m->status));
    if (m->stage) {
        out += "@" + std::string(bb::stage_name(*m->stage));
    }
    return out;
}

} // namespace

TEST_CASE("core::status_from_word") {
    SUBCASE("rejections in six languages, any case and accents") {
        for (auto word : {"Rejected", "Not Selected", "declined", "Absage", "abgelehnt",
                          "Refusé", "REFUSE", "non retenue", "Rechazado", "descartada",
                          "Afgewezen", "Recusado", "não selecionado", "nicht berücksichtigt"}) {
            CAPTURE(word);
            CHECK(status_of(word) == "rejected");
        }
    }
    SUBCASE("no answer, offers, withdrawals, open rows") {
        CHECK(status_of("Ghosted") == "ghosted");
        CHECK(status_of("Keine Antwort") == "ghosted");
        CHECK(status_of("pas de réponse") == "ghosted");
        CHECK(status_of("Sin respuesta") == "ghosted");
        CHECK(status_of("Offer") == "offer@offer");
        CHECK(status_of("Zusage") == "offer");
        CHECK(status_of("Withdrawn") == "withdrawn");
        CHECK(status_of("I Withdrew") == "withdrawn");
        CHECK(status_of("Zurückgezogen") == "withdrawn");
        CHECK(status_of("Wishlist") == "open");
        CHECK(status_of("Interviewing") == "open");
        CHECK(status_of("in_progress") == "open");
        CHECK(status_of("En cours") == "open");
    }
    SUBCASE("a stage in a status cell: still open at that stage") {
        CHECK(status_of("Applied") == "open@application");
        CHECK(status_of("Phone Screen") == "open@screen");
        CHECK(status_of("Vorstellungsgespräch") == "open@screen");
    }
    SUBCASE("a rejection that names its stage") {
        CHECK(status_of("Rejected - onsite") == "rejected@onsite");
        CHECK(status_of("Rejected (final round)") == "rejected@final");
        CHECK(status_of("Rejected after phone screen") == "rejected@screen");
        CHECK(status_of("Absage nach Telefoninterview") == "rejected@screen");
        CHECK(status_of("Refusé après entretien technique") == "rejected@technical");
        CHECK(status_of("Rejected after lunch") == "unknown");
    }
    SUBCASE("unknown words are not guessed") {
        CHECK(status_of("Vielleicht") == "unknown");
        CHECK(status_of("") == "unknown");
    }
}

TEST_CASE("core::stage_from_word") {
    CHECK(bb::stage_from_word("phone screen") == Stage::screen);
    CHECK(bb::stage_from_word("Recruiter screen") == Stage::screen);
    CHECK(bb::stage_from_word("HR interview") == Stage::screen);
    CHECK(bb::stage_from_word("phone_screen") == Stage::screen);
    CHECK(bb::stage_from_word("Take-home") == Stage::technical);
    CHECK(bb::stage_from_word("take_home") == Stage::technical);
    CHECK(bb::stage_from_word("Final round") == Stage::final);
    CHECK(bb::stage_from_word("panel") == Stage::onsite);
    CHECK(bb::stage_from_word("applied") == Stage::application);
    CHECK(bb::stage_from_word("Fachgespräch") == Stage::technical);
    CHECK(bb::stage_from_word("Entretien final") == Stage::final);
    CHECK(bb::stage_from_word("Prueba técnica") == Stage::technical);
    CHECK(bb::stage_from_word("Eerste gesprek") == Stage::screen);
    CHECK(bb::stage_from_word("Teste técnico") == Stage::technical);
    for (const auto& name : bb::stage_names()) {
        CHECK(bb::stage_from_word(name) == bb::parse_stage(name));
    }
    CHECK(bb::stage_from_word("Kaffeeklatsch") == std::nullopt);
}

TEST_CASE("core::names_status_only and the vocabulary table") {
    CHECK(bb::names_status_only(*bb::status_from_word("Rejected")));
    CHECK(bb::names_status_only(*bb::status_from_word("Wishlist")));
    CHECK_FALSE(bb::names_status_only(*bb::status_from_word("Onsite")));
    CHECK_FALSE(bb::names_status_only(*bb::status_from_word("Offer")));
    // Every word is folded and listed once; no word means two statuses.
    std::set<std::string_view> seen;
    for (const auto& entry : bb::vocabulary()) {
        CAPTURE(entry.word);
        CHECK(seen.insert(entry.word).second);
        CHECK((entry.status || entry.stage));
        CHECK(bb::util::fold_key(entry.word) == entry.word);
    }
}
