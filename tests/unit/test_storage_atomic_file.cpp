// Tests for lib/src/storage/atomic_file.cpp.
#include "bounceback/storage/atomic_file.hpp"

#include "bounceback/core/error.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using bb::storage::AtomicFile;
using bb::test::entries_of;
using bb::test::error_from;
using bb::test::mode_of;
using bb::test::read_text;
using bb::test::TempDir;
using bb::test::UmaskGuard;
using bb::test::write_text;
using namespace std::string_literals;

TEST_CASE("storage::ensure_private_dir") {
    TempDir tmp;
    SUBCASE("missing folders are created 0700 under umask 0") {
        UmaskGuard umask(0);
        bb::storage::ensure_private_dir(tmp / "a" / "b" / "c");
        for (const fs::path& dir : {tmp / "a", tmp / "a" / "b", tmp / "a" / "b" / "c"}) {
            CAPTURE(dir);
            REQUIRE(fs::is_directory(dir));
            CHECK(mode_of(dir) == 0700);
        }
    }
    SUBCASE("and 0700 under umask 0777") {
        UmaskGuard umask(0777);
        bb::storage::ensure_private_dir(tmp / "a" / "b");
        CHECK(mode_of(tmp / "a") == 0700);
        CHECK(mode_of(tmp / "a" / "b") == 0700);
    }
    SUBCASE("an existing folder is fine") {
        fs::create_directory(tmp / "there");
        CHECK_NOTHROW(bb::storage::ensure_private_dir(tmp / "there"));
        CHECK(fs::is_directory(tmp / "there"));
    }
    SUBCASE("a file in the way is an error") {
        write_text(tmp / "file", "x");
        CHECK_THROWS_AS(bb::storage::ensure_private_dir(tmp / "file"), bb::Error);
        CHECK_THROWS_AS(bb::storage::ensure_private_dir(tmp / "file" / "below"), bb::Error);
        CHECK(read_text(tmp / "file") == "x");
    }
    SUBCASE("a file in the way higher up is named, with 73") {
        write_text(tmp / "file", "x");
        const auto error =
            error_from([&] { bb::storage::ensure_private_dir(tmp / "file" / "a" / "b"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::cant_create);
        CHECK(std::string(error->what()) ==
              (tmp / "file").string() + " exists and is not a folder");
    }
}

TEST_CASE("storage::read_file") {
    TempDir tmp;
    SUBCASE("a missing file is nullopt") {
        CHECK_FALSE(bb::storage::read_file(tmp / "missing").has_value());
    }
    SUBCASE("the exact bytes") {
        const std::string content = "line one\r\nNUL \0 inside, no newline at the end"s;
        write_text(tmp / "f", content);
        CHECK(bb::storage::read_file(tmp / "f") == content);
        write_text(tmp / "empty", "");
        CHECK(bb::storage::read_file(tmp / "empty") == "");
    }
    SUBCASE("a file larger than the limit is a data error") {
        write_text(tmp / "big", std::string(100, 'x'));
        const auto error = error_from([&] { bb::storage::read_file(tmp / "big", 10); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::data);
        BB_CHECK_CONTAINS(error->what(), (tmp / "big").string());
        CHECK(bb::storage::read_file(tmp / "big", 100) == std::string(100, 'x'));
    }
    SUBCASE("a folder is an error") {
        CHECK_THROWS_AS(bb::storage::read_file(tmp.path()), bb::Error);
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
        AtomicFile file(tmp / "2026-11.toml");
        const std::string name = entries_of(tmp.path());
        CAPTURE(name);
        CHECK(is_temp_file_name(name));
        CHECK(name.starts_with(".2026-11.toml.tmp-"));
    }
}

TEST_CASE("storage::AtomicFile") {
    TempDir tmp;
    const fs::path target = tmp / "data.toml";

    SUBCASE("a new file is 0600 under umask 0") {
        UmaskGuard umask(0);
        bb::storage::write_file_atomically(target, "version = 1\n");
        CHECK(read_text(target) == "version = 1\n");
        CHECK(mode_of(target) == 0600);
    }
    SUBCASE("the temp file is 0600 under umask 0, before commit too") {
        UmaskGuard umask(0);
        AtomicFile file(target);
        file.write("secret");
        const std::string name = entries_of(tmp.path());
        REQUIRE(bb::storage::is_temp_file_name(name));
        CHECK(mode_of(tmp / name) == 0600);
    }
    SUBCASE("without commit the target is byte-identical and no temp file is left") {
        write_text(target, "old content\n");
        {
            AtomicFile file(target);
            file.write("new content that is longer than the old\n");
            CHECK(read_text(target) == "old content\n");
        }
        CHECK(read_text(target) == "old content\n");
        CHECK(entries_of(tmp.path()) == "data.toml");
    }
    SUBCASE("without commit a missing target stays missing") {
        {
            AtomicFile file(target);
            file.write("never seen");
        }
        CHECK(entries_of(tmp.path()) == "");
    }
    SUBCASE("commit replaces the content, in several writes, and makes it 0600") {
        write_text(target, "old content\n");
        fs::permissions(target, fs::perms(0644));
        AtomicFile file(target);
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
        AtomicFile file(target);
        file.commit();
        CHECK(read_text(target) == "");
    }
    SUBCASE("commit_new creates a missing file") {
        AtomicFile file(target);
        file.write("created");
        file.commit_new();
        CHECK(read_text(target) == "created");
        CHECK(entries_of(tmp.path()) == "data.toml");
    }
    SUBCASE("commit_new refuses an existing target and leaves it unchanged") {
        write_text(target, "precious\n");
        {
            AtomicFile file(target);
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
    SUBCASE("a missing folder is an error") {
        CHECK_THROWS_AS(AtomicFile(tmp / "missing" / "data.toml"), bb::Error);
    }
}

TEST_CASE("storage::remove_file_durably") {
    TempDir tmp;
    write_text(tmp / "f", "x");
    bb::storage::remove_file_durably(tmp / "f");
    CHECK_FALSE(fs::exists(tmp / "f"));
    CHECK_NOTHROW(bb::storage::remove_file_durably(tmp / "f"));
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

TEST_CASE("storage::AtomicFile::sync") {
    TempDir tmp;
    write_text(tmp / "a.toml", "old");
    SUBCASE("synced but not committed: the target is untouched and the temp file goes") {
        {
            AtomicFile file(tmp / "a.toml");
            file.write("new");
            file.sync();
            CHECK(read_text(tmp / "a.toml") == "old");
        }
        CHECK(entries_of(tmp.path()) == "a.toml");
    }
    SUBCASE("commit after sync only renames") {
        AtomicFile first(tmp / "a.toml");
        AtomicFile second(tmp / "b.toml");
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
