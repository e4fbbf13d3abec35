// Tests for lib/src/storage/doctor.cpp.
#include "bounceback/storage/doctor.hpp"

#include "bounceback/storage/store.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace std::chrono;
using bb::storage::CheckReport;
using bb::storage::Finding;
using bb::storage::Store;
using bb::test::home_in;
using bb::test::read_text;
using bb::test::TempDir;
using Severity = Finding::Severity;

namespace {

/// One `[[rejection]]` table as a person would write it; `extra` adds lines.
std::string rejection_table(int id, std::string_view company, std::string_view date,
                            std::string_view extra = "") {
    return "\n[[rejection]]\ncompany = \"" + std::string(company) +
           "\"\ndate = " + std::string(date) + "\nid = " + std::to_string(id) + "\n" +
           std::string(extra);
}

/// Writes `content` to `path` as bounceback would: mode 0600.
void write_private(const fs::path& path, std::string_view content) {
    bb::test::write_text(path, content);
    fs::permissions(path, fs::perms(0600));
}

constexpr bb::Date k_today = 2026y / 11 / 25;

/// check_home as `doctor` runs it on 2026-11-25, changing nothing.
CheckReport check(const bb::storage::Paths& paths) {
    return bb::storage::check_home(paths, {k_today, false});
}

/// check_home as `doctor --fix` runs it on 2026-11-25.
CheckReport fix(const bb::storage::Paths& paths) {
    return bb::storage::check_home(paths, {k_today, true});
}

/// Every finding of `severity`, one message per line.
std::string findings_of(const CheckReport& report, Severity severity) {
    std::string out;
    for (const auto& finding : report.findings) {
        if (finding.severity == severity) {
            out += finding.message + "\n";
        }
    }
    return out;
}

/// A home with two rejections (October and November) and a win, written by the store.
struct Home {
    TempDir tmp;
    bb::storage::Paths paths = home_in(tmp / "home");
    Store store{paths, 2s};

    Home() {
        bb::Rejection acme;
        acme.company = "Acme";
        acme.date = 2026y / 10 / 10;
        store.add_rejection(acme);
        bb::Rejection globex;
        globex.company = "Globex";
        globex.date = 2026y / 11 / 1;
        store.add_rejection(globex);
        bb::Win win;
        win.text = "Asked for feedback";
        win.date = 2026y / 11 / 2;
        store.add_win(win);
    }

    fs::path rejections(std::string_view name) const { return store.rejections_dir() / name; }
};

} // namespace

