// Tests for lib/src/storage/partition.cpp: one month's file, read through its cache exactly as
// from its text, written whole or by appending a record's table.
#include "storage/partition.hpp"

#include "bounceback/core/codec.hpp"
#include "storage/partition_cache.hpp"
#include "test_support.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <thread>
#include <toml++/toml.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace std::chrono;
using bb::Checkin;
using bb::Reflection;
using bb::Rejection;
using bb::Win;
using bb::storage::detail::CacheFolder;
using bb::storage::detail::cache_written_partition;
using bb::storage::detail::CacheOrigin;
using bb::storage::detail::decode_cache;
using bb::storage::detail::encode_cache;
using bb::storage::detail::FileStamp;
using bb::storage::detail::read_partition_cached;
using bb::storage::detail::read_partition_snapshot;
using bb::storage::detail::stamp_of;
using bb::storage::detail::text_checksum;
using bb::test::full_rejection;
using bb::test::folder_at;
using bb::test::read_text;
using bb::test::tables_of;
using bb::test::TempDir;
using bb::test::write_text;

namespace {

Rejection draft(std::string company, bb::Date date) {
    Rejection r;
    r.company = std::move(company);
    r.date = date;
    return r;
}

constexpr bb::Date k_nov_01 = 2026y / 11 / 1;
constexpr bb::Date k_nov_15 = 2026y / 11 / 15;

} // namespace

namespace {

const FileStamp k_stamp{1234, 1'700'000'000'123'456'789, 1'700'000'000'223'456'789, 42, 7};

/// Every field of every kind set, with text that is not plain ASCII.
Rejection full_rejection() {
    Rejection r;
    r.id = 17;
    r.company = "Zürich Software AG";
    r.role = "Engineer";
    r.stage = bb::Stage::onsite;
    r.date = year{2026} / 11 / 20;
    r.applied = year{2026} / 10 / 1;
    r.source = "referral";
    r.contact = "Jane Doe";
    r.email = "jane@example.com";
    r.reason = "went with someone\nmore senior";
    r.note = "kind";
    r.tags = {"remote", "fintech"};
    r.feeling = 2;
    r.key = "msg-1";
    r.feedback.requested = year{2026} / 11 / 21;
    r.feedback.received = year{2026} / 11 / 24;
    r.feedback.text = "more depth";
    r.feedback.areas = {"technical"};
    return r;
}

Reflection full_reflection() {
    Reflection r;
    r.id = 3;
    r.date = year{2026} / 11 / 22;
    r.rejection = 17;
    r.mood = 4;
    r.went_well = {"rapport"};
    r.improve = {"system design", "sleep"};
    r.strengths = {"calm"};
    r.targeting = {"smaller firms"};
    r.next = {"mock interview"};
    return r;
}

Checkin full_checkin() {
    Checkin c;
    c.date = year{2026} / 11 / 23;
    c.habit = "exercise";
    c.status = bb::CheckinStatus::skip;
    c.minutes = 30;
    c.note = "rest";
    return c;
}

template <typename Record> void check_round_trip(const std::vector<Record>& records) {
    const std::string bytes = encode_cache(k_stamp, records);
    auto back = decode_cache<Record>(bytes, k_stamp);
    REQUIRE(back);
    REQUIRE(back->size() == records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        CHECK(bb::to_toml((*back)[i]) == bb::to_toml(records[i]));
    }
}

const char* const k_partition = "version = 1\n\n[[rejection]]\ncompany = \"Acme\"\n"
                                "date = 2026-11-02\nid = 1\n";

/// Writes `text` over `path` in place (same inode), then puts its mtime back to `mtime`, as an
/// editor that keeps timestamps, or an edit within one clock tick, would leave it.
void edit_in_place(const fs::path& path, const std::string& text, const struct timespec& mtime) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC);
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    const struct timespec times[2] = {{0, UTIME_OMIT}, mtime};
    REQUIRE(::futimens(fd, times) == 0);
    ::close(fd);
}

struct stat stat_of(const fs::path& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st;
}

/// Lets the clock move past the partition's timestamps, so the next read may cache it.
void age() {
    std::this_thread::sleep_for(30ms);
}

} // namespace

