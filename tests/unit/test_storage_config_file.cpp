// Tests for lib/src/storage/config_file.cpp.
#include "bounceback/storage/config_file.hpp"

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
        for (auto [text, line] : {std::pair{"[me]\nname = \"Jane\n", 2},
                                  std::pair{"[week]\n\nstart = \"someday\"\n", 3}}) {
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