TEST_CASE("storage::check_home") {
    Home home;
    const fs::path october = home.rejections("2026-10.toml");
    const fs::path november = home.rejections("2026-11.toml");

    SUBCASE("a clean home has no findings") {
        const CheckReport report = check(home.paths);
        CHECK_FALSE(report.has_problems());
        CHECK_MESSAGE(report.findings.empty(), findings_of(report, Severity::note));
        CHECK(report.files_checked == 4); // two rejection months, one win month, store.toml
        CHECK(report.records_checked == 3);
    }
    SUBCASE("a home that does not exist yet has no findings") {
        TempDir tmp;
        const CheckReport report = check(home_in(tmp / "nothing-here"));
        CHECK(report.findings.empty());
        CHECK(report.files_checked == 0);
    }
    SUBCASE("a file that does not parse is a problem with its position, and is left alone") {
        const std::string garbage = "version = 1\n\n[[rejection]]\ncompany = \"Acme\nid = 1\n";
        write_private(november, garbage);
        const CheckReport report = check(home.paths);
        CHECK(report.has_problems());
        BB_CHECK_POSITION(findings_of(report, Severity::problem), "rejections/2026-11.toml", 4);
        CHECK(read_text(november) == garbage);
    }
    SUBCASE("a record that breaks a rule is a problem with its position") {
        write_private(november, "version = 1\n" +
                                    rejection_table(2, "Globex", "2026-11-01", "feeling = 0\n"));
        const CheckReport report = check(home.paths);
        CHECK(report.has_problems());
        BB_CHECK_POSITION(findings_of(report, Severity::problem), "rejections/2026-11.toml", 7);
    }
    SUBCASE("the same ID in two files is a problem") {
        const std::string text = "version = 1\n" + rejection_table(1, "Globex", "2026-11-01");
        write_private(november, text);
        const CheckReport report = check(home.paths);
        CHECK(report.has_problems());
        const std::string problems = findings_of(report, Severity::problem);
        BB_CHECK_CONTAINS(problems, "rejection 1 is also at");
        BB_CHECK_CONTAINS(problems, "2026-10.toml");
        BB_CHECK_CONTAINS(problems, "2026-11.toml");
        CHECK(read_text(november) == text);
    }
    SUBCASE("a record in the wrong month's file is a problem") {
        write_private(november, "version = 1\n" + rejection_table(2, "Globex", "2026-10-15"));
        const CheckReport report = check(home.paths);
        CHECK(report.has_problems());
        const std::string problems = findings_of(report, Severity::problem);
        BB_CHECK_CONTAINS(problems, "2026-10-15");
        BB_CHECK_CONTAINS(problems, "move it to 2026-10.toml");
    }
    SUBCASE("the same key twice is a problem") {
        write_private(october, "version = 1\n" +
                                   rejection_table(1, "Acme", "2026-10-10", "key = \"k-1\"\n"));
        write_private(november, "version = 1\n" +
                                    rejection_table(2, "Globex", "2026-11-01", "key = \"k-1\"\n"));
        const CheckReport report = check(home.paths);
        CHECK(report.has_problems());
        BB_CHECK_CONTAINS(findings_of(report, Severity::problem), "k-1");
    }
    SUBCASE("a counter behind the IDs on disk is a problem") {
        write_private(home.store.counters_file(), "version = 1\n[next]\nrejection = 2\nwin = 2\n");
        const CheckReport report = check(home.paths);
        CHECK(report.has_problems());
        const std::string problems = findings_of(report, Severity::problem);
        BB_CHECK_CONTAINS(problems, "next.rejection = 3");
        CHECK_FALSE(bb::test::contains(problems, "next.win"));
    }
    SUBCASE("a leftover temp file is a note; --fix removes it and says so") {
        const fs::path temp = home.rejections(".2026-11.toml.tmp-abcdef");
        const fs::path data_temp = home.paths.data_dir / ".store.toml.tmp-Zx81Qa";
        write_private(temp, "half a file");
        write_private(data_temp, "half a file");
        const std::string before = read_text(november);
        const CheckReport report = check(home.paths);
        CHECK_FALSE(report.has_problems());
        CHECK(fs::exists(temp));
        BB_CHECK_CONTAINS(findings_of(report, Severity::note), temp.string());
        CHECK(findings_of(report, Severity::fixed).empty());
        const CheckReport fixed_report = fix(home.paths);
        CHECK_FALSE(fixed_report.has_problems());
        CHECK_FALSE(fs::exists(temp));
        CHECK_FALSE(fs::exists(data_temp));
        const std::string fixed = findings_of(fixed_report, Severity::fixed);
        BB_CHECK_CONTAINS(fixed, temp.string());
        BB_CHECK_CONTAINS(fixed, data_temp.string());
        CHECK(read_text(november) == before);
    }
    SUBCASE("a file others can read is a problem that says how to fix it") {
        fs::permissions(november, fs::perms(0644));
        const CheckReport report = check(home.paths);
        CHECK(report.has_problems());
        BB_CHECK_CONTAINS(findings_of(report, Severity::problem), "chmod 600 " + november.string());
        CHECK(bb::test::mode_of(november) == 0644);
    }
    SUBCASE("a folder others can read is a problem that says how to fix it") {
        fs::permissions(home.store.rejections_dir(), fs::perms(0755));
        const CheckReport report = check(home.paths);
        CHECK(report.has_problems());
        BB_CHECK_CONTAINS(findings_of(report, Severity::problem),
                          "chmod 700 " + home.store.rejections_dir().string());
    }
    SUBCASE("a config.toml that does not parse or breaks a rule is a problem") {
        write_private(home.paths.config_file,
                      "[me]\nname = \"Jane\"\n[week]\nstart = \"friday\"\n");
        const CheckReport report = check(home.paths);
        CHECK(report.has_problems());
        BB_CHECK_POSITION(findings_of(report, Severity::problem), "config.toml", 4);
        write_private(home.paths.config_file, "[me\n");
        const CheckReport broken = check(home.paths);
        CHECK(broken.has_problems());
        BB_CHECK_POSITION(findings_of(broken, Severity::problem), "config.toml", 1);
    }
    SUBCASE("a stray file is a note, not a problem") {
        write_private(home.rejections("notes.txt"), "my own notes");
        const CheckReport report = check(home.paths);
        CHECK_FALSE(report.has_problems());
        BB_CHECK_CONTAINS(findings_of(report, Severity::note), "notes.txt");
        CHECK(fs::exists(home.rejections("notes.txt")));
    }
}

TEST_CASE("storage::check_home reports dates later than tomorrow") {
    Home home;
    const fs::path november = home.rejections("2026-11.toml");
    write_private(november, "version = 1\n" + rejection_table(2, "Globex", "2026-11-26") +
                                rejection_table(3, "Initech", "2026-11-27"));
    const CheckReport report = check(home.paths);
    const std::string problems = findings_of(report, Severity::problem);
    CHECK_FALSE(bb::test::contains(problems, "rejection 2:")); // tomorrow is fine
    BB_CHECK_CONTAINS(problems, "rejection 3: date 2026-11-27 is later than tomorrow");
    BB_CHECK_CONTAINS(problems, "bounceback log edit 3 --date");
    BB_CHECK_POSITION(problems, "rejections/2026-11.toml", 8);
}