TEST_CASE("storage::list_partitions") {
    TempDir tmp;
    SUBCASE("YYYY-MM.toml files, oldest first; other names skipped") {
        for (const char* name : {"2026-11.toml", "2026-01.toml", "2025-12.toml", "notes.txt",
                                 "2026-13.toml", "2026-00.toml", "2026-1.toml", "2026-11.toml.bak",
                                 ".2026-11.toml.tmp-abcdef", "2026-11.json"}) {
            write_text(tmp / name, "");
        }
        const auto partitions = bb::storage::detail::list_partitions(folder_at(tmp.path()));
        REQUIRE(partitions.size() == 3);
        CHECK(partitions[0].month == 2025y / 12);
        CHECK(partitions[0].name == "2025-12.toml");
        CHECK(partitions[1].month == 2026y / 1);
        CHECK(partitions[2].month == 2026y / 11);
        CHECK(partitions[2].name == "2026-11.toml");
    }
    SUBCASE("names that only look like YYYY-MM.toml are skipped") {
        for (std::string name : {"2026-+1.toml", "2026- 1.toml", "+202-01.toml", " 2026-1.toml"}) {
            CAPTURE(name);
            const fs::path dir = tmp / "lookalike";
            fs::remove_all(dir);
            fs::create_directory(dir);
            write_text(dir / name, "");
            CHECK(bb::storage::detail::list_partitions(folder_at(dir)).empty());
        }
    }
}

namespace {

using bb::storage::detail::appended_partition_text;
using bb::storage::detail::partition_text;
using bb::storage::detail::records_from_text;

/// Checks, for each record of `records` (in the writer's order) in turn, that appending it to
/// the month of the records before it gives exactly the bytes of the full writer.
template <typename Record> void check_appends_like_full_writer(const std::vector<Record>& records) {
    for (std::size_t n = 1; n < records.size(); ++n) {
        CAPTURE(n);
        const std::vector<Record> before(records.begin(), records.begin() + static_cast<long>(n));
        const std::vector<Record> after(records.begin(),
                                        records.begin() + static_cast<long>(n + 1));
        const auto appended = appended_partition_text(partition_text(before), before, records[n]);
        REQUIRE(appended);
        CHECK(*appended == partition_text(after));
    }
}

} // namespace

TEST_CASE("storage::appended_partition_text gives the full writer's bytes") {
    SUBCASE("rejections: every optional field, feedback tables, bare records") {
        Rejection bare = draft("Acme", k_nov_15);
        bare.id = 3;
        Rejection feedback_only = draft("Initech", k_nov_15);
        feedback_only.id = 4;
        feedback_only.feedback.text = "\"Kind\" words";
        Rejection areas_only = draft("Hooli", 2026y / 11 / 30);
        areas_only.id = 9;
        areas_only.feedback.areas = {"fit"};
        check_appends_like_full_writer(std::vector<Rejection>{
            full_rejection(1, k_nov_01), full_rejection(2, k_nov_01), bare, feedback_only,
            full_rejection(5, k_nov_15), areas_only, full_rejection(10, 2026y / 11 / 30)});
    }
    SUBCASE("wins") {
        check_appends_like_full_writer(std::vector<Win>{
            Win{1, k_nov_01, "offer call", {}}, Win{2, k_nov_01, "l\xc3\xa4uft\nzwei Zeilen", {}},
            Win{7, k_nov_15, "\"quoted\" \\ \t tab", {}}});
    }
    SUBCASE("reflections") {
        bb::Reflection full;
        full.id = 1;
        full.date = k_nov_01;
        full.rejection = 17;
        full.mood = 4;
        full.went_well = {"rapport", "clear \"answers\""};
        full.improve = {"system design", "sleep\nmore"};
        full.strengths = {"calm \xe2\x98\xba"};
        full.targeting = {"smaller firms"};
        full.next = {"mock interview", "read DDIA"};
        bb::Reflection bare;
        bare.id = 2;
        bare.date = k_nov_01;
        bb::Reflection later = full;
        later.id = 3;
        later.date = k_nov_15;
        check_appends_like_full_writer(std::vector<bb::Reflection>{full, bare, later});
    }
    SUBCASE("check-ins") {
        bb::Checkin run;
        run.date = k_nov_01;
        run.habit = "exercise";
        run.minutes = 30;
        run.note = "5 km \xe2\x80\x94 slow\nbut done";
        bb::Checkin sit;
        sit.date = k_nov_01;
        sit.habit = "mindfulness";
        sit.status = bb::CheckinStatus::skip;
        bb::Checkin later = run;
        later.date = k_nov_15;
        check_appends_like_full_writer(std::vector<bb::Checkin>{run, sit, later});
    }
}

