#pragma once
// Text helpers: case, whitespace, UTF-8, display width, CSV, spelling suggestions.
// Knows nothing of bounceback.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb::util {

/// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

/// Whether `c` is one of the ASCII digits 0 to 9.
bool is_digit(char c);
/// Whether `text` is not empty and holds ASCII digits only.
bool all_digits(std::string_view text);
/// The number `digits` (ASCII digits, checked by the caller) spells; 0 when it does not fit an int.
int to_int(std::string_view digits);

/// `text` with ASCII letters lowered; other bytes (UTF-8 included) unchanged.
std::string to_lower(std::string_view text);

/// `text` case-folded by Unicode rules ("ZÜRICH" and "zürich" fold alike), for comparing
/// names without regard to case. Invalid UTF-8 falls back to to_lower.
std::string fold_case(std::string_view text);

/// `text` case-folded with its accents and other combining marks removed ("Équipe" and
/// "equipe", "Gespräch" and "GESPRACH" fold alike), for matching words people write with or
/// without accents. Invalid UTF-8 falls back to to_lower.
std::string fold_case_and_accents(std::string_view text);

/// True when the code point `cp` is part of a word in any script: a letter, a combining mark or
/// a number (Unicode categories L*, M*, N*).
bool is_word_code_point(char32_t cp);

/// True when `cp` is a space between words (Unicode category Zs: U+0020, U+00A0, U+2009 …).
bool is_space_code_point(char32_t cp);

/// `text` folded for matching words people type in many ways: case-folded, accents and other
/// marks removed ("Décembre" and "decembre" fold alike, "ß" to "ss"), `_` `-` `.` and white space
/// as one space, trimmed. "Date_Applied " and "date applied" fold alike.
std::string fold_key(std::string_view text);

/// `text` split on runs of ASCII white space; no empty words.
std::vector<std::string> split_words(std::string_view text);

/// `text` split at every `separator`; n separators give n + 1 pieces, empty ones included.
std::vector<std::string> split_at(std::string_view text, char separator);

/// `text` split at LF (a CR before it is dropped); a final newline does not add an empty line.
std::vector<std::string> split_lines(std::string_view text);

/// The first line of `text`, followed by " …" when more lines follow: one table row per record.
std::string one_line(std::string_view text);

/// Appends code point `cp` to `out` as UTF-8; U+FFFD for a surrogate or a value above
/// U+10FFFF, which UTF-8 cannot hold.
void append_utf8(std::string& out, char32_t cp);

/// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

/// `text` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD, so text of
/// unknown quality can be kept safely.
std::string repair_utf8(std::string_view text);

/// True for a code point that a terminal acts on instead of showing, or that changes how the
/// text around it is shown: a C0 control (NUL to U+001F, such as ESC, CR and LF), DEL, a C1
/// control (U+0080 to U+009F, such as U+009B, which some terminals take as ESC [), or a
/// bidirectional control that reorders text (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066
/// to U+2069).
bool is_control_code_point(char32_t cp);

/// The first code point of `text` that is_control_code_point() says is a control, or nullopt.
/// Tab is allowed only when `allow_tab`; newline only when `allow_newline`. Bytes that are not
/// UTF-8 are skipped (is_valid_utf8 says whether there are any).
std::optional<char32_t> find_control_char(std::string_view text, bool allow_newline = false,
                                          bool allow_tab = false);

/// True when `text` holds a control character (find_control_char), such as CR, LF, NUL, ESC,
/// U+009B or U+202E. Tab is allowed only when `allow_tab`; newline only when `allow_newline`.
bool has_control_chars(std::string_view text, bool allow_newline = false, bool allow_tab = false);

/// `text` made safe to show on a terminal: each control character (is_control_code_point) but
/// newline and tab, and each byte that is not part of UTF-8, is replaced by a visible escape
/// (`\x1b` for a byte, `\u202e` for a code point), so printing the result cannot move the
/// cursor, set the window title, write to the clipboard or reorder what is shown. Everything
/// else is kept as it is.
std::string escape_controls(std::string_view text);

/// The number of terminal columns `text` takes (East Asian wide characters count 2,
/// combining marks 0). `text` must be valid UTF-8.
std::size_t display_width(std::string_view text);

/// `text` cut to at most `width` columns, ending in "…" when something was cut.
std::string truncate_to_width(std::string_view text, std::size_t width);

/// `text` followed by spaces up to `width` columns.
std::string pad_to_width(std::string_view text, std::size_t width);

/// `text` as one RFC 4180 CSV field: quoted when it holds a comma, quote, CR or LF. A text a
/// spreadsheet program would run as a formula, one starting with =, +, -, @, tab or CR (after
/// any apostrophes), gets a ' in front, so that the program shows it as text (OWASP's advice
/// against CSV injection); a plain number such as -2 is left as it is, since it cannot be a
/// formula. csv_field_text() gives the text back from the field's value.
std::string csv_field(std::string_view text);

/// The text csv_field() was given, from the value of a field it wrote (as parse_csv returns it):
/// the ' it put in front of a would-be formula is dropped, and every other value is kept as it
/// is.
std::string_view csv_field_text(std::string_view value);

/// `length` letters and digits drawn from std::random_device: a name no other process can
/// guess (a temp file's suffix, the key of Ui's own colour codes).
std::string random_word(std::size_t length);

/// One record of CSV text: its fields, and the line it starts on (1-based), for messages.
struct CsvRow {
    std::vector<std::string> fields;
    std::size_t line = 0;
};

/// The most fields parse_csv takes in one row (spreadsheets of records have a few dozen).
inline constexpr std::size_t k_max_csv_row_fields = 1'000;

/// The most fields parse_csv takes in all: each costs some 40 bytes parsed, so without a bound
/// a file of commas would take many times its size in memory.
inline constexpr std::size_t k_max_csv_fields = 1'000'000;

/// Parses RFC 4180 CSV `text` into `*rows`: fields separated by `separator` (a comma unless
/// told: `;` and tab are the other separators spreadsheets save with), records by CR LF or LF,
/// a quoted field may hold commas, line breaks and doubled quotes. A leading UTF-8 byte order
/// mark (as spreadsheets write) and empty lines are skipped. Returns false with `*err`
/// ("line 3: …") for a quote inside an unquoted field, text after a closing quote, a quote
/// that is never closed, or more fields than k_max_csv_row_fields in a row or k_max_csv_fields
/// in all.
bool parse_csv(std::string_view text, std::vector<CsvRow>* rows, std::string* err,
               char separator = ',');

/// The edit distance between `a` and `b`, counting a swap of two neighbouring bytes as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a plausible typo
/// (a prefix, or an edit distance of at most a third of its length, at least 1), else "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// Lays `rows` out as aligned columns separated by two spaces, measuring display width so
/// wide and combining characters line up; cells wider than `max_cell_width` are cut with "…"
/// and the last column is not padded. Each returned line has no trailing spaces.
std::vector<std::string> render_table(const std::vector<std::vector<std::string>>& rows,
                                      std::size_t max_cell_width = 32);

/// True for a simple name: one or more of A-Z a-z 0-9 _ -, nothing else (no dots, slashes or
/// spaces), so it is safe as a file name in a folder of our choosing.
bool is_simple_name(std::string_view name);

/// `items` joined by `separator`.
std::string join(const std::vector<std::string>& items, std::string_view separator);

/// `items` as a sentence lists them: "a, b and c"; "a"; "".
std::string and_list(const std::vector<std::string>& items);

/// `value` as a sentence shows a figure: a whole number without decimals ("3"), any other with
/// one ("2.5").
std::string format_number(double value);

} // namespace bb::util