TEST_CASE("storage::check_home on a symbolic link refuses it and says what to do") {
    // A home that is a link is refused by every command (it could send the files elsewhere);
    // doctor says so once, and --fix changes nothing through it.
    TempDir tmp;
    const fs::path real = tmp / "real-home";
    fs::create_directory(real);
    fs::permissions(real, fs::perms(0755));
    fs::create_directory_symlink(real, tmp / "home");
    const auto paths = home_in(tmp / "home");
    const CheckReport report = check(paths);
    const std::string problems = findings_of(report, Severity::problem);
    BB_CHECK_CONTAINS(problems, (tmp / "home").string() + " is a symbolic link");
    BB_CHECK_CONTAINS(problems, "name the real folder");
    CHECK_FALSE(bb::test::contains(problems, "chmod"));
    CHECK(report.findings.size() == 1); // one line, though the home is data and config folder
    const CheckReport fixed = fix(paths);
    CHECK(findings_of(fixed, Severity::fixed).empty());
    CHECK(bb::test::mode_of(real) == 0755); // never changed through the link
}

TEST_CASE("storage::check_home with fix") {
    Home home;
    const fs::path october = home.rejections("2026-10.toml");
    const fs::path november = home.rejections("2026-11.toml");
    const fs::path reflections = home.paths.data_dir / "reflections" / "2026-11.toml";

    SUBCASE("without fix nothing changes") {
        write_private(november, read_text(november) + rejection_table(1, "Initech", "2026-11-03"));
        fs::permissions(october, fs::perms(0644));
        const auto before = bb::test::snapshot(home.paths.data_dir);
        const CheckReport report = check(home.paths);
        CHECK(report.has_problems());
        CHECK(bb::test::snapshot(home.paths.data_dir) == before);
    }
    SUBCASE("a second record with an ID gets the next one; a reflection follows its copy") {
        // Rejection 1 is Acme (October 10); a bad merge adds a different rejection 1 on
        // November 3, and a reflection written after it.
        write_private(november, read_text(november) +
                                    rejection_table(1, "Initech", "2026-11-03", "key = \"k\"\n"));
        write_private(october, "version = 1\n" +
                                   rejection_table(1, "Acme", "2026-10-10", "key = \"k\"\n"));
        fs::create_directories(reflections.parent_path());
        write_private(reflections, "version = 1\n\n[[reflection]]\ndate = 2026-11-04\nid = 1\n"
                                   "rejection = 1\nnext = [\"rest\"]\n");
        write_private(reflections.parent_path() / "2026-10.toml",
                      "version = 1\n\n[[reflection]]\ndate = 2026-10-12\nid = 2\nrejection = 1\n"
                      "next = [\"x\"]\n");
        const CheckReport report = fix(home.paths);
        CHECK_MESSAGE(!report.has_problems(), findings_of(report, Severity::problem));
        const std::string fixed = findings_of(report, Severity::fixed);
        BB_CHECK_CONTAINS(fixed, "rejection 1 (Initech, 2026-11-03) is now rejection 3");
        BB_CHECK_CONTAINS(fixed, "its key 'k' stays with the other");
        BB_CHECK_CONTAINS(fixed, "reflection 1 now links to rejection 3");
        CHECK(home.store.rejection(3).company == "Initech");
        CHECK_FALSE(home.store.rejection(3).key);
        CHECK(home.store.rejection(1).company == "Acme");
        CHECK(home.store.reflection(1).rejection == 3);
        CHECK(home.store.reflection(2).rejection == 1); // written before Initech's: stays
        bb::Rejection next;
        next.company = "Hooli";
        next.date = 2026y / 11 / 20;
        CHECK(home.store.add_rejection(next).rejection.id == 4); // the counter moved past 3
    }
    SUBCASE("a copy the same in every field is removed, not renumbered") {
        write_private(november, read_text(november) + rejection_table(2, "Globex", "2026-11-01"));
        const CheckReport report = fix(home.paths);
        CHECK_FALSE(report.has_problems());
        BB_CHECK_CONTAINS(findings_of(report, Severity::fixed),
                          "removed a copy of rejection 2 that was the same in every field");
        CHECK(home.store.rejections().size() == 2);
    }
    SUBCASE("modes are made private again") {
        fs::permissions(october, fs::perms(0644));
        fs::permissions(home.store.rejections_dir(), fs::perms(0755));
        const CheckReport report = fix(home.paths);
        CHECK_FALSE(report.has_problems());
        CHECK(bb::test::mode_of(october) == 0600);
        CHECK(bb::test::mode_of(home.store.rejections_dir()) == 0700);
        BB_CHECK_CONTAINS(findings_of(report, Severity::fixed), "(mode 0644); now 0600");
    }
    SUBCASE("a counter behind the IDs is raised") {
        write_private(home.store.counters_file(), "version = 1\n[next]\nrejection = 2\nwin = 2\n");
        const CheckReport report = fix(home.paths);
        CHECK_FALSE(report.has_problems());
        BB_CHECK_CONTAINS(findings_of(report, Severity::fixed), "next.rejection raised from 2 to 3");
    }
    SUBCASE("a kind whose files do not all parse is left alone") {
        write_private(november, read_text(november) + rejection_table(1, "Initech", "2026-11-03"));
        write_private(october, "version = 1\n[[rejection]]\ncompany = \"Ac\n");
        const std::string before = read_text(november);
        const CheckReport report = fix(home.paths);
        CHECK(report.has_problems());
        CHECK(read_text(november) == before);
    }
}