TEST_CASE("storage::appended_partition_text keeps CR LF line ends") {
    const std::vector<Rejection> month{full_rejection(4, k_nov_01)};
    auto crlf = [](std::string text) {
        std::string out;
        for (char c : text) {
            out += c == '\n' ? std::string("\r\n") : std::string(1, c);
        }
        return out;
    };
    const std::string text = crlf("# kept on a Windows share\n" + partition_text(month));
    const auto appended = appended_partition_text(text, month, full_rejection(5, k_nov_15));
    REQUIRE(appended);
    std::vector<Rejection> both = month;
    both.push_back(full_rejection(5, k_nov_15));
    CHECK(*appended == crlf("# kept on a Windows share\n" + partition_text(both)));
    CHECK(records_from_text<Rejection>(*appended, "2026-11.toml").size() == 2);
    SUBCASE("a last line without its line end gets a CR LF first") {
        std::string cut = text;
        cut.resize(cut.size() - 2);
        const auto joined = appended_partition_text(cut, month, full_rejection(5, k_nov_15));
        REQUIRE(joined);
        CHECK(*joined == *appended);
    }
    SUBCASE("a file that mixes CR LF and LF gets LF") {
        const std::string mixed = "# one CR LF line\r\n" + partition_text(month);
        const auto joined = appended_partition_text(mixed, month, full_rejection(5, k_nov_15));
        REQUIRE(joined);
        CHECK(joined->substr(mixed.size()).find('\r') == std::string::npos);
    }
    SUBCASE("a file with LF line ends keeps them") {
        const auto plain = appended_partition_text(partition_text(month), month,
                                                   full_rejection(5, k_nov_15));
        REQUIRE(plain);
        CHECK_FALSE(bb::test::contains(*plain, "\r"));
    }
}

TEST_CASE("storage::appended_partition_text falls back when it cannot prove the append") {
    const std::vector<Rejection> month{full_rejection(4, k_nov_15)};
    const std::string text = partition_text(month);
    SUBCASE("a record that sorts before the last one (backdated)") {
        CHECK_FALSE(appended_partition_text(text, month, full_rejection(5, k_nov_01)));
    }
    SUBCASE("a record that sorts with the last one") {
        CHECK_FALSE(appended_partition_text(text, month, full_rejection(4, k_nov_15)));
    }
    SUBCASE("records written as an array with '=' cannot be continued by a header") {
        const std::string inline_array =
            "version = 1\nrejection = [ { id = 4, company = \"Acme\", date = 2026-11-15 } ]\n";
        const auto records = records_from_text<Rejection>(inline_array, "2026-11.toml");
        REQUIRE(records.size() == 1);
        CHECK_FALSE(appended_partition_text(inline_array, records, full_rejection(5, k_nov_15)));
    }
    SUBCASE("anything but a plain version line before the first table") {
        for (const std::string head : {"\"version\" = 1\n", "version = 0x1\n", "version = 1_0\n",
                                       "version.major = 1\n", "version = 1 x\n"}) {
            CAPTURE(head);
            CHECK_FALSE(appended_partition_text(head + "\n[[rejection]]\ncompany = \"Acme\"\n"
                                                       "date = 2026-11-15\nid = 4\n",
                                                month, full_rejection(5, k_nov_15)));
        }
    }
}

