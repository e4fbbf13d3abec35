#pragma once
// Reading a job-search sheet as it was saved (CSV or TSV from Excel, Google Sheets,
// LibreOffice, Numbers, Notion, Airtable, Huntr, Teal …) into rejections: the encoding and
// separator are sniffed, columns mapped by their names (core/sheet_columns), each row's status
// decides whether it is a rejection (core/vocabulary), dates read as written
// (util/sheet_date), and every problem of every row collected at once. Pure text to records.

#include "bounceback/core/interchange.hpp"
#include "bounceback/core/sheet_columns.hpp"
#include "bounceback/core/vocabulary.hpp"
#include "bounceback/util/sheet_date.hpp"
#include "bounceback/util/sheet_text.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bb {

/// What happens to rows whose status says no answer ever came.
enum class GhostedRule {
    import, ///< imported as rejections: stage application unless a stage is given, reason
            ///< "no answer" unless one is given
    skip,   ///< left out, and counted
};

/// The choices a person can make about reading a sheet.
struct SheetOptions {
    std::optional<util::DayOrder> day_order; ///< --date-order; else decided from the dates
    GhostedRule ghosted = GhostedRule::import;
};

/// One problem in a sheet: where, what, and how to fix it.
struct SheetProblem {
    std::size_t line = 0; ///< the line the row starts on (the header's for a column problem)
    std::string column;   ///< the column's header as written; "" for the whole row or file
    std::string value;    ///< the cell as written (decoded to UTF-8)
    std::string message;  ///< what is wrong
    std::string fix;      ///< what to do about it
};

/// How one column of the sheet was used.
struct ColumnUse {
    std::string header;              ///< as written
    std::optional<SheetField> field; ///< nullopt: not used
    std::string note;                ///< why not used, or what is special ("holds the status")
};

/// What reading a sheet found: how it was saved, which column went where, what each row was,
/// and every problem.
struct SheetSummary {
    util::TextEncoding encoding = util::TextEncoding::utf8;
    char separator = ',';
    std::vector<ColumnUse> columns;
    std::size_t rows = 0;                        ///< rows with anything in them
    std::map<RowStatus, std::size_t> by_status;  ///< every row, by what its status says
    std::size_t ghosted_left_out = 0;            ///< no-answer rows left out (--ghosted skip)
    std::size_t stand_in_dates = 0;              ///< rejections whose date stands in
    std::optional<util::DayOrder> day_order;     ///< the order slash dates were read in
    std::string day_order_why;                   ///< e.g. "13/11/2026 on line 5", "--date-order"
    std::vector<SheetProblem> problems;

    /// How many rows are imported as rejections.
    std::size_t rejections() const;
};

/// A sheet read into rejections, with what was found.
struct SheetRead {
    Dataset data;
    SheetSummary summary;
    std::vector<std::string> warnings;
    /// For each rejection in `data`, the record keys the sheet speaks for: its mapped columns
    /// (an emptied cell clears the field) and what the import set from the status. When the
    /// same row is imported again after an edit, these keys are updated and the others kept.
    std::vector<std::set<std::string>> sheet_keys;
};

/// Reads `text` (already decoded: see util::decode_sheet_text) as a sheet of applications with
/// a header row, fields separated by `separator`; `file` names it in messages. Never throws for
/// a bad cell: every problem is in `summary.problems`, and `data` is then incomplete.
SheetRead read_rejection_sheet(std::string_view text, char separator, std::string_view file,
                               const SheetOptions& options);

/// What reading an import file of CSV or TSV gave: the records, and for a sheet of
/// rejections what was found.
struct CsvFileRead {
    ImportInput input;
    std::optional<SheetRead> sheet;
};

/// Reads the bytes of a CSV, TSV or tab-separated .txt file saved by a spreadsheet or a
/// tracker, or exported by bounceback: decodes (UTF-8, UTF-16, windows-1252) and sniffs the
/// separator; rows of rejections (`kind` rejection, or a company column) are read with
/// read_rejection_sheet, other kinds with read_csv_import. Throws Error(data) for a workbook
/// (.xlsx, .ods, .xls, Numbers), saying how to save it as CSV from Excel, LibreOffice, Numbers
/// and Google Sheets, and for an empty file.
CsvFileRead read_csv_file(std::string_view bytes, std::string_view file,
                          std::optional<RecordKind> kind, const SheetOptions& options);

/// The message for a workbook file of kind `what` (util::workbook_kind): how to save it as CSV.
std::string workbook_message(std::string_view file, std::string_view what);

} // namespace bb
