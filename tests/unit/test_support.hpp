#pragma once
// Helpers shared by the unit tests: checking error messages, describing records field by field,
// and running Python to check what bounceback emits with a real parser.

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/core/records.hpp"
#include "bounceback/storage/folder.hpp"
#include "bounceback/storage/paths.hpp"
#include "bounceback/util/date.hpp"
#include "temp_dir.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <doctest/doctest.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <vector>

namespace bb::test {

/// The paths for a home in `root` (not created yet), as `--home` would give them: data, config
/// and templates all under `root`, whatever the environment says.
inline bb::storage::Paths home_in(const std::filesystem::path& root) {
    return bb::storage::resolve_paths(
        root.string(), [](std::string_view) { return std::optional<std::string>(); });
}

/// The private folder at `path`, made (0700) when missing: where a test puts the files the
/// code under test reads and writes relative to an open folder.
inline bb::storage::Folder folder_at(const std::filesystem::path& path) {
    return bb::storage::Folder::make_private(path);
}

/// The day written `iso` (YYYY-MM-DD); throws std::invalid_argument for anything else, so a
/// typo in a test fails loudly.
inline util::Date day(std::string_view iso) {
    auto date = util::parse_iso_date(iso);
    if (!date) {
        throw std::invalid_argument("not a date: " + std::string(iso));
    }
    return *date;
}

/// True when `text` holds `part`.
inline bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

/// True when `message` holds `FILE:LINE:COL` for a file whose path ends with `file_name`, at
/// line `line` and some column.
inline bool has_position(std::string_view message, std::string_view file_name, int line) {
    const std::string marker = std::string(file_name) + ":" + std::to_string(line) + ":";
    for (auto at = message.find(marker); at != std::string_view::npos;
         at = message.find(marker, at + 1)) {
        const auto after = at + marker.size();
        if (after < message.size() && std::isdigit(static_cast<unsigned char>(message[after]))) {
            return true;
        }
    }
    return false;
}

/// Sets TZ for its lifetime (so rfc5322_date is deterministic) and restores it after.
class TimeZoneGuard {
  public:
    explicit TimeZoneGuard(const char* zone) {
        if (const char* old = std::getenv("TZ")) {
            m_old = old;
        }
        ::setenv("TZ", zone, 1);
        ::tzset();
    }
    ~TimeZoneGuard() {
        if (m_old) {
            ::setenv("TZ", m_old->c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
        ::tzset();
    }
    TimeZoneGuard(const TimeZoneGuard&) = delete;
    TimeZoneGuard& operator=(const TimeZoneGuard&) = delete;

  private:
    std::optional<std::string> m_old;
};

/// The bb::Error that `body` throws, or nullopt when it throws none.
template <typename Body> std::optional<bb::Error> error_from(Body&& body) {
    try {
        body();
    } catch (const bb::Error& error) {
        return error;
    }
    return std::nullopt;
}

namespace detail {
inline std::string field(const std::optional<std::string>& value) {
    return value ? "\"" + *value + "\"" : "(absent)";
}
inline std::string field(const std::optional<Date>& value) {
    return value ? util::format_date(*value) : "(absent)";
}
inline std::string field(const std::vector<std::string>& values) {
    std::string out = "[";
    for (const auto& value : values) {
        out += "\"" + value + "\" ";
    }
    return out + "]";
}
} // namespace detail

/// The records of `records` as TOML tables, to compare records of any kind field by field.
template <typename Record> std::vector<toml::table> tables_of(const std::vector<Record>& records) {
    std::vector<toml::table> out;
    for (const auto& r : records) {
        out.push_back(to_toml(r));
    }
    return out;
}

/// A rejection with every field set, text that is not plain ASCII (quotes, backslashes, tabs,
/// line breaks), and the ID `id`, dated `date`.
inline Rejection full_rejection(std::int64_t id, Date date) {
    Rejection r;
    r.company = "Z\xc3\xbcrich \"Software\" AG \xe2\x9c\x93";
    r.date = date;
    r.id = id;
    r.role = "Staff Engineer \xf0\x9f\x98\x80";
    r.stage = bb::Stage::onsite;
    r.applied = std::chrono::year{2026} / 10 / 1;
    r.source = "referral";
    r.contact = "Jos\xc3\xa9 Doe";
    r.email = "jose@example.com";
    r.reason = "went with someone\nmore senior\n\n\tand remote";
    r.note = "back\\slash, 'single' and \"double\" quotes\nsecond line";
    r.tags = {"remote", "fintech", "caf\xc3\xa9"};
    r.feeling = 2;
    r.key = "<msg-" + std::to_string(id) + "@example.com>";
    r.feedback.requested = date;
    r.feedback.received = date;
    r.feedback.text = "more depth on\nsystem design";
    r.feedback.areas = {"technical", "communication"};
    return r;
}

/// Every field of `r`, one per line, absent ones marked: two records are equal when their
/// descriptions are, and a failed comparison shows which field differs.
inline std::string describe(const Rejection& r) {
    using detail::field;
    std::string out;
    out += "id: " + std::to_string(r.id) + "\n";
    out += "company: \"" + r.company + "\"\n";
    out += "role: " + field(r.role) + "\n";
    out +=
        "stage: " + (r.stage ? std::string(stage_name(*r.stage)) : std::string("(absent)")) + "\n";
    out += "date: " + util::format_date(r.date) + "\n";
    out += "applied: " + field(r.applied) + "\n";
    out += "source: " + field(r.source) + "\n";
    out += "contact: " + field(r.contact) + "\n";
    out += "email: " + field(r.email) + "\n";
    out += "reason: " + field(r.reason) + "\n";
    out += "note: " + field(r.note) + "\n";
    out += "tags: " + field(r.tags) + "\n";
    out += "feeling: " + (r.feeling ? std::to_string(*r.feeling) : std::string("(absent)")) + "\n";
    out += "key: " + field(r.key) + "\n";
    out += "feedback.requested: " + field(r.feedback.requested) + "\n";
    out += "feedback.received: " + field(r.feedback.received) + "\n";
    out += "feedback.text: " + field(r.feedback.text) + "\n";
    out += "feedback.areas: " + field(r.feedback.areas) + "\n";
    return out;
}

/// What a child process printed (stdout and stderr together) and its exit status.
struct RunResult {
    int status = -1;
    std::string output;
};

/// `text` quoted for /bin/sh.
inline std::string shell_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

/// Runs the Python `script` (saved as a file in `dir`) with `args`, the interpreter CMake found.
inline RunResult run_python(const fs::path& dir, std::string_view script,
                            const std::vector<std::string>& args) {
    const fs::path script_path = dir / "check.py";
    write_text(script_path, script);
    std::string command = shell_quote(BB_TEST_PYTHON) + " " + shell_quote(script_path.string());
    for (const auto& arg : args) {
        command += " " + shell_quote(arg);
    }
    command += " 2>&1";
    RunResult result;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        return result;
    }
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        result.output.append(buffer, n);
    }
    const int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

} // namespace bb::test

/// Checks that `text` holds `part`, printing `text` when it does not.
#define BB_CHECK_CONTAINS(text, part)                                                              \
    CHECK_MESSAGE(::bb::test::contains((text), (part)), "text: " << (text))

/// Checks that `text` holds `FILE:LINE:COL` for `file` at `line`, printing `text` when not.
#define BB_CHECK_POSITION(text, file, line)                                                        \
    CHECK_MESSAGE(::bb::test::has_position((text), (file), (line)), "text: " << (text))
