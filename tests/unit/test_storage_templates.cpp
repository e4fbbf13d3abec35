// Tests for lib/src/storage/templates.cpp: the person's own templates, strict names, and no
// reading outside the template folder.
#include "bounceback/storage/templates.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/mail/template.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace fs = std::filesystem;
using bb::ExitCode;
using bb::storage::Paths;
using bb::test::error_from;
using bb::test::home_in;
using bb::test::TempDir;
using bb::test::write_text;

namespace {

std::string names_of(const std::vector<bb::storage::UserTemplate>& templates) {
    std::string out;
    for (const auto& t : templates) {
        out += (out.empty() ? "" : " ") + t.name;
    }
    return out;
}

constexpr std::string_view k_mine = "Subject: My own {{company}}\n\nHi,\n";

} // namespace

TEST_CASE("storage::read_user_template") {
    TempDir tmp;
    const Paths paths = home_in(tmp / "home");
    REQUIRE(paths.templates_dir == tmp / "home" / "templates");

    SUBCASE("no folder, or no file: nullopt") {
        CHECK_FALSE(bb::storage::read_user_template(paths, "after-application").has_value());
        fs::create_directories(paths.templates_dir);
        CHECK_FALSE(bb::storage::read_user_template(paths, "mine").has_value());
    }

    SUBCASE("a user template is read as it is") {
        fs::create_directories(paths.templates_dir);
        write_text(paths.templates_dir / "mine.mustache", k_mine);
        const auto t = bb::storage::read_user_template(paths, "mine");
        REQUIRE(t);
        CHECK(t->name == "mine");
        CHECK(t->path == paths.templates_dir / "mine.mustache");
        CHECK(t->text == k_mine);
    }

    SUBCASE("a user template with a built-in's name is found (it overrides the built-in)") {
        fs::create_directories(paths.templates_dir);
        write_text(paths.templates_dir / "after-application.mustache", k_mine);
        REQUIRE(bb::mail::find_builtin_template("after-application") != nullptr);
        const auto t = bb::storage::read_user_template(paths, "after-application");
        REQUIRE(t);
        CHECK(t->text == k_mine);
        CHECK(t->text != bb::mail::find_builtin_template("after-application")->text);
    }

    SUBCASE("names that are not [A-Za-z0-9_-]+ are usage errors, before any file is opened") {
        // Bait: files those names would reach if they were used as paths.
        fs::create_directories(paths.templates_dir / "a");
        write_text(tmp / "home" / "x.mustache", k_mine);
        write_text(paths.templates_dir / "a.b.mustache", k_mine);
        write_text(paths.templates_dir / "a" / "b.mustache", k_mine);
        write_text(paths.templates_dir / "x y.mustache", k_mine);
        write_text(paths.templates_dir / ".mustache", k_mine);
        const std::vector<std::string> names = {
            "../x",       "a.b", "a/b",  "",       "/etc/passwd", "x y",
            "..",         ".",   "a\\b", "mine\n", "caf\xc3\xa9", std::string("a\0b", 3),
            "x.mustache", "~"};
        for (const auto& name : names) {
            CAPTURE(name);
            const auto error = error_from([&] { bb::storage::read_user_template(paths, name); });
            REQUIRE(error);
            CHECK(error->code() == ExitCode::usage);
        }
    }

    SUBCASE("the name is checked before the folder is touched") {
        // The templates folder is a file: opening anything in it fails with ENOTDIR, which would
        // be an I/O error, not a usage error.
        fs::create_directories(paths.templates_dir.parent_path());
        write_text(paths.templates_dir, "not a folder");
        for (const std::string name : {"../x", "a.b", "/etc/passwd", ""}) {
            CAPTURE(name);
            const auto error = error_from([&] { bb::storage::read_user_template(paths, name); });
            REQUIRE(error);
            CHECK(error->code() == ExitCode::usage);
        }
    }

    SUBCASE("a symbolic link is refused and its target is not read") {
        fs::create_directories(paths.templates_dir);
        write_text(tmp / "secret.txt", "Subject: SECRET-CONTENT\n\nsecret\n");
        fs::create_symlink(tmp / "secret.txt", paths.templates_dir / "evil.mustache");
        const auto error = error_from([&] { bb::storage::read_user_template(paths, "evil"); });
        REQUIRE(error);
        CHECK(error->code() == ExitCode::data);
        BB_CHECK_CONTAINS(std::string(error->what()), "evil.mustache");
        CHECK(std::string(error->what()).find("SECRET-CONTENT") == std::string::npos);
        // A relative link to a file in the same folder is refused too.
        write_text(paths.templates_dir / "real.mustache", k_mine);
        fs::create_symlink("real.mustache", paths.templates_dir / "alias.mustache");
        const auto alias = error_from([&] { bb::storage::read_user_template(paths, "alias"); });
        REQUIRE(alias);
        CHECK(alias->code() == ExitCode::data);
    }

    SUBCASE("a symbolic link to a FIFO is refused without opening the FIFO") {
        // Opening a FIFO for reading would block this test; O_NOFOLLOW fails first.
        fs::create_directories(paths.templates_dir);
        REQUIRE(::mkfifo((tmp / "fifo").c_str(), 0600) == 0);
        fs::create_symlink(tmp / "fifo", paths.templates_dir / "pipe.mustache");
        const auto error = error_from([&] { bb::storage::read_user_template(paths, "pipe"); });
        REQUIRE(error);
        CHECK(error->code() == ExitCode::data);
    }
}

TEST_CASE("storage::list_user_templates") {
    TempDir tmp;
    const Paths paths = home_in(tmp / "home");

    SUBCASE("no folder: none") {
        CHECK(bb::storage::list_user_templates(paths).empty());
    }

    SUBCASE("valid names, sorted; other files skipped") {
        fs::create_directories(paths.templates_dir);
        write_text(paths.templates_dir / "zeta.mustache", "Subject: Z\n\nz\n");
        write_text(paths.templates_dir / "after-application.mustache", k_mine);
        write_text(paths.templates_dir / "My_Template-2.mustache", "Subject: M\n\nm\n");
        write_text(paths.templates_dir / "a.b.mustache", k_mine);
        write_text(paths.templates_dir / "x y.mustache", k_mine);
        write_text(paths.templates_dir / ".hidden.mustache", k_mine);
        write_text(paths.templates_dir / "caf\xc3\xa9.mustache", k_mine);
        write_text(paths.templates_dir / "notes.txt", "not a template");
        write_text(paths.templates_dir / "zeta.mustache~", "backup");
        const auto all = bb::storage::list_user_templates(paths);
        CHECK(names_of(all) == "My_Template-2 after-application zeta");
        REQUIRE(all.size() == 3);
        CHECK(all[1].text == k_mine);
        CHECK(all[1].path == paths.templates_dir / "after-application.mustache");
        CHECK(all[2].text == "Subject: Z\n\nz\n");
    }
}
