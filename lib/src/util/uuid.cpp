#include "bounceback/util/uuid.hpp"

#include <array>
#include <random>

namespace bb::util {

namespace {

constexpr std::size_t k_uuid_length = 36;

bool hyphen_at(std::size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

bool lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

using Bytes = std::array<std::uint8_t, 16>;

std::uint64_t milliseconds_of(std::chrono::system_clock::time_point at) {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count());
}

/// The UUIDv7 of `bytes`: the time `ms` in the first 48 bits, then the version and variant over
/// what `bytes` holds.
std::string uuid_text(std::uint64_t ms, Bytes bytes) {
    for (int i = 0; i < 6; ++i) {
        bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
    }
    bytes[6] = static_cast<std::uint8_t>(0x70 | (bytes[6] & 0x0f)); // version 7
    bytes[8] = static_cast<std::uint8_t>(0x80 | (bytes[8] & 0x3f)); // variant 10
    constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(k_uuid_length);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out += '-';
        }
        out += k_digits[bytes[i] >> 4];
        out += k_digits[bytes[i] & 0x0f];
    }
    return out;
}

/// 64-bit FNV-1a of `text`, started from `basis`.
std::uint64_t fnv1a(std::string_view text, std::uint64_t basis) {
    std::uint64_t hash = basis;
    for (const char c : text) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
    return hash;
}

} // namespace

std::string new_uuid(std::chrono::system_clock::time_point now) {
    Bytes bytes{};
    std::random_device random; // getrandom(2) on Linux
    for (std::size_t i = 6; i < bytes.size(); i += 4) {
        const std::uint32_t word = random();
        for (std::size_t j = 0; j < 4 && i + j < bytes.size(); ++j) {
            bytes[i + j] = static_cast<std::uint8_t>(word >> (8 * j));
        }
    }
    return uuid_text(milliseconds_of(now), bytes);
}

std::string uuid_for_old_record(std::chrono::sys_days day, std::string_view seed) {
    const std::uint64_t high = fnv1a(seed, 0xcbf29ce484222325ULL);
    const std::uint64_t low = fnv1a(seed, high ^ 0x9e3779b97f4a7c15ULL);
    Bytes bytes{};
    for (std::size_t i = 0; i < 8; ++i) {
        bytes[8 + i] = static_cast<std::uint8_t>(low >> (8 * i));
        if (i < 2) {
            bytes[6 + i] = static_cast<std::uint8_t>(high >> (8 * i));
        }
    }
    return uuid_text(milliseconds_of(day), bytes);
}

bool is_uuid(std::string_view text) {
    if (text.size() != k_uuid_length) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (hyphen_at(i) ? text[i] != '-' : !lower_hex(text[i])) {
            return false;
        }
    }
    return true;
}

bool is_uuid_prefix(std::string_view text) {
    if (text.size() < 4 || text.size() > k_uuid_length) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool hex = lower_hex(c) || (c >= 'A' && c <= 'F');
        if (hyphen_at(i) ? c != '-' : !hex) {
            return false;
        }
    }
    return true;
}

} // namespace bb::util
