// Tests for lib/src/storage/partition_cache.cpp: the cache gives back exactly the records it was
// made from, and is never trusted once the partition changed or the cache itself is damaged.
#include "storage/partition_cache.hpp"

#include "bounceback/core/codec.hpp"
#include "test_support.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <filesystem>
#include <functional>
#include <sys/stat.h>
#include <string>

namespace fs = std::filesystem;
using namespace std::chrono;
using bb::Checkin;
using bb::Reflection;
using bb::Rejection;
using bb::Win;
using bb::storage::detail::cache_name;
using bb::storage::detail::CacheFolder;
using bb::storage::detail::load_cache;
using bb::storage::detail::save_cache;
using bb::storage::detail::CacheOrigin;
using bb::storage::detail::decode_cache;
using bb::storage::detail::encode_cache;
using bb::storage::detail::FileStamp;
using bb::storage::detail::stamp_of;
using bb::storage::detail::text_checksum;
using bb::test::mode_of;
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

TEST_CASE("storage::load_cache and save_cache") {
    TempDir tmp;
    const fs::path cache = tmp / "cache" / "rejections" / "2026-11.cache";
    const CacheFolder folder(tmp / "cache", "rejections");
    const std::string name = "2026-11.cache";
    const std::vector<Rejection> records{full_rejection()};
    const std::string text = "the text the records were read from";
    int text_reads = 0;
    const std::function<const std::string&()> text_of_file = [&]() -> const std::string& {
        ++text_reads;
        return text;
    };
    std::vector<Rejection> loaded;
    CacheOrigin origin;

    SUBCASE("no cache file: nothing loaded, the text never read") {
        CHECK_FALSE(load_cache(folder, name, k_stamp, text_of_file, loaded, origin));
        CHECK(text_reads == 0);
    }
    SUBCASE("a reader's cache of a file older than its reader: trusted by the stamp alone") {
        save_cache(folder, name, k_stamp, records, {k_stamp.newest() + 1, text_checksum(text)});
        CHECK(mode_of(cache) == 0600);
        CHECK(mode_of(cache.parent_path()) == 0700);
        REQUIRE(load_cache(folder, name, k_stamp, text_of_file, loaded, origin));
        CHECK(text_reads == 0);
        CHECK(origin.made_at_ns == k_stamp.newest() + 1);
        REQUIRE(loaded.size() == 1);
        CHECK(bb::to_toml(loaded.front()) == bb::to_toml(records.front()));
    }
    SUBCASE("a writer's cache (made at 0): trusted only when the text has its checksum") {
        save_cache(folder, name, k_stamp, records, {0, text_checksum(text)});
        CHECK(load_cache(folder, name, k_stamp, text_of_file, loaded, origin));
        CHECK(text_reads == 1);
        save_cache(folder, name, k_stamp, records, {0, text_checksum("other text")});
        CHECK_FALSE(load_cache(folder, name, k_stamp, text_of_file, loaded, origin));
    }
    SUBCASE("a cache made for another stamp, or damaged, is not loaded") {
        save_cache(folder, name, k_stamp, records, {k_stamp.newest() + 1, text_checksum(text)});
        FileStamp other = k_stamp;
        ++other.size;
        CHECK_FALSE(load_cache(folder, name, other, text_of_file, loaded, origin));
        CHECK_FALSE(fs::exists(cache)); // stale: removed, the reader writes it again
        save_cache(folder, name, k_stamp, records, {k_stamp.newest() + 1, text_checksum(text)});
        write_text(cache, read_text(cache).substr(1));
        CHECK_FALSE(load_cache(folder, name, k_stamp, text_of_file, loaded, origin));
        CHECK_FALSE(fs::exists(cache));
    }
    SUBCASE("a forged cache: right stamp, made at 2^62, records no file may hold: removed") {
        // Whether its records decode (a year no calendar has does not) or decode and break a
        // rule (an empty company, an escape sequence), the cache is removed all the same.
        // The cache is a hint: its records pass the rules a data file's records pass, or the
        // file is thrown away and the next reader rebuilds it from the text.
        Rejection empty_company = full_rejection();
        empty_company.company.clear();
        Rejection far_year = full_rejection();
        far_year.date = std::chrono::year{-32528} / 1 / 1;
        Rejection escape = full_rejection();
        escape.company = "Forged\x1b]52;c;x\x07 Inc";
        for (const Rejection& forged : {empty_company, far_year, escape}) {
            save_cache(folder, name, k_stamp, std::vector{forged},
                       {std::int64_t{1} << 62, text_checksum(text)});
            REQUIRE(fs::exists(cache));
            CHECK_FALSE(load_cache(folder, name, k_stamp, text_of_file, loaded, origin));
            CHECK_FALSE(fs::exists(cache));
        }
        save_cache(folder, name, k_stamp, records, {std::int64_t{1} << 62, text_checksum(text)});
        CHECK(load_cache(folder, name, k_stamp, text_of_file, loaded, origin));
    }
    SUBCASE("a cache file that is a link, a pipe or too big is not read, and nothing hangs") {
        fs::create_directories(cache.parent_path());
        write_text(tmp / "elsewhere", "x");
        fs::create_symlink(tmp / "elsewhere", cache);
        CHECK_FALSE(load_cache(folder, name, k_stamp, text_of_file, loaded, origin));
        CHECK(read_text(tmp / "elsewhere") == "x");
        fs::remove(cache);
        REQUIRE(::mkfifo(cache.c_str(), 0600) == 0);
        CHECK_FALSE(load_cache(folder, name, k_stamp, text_of_file, loaded, origin));
        fs::remove(cache);
        fs::create_symlink("/dev/zero", cache);
        CHECK_FALSE(load_cache(folder, name, k_stamp, text_of_file, loaded, origin));
    }
    SUBCASE("a cache that cannot be written is silently not written") {
        write_text(tmp / "cache", "a file where the cache folder should be");
        save_cache(folder, name, k_stamp, records, {1, 1});
        CHECK_FALSE(fs::exists(cache));
    }
    SUBCASE("no cache at all: nothing loaded, nothing written") {
        save_cache(CacheFolder(), name, k_stamp, records, {1, 1});
        CHECK_FALSE(load_cache(CacheFolder(), name, k_stamp, text_of_file, loaded, origin));
        CHECK_FALSE(fs::exists(tmp / "cache"));
    }
    CHECK(cache_name("2026-11.toml") == "2026-11.cache");
}
