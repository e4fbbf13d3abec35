// Tests for lib/src/storage/atomic_file.cpp.
#include "bounceback/storage/atomic_file.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/file.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

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

TEST_CASE("storage::AtomicFile") {
    TempDir tmp;
    const fs::path target = tmp / "data.toml";
    const auto dir = folder_at(tmp.path());

    SUBCASE("a new file is 0600 under umask 0") {
        UmaskGuard umask(0);
        bb::storage::write_file_atomically(dir, "data.toml", "version = 1\n");
        CHECK(read_text(target) == "version = 1\n");
        CHECK(mode_of(target) == 0600);
    }
    SUBCASE("the temp file is 0600 under umask 0, before commit too") {
        UmaskGuard umask(0);
        AtomicFile file(dir, "data.toml");
        file.write("secret");
        const std::string name = entries_of(tmp.path());
        REQUIRE(bb::storage::is_temp_file_name(name));
        CHECK(mode_of(tmp / name) == 0600);
    }
    SUBCASE("without commit the target is byte-identical and no temp file is left") {
        write_text(target, "old content\n");
        {
            AtomicFile file(dir, "data.toml");
            file.write("new content that is longer than the old\n");
            CHECK(read_text(target) == "old content\n");
        }
        CHECK(read_text(target) == "old content\n");
        CHECK(entries_of(tmp.path()) == "data.toml");
    }
    SUBCASE("without commit a missing target stays missing") {
        {
            AtomicFile file(dir, "data.toml");
            file.write("never seen");
        }
        CHECK(entries_of(tmp.path()) == "");
    }
    SUBCASE("commit replaces the content, in several writes, and makes it 0600") {
        write_text(target, "old content\n");
        fs::permissions(target, fs::perms(0644));
        AtomicFile file(dir, "data.toml");
        file.write("new ");
        file.write("");
        file.write("content\n");
        CHECK(read_text(target) == "old content\n");
        file.commit();
        CHECK(read_text(target) == "new content\n");
        CHECK(mode_of(target) == 0600);
        CHECK(entries_of(tmp.path()) == "data.toml");
    }
    SUBCASE("commit of nothing makes an empty file") {
        write_text(target, "old");
        AtomicFile file(dir, "data.toml");
        file.commit();
        CHECK(read_text(target) == "");
    }
    SUBCASE("commit_new creates a missing file") {
        AtomicFile file(dir, "data.toml");
        file.write("created");
        file.commit_new();
        CHECK(read_text(target) == "created");
        CHECK(entries_of(tmp.path()) == "data.toml");
    }
    SUBCASE("commit_new refuses an existing target and leaves it unchanged") {
        write_text(target, "precious\n");
        {
            AtomicFile file(dir, "data.toml");
            file.write("overwrite attempt\n");
            const auto error = error_from([&] { file.commit_new(); });
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::cant_create);
            BB_CHECK_CONTAINS(error->what(), target.string());
            CHECK(read_text(target) == "precious\n");
            CHECK(entries_of(tmp.path()) == "data.toml");
        }
        CHECK(read_text(target) == "precious\n");
        CHECK(entries_of(tmp.path()) == "data.toml");
    }
    SUBCASE("a folder that is gone is an error") {
        const auto gone = folder_at(tmp / "gone");
        fs::remove(tmp / "gone");
        CHECK_THROWS_AS(AtomicFile(gone, "data.toml"), bb::Error);
    }
}

TEST_CASE("storage::remove_file_durably") {
    TempDir tmp;
    write_text(tmp / "f", "x");
    const auto dir = folder_at(tmp.path());
    bb::storage::remove_file_durably(dir, "f");
    CHECK_FALSE(fs::exists(tmp / "f"));
    CHECK_NOTHROW(bb::storage::remove_file_durably(dir, "f"));
}

TEST_CASE("storage::AtomicFile::sync") {
    TempDir tmp;
    write_text(tmp / "a.toml", "old");
    const auto dir = folder_at(tmp.path());
    SUBCASE("synced but not committed: the target is untouched and the temp file goes") {
        {
            AtomicFile file(dir, "a.toml");
            file.write("new");
            file.sync();
            CHECK(read_text(tmp / "a.toml") == "old");
        }
        CHECK(entries_of(tmp.path()) == "a.toml");
    }
    SUBCASE("commit after sync only renames") {
        AtomicFile first(dir, "a.toml");
        AtomicFile second(dir, "b.toml");
        first.write("one");
        second.write("two");
        first.sync();
        second.sync();
        first.commit();
        second.commit();
        CHECK(read_text(tmp / "a.toml") == "one");
        CHECK(read_text(tmp / "b.toml") == "two");
        CHECK(entries_of(tmp.path()) == "a.toml b.toml");
    }
}
