#pragma once
// What a spreadsheet program saved: the text encoding, the field separator, and files that are
// not text at all (workbooks). Knows nothing of bounceback.

#include <optional>
#include <string>
#include <string_view>

namespace bb::util {

/// The encodings spreadsheet programs save text in.
enum class TextEncoding {
    utf8,         ///< UTF-8 without a byte order mark (Google Sheets, LibreOffice, Numbers)
    utf8_bom,     ///< UTF-8 after a byte order mark (Excel's "CSV UTF-8", Notion, Airtable)
    utf16le,      ///< UTF-16 little-endian after a byte order mark (Excel's "Unicode Text")
    utf16be,      ///< UTF-16 big-endian after a byte order mark
    windows_1252, ///< Excel's plain "CSV" on Western European Windows; ISO-8859-1 read as it
};

/// A file's text as UTF-8, and the encoding it was saved in.
struct DecodedText {
    std::string text;
    TextEncoding encoding = TextEncoding::utf8;
};

/// Decodes the bytes of a saved sheet. A UTF-8 or UTF-16 byte order mark says the encoding (and
/// is dropped); otherwise text that is valid UTF-8 is UTF-8, and anything else is windows-1252,
/// which every byte is (ISO-8859-1's letters are at the same places; its unused bytes 0x81,
/// 0x8D, 0x8F, 0x90 and 0x9D become U+FFFD). The result is always valid UTF-8, so no byte of
/// the file reaches a terminal as it was. UTF-16 with an odd byte or a lone surrogate gives
/// U+FFFD in its place.
DecodedText decode_sheet_text(std::string_view bytes);

/// How `encoding` is named to people: "UTF-8", "UTF-8 with a byte order mark", "UTF-16",
/// "windows-1252 (ISO-8859-1)".
std::string_view encoding_name(TextEncoding encoding);

/// The field separator of delimited `text` (already decoded): `,`, `;` or a tab. A first line
/// `sep=X`, as some programs write for Excel, says it outright. Otherwise each candidate is
/// counted outside quotes on the first lines: the one found on the header line that splits the
/// most of the following lines into as many fields as the header wins; a tie goes to the one
/// more often on the header line, then tab, `;`, `,`. A file with none of them is one column:
/// `,`.
char sniff_separator(std::string_view text);

/// `text` without a first line `sep=X` (Excel's separator hint), if it has one.
std::string_view strip_separator_hint(std::string_view text);

/// "a comma", "a semicolon" or "a tab": the separator as named to people.
std::string_view separator_name(char separator);

/// When `bytes` are a spreadsheet program's own file rather than text, what it is, told by the
/// content (never the name): "an Excel workbook (.xlsx)", "an OpenDocument spreadsheet (.ods)",
/// "an Excel 97-2003 workbook (.xls)", "a Numbers document", "a ZIP archive"; else nullopt.
std::optional<std::string> workbook_kind(std::string_view bytes);

} // namespace bb::util
