// Tests for lib/src/storage/config_file.cpp.
#include "bounceback/storage/config_file.hpp"

#include "bounceback/core/routine.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using bb::storage::Paths;
using bb::test::error_from;
using bb::test::mode_of;
using bb::test::read_text;
using bb::test::TempDir;
using bb::test::write_text;

namespace {

/// The day the habit changes below are made: a Wednesday, so its Monday week began 2026-11-23.
const bb::util::Date k_today{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{25}};

/// XDG-style paths under `root`, so data and config live in different folders.
Paths xdg_paths_in(const fs::path& root) {
    return bb::storage::resolve_paths(std::nullopt, [root](std::string_view name) {
        if (name == "XDG_DATA_HOME") {
            return std::optional<std::string>((root / "data").string());
        }
        if (name == "XDG_CONFIG_HOME") {
            return std::optional<std::string>((root / "config").string());
        }
        return std::optional<std::string>();
    });
}

} // namespace

TEST_CASE("storage::load_config") {
    TempDir tmp;
    const Paths paths = xdg_paths_in(tmp.path());
    SUBCASE("no file means the defaults") {
        const bb::Config config = bb::storage::load_config(paths);
        CHECK_FALSE(config.name.has_value());
        CHECK(config.week_start == bb::WeekStart::monday);
    }
    SUBCASE("the file's settings") {
        fs::create_directories(paths.config_dir);
        write_text(paths.config_file, "[me]\nname = \"Jane\"\n[week]\nstart = \"sunday\"\n");
        const bb::Config config = bb::storage::load_config(paths);
        CHECK(config.name == "Jane");
        CHECK(config.week_start == bb::WeekStart::sunday);
    }
    SUBCASE("a file that does not parse, or breaks a rule, is a config error with its position") {
        fs::create_directories(paths.config_dir);
        for (const auto& entry : {std::pair{"[me]\nname = \"Jane\n", 2},
                                  std::pair{"[week]\n\nstart = \"someday\"\n", 3}}) {
            const auto& text = entry.first; // no [a, b]: clang 14 cannot capture bindings
            const auto& line = entry.second;
            CAPTURE(text);
            write_text(paths.config_file, text);
            const auto error = error_from([&] { bb::storage::load_config(paths); });
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::config);
            BB_CHECK_POSITION(error->what(), paths.config_file.string(), line);
        }
    }
}

TEST_CASE("storage::config_exists") {
    TempDir tmp;
    const Paths paths = xdg_paths_in(tmp.path());
    CHECK_FALSE(bb::storage::config_exists(paths));
    fs::create_directories(paths.config_dir);
    write_text(paths.config_file, "not toml at all [");
    CHECK(bb::storage::config_exists(paths));
}

