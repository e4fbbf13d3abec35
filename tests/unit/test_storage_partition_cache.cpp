// Tests for lib/src/storage/partition_cache.cpp: the cache gives back exactly the records it was
// made from, and is never trusted once the partition changed or the cache itself is damaged.
#include "storage/partition_cache.hpp"

#include "bounceback/core/codec.hpp"
#include "test_support.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <thread>

namespace fs = std::filesystem;
using namespace std::chrono;
using bb::Checkin;
using bb::Reflection;
using bb::Rejection;
using bb::Win;
using bb::storage::detail::cache_path;
using bb::storage::detail::cache_written_partition;
using bb::storage::detail::CacheOrigin;
using bb::storage::detail::decode_cache;
using bb::storage::detail::encode_cache;
using bb::storage::detail::FileStamp;
using bb::storage::detail::read_partition_cached;
using bb::storage::detail::read_partition_snapshot;
using bb::storage::detail::stamp_of;
using bb::storage::detail::text_checksum;
using bb::test::read_text;
using bb::test::TempDir;
using bb::test::write_text;

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

TEST_CASE("storage::partition_cache round trip") {
    SUBCASE("every field of every kind") {
        Rejection bare;
        bare.id = 2;
        bare.company = "Acme";
        bare.date = year{2026} / 1 / 5;
        check_round_trip(std::vector<Rejection>{full_rejection(), bare});
        check_round_trip(std::vector<Win>{Win{5, year{2026} / 11 / 2, "offer call"}});
        Reflection bare_reflection;
        bare_reflection.date = year{2025} / 12 / 31;
        check_round_trip(std::vector<Reflection>{full_reflection(), bare_reflection});
        check_round_trip(std::vector<Checkin>{full_checkin()});
        check_round_trip(std::vector<Rejection>{});
    }
    SUBCASE("a cache is only for the stamp and kind it was made for") {
        const std::string bytes = encode_cache(k_stamp, std::vector<Rejection>{full_rejection()});
        for (auto changed : {&FileStamp::size, &FileStamp::inode, &FileStamp::device}) {
            FileStamp other = k_stamp;
            ++(other.*changed);
            CHECK_FALSE(decode_cache<Rejection>(bytes, other));
        }
        for (auto changed : {&FileStamp::mtime_ns, &FileStamp::ctime_ns}) {
            FileStamp other = k_stamp;
            ++(other.*changed);
            CHECK_FALSE(decode_cache<Rejection>(bytes, other));
        }
        CHECK_FALSE(decode_cache<Win>(bytes, k_stamp));
    }
    SUBCASE("damaged bytes are refused: truncated at any length, or any byte changed") {
        const std::string bytes = encode_cache(k_stamp, std::vector<Rejection>{full_rejection()});
        for (std::size_t n = 0; n < bytes.size(); ++n) {
            CHECK_FALSE(decode_cache<Rejection>(std::string_view(bytes).substr(0, n), k_stamp));
        }
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            std::string damaged = bytes;
            damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
            CHECK_FALSE(decode_cache<Rejection>(damaged, k_stamp));
        }
        CHECK_FALSE(decode_cache<Rejection>(bytes + "x", k_stamp));
    }
}

