// Fuzz target: the data-file loader. The input is the text of a file in the data folder or of
// config.toml. It goes through parse_toml_text, the version check, every per-kind decoder on the
// matching array of tables, config_from_toml, and the `log edit` reader.
//
// Invariants: bad input is only ever a bb::Error; every record that decodes writes back
// (to_toml, to_toml_text) to text that parses and decodes to the same record; a config that
// reads writes back to one that reads the same (what `habit add` relies on).

#include "fuzz_support.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/config.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/storage/toml_file.hpp"

#include <functional>

namespace {

constexpr std::string_view k_file = "fuzz.toml";

/// Decodes `[[kind]]` tables with `decode`; each record must survive a write and a read.
template <typename Decode>
void decode_tables(const toml::table& doc, std::string_view kind, Decode decode) {
    const toml::array* array = doc[kind].as_array();
    if (array == nullptr) {
        return;
    }
    for (const toml::node& node : *array) {
        const toml::table* table = node.as_table();
        if (table == nullptr) {
            continue;
        }
        std::string written;
        try {
            written = bb::to_toml_text(bb::to_toml(decode(*table, k_file)));
        } catch (const bb::Error&) {
            continue;
        }
        std::string again;
        try {
            again = bb::to_toml_text(bb::to_toml(
                decode(bb::parse_toml_text(written, k_file, bb::ExitCode::data), k_file)));
        } catch (const bb::Error& error) {
            BB_FUZZ_CHECK(false, "a decoded " + std::string(kind) + " does not read back: " +
                                     error.what() + "\n--- written:\n" + written);
        }
        BB_FUZZ_CHECK(again == written, "a " + std::string(kind) +
                                            " changed on a round trip\n--- first:\n" + written +
                                            "\n--- second:\n" + again);
        (void)bb::to_json(bb::to_toml(decode(*table, k_file)));
    }
}

/// The settings of `config` as text, to compare two reads.
std::string describe(const bb::Config& c) {
    std::string out = c.name.value_or("<none>") + "|" + c.email.value_or("<none>") + "|" +
                      c.signature.value_or("<none>") + "|" +
                      (c.week_start == bb::WeekStart::monday ? "monday" : "sunday") + "|" +
                      std::to_string(c.follow_up_days) + "|";
    for (const auto& [name, habit] : c.habits) {
        out += name + "=" + std::to_string(habit.per_week) + ":" + habit.description + ";";
    }
    for (const auto& question : c.reflect_questions) {
        out += question + ";";
    }
    const bb::SignalThresholds& t = c.signals;
    for (double value : {t.application_share, t.tag_share, t.feedback_share, t.mood_low,
                         t.network_share}) {
        out += std::to_string(value) + ";";
    }
    for (int value : {t.application_min, t.interview_min, t.tag_min, t.feedback_min,
                      t.routine_weeks, t.mood_weeks, t.network_min, t.network_personal_min}) {
        out += std::to_string(value) + ";";
    }
    return out;
}

void check_config(const toml::table& doc) {
    bb::Config config;
    try {
        config = bb::config_from_toml(doc, k_file);
    } catch (const bb::Error&) {
        return;
    }
    for (const auto& [name, habit] : config.habits) {
        BB_FUZZ_CHECK(habit.per_week >= 1 && habit.per_week <= 7, name);
    }
    const std::string written = bb::to_toml_text(doc);
    bb::Config again;
    try {
        again = bb::config_from_toml(bb::parse_toml_text(written, k_file, bb::ExitCode::config),
                                     k_file);
    } catch (const bb::Error& error) {
        BB_FUZZ_CHECK(false, std::string("a valid config does not read back: ") + error.what() +
                                 "\n--- written:\n" + written);
    }
    BB_FUZZ_CHECK(describe(config) == describe(again),
                  describe(config) + "\n--- after a rewrite:\n" + describe(again));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = bb::fuzz::as_text(data, size);
    try {
        (void)bb::rejection_from_edit_text(text, k_file, 1);
    } catch (const bb::Error&) {
    }
    toml::table doc;
    try {
        doc = bb::parse_toml_text(text, k_file, bb::ExitCode::data);
    } catch (const bb::Error&) {
        return 0;
    }
    try {
        bb::storage::check_format_version(doc, k_file);
    } catch (const bb::Error&) {
    }
    decode_tables(doc, "rejection", bb::rejection_from_toml);
    decode_tables(doc, "win", bb::win_from_toml);
    decode_tables(doc, "reflection", bb::reflection_from_toml);
    decode_tables(doc, "checkin", bb::checkin_from_toml);
    check_config(doc);
    return 0;
}