TEST_CASE("storage::create_config") {
    TempDir tmp;
    const Paths paths = xdg_paths_in(tmp.path());
    const std::string text = "[me]\nname = \"Jane\"\n";

    SUBCASE("creates the file 0600 and its folders 0700, whatever the umask") {
        bb::test::UmaskGuard umask(0);
        bb::storage::create_config(paths, text);
        CHECK(read_text(paths.config_file) == text);
        CHECK(mode_of(paths.config_file) == 0600);
        CHECK(mode_of(paths.config_dir) == 0700);
        CHECK(mode_of(paths.data_dir) == 0700);
        CHECK(bb::storage::load_config(paths).name == "Jane");
    }
    SUBCASE("an existing config is never overwritten") {
        fs::create_directories(paths.config_dir);
        write_text(paths.config_file, "# mine\n");
        const auto error = error_from([&] { bb::storage::create_config(paths, text); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::cant_create);
        CHECK(read_text(paths.config_file) == "# mine\n");
        CHECK(bb::test::entries_of(paths.config_dir) == "config.toml");
    }
    SUBCASE("text that is not a valid config is refused and nothing is created") {
        const auto error =
            error_from([&] { bb::storage::create_config(paths, "[week]\nstart = \"friday\"\n"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        CHECK_FALSE(fs::exists(paths.config_file));
    }
}

TEST_CASE("storage::rewrite_config") {
    TempDir tmp;
    const Paths paths = xdg_paths_in(tmp.path());
    auto set_name = [](const char* name) {
        return [name](toml::table& table, const bb::Config&) {
            toml::table me;
            me.insert_or_assign("name", std::string(name));
            table.insert_or_assign("me", std::move(me));
            return true;
        };
    };

    SUBCASE("no file: creates it 0600 in a 0700 folder, whatever the umask") {
        bb::test::UmaskGuard umask(0);
        const auto result = bb::storage::rewrite_config(paths, set_name("Jane"));
        CHECK(result.written);
        CHECK(result.created);
        CHECK_FALSE(result.dropped_comments);
        CHECK(mode_of(paths.config_file) == 0600);
        CHECK(mode_of(paths.config_dir) == 0700);
        CHECK(bb::storage::load_config(paths).name == "Jane");
    }
    SUBCASE("keeps the other settings, and a loose file mode becomes 0600") {
        fs::create_directories(paths.config_dir);
        write_text(paths.config_file, "[week]\nstart = \"sunday\"\n[me]\nname = \"Old\"\n");
        fs::permissions(paths.config_file, fs::perms(0644));
        const auto result = bb::storage::rewrite_config(paths, set_name("New"));
        CHECK(result.written);
        CHECK_FALSE(result.created);
        const bb::Config config = bb::storage::load_config(paths);
        CHECK(config.name == "New");
        CHECK(config.week_start == bb::WeekStart::sunday);
        CHECK(mode_of(paths.config_file) == 0600);
        CHECK(bb::test::entries_of(paths.config_dir) == "config.toml");
    }
    SUBCASE("the change sees the settings the file holds") {
        fs::create_directories(paths.config_dir);
        write_text(paths.config_file, "[week]\nstart = \"sunday\"\n");
        bool saw_sunday = false;
        bb::storage::rewrite_config(paths, [&](toml::table&, const bb::Config& current) {
            saw_sunday = current.week_start == bb::WeekStart::sunday;
            return false;
        });
        CHECK(saw_sunday);
    }
    SUBCASE("a file that does not parse is never changed") {
        fs::create_directories(paths.config_dir);
        const std::string broken = "# mine\n[me]\nname = \"Jane\n";
        write_text(paths.config_file, broken);
        bool called = false;
        const auto error = error_from([&] {
            bb::storage::rewrite_config(paths, [&](toml::table&, const bb::Config&) {
                called = true;
                return true;
            });
        });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        BB_CHECK_POSITION(error->what(), paths.config_file.string(), 3);
        CHECK_FALSE(called);
        CHECK(read_text(paths.config_file) == broken);
        CHECK(bb::test::entries_of(paths.config_dir) == "config.toml");
    }
    SUBCASE("a file that breaks a rule is never changed") {
        fs::create_directories(paths.config_dir);
        const std::string bad = "[week]\nstart = \"friday\"\n";
        write_text(paths.config_file, bad);
        const auto error = error_from([&] { bb::storage::rewrite_config(paths, set_name("J")); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        BB_CHECK_POSITION(error->what(), paths.config_file.string(), 2);
        CHECK(read_text(paths.config_file) == bad);
    }
    SUBCASE("a change that would break a rule is refused and the file is byte-identical") {
        fs::create_directories(paths.config_dir);
        const std::string text = "# keep me\n[me]\nname = \"Jane\"\n";
        write_text(paths.config_file, text);
        const auto error = error_from([&] {
            bb::storage::rewrite_config(paths, [](toml::table& table, const bb::Config&) {
                table.insert_or_assign("colour", "blue");
                return true;
            });
        });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        CHECK(read_text(paths.config_file) == text);
        CHECK(bb::test::entries_of(paths.config_dir) == "config.toml");
    }
    SUBCASE("a change that throws leaves the file as it was") {
        fs::create_directories(paths.config_dir);
        write_text(paths.config_file, "[me]\nname = \"Jane\"\n");
        const auto error = error_from([&] {
            bb::storage::rewrite_config(paths, [](toml::table& table, const bb::Config&) -> bool {
                table.clear();
                throw bb::Error(bb::ExitCode::usage, "changed my mind");
            });
        });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::usage);
        CHECK(read_text(paths.config_file) == "[me]\nname = \"Jane\"\n");
    }
    SUBCASE("no change, no write: comments survive") {
        fs::create_directories(paths.config_dir);
        const std::string text = "# mine\n[me]\nname = \"Jane\"\n";
        write_text(paths.config_file, text);
        const auto result = bb::storage::rewrite_config(
            paths, [](toml::table&, const bb::Config&) { return false; });
        CHECK_FALSE(result.written);
        CHECK_FALSE(result.dropped_comments);
        CHECK(read_text(paths.config_file) == text);
    }
    SUBCASE("says when the old file had comments, and only then") {
        fs::create_directories(paths.config_dir);
        const std::pair<const char*, bool> cases[] = {
            {"# a comment line\n[me]\nname = \"J\"\n", true},
            {"[me]\nname = \"J\" # after a value\n", true},
            {"[me]\nname = \"J # not a comment\"\n", false},
            {"[me]\nname = 'J # literal'\n", false},
            {"[me]\nname = \"J \\\" # escaped quote\"\n", false},
            {"[me]\nsignature = \"\"\"\nJ # in a multi-line string\n\"\"\"\n", false},
            {"[me]\nsignature = '''\nJ # literal, multi-line\n'''\n", false},
            {"[me]\nsignature = \"\"\"J \"\"\"\"\" # after five quotes\n", true},
            {"[me]\nname = \"J\"\n", false},
        };
        for (const auto& [text, commented] : cases) {
            const std::string shown = text;
            CAPTURE(shown);
            write_text(paths.config_file, text);
            const auto result = bb::storage::rewrite_config(paths, set_name("Jane"));
            CHECK(result.written);
            CHECK(result.dropped_comments == commented);
            CHECK(read_text(paths.config_file).find('#') == std::string::npos);
        }
    }
}

TEST_CASE("storage::save_habit") {
    TempDir tmp;
    const Paths paths = xdg_paths_in(tmp.path());

    SUBCASE("the first habit added keeps the defaults beside it") {
        const auto saved = bb::storage::save_habit(paths, "reading", 2, "Twenty pages", k_today);
        CHECK(saved.rewrite.written);
        CHECK(saved.rewrite.created);
        CHECK(saved.defaults_written);
        CHECK_FALSE(saved.before.has_value());
        const bb::Config config = bb::storage::load_config(paths);
        REQUIRE(config.habits.size() == bb::default_habits().size() + 1);
        CHECK(config.habits.at("reading").per_week == 2);
        CHECK(config.habits.at("reading").description == "Twenty pages");
        for (const auto& entry : bb::default_habits()) {
            const auto& name = entry.first; // no [a, b]: clang 14 cannot capture bindings
            const auto& habit = entry.second;
            CAPTURE(name);
            REQUIRE(config.habits.contains(name));
            CHECK(config.habits.at(name).per_week == habit.per_week);
            CHECK(config.habits.at(name).description == habit.description);
        }
        CHECK(mode_of(paths.config_file) == 0600);
    }
    SUBCASE("changing a default's target also writes the others") {
        const auto saved = bb::storage::save_habit(paths, "exercise", 5, std::nullopt, k_today);
        CHECK(saved.defaults_written);
        REQUIRE(saved.before.has_value());
        CHECK(saved.before->per_week == 3);
        const bb::Config config = bb::storage::load_config(paths);
        CHECK(config.habits.size() == bb::default_habits().size());
        CHECK(config.habits.at("exercise").per_week == 5);
        CHECK(config.habits.at("exercise").description ==
              bb::default_habits().at("exercise").description);
    }
    SUBCASE("a new target applies from this week on; the weeks before keep theirs") {
        using bb::util::Date;
        auto date = [](int y, unsigned m, unsigned d) {
            return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
        };
        fs::create_directories(paths.config_dir);
        write_text(paths.config_file, "[routine.habits.walk]\nper_week = 3\n");
        bb::storage::save_habit(paths, "walk", 4, std::nullopt, k_today);
        bb::Config config = bb::storage::load_config(paths);
        const bb::HabitConfig& walk = config.habits.at("walk");
        CHECK(walk.per_week == 4);
        REQUIRE(walk.earlier_targets.size() == 1);
        CHECK(walk.earlier_targets[0].per_week == 3);
        CHECK(walk.earlier_targets[0].until == date(2026, 11, 22)); // the Sunday before
        CHECK(walk.target_for_week(date(2026, 11, 16)) == 3);
        CHECK(walk.target_for_week(date(2026, 11, 23)) == 4);
        // Read back by a real TOML parser as written: an array of tables.
        CHECK(read_text(paths.config_file).find("earlier_targets") != std::string::npos);

        // A second change the same week: this week takes it, the past still has 3.
        bb::storage::save_habit(paths, "walk", 5, std::nullopt, date(2026, 11, 29));
        config = bb::storage::load_config(paths);
        CHECK(config.habits.at("walk").per_week == 5);
        CHECK(config.habits.at("walk").earlier_targets.size() == 1);
        // Back to 3 the same week: one stretch again, nothing left to remember.
        bb::storage::save_habit(paths, "walk", 3, std::nullopt, date(2026, 11, 23));
        config = bb::storage::load_config(paths);
        CHECK(config.habits.at("walk").per_week == 3);
        CHECK(config.habits.at("walk").earlier_targets.empty());
        CHECK(read_text(paths.config_file).find("earlier_targets") == std::string::npos);

        // Sunday weeks: the change made on Wednesday applies from Sunday 2026-11-22.
        write_text(paths.config_file,
                   "[week]\nstart = \"Sunday\"\n[routine.habits.walk]\nper_week = 3\n");
        bb::storage::save_habit(paths, "walk", 2, std::nullopt, k_today);
        config = bb::storage::load_config(paths);
        CHECK(config.week_start == bb::WeekStart::sunday);
        REQUIRE(config.habits.at("walk").earlier_targets.size() == 1);
        CHECK(config.habits.at("walk").earlier_targets[0].until == date(2026, 11, 21));
    }
    SUBCASE("with habits in the file, only the one named changes") {
        fs::create_directories(paths.config_dir);
        write_text(paths.config_file,
                   "[me]\nname = \"Jane\"\n\n[routine.habits.run]\nper_week = 2\n"
                   "description = \"Around the park\"\n");
        auto saved = bb::storage::save_habit(paths, "run", 3, std::nullopt, k_today);
        CHECK_FALSE(saved.defaults_written);
        bb::Config config = bb::storage::load_config(paths);
        CHECK(config.name == "Jane");
        REQUIRE(config.habits.size() == 1);
        CHECK(config.habits.at("run").per_week == 3);
        CHECK(config.habits.at("run").description == "Around the park");

        saved = bb::storage::save_habit(paths, "run", std::nullopt, "", k_today);
        config = bb::storage::load_config(paths);
        CHECK(config.habits.at("run").per_week == 3);
        CHECK(config.habits.at("run").description.empty());
        CHECK(read_text(paths.config_file).find("description") == std::string::npos);
    }
    SUBCASE("the same values again write nothing") {
        fs::create_directories(paths.config_dir);
        const std::string text = "# mine\n[routine.habits.run]\nper_week = 2\n";
        write_text(paths.config_file, text);
        const auto saved = bb::storage::save_habit(paths, "run", 2, std::nullopt, k_today);
        CHECK_FALSE(saved.rewrite.written);
        CHECK(read_text(paths.config_file) == text);
    }
    SUBCASE("bad values are refused before anything is read or written") {
        for (const auto& entry : {std::pair{"run", 0}, std::pair{"run", 8},
                                  std::pair{"two words", 3}, std::pair{"", 3}}) {
            const auto& name = entry.first; // no [a, b]: clang 14 cannot capture bindings
            const auto& per_week = entry.second;
            CAPTURE(name);
            CAPTURE(per_week);
            const auto error = error_from(
                [&] { bb::storage::save_habit(paths, name, per_week, std::nullopt, k_today); });
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::usage);
        }
        const auto error = error_from(
            [&] { bb::storage::save_habit(paths, "run", 2, std::string("two\nlines"), k_today); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::usage);
        CHECK_FALSE(fs::exists(paths.config_file));
    }
    SUBCASE("a new habit needs a target") {
        const auto error = error_from(
            [&] { bb::storage::save_habit(paths, "reading", std::nullopt, "Books", k_today); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::usage);
        BB_CHECK_CONTAINS(error->what(), "--per-week");
        CHECK_FALSE(fs::exists(paths.config_file));
    }
    SUBCASE("a config that does not parse is never written: exit 78, byte-identical") {
        fs::create_directories(paths.config_dir);
        const std::string broken = "[routine.habits.run]\nper_week = \n";
        write_text(paths.config_file, broken);
        const auto error = error_from(
            [&] { bb::storage::save_habit(paths, "reading", 2, std::nullopt, k_today); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        BB_CHECK_POSITION(error->what(), paths.config_file.string(), 2);
        CHECK(read_text(paths.config_file) == broken);
    }
}

TEST_CASE("storage::remove_habit") {
    TempDir tmp;
    const Paths paths = xdg_paths_in(tmp.path());

    SUBCASE("removing a default writes the other defaults") {
        const auto saved = bb::storage::remove_habit(paths, "hobby");
        CHECK(saved.defaults_written);
        CHECK(saved.rewrite.created);
        const bb::Config config = bb::storage::load_config(paths);
        CHECK(config.habits.size() == bb::default_habits().size() - 1);
        CHECK_FALSE(config.habits.contains("hobby"));
        CHECK(config.habits.contains("exercise"));
        CHECK(mode_of(paths.config_file) == 0600);
    }
    SUBCASE("with habits in the file") {
        fs::create_directories(paths.config_dir);
        write_text(paths.config_file,
                   "[routine.habits.run]\nper_week = 2\n[routine.habits.yoga]\nper_week = 1\n");
        const auto saved = bb::storage::remove_habit(paths, "yoga");
        REQUIRE(saved.before.has_value());
        CHECK(saved.before->per_week == 1);
        CHECK_FALSE(saved.defaults_written);
        const bb::Config config = bb::storage::load_config(paths);
        REQUIRE(config.habits.size() == 1);
        CHECK(config.habits.contains("run"));
    }
    SUBCASE("the last habit stays: without any, the defaults would come back") {
        fs::create_directories(paths.config_dir);
        const std::string text = "[routine.habits.run]\nper_week = 2\n";
        write_text(paths.config_file, text);
        const auto error = error_from([&] { bb::storage::remove_habit(paths, "run"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::usage);
        CHECK(read_text(paths.config_file) == text);
    }
    SUBCASE("an unknown habit: exit 66 with a suggestion, nothing written") {
        fs::create_directories(paths.config_dir);
        const std::string text = "# mine\n[routine.habits.running]\nper_week = 2\n"
                                 "[routine.habits.yoga]\nper_week = 1\n";
        write_text(paths.config_file, text);
        const auto error = error_from([&] { bb::storage::remove_habit(paths, "runing"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::no_input);
        BB_CHECK_CONTAINS(error->what(), "did you mean 'running'?");
        CHECK(read_text(paths.config_file) == text);
    }
    SUBCASE("an unknown habit with no config creates nothing") {
        const auto error = error_from([&] { bb::storage::remove_habit(paths, "gardening"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::no_input);
        CHECK_FALSE(fs::exists(paths.config_file));
    }
}

TEST_CASE("storage::with_string_set") {
    auto set = [](const std::string& text, const std::string& value) {
        return bb::storage::with_string_set(text, toml::parse(text), "me", "goal", value);
    };
    SUBCASE("replaces the value where it is written, keeping comments and order") {
        const std::string text = "# mine\n[me]\nname = \"Jane\"  # me\ngoal = 'old'   # why\n"
                                 "[week]\nstart = \"sunday\"\n";
        CHECK(set(text, "New \"one\"") == "# mine\n[me]\nname = \"Jane\"  # me\n"
                                          "goal = \"New \\\"one\\\"\"   # why\n"
                                          "[week]\nstart = \"sunday\"\n");
    }
    SUBCASE("after text with accents on the same line") {
        const std::string text = "[me]\nname = \"Jos\xc3\xa9\"\ngoal = \"\xc3\xa9t\xc3\xa9\" # \xc3\xa9\n";
        CHECK(set(text, "x") == "[me]\nname = \"Jos\xc3\xa9\"\ngoal = \"x\" # \xc3\xa9\n");
    }
    SUBCASE("adds a line under the [me] header") {
        CHECK(set("# c\n[me] # mine\nname = \"Jane\"\n", "Grow") ==
              "# c\n[me] # mine\ngoal = \"Grow\"\nname = \"Jane\"\n");
        CHECK(set("[me]", "Grow") == "[me]\ngoal = \"Grow\"\n");
        CHECK(set("[me]\r\nname = \"J\"\r\n", "Grow") == "[me]\r\ngoal = \"Grow\"\r\nname = \"J\"\r\n");
    }
    SUBCASE("fills in the commented-out example of its section") {
        CHECK(set("[me]\n# Say it.\n# goal = \"Example\"\nname = \"J\"\n[week]\n# goal = \"x\"\n", "Grow") ==
              "[me]\n# Say it.\ngoal = \"Grow\"\nname = \"J\"\n[week]\n# goal = \"x\"\n");
        CHECK(set("[me]\r\n# goal = \"Example\"\r\n", "Grow") == "[me]\r\ngoal = \"Grow\"\r\n");
        // Only inside [me]: an example in another section is left alone.
        CHECK(set("[me]\nname = \"J\"\n[week]\n# goal = \"x\"\n", "Grow") ==
              "[me]\ngoal = \"Grow\"\nname = \"J\"\n[week]\n# goal = \"x\"\n");
    }
    SUBCASE("adds [me] at the end when there is none") {
        CHECK(set("# only a comment", "Grow") == "# only a comment\n\n[me]\ngoal = \"Grow\"\n");
        CHECK(set("", "Grow") == "\n[me]\ngoal = \"Grow\"\n");
    }
    SUBCASE("gives up where the file says it another way") {
        CHECK_FALSE(set("me = { name = \"Jane\" }\n", "Grow"));
        CHECK_FALSE(set("me.name = \"Jane\"\n", "Grow"));
    }
}

TEST_CASE("storage::save_goal") {
    TempDir tmp;
    const Paths paths = xdg_paths_in(tmp.path());
    fs::create_directories(paths.config_dir);
    SUBCASE("the rest of the file stays byte for byte") {
        const std::string text = "# my settings\n[me]\nname = \"Jane\" # signed\n\n[week]\n"
                                 "# sunday, as at work\nstart = \"sunday\"\n";
        write_text(paths.config_file, text);
        const auto saved = bb::storage::save_goal(paths, "Lead a small team");
        CHECK(saved.rewrite.written);
        CHECK_FALSE(saved.rewrite.dropped_comments);
        CHECK_FALSE(saved.before);
        CHECK(read_text(paths.config_file) ==
              "# my settings\n[me]\ngoal = \"Lead a small team\"\nname = \"Jane\" # signed\n\n"
              "[week]\n# sunday, as at work\nstart = \"sunday\"\n");
        const auto again = bb::storage::save_goal(paths, "Lead a team");
        CHECK(again.before == "Lead a small team");
        CHECK(bb::storage::load_config(paths).goal == "Lead a team");
        CHECK_FALSE(bb::storage::save_goal(paths, "Lead a team").rewrite.written);
    }
    SUBCASE("a file the edit cannot keep is rewritten, saying comments went") {
        write_text(paths.config_file, "# note\nme = { name = \"Jane\" }\n");
        const auto saved = bb::storage::save_goal(paths, "Grow");
        CHECK(saved.rewrite.written);
        CHECK(saved.rewrite.dropped_comments);
        CHECK(bb::storage::load_config(paths).goal == "Grow");
        CHECK(bb::storage::load_config(paths).name == "Jane");
    }
    SUBCASE("a bad goal or a bad file changes nothing") {
        write_text(paths.config_file, "[me]\nname = \"Jane\"\n");
        auto error = error_from([&] { bb::storage::save_goal(paths, "two\nlines"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::usage);
        write_text(paths.config_file, "[me]\nname = 3\n");
        error = error_from([&] { bb::storage::save_goal(paths, "Grow"); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::config);
        CHECK(read_text(paths.config_file) == "[me]\nname = 3\n");
    }
}
