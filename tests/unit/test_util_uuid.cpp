#include "bounceback/util/uuid.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace bb::util;

TEST_CASE("new_uuid: a version 7 UUID whose first 48 bits are the time in milliseconds") {
    const auto at = std::chrono::system_clock::time_point(std::chrono::milliseconds(0x0191'2345'6789));
    const std::string uuid = new_uuid(at);
    CHECK(is_uuid(uuid));
    CHECK(uuid.substr(0, 13) == "01912345-6789");
    CHECK(uuid[14] == '7');
    CHECK(std::string("89ab").find(uuid[19]) != std::string::npos);
}

TEST_CASE("new_uuid: never the same twice, and later ones sort after earlier ones") {
    std::set<std::string> seen;
    const auto start = std::chrono::system_clock::now();
    for (int i = 0; i < 1000; ++i) {
        seen.insert(new_uuid(start));
    }
    CHECK(seen.size() == 1000);
    CHECK(new_uuid(start) < new_uuid(start + std::chrono::milliseconds(1)));
}

TEST_CASE("is_uuid: 8-4-4-4-12 lowercase hexadecimal digits only") {
    CHECK(is_uuid("0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5b"));
    CHECK_FALSE(is_uuid("0191A2B3-C4D5-7E6F-8A9B-0C1D2E3F4A5B"));
    CHECK_FALSE(is_uuid("0191a2b3c4d57e6f8a9b0c1d2e3f4a5b"));
    CHECK_FALSE(is_uuid("0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5"));
    CHECK_FALSE(is_uuid("0191a2b3-c4d5-7e6f-8a9b-0c1d2e3f4a5g"));
    CHECK_FALSE(is_uuid(""));
}

TEST_CASE("is_uuid_prefix: the start of a UUID, 4 characters or more, either case") {
    CHECK(is_uuid_prefix("0191"));
    CHECK(is_uuid_prefix("0191A2B3-c4"));
    CHECK_FALSE(is_uuid_prefix("019"));
    CHECK_FALSE(is_uuid_prefix("0191a2b3c4"));
    CHECK_FALSE(is_uuid_prefix("12x4"));
}

TEST_CASE("uuid_for_old_record: the same record gives the same identity on every machine") {
    using namespace std::chrono;
    const sys_days day = 2026y / November / 3d;
    const std::string a = uuid_for_old_record(day, "rejection 3 Acme");
    CHECK(is_uuid(a));
    CHECK(a == uuid_for_old_record(day, "rejection 3 Acme"));
    CHECK(a != uuid_for_old_record(day, "rejection 3 Initech"));
    CHECK(a[14] == '7');
    // Its time is the record's day, so it sorts among identities made that day.
    CHECK(a.substr(0, 8) == new_uuid(system_clock::time_point(day)).substr(0, 8));
}
