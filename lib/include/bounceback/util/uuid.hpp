#pragma once
// A record's permanent identity: a UUID version 7 (RFC 9562), written as 36 lowercase
// characters. Its first 48 bits are the creation time in milliseconds, so identities sort by
// when records were made; the other 74 bits are random, so machines that never talk to each
// other never make the same one.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace bb::util {

/// A new UUIDv7 for a record made at `now`: 8-4-4-4-12 lowercase hexadecimal digits.
std::string new_uuid(std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

/// The UUIDv7 of a record made before identities existed: its time is `day` (midnight UTC) and
/// its other bits a hash of `seed` (what the record holds), so two machines that hold the same
/// old record give it the same identity without asking each other.
std::string uuid_for_old_record(std::chrono::sys_days day, std::string_view seed);

/// Whether `text` is written as bounceback writes a UUID: 8-4-4-4-12 lowercase hexadecimal
/// digits (any version, so identities made elsewhere are kept).
bool is_uuid(std::string_view text);

/// Whether `text` can start a UUID as a person types one: 4 to 36 characters, lowercase or
/// uppercase hexadecimal digits and hyphens where a UUID has them.
bool is_uuid_prefix(std::string_view text);

} // namespace bb::util
