#pragma once
// Internal to storage: what differs between the kinds of record a home keeps (folder, table
// name, decoder, order), for every storage layer.

#include "bounceback/core/codec.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/util/date.hpp"

#include <string>
#include <tuple>

namespace bb::storage::detail {

/// Records with an ID sort by date, then ID.
template <typename Record> bool by_date_then_id(const Record& a, const Record& b) {
    return std::tie(a.date, a.id) < std::tie(b.date, b.id);
}

/// What differs between kinds of record: folder, table name, decoder, order, and how a record
/// is named in messages. Kinds with `has_id` get IDs from store.toml.
template <typename Record> struct Kind;

template <> struct Kind<Rejection> {
    static constexpr const char* folder = "rejections";
    static constexpr const char* table = "rejection";
    static constexpr const char* noun = "rejection";
    static constexpr const char* list_command = "bounceback log list";
    static constexpr bool has_id = true;
    static Rejection decode(const toml::table& t, std::string_view file) {
        return rejection_from_toml(t, file);
    }
    static bool before(const Rejection& a, const Rejection& b) { return by_date_then_id(a, b); }
    static std::string identity(const Rejection& r) { return "rejection " + std::to_string(r.id); }
};

template <> struct Kind<Win> {
    static constexpr const char* folder = "wins";
    static constexpr const char* table = "win";
    static constexpr const char* noun = "win";
    static constexpr const char* list_command = "bounceback log win list";
    static constexpr bool has_id = true;
    static Win decode(const toml::table& t, std::string_view file) {
        return win_from_toml(t, file);
    }
    static bool before(const Win& a, const Win& b) { return by_date_then_id(a, b); }
    static std::string identity(const Win& w) { return "win " + std::to_string(w.id); }
};

template <> struct Kind<Reflection> {
    static constexpr const char* folder = "reflections";
    static constexpr const char* table = "reflection";
    static constexpr const char* noun = "reflection";
    static constexpr const char* list_command = "bounceback reflect list";
    static constexpr bool has_id = true;
    static Reflection decode(const toml::table& t, std::string_view file) {
        return reflection_from_toml(t, file);
    }
    static bool before(const Reflection& a, const Reflection& b) { return by_date_then_id(a, b); }
    static std::string identity(const Reflection& r) {
        return "reflection " + std::to_string(r.id);
    }
};

template <> struct Kind<Checkin> {
    static constexpr const char* folder = "checkins";
    static constexpr const char* table = "checkin";
    static constexpr const char* noun = "check-in";
    static constexpr bool has_id = false;
    static Checkin decode(const toml::table& t, std::string_view file) {
        return checkin_from_toml(t, file);
    }
    static bool before(const Checkin& a, const Checkin& b) {
        return std::tie(a.date, a.habit) < std::tie(b.date, b.habit);
    }
    static std::string identity(const Checkin& c) {
        return "check-in of " + c.habit + " on " + util::format_date(c.date);
    }
};

} // namespace bb::storage::detail
