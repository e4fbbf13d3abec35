// Fuzz target: the sheet reader (core/sheet_import over util/sheet_text and util/sheet_date).
// The first byte picks the options (day order: none, dmy, mdy; no-answer rows: import, skip);
// the rest are the bytes of a saved sheet: any encoding, separator, quoting and dates.
//
// Invariants: reading either succeeds or throws bb::Error; everything it says (problems,
// warnings, column names) is valid UTF-8, so no raw byte of the file reaches a terminal; each
// rejection read obeys the record rules (its TOML reads back to the same record); a sheet
// without problems imports as many rejections as its status counts say, one set of sheet keys
// each; every date a cell gives formats as a date that reads back the same.

#include "fuzz_support.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/core/sheet_import.hpp"
#include "bounceback/util/text.hpp"

namespace {

void check_text(std::string_view text, std::string_view what) {
    BB_FUZZ_CHECK(bb::util::is_valid_utf8(text), std::string(what) + ": " + std::string(text));
}

void check_sheet(const bb::SheetRead& sheet) {
    for (const auto& p : sheet.summary.problems) {
        check_text(p.column, "problem column");
        check_text(p.value, "problem value");
        check_text(p.message, "problem message");
        BB_FUZZ_CHECK(!p.message.empty() && !p.fix.empty(), p.message);
    }
    for (const auto& w : sheet.warnings) {
        check_text(w, "warning");
    }
    for (const auto& c : sheet.summary.columns) {
        check_text(c.header, "header");
    }
}

void check_rejections(const bb::Dataset& data) {
    for (const auto& r : data.rejections) {
        toml::table t = bb::to_toml(r);
        if (r.id == 0) {
            t.insert_or_assign("id", std::int64_t{1});
        }
        const bb::Rejection again = bb::rejection_from_toml(t, "fuzz");
        toml::table t2 = bb::to_toml(again);
        if (r.id == 0) {
            t2.insert_or_assign("id", std::int64_t{1});
        }
        BB_FUZZ_CHECK(bb::to_toml_text(t) == bb::to_toml_text(t2), bb::to_toml_text(t));
        BB_FUZZ_CHECK(bb::util::is_supported_date(r.date), r.company);
    }
}

void check_dates(std::string_view text) {
    // Every line of the input is also tried as a date cell, in each order.
    for (const auto& line : bb::util::split_lines(text)) {
        for (auto order : {std::optional<bb::util::DayOrder>{}, std::optional(bb::util::DayOrder::dmy),
                           std::optional(bb::util::DayOrder::mdy)}) {
            std::string why;
            const auto date = bb::util::parse_sheet_date(line, order, &why);
            if (!date) {
                BB_FUZZ_CHECK(!why.empty(), line);
                continue;
            }
            BB_FUZZ_CHECK(bb::util::is_supported_date(*date), line);
            const std::string iso = bb::util::format_date(*date);
            BB_FUZZ_CHECK(bb::util::parse_sheet_date(iso, std::nullopt, nullptr) == date,
                          line + " -> " + iso);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    bb::SheetOptions options;
    const unsigned choice = data[0];
    if (choice % 3 == 1) {
        options.day_order = bb::util::DayOrder::dmy;
    } else if (choice % 3 == 2) {
        options.day_order = bb::util::DayOrder::mdy;
    }
    options.ghosted = (choice / 3) % 2 == 0 ? bb::GhostedRule::import : bb::GhostedRule::skip;
    const std::string_view bytes = bb::fuzz::as_text(data + 1, size - 1);

    const bb::util::DecodedText decoded = bb::util::decode_sheet_text(bytes);
    check_text(decoded.text, "decoded");
    check_dates(decoded.text.substr(0, 4096));
    try {
        const bb::CsvFileRead read = bb::read_csv_file(bytes, "fuzz.csv", std::nullopt, options);
        check_rejections(read.input.data);
        if (read.sheet) {
            check_sheet(*read.sheet);
            if (read.sheet->summary.problems.empty()) {
                BB_FUZZ_CHECK(read.input.data.rejections.size() ==
                                  read.sheet->summary.rejections(),
                              std::to_string(read.input.data.rejections.size()));
                BB_FUZZ_CHECK(read.sheet->sheet_keys.size() == read.input.data.rejections.size(),
                              "sheet keys");
            }
        }
    } catch (const bb::Error& error) {
        check_text(error.what(), "error");
    }
    return 0;
}
