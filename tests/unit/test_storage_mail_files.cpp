// Tests for lib/src/storage/mail_files.cpp: an mbox read in pieces, and the message files of a
// Maildir.
#include "bounceback/storage/mail_files.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>

namespace fs = std::filesystem;
using bb::storage::k_mail_piece_bytes;
using bb::storage::maildir_files;
using bb::storage::read_in_pieces;
using bb::test::error_from;
using bb::test::TempDir;
using bb::test::write_text;

TEST_CASE("storage::read_in_pieces") {
    TempDir tmp;
    const std::string content(k_mail_piece_bytes * 2 + 17, 'm');
    write_text(tmp / "box.mbox", content);
    std::uintmax_t total = 0;
    std::string read;
    std::size_t pieces = 0;
    const auto bytes =
        read_in_pieces((tmp / "box.mbox").string(), [&](std::uintmax_t size) { total = size; },
                       [&](std::string_view piece) {
                           CHECK(piece.size() <= k_mail_piece_bytes);
                           read += piece;
                           ++pieces;
                       });
    CHECK(bytes == content.size());
    CHECK(total == content.size());
    CHECK(read == content);
    CHECK(pieces == 3);
    SUBCASE("a missing file or a folder is 66") {
        for (const auto& path : {tmp / "nowhere", tmp.path()}) {
            auto error = error_from([&] { read_in_pieces(path.string(), {}, [](auto) {}); });
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::no_input);
        }
    }
}

TEST_CASE("storage::maildir_files") {
    TempDir tmp;
    fs::create_directories(tmp / "box" / "cur");
    fs::create_directories(tmp / "box" / "new");
    fs::create_directories(tmp / "box" / "tmp");
    write_text(tmp / "box" / "cur" / "1700000002.M2.host:2,S", "b");
    write_text(tmp / "box" / "new" / "1700000001.M1.host", "a");
    write_text(tmp / "box" / "new" / "1700000003.M3.host", "c");
    write_text(tmp / "box" / "tmp" / "1700000004.M4.host", "being delivered");
    write_text(tmp / "box" / "cur" / ".hidden", "x");
    const auto files = maildir_files(tmp / "box");
    REQUIRE(files.size() == 3);
    CHECK(files[0].filename() == "1700000001.M1.host");
    CHECK(files[1].filename() == "1700000002.M2.host:2,S");
    CHECK(files[2].filename() == "1700000003.M3.host");
    SUBCASE("not a Maildir, or not there") {
        fs::create_directories(tmp / "plain");
        for (const auto& dir : {tmp / "plain", tmp / "nowhere"}) {
            auto error = error_from([&] { maildir_files(dir); });
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::no_input);
        }
    }
}
