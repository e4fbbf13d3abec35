// Tests for lib/src/core/fields.cpp: the field tables every record format is derived from.
#include "bounceback/core/fields.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/interchange.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

using namespace std::chrono;
using bb::Field;
using bb::FieldType;
using bb::Rejection;

namespace {

/// Checks what every kind's table must hold: one field per key, CSV places a permutation, the
/// fields of a group together.
template <typename Record> void check_table() {
    const auto fields = bb::fields_of<Record>();
    REQUIRE_FALSE(fields.empty());
    std::set<std::string> names;
    std::set<int> places;
    std::set<std::string> groups_closed;
    std::string group;
    for (const Field<Record>& field : fields) {
        CHECK_MESSAGE(names.insert(bb::dotted_name(field)).second, bb::dotted_name(field));
        if (field.csv >= 0) {
            places.insert(field.csv);
        }
        if (std::string(field.group) != group) {
            CHECK_MESSAGE(!groups_closed.contains(std::string(field.group)),
                          "the fields of a group sit together: " << field.group);
            groups_closed.insert(group);
            group = field.group;
        }
        if (!field.option.empty()) {
            CHECK(field.option.starts_with("--"));
            CHECK_FALSE(field.help.empty());
            CHECK_FALSE(field.value_name.empty());
        }
    }
    if (!places.empty()) {
        CHECK(places.size() == fields.size());
        CHECK(*places.rbegin() == static_cast<int>(fields.size()) - 1);
    }
    CHECK(bb::csv_order<Record>().size() == fields.size());
}

} // namespace

TEST_CASE("core::fields_of: every kind's table") {
    check_table<bb::Rejection>();
    check_table<bb::Win>();
    check_table<bb::Reflection>();
    check_table<bb::Checkin>();
}

TEST_CASE("core::csv_order: the columns CSV files have always had come first, in their order") {
    const std::vector<std::string> before = {
        "id",      "date",  "company", "role",  "stage",   "applied",
        "source",  "contact", "email", "reason", "note",   "tags",
        "feeling", "key",   "feedback_requested", "feedback_received", "feedback_text",
        "feedback_areas", "date_estimated", "feedback_followed_up"};
    const auto& columns = bb::csv_columns(bb::RecordKind::rejection);
    REQUIRE(columns.size() >= before.size());
    CHECK(std::vector<std::string>(columns.begin(), columns.begin() + before.size()) == before);
    CHECK(bb::csv_columns(bb::RecordKind::win) ==
          std::vector<std::string>{"id", "date", "text", "uid"}); // uid came later: last
    CHECK(bb::csv_columns(bb::RecordKind::checkin) ==
          std::vector<std::string>{"date", "habit", "status", "minutes", "note"});
}

TEST_CASE("core::check_fields") {
    Rejection r;
    r.id = 3;
    r.company = "Acme";
    r.date = 2026y / 11 / 5;
    CHECK(bb::check_fields(r).empty());

    SUBCASE("each field's rule, named by its dotted name") {
        r.feedback.areas = {"two words"};
        CHECK(bb::check_fields(r).starts_with("feedback.areas "));
    }
    SUBCASE("a required name") {
        r.company = "";
        CHECK(bb::check_fields(r).starts_with("company "));
    }
    SUBCASE("a score out of range") {
        r.feeling = 9;
        CHECK(bb::check_fields(r).starts_with("feeling "));
    }
    SUBCASE("the ID") {
        r.id = 0;
        CHECK(bb::check_fields(r) == "id must be 1 or more");
    }
    SUBCASE("too many values in a list") {
        r.tags.assign(bb::k_max_list_values + 1, "t");
        CHECK(bb::check_fields(r) == "tags holds more than 100 values");
    }
    SUBCASE("a check-in's status") {
        bb::Checkin c;
        c.date = 2026y / 11 / 5;
        c.habit = "exercise";
        c.status = static_cast<bb::CheckinStatus>(7);
        CHECK(bb::check_fields(c) == "status must be \"done\" or \"skip\"");
    }
}

TEST_CASE("core::field_text and field_present") {
    Rejection r;
    r.id = 3;
    r.company = "Acme";
    r.date = 2026y / 11 / 5;
    r.stage = bb::Stage::onsite;
    r.tags = {"remote", "data"};
    r.feedback.requested = 2026y / 11 / 6;
    auto text = [&](std::string_view name, std::string_view separator = ";") {
        return bb::field_text(*bb::find_field<Rejection>(name), r, separator);
    };
    CHECK(text("id") == "3");
    CHECK(text("date") == "2026-11-05");
    CHECK(text("stage") == "onsite");
    CHECK(text("tags") == "remote;data");
    CHECK(text("tags", ", ") == "remote, data");
    CHECK(text("feedback.requested") == "2026-11-06");
    CHECK(text("role").empty());
    CHECK(text("date_estimated").empty());
    CHECK_FALSE(bb::field_present(*bb::find_field<Rejection>("role"), r));
    CHECK_FALSE(bb::field_present(*bb::find_field<Rejection>("date_estimated"), r));
    CHECK(bb::field_present(*bb::find_field<Rejection>("feedback.requested"), r));
    CHECK(bb::find_field<Rejection>("requested") == nullptr);
}

TEST_CASE("core::check_url") {
    CHECK(bb::check_url("https://jobs.example.com/posting/123?ref=a#top").empty());
    CHECK(bb::check_url("http://example.com").empty());
    CHECK(bb::check_url("HTTPS://Example.com/x").empty());
    CHECK_FALSE(bb::check_url("example.com/job").empty());
    CHECK_FALSE(bb::check_url("ftp://example.com/job").empty());
    CHECK_FALSE(bb::check_url("javascript:alert(1)").empty());
    CHECK_FALSE(bb::check_url("https://").empty());
    CHECK_FALSE(bb::check_url("https:///path").empty());
    CHECK_FALSE(bb::check_url("https://exa mple.com").empty());
    CHECK_FALSE(bb::check_url("https://example.com/\x1b]52;c;x\x07").empty());
    CHECK_FALSE(bb::check_url("https://example.com/" + std::string(3000, 'a')).empty());
}

TEST_CASE("core::fields_fingerprint") {
    CHECK(bb::fields_fingerprint() == bb::fields_fingerprint());
    CHECK(bb::fields_fingerprint() != 0);
}
