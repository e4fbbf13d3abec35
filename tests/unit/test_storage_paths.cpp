// Tests for lib/src/storage/paths.cpp.
#include "bounceback/storage/paths.hpp"

#include "bounceback/core/error.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

namespace fs = std::filesystem;
using bb::storage::EnvLookup;
using bb::storage::Paths;
using bb::storage::resolve_paths;
using bb::test::error_from;

namespace {

/// An environment holding exactly `vars`; empty values count as unset, as in the real one.
EnvLookup fake_env(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        auto it = vars.find(std::string(name));
        if (it == vars.end() || it->second.empty()) {
            return std::nullopt;
        }
        return it->second;
    };
}

const std::map<std::string, std::string> k_everything_set = {
    {"BOUNCEBACK_HOME", "/srv/env-home"},
    {"XDG_DATA_HOME", "/xdg/data"},
    {"XDG_CONFIG_HOME", "/xdg/config"},
    {"HOME", "/home/jane"},
};

/// Checks that `paths` keep everything in the single folder `root`.
void check_single_folder(const Paths& paths, const fs::path& root) {
    CHECK(paths.data_dir == root);
    CHECK(paths.config_dir == root);
    CHECK(paths.config_file == root / "config.toml");
    CHECK(paths.templates_dir == root / "templates");
    CHECK(paths.cache_dir == root / "cache");
}

} // namespace

TEST_CASE("storage::resolve_paths") {
    SUBCASE("--home beats BOUNCEBACK_HOME and XDG") {
        const Paths paths = resolve_paths("/srv/flag-home", fake_env(k_everything_set));
        check_single_folder(paths, "/srv/flag-home");
        CHECK(paths.chosen_by == "--home");
    }
    SUBCASE("BOUNCEBACK_HOME beats XDG") {
        const Paths paths = resolve_paths(std::nullopt, fake_env(k_everything_set));
        check_single_folder(paths, "/srv/env-home");
        CHECK(paths.chosen_by == "BOUNCEBACK_HOME");
    }
    SUBCASE("XDG_DATA_HOME and XDG_CONFIG_HOME") {
        auto vars = k_everything_set;
        vars.erase("BOUNCEBACK_HOME");
        const Paths paths = resolve_paths(std::nullopt, fake_env(vars));
        CHECK(paths.data_dir == "/xdg/data/bounceback");
        CHECK(paths.config_dir == "/xdg/config/bounceback");
        CHECK(paths.config_file == "/xdg/config/bounceback/config.toml");
        CHECK(paths.templates_dir == "/xdg/config/bounceback/templates");
        CHECK(paths.cache_dir == "/home/jane/.cache/bounceback");
        CHECK(paths.chosen_by == "XDG");
    }
    SUBCASE("XDG_CACHE_HOME holds the cache; a relative one is ignored") {
        CHECK(resolve_paths(std::nullopt,
                            fake_env({{"HOME", "/home/jane"}, {"XDG_CACHE_HOME", "/xdg/cache"}}))
                  .cache_dir == "/xdg/cache/bounceback");
        CHECK(resolve_paths(std::nullopt,
                            fake_env({{"HOME", "/home/jane"}, {"XDG_CACHE_HOME", "rel/cache"}}))
                  .cache_dir == "/home/jane/.cache/bounceback");
    }
    SUBCASE("an empty BOUNCEBACK_HOME counts as unset") {
        auto vars = k_everything_set;
        vars["BOUNCEBACK_HOME"] = "";
        CHECK(resolve_paths(std::nullopt, fake_env(vars)).data_dir == "/xdg/data/bounceback");
    }
    SUBCASE("HOME when XDG is not set") {
        const Paths paths = resolve_paths(std::nullopt, fake_env({{"HOME", "/home/jane"}}));
        CHECK(paths.data_dir == "/home/jane/.local/share/bounceback");
        CHECK(paths.config_dir == "/home/jane/.config/bounceback");
        CHECK(paths.config_file == "/home/jane/.config/bounceback/config.toml");
        CHECK(paths.chosen_by == "XDG");
    }
    SUBCASE("relative XDG values are ignored") {
        const Paths paths =
            resolve_paths(std::nullopt, fake_env({{"HOME", "/home/jane"},
                                                  {"XDG_DATA_HOME", "rel/data"},
                                                  {"XDG_CONFIG_HOME", "./config"}}));
        CHECK(paths.data_dir == "/home/jane/.local/share/bounceback");
        CHECK(paths.config_dir == "/home/jane/.config/bounceback");
    }
    SUBCASE("one XDG value set, the other from HOME") {
        const Paths paths = resolve_paths(
            std::nullopt, fake_env({{"HOME", "/home/jane"}, {"XDG_CONFIG_HOME", "/xdg/config"}}));
        CHECK(paths.data_dir == "/home/jane/.local/share/bounceback");
        CHECK(paths.config_dir == "/xdg/config/bounceback");
    }
    SUBCASE("no HOME and nothing else is a config error") {
        for (const auto& vars :
             {std::map<std::string, std::string>{},
              std::map<std::string, std::string>{{"HOME", "relative/home"}},
              std::map<std::string, std::string>{{"XDG_DATA_HOME", "/xdg/data"}}}) {
            const auto error = error_from([&] { resolve_paths(std::nullopt, fake_env(vars)); });
            REQUIRE(error);
            CHECK(error->code() == bb::ExitCode::config);
            BB_CHECK_CONTAINS(error->what(), "HOME");
        }
    }
    SUBCASE("a relative --home is made absolute") {
        const fs::path expected = fs::current_path() / "rel" / "home";
        const Paths paths = resolve_paths("rel/home", fake_env({}));
        CHECK(paths.data_dir.is_absolute());
        check_single_folder(paths, expected);
        check_single_folder(resolve_paths("rel/home/", fake_env({})), expected);
        check_single_folder(resolve_paths("./rel/x/../home", fake_env({})), expected);
    }
    SUBCASE("a relative BOUNCEBACK_HOME is made absolute") {
        const Paths paths = resolve_paths(std::nullopt, fake_env({{"BOUNCEBACK_HOME", "rel/env"}}));
        check_single_folder(paths, fs::current_path() / "rel" / "env");
    }
    SUBCASE("an empty --home is a usage error") {
        const auto error =
            error_from([&] { resolve_paths(std::string(), fake_env(k_everything_set)); });
        REQUIRE(error);
        CHECK(error->code() == bb::ExitCode::usage);
    }
}

TEST_CASE("storage::process_environment") {
    const auto env = bb::storage::process_environment();
    ::setenv("BB_UNIT_TEST_VARIABLE", "some value", 1);
    CHECK(env("BB_UNIT_TEST_VARIABLE") == "some value");
    ::setenv("BB_UNIT_TEST_VARIABLE", "", 1);
    CHECK_FALSE(env("BB_UNIT_TEST_VARIABLE").has_value());
    ::unsetenv("BB_UNIT_TEST_VARIABLE");
    CHECK_FALSE(env("BB_UNIT_TEST_VARIABLE").has_value());
}
