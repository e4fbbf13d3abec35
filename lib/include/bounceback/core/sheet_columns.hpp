#pragma once
// Which column of a job-search sheet holds which field: the header names people and trackers
// use, in English, German, French, Spanish, Dutch and Portuguese, matched after folding case,
// accents, spaces, hyphens and underscores (util::fold_key).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb {

/// What a sheet column can hold. Most are a rejection's fields (named by their TOML keys);
/// the others help read a row: its status, dates that stand in for a missing rejection date,
/// and columns that are understood but have no field to go to.
enum class SheetField {
    id,
    company,
    role,
    stage,
    date, ///< the rejection date
    applied,
    source,
    contact,
    email,
    reason,
    note,
    tags,
    feeling,
    key,
    feedback_requested,
    feedback_received,
    feedback_followed_up,
    feedback_text,
    feedback_areas,
    date_estimated,
    status,        ///< decides whether the row is a rejection
    status_change, ///< when the status last changed: stands in for the rejection date
    last_contact,  ///< stands in for the rejection date after status_change
    updated,       ///< when the row was last edited: the last stand-in before the applied date
    location,      ///< understood, not kept: bounceback has no such field
    url,           ///< the job posting's address
    uid,           ///< the record's identity, in bounceback's own CSV export
};

/// The name a field is shown under: the record's key ("company", "feedback_text"), or
/// "status", "status change", "last contact", "updated", "location", "url".
std::string_view sheet_field_name(SheetField field);

/// True for the fields a rejection record has (written to its TOML table).
bool is_record_field(SheetField field);

/// The field `header` names, or nullopt. "Name", Notion's title column, is not matched here:
/// see map_sheet_columns.
std::optional<SheetField> field_of_header(std::string_view header);

/// One entry of the alias table: a folded header name and its field, for the manual and tests.
struct HeaderAlias {
    std::string_view header;
    SheetField field;
};

/// Every header name understood, folded, in the table's order (field by field).
const std::vector<HeaderAlias>& header_aliases();

/// The field of each column of `header` (nullopt: not used). "Name" (and "Title" in a sheet
/// that has a role column already) is the role when another column holds the company, else
/// the company. A second column for the same field is left unused; `*duplicates` (when not
/// null) receives the index of each such column.
std::vector<std::optional<SheetField>> map_sheet_columns(const std::vector<std::string>& header,
                                                         std::vector<std::size_t>* duplicates);

} // namespace bb
