// Tests for lib/src/storage/file.cpp.
#include "bounceback/storage/file.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <sys/stat.h>

namespace fs = std::filesystem;
using bb::storage::AtomicFile;
using bb::test::entries_of;
using bb::test::error_from;
using bb::test::folder_at;
using bb::test::mode_of;
using bb::test::read_text;
using bb::test::TempDir;
using bb::test::UmaskGuard;
using bb::test::write_text;
using namespace std::string_literals;

TEST_CASE("storage::read_file") {
    TempDir tmp;
    const auto dir = folder_at(tmp.path());
    SUBCASE("a missing file is nullopt") {
        CHECK_FALSE(bb::storage::read_file(dir, "missing").has_value());
    }
    SUBCASE("the exact bytes") {
        const std::string content = "line one\r\nNUL \0 inside, no newline at the end"s;
        write_text(tmp / "f", content);
        CHECK(bb::storage::read_file(dir, "f") == content);
        write_text(tmp / "empty", "");
        CHECK(bb::storage::read_file(dir, "empty") == "");
    }
    SUBCASE("a file larger than the limit is a data error") {
        write_text(tmp / "big", std::string(100, 'x'));
        const auto error = error_from([&] { bb::storage::read_file(dir, "big", 10); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(error->what(), (tmp / "big").string());
        CHECK(bb::storage::read_file(dir, "big", 100) == std::string(100, 'x'));
    }
    SUBCASE("a folder is an error") {
        fs::create_directory(tmp / "sub");
        CHECK_THROWS_AS(bb::storage::read_file(dir, "sub"), bb::Error);
    }
    SUBCASE("a symbolic link is refused, even to a file of ours") {
        write_text(tmp / "real", "x");
        fs::create_symlink(tmp / "real", tmp / "link");
        const auto error = error_from([&] { bb::storage::read_file(dir, "link"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(error->what(), "link");
    }
    SUBCASE("a pipe is refused at once, never waited on") {
        REQUIRE(::mkfifo((tmp / "pipe").c_str(), 0600) == 0);
        const auto error = error_from([&] { bb::storage::read_file(dir, "pipe"); });
        REQUIRE(error);
        BB_CHECK_CONTAINS(error->what(), "pipe");
    }
}

TEST_CASE("storage::is_temp_file_name") {
    using bb::storage::is_temp_file_name;
    SUBCASE("AtomicFile's names") {
        CHECK(is_temp_file_name(".2026-11.toml.tmp-abcdef"));
        CHECK(is_temp_file_name(".store.toml.tmp-A1b2C3"));
    }
    SUBCASE("other names") {
        CHECK_FALSE(is_temp_file_name("2026-11.toml"));
        CHECK_FALSE(is_temp_file_name("2026-11.toml.tmp-abcdef"));
        CHECK_FALSE(is_temp_file_name(".2026-11.toml.tmp-abc"));
        CHECK_FALSE(is_temp_file_name(".2026-11.toml.tmp-abcdefg"));
        CHECK_FALSE(is_temp_file_name(".lock"));
        CHECK_FALSE(is_temp_file_name(""));
    }
    SUBCASE("the name AtomicFile really uses") {
        TempDir tmp;
        AtomicFile file(folder_at(tmp.path()), "2026-11.toml");
        const std::string name = entries_of(tmp.path());
        CAPTURE(name);
        CHECK(is_temp_file_name(name));
        CHECK(name.starts_with(".2026-11.toml.tmp-"));
    }
}

TEST_CASE("storage::ScratchFile") {
    TempDir tmp;
    SUBCASE("a private file holding the content, in a private folder, gone afterwards") {
        UmaskGuard umask(0);
        const fs::path dir = tmp / "edit";
        fs::path path;
        {
            bb::storage::ScratchFile file(dir, "rejection-3", "company = \"Acme\"\n");
            path = file.path();
            CHECK(path.parent_path() == dir);
            const std::string name = path.filename().string();
            CHECK(name.starts_with(".rejection-3-"));
            CHECK(name.ends_with(".toml"));
            CHECK(read_text(path) == "company = \"Acme\"\n");
            CHECK(mode_of(path) == 0600);
            CHECK(mode_of(dir) == 0700);
            CHECK(file.read() == "company = \"Acme\"\n");
        }
        CHECK_FALSE(fs::exists(path));
        CHECK(entries_of(dir) == "");
    }
    SUBCASE("read gives what the editor saved") {
        bb::storage::ScratchFile file(tmp.path(), "edit", "before");
        write_text(file.path(), "after\n");
        CHECK(file.read() == "after\n");
    }
    SUBCASE("two scratch files do not collide") {
        bb::storage::ScratchFile one(tmp.path(), "edit", "1");
        bb::storage::ScratchFile two(tmp.path(), "edit", "2");
        CHECK(one.path() != two.path());
        CHECK(one.read() == "1");
        CHECK(two.read() == "2");
    }
    SUBCASE("a file removed while editing is an I/O error") {
        bb::storage::ScratchFile file(tmp.path(), "edit", "x");
        fs::remove(file.path());
        const auto error = error_from([&] { file.read(); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::io);
    }
}
