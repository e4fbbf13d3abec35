// Tests for lib/src/mail/mbox.cpp: an mbox split into messages as it streams in, in pieces of
// any size.
#include "bounceback/mail/mbox.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using bb::mail::MboxMessage;
using bb::mail::MboxSplitter;
using bb::test::error_from;

namespace {

struct Found {
    std::string raw;
    std::size_t line;
    bool too_large;
    bool operator==(const Found&) const = default;
};

/// The messages of `mbox` fed in pieces of `piece` bytes.
std::vector<Found> split(std::string_view mbox, std::size_t piece, std::size_t max = 1 << 20) {
    MboxSplitter splitter(max);
    std::vector<Found> out;
    const auto emit = [&](const MboxMessage& m) {
        out.push_back(Found{std::string(m.raw), m.line, m.too_large});
    };
    for (std::size_t at = 0; at < mbox.size(); at += piece) {
        splitter.feed(mbox.substr(at, piece), emit);
    }
    splitter.finish(emit);
    CHECK(splitter.count() == out.size());
    return out;
}

constexpr std::string_view k_mbox = "From alice@example.org Mon Nov 30 10:00:00 2026\n"
                                    "Subject: one\n"
                                    "\n"
                                    "Hello\n"
                                    ">From the start, a quoted line\n"
                                    ">>From deeper\n"
                                    "From the middle of a paragraph stays\n"
                                    "\n"
                                    "From bob@example.org Tue Dec  1 09:00:00 2026\n"
                                    "Subject: two\n"
                                    "\n"
                                    "Bye\n";

} // namespace

TEST_CASE("mail::MboxSplitter") {
    const std::vector<Found> expected = {
        {"Subject: one\n\nHello\nFrom the start, a quoted line\n>From deeper\n"
         "From the middle of a paragraph stays\n",
         1, false},
        {"Subject: two\n\nBye\n", 9, false},
    };
    SUBCASE("in pieces of any size, the same messages") {
        for (std::size_t piece : {1, 2, 7, 64, 4096}) {
            CAPTURE(piece);
            CHECK(split(k_mbox, piece) == expected);
        }
    }
    SUBCASE("CRLF line ends are kept; blank lines before the first message are skipped") {
        const auto found = split("\r\n\nFrom a Mon Nov 30 10:00:00 2026\r\nSubject: x\r\n\r\n"
                                 "Hi\r\n\r\nFrom b Mon Nov 30 10:00:00 2026\r\nSubject: y\r\n",
                                 5);
        REQUIRE(found.size() == 2);
        CHECK(found[0].raw == "Subject: x\r\n\r\nHi\r\n");
        CHECK(found[0].line == 3);
        CHECK(found[1].raw == "Subject: y\r\n");
    }
    SUBCASE("a message over the limit is marked, and memory stays bounded") {
        std::string big = "From a Mon Nov 30 10:00:00 2026\nSubject: big\n\n" +
                          std::string(5000, 'x') + "\n" + std::string(3000, 'y') +
                          "\n\nFrom b Mon Nov 30 10:00:00 2026\nSubject: small\n\nok\n";
        const auto found = split(big, 100, 1000);
        REQUIRE(found.size() == 2);
        CHECK(found[0].too_large);
        CHECK(found[0].raw.size() <= 1000);
        CHECK_FALSE(found[1].too_large);
        CHECK(found[1].raw == "Subject: small\n\nok\n");
    }
    SUBCASE("not an mbox, or an empty one") {
        auto not_mbox = error_from([] { split("Subject: hi\n\nHello\n", 8); });
        REQUIRE(not_mbox);
        CHECK(not_mbox->code() == bb::ExitCode::data);
        CHECK(bb::test::contains(not_mbox->what(), "line 1:"));
        CHECK(bb::test::contains(not_mbox->what(), "--from-email"));
        auto empty = error_from([] { split("\n\n", 8); });
        REQUIRE(empty);
        CHECK(bb::test::contains(empty->what(), "no message"));
    }
}