TEST_CASE("storage::read_partition_cached") {
    TempDir tmp;
    const fs::path partition = tmp / "rejections" / "2026-11.toml";
    const fs::path cache = tmp / "cache" / "rejections" / "2026-11.cache";
    const auto dir = folder_at(partition.parent_path());
    const CacheFolder caches(tmp / "cache", "rejections");
    write_text(partition, k_partition);
    age();

    auto company = [&] {
        auto records = read_partition_cached<Rejection>(dir, "2026-11.toml", caches);
        REQUIRE(records.size() == 1);
        return records[0].company;
    };
    REQUIRE(company() == "Acme");
    REQUIRE(fs::exists(cache)); // the file was older than the read: it was cached
    CHECK((stat_of(cache).st_mode & 0777) == 0600);
    CHECK((stat_of(cache.parent_path()).st_mode & 0777) == 0700);
    CHECK(company() == "Acme");

    SUBCASE("an in-place edit of the same size with the mtime put back is seen") {
        const struct stat before = stat_of(partition);
        std::string text = k_partition;
        text.replace(text.find("Acme"), 4, "Acmf");
        edit_in_place(partition, text, before.st_mtim);
        const struct stat after = stat_of(partition);
        REQUIRE(after.st_size == before.st_size);
        REQUIRE(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
        REQUIRE(after.st_ino == before.st_ino);
        CHECK(company() == "Acmf");
    }
    SUBCASE("a file replaced by rename, same size and mtime, is seen") {
        const struct stat before = stat_of(partition);
        const fs::path other = tmp / "rejections" / ".new";
        std::string text = k_partition;
        text.replace(text.find("Acme"), 4, "Acmg");
        write_text(other, text);
        const struct timespec times[2] = {{0, UTIME_OMIT}, before.st_mtim};
        REQUIRE(::utimensat(AT_FDCWD, other.c_str(), times, 0) == 0);
        fs::rename(other, partition);
        CHECK(company() == "Acmg");
    }
    SUBCASE("a damaged or truncated cache is ignored and rebuilt") {
        const std::string good = read_text(cache);
        // Rebuilt: the same records for the same stamp (only the time it was made differs).
        auto rebuilt = [&] {
            const std::string bytes = read_text(cache);
            const auto records = decode_cache<Rejection>(bytes, stamp_of(stat_of(partition)));
            return bytes.size() == good.size() && records && records->size() == 1 &&
                   (*records)[0].company == "Acme";
        };
        write_text(cache, good.substr(0, good.size() / 2));
        CHECK(company() == "Acme");
        CHECK(rebuilt());
        std::string flipped = good;
        flipped[flipped.size() - 12] ^= 1;
        write_text(cache, flipped);
        CHECK(company() == "Acme");
        CHECK(rebuilt());
    }
    SUBCASE("a forged cache that fails validation is discarded and rebuilt from the file") {
        // Right stamp, made "later" than any file (2^62 ns), so trusted by its stamp alone, but
        // its record has a year no calendar has: it decodes to nothing a file may hold.
        Rejection forged;
        forged.id = 1;
        forged.company = "Forged Inc";
        forged.date = std::chrono::year{-32528} / 1 / 1;
        const auto stamp = stamp_of(stat_of(partition));
        write_text(cache, encode_cache(stamp, std::vector{forged},
                                       {std::int64_t{1} << 62, 0}));
        CHECK(company() == "Acme");
        REQUIRE(fs::exists(cache)); // written again, from the file's text
        const auto records = decode_cache<Rejection>(read_text(cache), stamp);
        REQUIRE(records);
        REQUIRE(records->size() == 1);
        CHECK((*records)[0].company == "Acme");
        // The same for a forged record that decodes but breaks a rule.
        forged.date = 2026y / 11 / 2;
        forged.company = "Forged\x1b]0;title\x07";
        write_text(cache, encode_cache(stamp, std::vector{forged},
                                       {std::int64_t{1} << 62, 0}));
        CHECK(company() == "Acme");
        const auto again = decode_cache<Rejection>(read_text(cache), stamp);
        REQUIRE(again);
        CHECK((*again)[0].company == "Acme");
    }
    SUBCASE("a cache that cannot be written is only skipped") {
        fs::remove_all(tmp / "cache");
        write_text(tmp / "cache", "a file where the cache folder should be");
        CHECK(company() == "Acme");
        CHECK(company() == "Acme");
    }
    SUBCASE("a partition that does not parse throws as before, cache or not") {
        write_text(partition, "version = 1\n[[rejection]]\ncompany = \n");
        CHECK_THROWS_AS(read_partition_cached<Rejection>(dir, "2026-11.toml", caches),
                        bb::Error);
    }
    SUBCASE("a partition that is gone has no records, whatever its cache says") {
        fs::remove(partition);
        CHECK(read_partition_cached<Rejection>(dir, "2026-11.toml", caches).empty());
    }
}

TEST_CASE("storage::read_partition_cached into records that held others") {
    // A reader going through many months decodes each into the records of the month before;
    // nothing of those may show through: every field is set, absent ones emptied.
    TempDir tmp;
    auto check_kind = [&](const std::string& folder, const std::string& text, auto full) {
        using Record = decltype(full);
        const fs::path partition = tmp / folder / "2026-11.toml";
        const fs::path cache = tmp / "cache" / folder / "2026-11.cache";
        const auto dir = folder_at(partition.parent_path());
        const CacheFolder caches(tmp / "cache", folder);
        write_text(partition, text);
        age();
        const auto plain = read_partition_cached<Record>(dir, "2026-11.toml", CacheFolder());
        REQUIRE(plain.size() == 1);
        read_partition_cached<Record>(dir, "2026-11.toml", caches); // makes the cache
        REQUIRE(fs::exists(cache));
        std::vector<Record> records{full, full, full};
        read_partition_cached(dir, "2026-11.toml", caches, records);
        REQUIRE(records.size() == 1);
        CHECK(bb::to_toml(records[0]) == bb::to_toml(plain[0]));
        std::vector<Record> from_toml{full, full}; // and without a cache
        read_partition_cached(dir, "2026-11.toml", CacheFolder(), from_toml);
        REQUIRE(from_toml.size() == 1);
        CHECK(bb::to_toml(from_toml[0]) == bb::to_toml(plain[0]));
    };
    check_kind("rejections", k_partition, full_rejection());
    check_kind("reflections", "version = 1\n\n[[reflection]]\ndate = 2026-11-03\nid = 4\n",
               full_reflection());
    check_kind("checkins",
               "version = 1\n\n[[checkin]]\ndate = 2026-11-03\nhabit = \"read\"\n"
               "status = \"done\"\n",
               full_checkin());
    check_kind("wins", "version = 1\n\n[[win]]\ndate = 2026-11-03\nid = 1\ntext = \"x\"\n",
               Win{9, year{2026} / 11 / 9, "a much longer win text that needs the heap", {}});
}

TEST_CASE("storage::read_partition_cached never caches a file changed as the read began") {
    TempDir tmp;
    const fs::path partition = tmp / "rejections" / "2026-11.toml";
    const fs::path cache = tmp / "cache" / "rejections" / "2026-11.cache";
    const auto dir = folder_at(partition.parent_path());
    const CacheFolder caches(tmp / "cache", "rejections");
    write_text(partition, k_partition);
    // A file stamped in the clock tick the read began in (here: later still) could be edited
    // again in that tick with the same size and keep its stamp: it is read, never cached.
    struct timespec later {};
    ::clock_gettime(CLOCK_REALTIME, &later);
    later.tv_sec += 60;
    const struct timespec times[2] = {{0, UTIME_OMIT}, later};
    REQUIRE(::utimensat(AT_FDCWD, partition.c_str(), times, 0) == 0);
    age();
    CHECK(read_partition_cached<Rejection>(dir, "2026-11.toml", caches).size() == 1);
    CHECK_FALSE(fs::exists(cache));
    // Its ctime, set just now, is as good a witness as its mtime.
    later.tv_sec -= 3600;
    const struct timespec past[2] = {{0, UTIME_OMIT}, later};
    REQUIRE(::utimensat(AT_FDCWD, partition.c_str(), past, 0) == 0);
    CHECK(read_partition_cached<Rejection>(dir, "2026-11.toml", caches).size() == 1);
    CHECK_FALSE(fs::exists(cache));
    age();
    // A writer about to replace the file reads it without caching it.
    std::vector<Rejection> read;
    read_partition_cached(dir, "2026-11.toml", caches, read, false);
    CHECK(read.size() == 1);
    CHECK_FALSE(fs::exists(cache));
    CHECK(read_partition_cached<Rejection>(dir, "2026-11.toml", caches).size() == 1);
    CHECK(fs::exists(cache));
}

/// A temp folder with the month file rejections/2026-11.toml holding k_partition, and where its
/// cache goes.
struct OneMonth {
    TempDir tmp;
    fs::path partition = tmp / "rejections" / "2026-11.toml";
    fs::path cache = tmp / "cache" / "rejections" / "2026-11.cache";
    bb::storage::Folder dir = folder_at(tmp / "rejections");
    CacheFolder caches{tmp / "cache", "rejections"};

    OneMonth() { write_text(partition, k_partition); }
};

TEST_CASE("storage::read_partition_cached with a writer's cache") {
    // What a writer leaves (cache_written_partition) is checked against the file's text once,
    // then made a reader's cache, trusted by the stamp from then on.
    const OneMonth month;
    const TempDir& tmp = month.tmp;
    const fs::path& partition = month.partition;
    const fs::path& cache = month.cache;
    const auto& dir = month.dir;
    const CacheFolder& caches = month.caches;
    const Rejection cached = full_rejection(); // differs from the file, to see which one is read
    auto company = [&] {
        auto records = read_partition_cached<Rejection>(dir, "2026-11.toml", caches);
        REQUIRE(records.size() == 1);
        return records[0].company;
    };

    SUBCASE("the text it was made from: its records, and it becomes a reader's cache") {
        cache_written_partition(dir, "2026-11.toml", caches, k_partition, std::vector{cached});
        REQUIRE(fs::exists(cache));
        const std::string written = read_text(cache);
        CHECK(written == encode_cache(stamp_of(stat_of(partition)), std::vector{cached},
                                      {0, text_checksum(k_partition)}));
        age();
        CHECK(company() == cached.company);
        CHECK(read_text(cache) != written); // checked once, now trusted by the stamp
        const std::string trusted = read_text(cache);
        CHECK(company() == cached.company);
        CHECK(read_text(cache) == trusted); // and left alone from then on
    }
    SUBCASE("another text, same stamp (an edit in the same clock tick): parsed") {
        cache_written_partition(dir, "2026-11.toml", caches, "version = 1\n",
                                std::vector{cached});
        CHECK(company() == "Acme");
        age();
        CHECK(company() == "Acme");
    }
    SUBCASE("no cache folder: nothing written, nothing thrown") {
        cache_written_partition(dir, "2026-11.toml", CacheFolder(), k_partition,
                                std::vector{cached});
        CHECK_FALSE(fs::exists(tmp / "cache"));
        cache_written_partition(dir, "1999-01.toml", caches, k_partition,
                                std::vector{cached}); // no such partition
        CHECK_FALSE(fs::exists(cache));
    }
}

TEST_CASE("storage::read_partition_snapshot") {
    const OneMonth one;
    const fs::path& partition = one.partition;
    const fs::path& cache = one.cache;
    const auto& dir = one.dir;
    fs::create_directories(cache.parent_path());

    SUBCASE("the text and its records, parsed") {
        const auto month = read_partition_snapshot<Rejection>(dir, "2026-11.toml");
        REQUIRE(month.text);
        CHECK(*month.text == k_partition);
        REQUIRE(month.records.size() == 1);
        CHECK(month.records[0].company == "Acme");
        CHECK_FALSE(fs::exists(cache)); // a writer never refreshes the cache
    }
    SUBCASE("never the records of a cache, even one that matches the file in every way") {
        // The cache is a hint: a writer that took its records from a forged one would write
        // them into the month.
        const FileStamp stamp = stamp_of(stat_of(partition));
        const std::int64_t after = std::max(stamp.mtime_ns, stamp.ctime_ns) + 1;
        for (const CacheOrigin& origin :
             {CacheOrigin{after, 0}, CacheOrigin{0, text_checksum(k_partition)}}) {
            write_text(cache, encode_cache(stamp, std::vector{full_rejection()}, origin));
            const auto month = read_partition_snapshot<Rejection>(dir, "2026-11.toml");
            REQUIRE(month.text);
            CHECK(*month.text == k_partition);
            REQUIRE(month.records.size() == 1);
            CHECK(month.records[0].company == "Acme");
        }
    }
    SUBCASE("a partition that does not parse throws") {
        write_text(partition, "version = 1\n[[rejection]]\ncompany = \n");
        CHECK_THROWS_AS(read_partition_snapshot<Rejection>(dir, "2026-11.toml"), bb::Error);
    }
    SUBCASE("a partition that is gone has no text and no records") {
        fs::remove(partition);
        const auto month = read_partition_snapshot<Rejection>(dir, "2026-11.toml");
        CHECK_FALSE(month.text);
        CHECK(month.records.empty());
    }
}