TEST_CASE("storage::read_partition_cached") {
    TempDir tmp;
    const fs::path partition = tmp / "rejections" / "2026-11.toml";
    const fs::path cache = cache_path(tmp / "cache", "rejections", partition);
    CHECK(cache == tmp / "cache" / "rejections" / "2026-11.cache");
    fs::create_directories(partition.parent_path());
    write_text(partition, k_partition);
    age();

    auto company = [&] {
        auto records = read_partition_cached<Rejection>(partition, cache);
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
    SUBCASE("a cache that cannot be written is only skipped") {
        fs::remove_all(tmp / "cache");
        write_text(tmp / "cache", "a file where the cache folder should be");
        CHECK(company() == "Acme");
        CHECK(company() == "Acme");
    }
    SUBCASE("a partition that does not parse throws as before, cache or not") {
        write_text(partition, "version = 1\n[[rejection]]\ncompany = \n");
        CHECK_THROWS_AS(read_partition_cached<Rejection>(partition, cache), bb::Error);
    }
    SUBCASE("a partition that is gone has no records, whatever its cache says") {
        fs::remove(partition);
        CHECK(read_partition_cached<Rejection>(partition, cache).empty());
    }
}

TEST_CASE("storage::read_partition_cached into records that held others") {
    // A reader going through many months decodes each into the records of the month before;
    // nothing of those may show through: every field is set, absent ones emptied.
    TempDir tmp;
    auto check_kind = [&](const std::string& folder, const std::string& text, auto full) {
        using Record = decltype(full);
        const fs::path partition = tmp / folder / "2026-11.toml";
        const fs::path cache = cache_path(tmp / "cache", folder, partition);
        fs::create_directories(partition.parent_path());
        write_text(partition, text);
        age();
        const auto plain = read_partition_cached<Record>(partition, {});
        REQUIRE(plain.size() == 1);
        read_partition_cached<Record>(partition, cache); // makes the cache
        REQUIRE(fs::exists(cache));
        std::vector<Record> records{full, full, full};
        read_partition_cached(partition, cache, records);
        REQUIRE(records.size() == 1);
        CHECK(bb::to_toml(records[0]) == bb::to_toml(plain[0]));
        std::vector<Record> from_toml{full, full}; // and without a cache
        read_partition_cached(partition, {}, from_toml);
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
               Win{9, year{2026} / 11 / 9, "a much longer win text that needs the heap"});
}

TEST_CASE("storage::read_partition_cached never caches a file changed as the read began") {
    TempDir tmp;
    const fs::path partition = tmp / "rejections" / "2026-11.toml";
    const fs::path cache = tmp / "cache" / "rejections" / "2026-11.cache";
    fs::create_directories(partition.parent_path());
    write_text(partition, k_partition);
    // A file stamped in the clock tick the read began in (here: later still) could be edited
    // again in that tick with the same size and keep its stamp: it is read, never cached.
    struct timespec later {};
    ::clock_gettime(CLOCK_REALTIME, &later);
    later.tv_sec += 60;
    const struct timespec times[2] = {{0, UTIME_OMIT}, later};
    REQUIRE(::utimensat(AT_FDCWD, partition.c_str(), times, 0) == 0);
    age();
    CHECK(read_partition_cached<Rejection>(partition, cache).size() == 1);
    CHECK_FALSE(fs::exists(cache));
    // Its ctime, set just now, is as good a witness as its mtime.
    later.tv_sec -= 3600;
    const struct timespec past[2] = {{0, UTIME_OMIT}, later};
    REQUIRE(::utimensat(AT_FDCWD, partition.c_str(), past, 0) == 0);
    CHECK(read_partition_cached<Rejection>(partition, cache).size() == 1);
    CHECK_FALSE(fs::exists(cache));
    age();
    // A writer about to replace the file reads it without caching it.
    CHECK(read_partition_cached<Rejection>(partition, cache, false).size() == 1);
    CHECK_FALSE(fs::exists(cache));
    CHECK(read_partition_cached<Rejection>(partition, cache).size() == 1);
    CHECK(fs::exists(cache));
}

/// A temp folder with the month file rejections/2026-11.toml holding k_partition, and where its
/// cache goes.
struct OneMonth {
    TempDir tmp;
    fs::path partition = tmp / "rejections" / "2026-11.toml";
    fs::path cache = cache_path(tmp / "cache", "rejections", partition);

    OneMonth() {
        fs::create_directories(partition.parent_path());
        write_text(partition, k_partition);
    }
};

TEST_CASE("storage::read_partition_cached with a writer's cache") {
    // What a writer leaves (cache_written_partition) is checked against the file's text once,
    // then made a reader's cache, trusted by the stamp from then on.
    const OneMonth month;
    const TempDir& tmp = month.tmp;
    const fs::path& partition = month.partition;
    const fs::path& cache = month.cache;
    const Rejection cached = full_rejection(); // differs from the file, to see which one is read
    auto company = [&] {
        auto records = read_partition_cached<Rejection>(partition, cache);
        REQUIRE(records.size() == 1);
        return records[0].company;
    };

    SUBCASE("the text it was made from: its records, and it becomes a reader's cache") {
        cache_written_partition(partition, cache, k_partition, std::vector{cached});
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
        cache_written_partition(partition, cache, "version = 1\n", std::vector{cached});
        CHECK(company() == "Acme");
        age();
        CHECK(company() == "Acme");
    }
    SUBCASE("no cache folder: nothing written, nothing thrown") {
        cache_written_partition(partition, {}, k_partition, std::vector{cached});
        CHECK_FALSE(fs::exists(tmp / "cache"));
        cache_written_partition(tmp / "rejections" / "1999-01.toml", cache, k_partition,
                                std::vector{cached}); // no such partition
        CHECK_FALSE(fs::exists(cache));
    }
}

TEST_CASE("storage::read_partition_snapshot") {
    const OneMonth one;
    const fs::path& partition = one.partition;
    const fs::path& cache = one.cache;
    fs::create_directories(cache.parent_path());

    SUBCASE("the text and its records, parsed when there is no cache") {
        const auto month = read_partition_snapshot<Rejection>(partition, cache);
        REQUIRE(month.text);
        CHECK(*month.text == k_partition);
        REQUIRE(month.records.size() == 1);
        CHECK(month.records[0].company == "Acme");
        CHECK_FALSE(fs::exists(cache)); // a writer never refreshes the cache
    }
    SUBCASE("records from a cache that matches the file's stamp and holds its text") {
        // A cache made for this very stamp by a reader that began after the file's last change
        // is trusted by the stamp; a writer's cache (made at 0) only when its text is the file's.
        const Rejection cached = full_rejection();
        const FileStamp stamp = stamp_of(stat_of(partition));
        auto company_with = [&](const CacheOrigin& origin) {
            write_text(cache, encode_cache(stamp, std::vector{cached}, origin));
            const auto month = read_partition_snapshot<Rejection>(partition, cache);
            REQUIRE(month.text);
            CHECK(*month.text == k_partition);
            REQUIRE(month.records.size() == 1);
            return month.records[0].company;
        };
        const std::int64_t after = std::max(stamp.mtime_ns, stamp.ctime_ns) + 1;
        CHECK(company_with({after, 0}) == cached.company);
        CHECK(company_with({0, text_checksum(k_partition)}) == cached.company);
        CHECK(company_with({0, text_checksum("version = 1\n")}) == "Acme");
        CHECK(company_with({after - 1, text_checksum("version = 1\n")}) == "Acme");
    }
    SUBCASE("a cache of another stamp is ignored") {
        FileStamp other = stamp_of(stat_of(partition));
        ++other.size;
        write_text(cache, encode_cache(other, std::vector{full_rejection()}));
        const auto month = read_partition_snapshot<Rejection>(partition, cache);
        REQUIRE(month.records.size() == 1);
        CHECK(month.records[0].company == "Acme");
    }
    SUBCASE("no cache folder: the text is parsed") {
        const auto month = read_partition_snapshot<Rejection>(partition, {});
        REQUIRE(month.records.size() == 1);
        CHECK(month.records[0].company == "Acme");
    }
    SUBCASE("a partition that does not parse throws") {
        write_text(partition, "version = 1\n[[rejection]]\ncompany = \n");
        CHECK_THROWS_AS(read_partition_snapshot<Rejection>(partition, cache), bb::Error);
    }
    SUBCASE("a partition that is gone has no text and no records") {
        fs::remove(partition);
        const auto month = read_partition_snapshot<Rejection>(partition, cache);
        CHECK_FALSE(month.text);
        CHECK(month.records.empty());
    }
}
