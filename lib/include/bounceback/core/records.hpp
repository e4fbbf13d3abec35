#pragma once
// The records bounceback keeps, and the rules their fields follow.

#include "bounceback/util/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bb {

using util::Date;

/// How far the process went before the rejection, in order.
enum class Stage { application, screen, technical, onsite, final, offer };

/// Every stage name, in process order.
const std::vector<std::string>& stage_names();

/// The name of `stage` as written in files and on the command line.
std::string_view stage_name(Stage stage);

/// The stage called `name` (exact, lower-case), or nullopt.
std::optional<Stage> parse_stage(std::string_view name);

/// What an employer said when asked for feedback.
struct Feedback {
    std::optional<Date> requested;
    /// The day of the latest follow-up on the request (a second `--mark-sent`); `requested`
    /// stays the day of the first request.
    std::optional<Date> followed_up;
    std::optional<Date> received;
    std::optional<std::string> text;
    std::vector<std::string> areas;

    bool empty() const {
        return !requested && !followed_up && !received && !text && areas.empty();
    }
    bool operator==(const Feedback&) const = default;
};

/// One rejection, as logged. Optional fields are absent, never empty.
struct Rejection {
    std::int64_t id = 0;
    std::optional<std::string> uid; ///< the permanent identity (util/uuid.hpp); none in old files
    std::string company;
    std::optional<std::string> role;
    std::optional<Stage> stage;
    Date date;
    /// True when `date` is not the day the answer came but a stand-in (an import found no
    /// rejection date and took another of the row's dates): days-to-answer figures leave the
    /// entry out. Written to TOML only when true.
    bool date_estimated = false;
    std::optional<Date> applied;
    std::optional<std::string> source;
    std::optional<std::string> contact;
    std::optional<std::string> email;
    std::optional<std::string> url; ///< the job posting's address, http or https
    std::optional<std::string> reason;
    std::optional<std::string> note;
    std::vector<std::string> tags;
    std::optional<int> feeling;
    std::optional<std::string> key;
    Feedback feedback;

    bool operator==(const Rejection&) const = default;
};

/// A small victory worth naming.
struct Win {
    std::int64_t id = 0;
    Date date;
    std::string text;
    std::optional<std::string> uid; ///< the permanent identity (util/uuid.hpp); none in old files

    bool operator==(const Win&) const = default;
};

/// A reflection on the search, or on one rejection when `rejection` is set. Every list holds
/// the person's own answers, in the order given.
struct Reflection {
    std::int64_t id = 0;
    std::optional<std::string> uid;
    Date date;
    std::optional<std::int64_t> rejection; ///< the linked rejection's ID
    std::optional<std::string> rejection_uid; ///< the linked rejection's uid: the link that holds
    std::optional<int> mood;               ///< 1 (awful) to 5 (great)
    std::vector<std::string> went_well;
    std::vector<std::string> improve;
    std::vector<std::string> strengths;
    std::vector<std::string> targeting; ///< thoughts on the roles and fields being targeted
    std::vector<std::string> next;

    bool operator==(const Reflection&) const = default;
};

/// Whether a habit was done on a day, or deliberately skipped (a rest day).
enum class CheckinStatus { done, skip };

/// One habit on one day. A habit has at most one check-in a day, so (date, habit) is its key.
struct Checkin {
    Date date;
    std::string habit;
    CheckinStatus status = CheckinStatus::done;
    std::optional<int> minutes;
    std::optional<std::string> note;

    bool operator==(const Checkin&) const = default;
};

/// "done" or "skip".
std::string_view checkin_status_name(CheckinStatus status);

// Field rules. Each returns "" when `value` is acceptable, else a reason that fits after the
// field's name ("company: must not be empty").

/// The most bytes one text field holds: 64 KiB, room for a long email pasted into a note. It
/// bounds what a record weighs, so a month's file stays far below what bounceback reads.
inline constexpr std::size_t k_max_text_bytes = 64 * 1024;

/// The most values one list field holds (tags, feedback areas, a reflection's answers).
inline constexpr std::size_t k_max_list_values = 100;

/// One line of text: not empty, at most k_max_text_bytes, valid UTF-8, no control characters
/// (util::find_control_char: C0, DEL, C1 and bidirectional controls such as U+202E).
std::string check_line(std::string_view value);
/// A company or contact name: one line (check_line) without the invisible characters that can
/// make one name look like another: bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E,
/// U+200F, U+061C) and zero-width spaces (U+200B, U+2060-U+2064, U+FEFF, U+180E).
std::string check_name(std::string_view value);
/// The first such invisible character in `value`, as "U+202E RIGHT-TO-LEFT OVERRIDE"; "" when
/// there is none (or `value` is not valid UTF-8). Text that holds one is not echoed back as is.
std::string find_invisible(std::string_view value);
/// Free text that may span lines: like check_line, but newline and tab are allowed.
std::string check_text(std::string_view value);
/// An email address: `local@domain.tld`, no spaces, no control characters, no angle brackets.
std::string check_email(std::string_view value);
/// A feedback area or habit name: one word, no spaces or commas.
std::string check_word(std::string_view value);
/// A tag: one line without commas or semicolons, no spaces at either end; inner spaces are
/// allowed ("machine learning").
std::string check_tag(std::string_view value);
/// Adds `tag` to `tags` unless it is there already in any case: "Remote" and "remote" are one
/// tag, kept as first spelt.
void add_tag(std::vector<std::string>& tags, std::string tag);
/// A feeling or mood: 1 (awful) to 5 (great).
std::string check_feeling(std::int64_t value);
/// A feeling or mood as typed: exactly one digit from 1 to 5 ("3"; not "03", "3.0" or " 3": a
/// caller that allows spaces around it trims first). Anything else returns nullopt and sets
/// `*err` (when not null) to check_feeling's reason.
std::optional<int> parse_feeling(std::string_view text, std::string* err);
/// Minutes spent on a habit: 1 to 1440.
std::string check_minutes(std::int64_t value);

/// Checks the relations between a rejection's fields (applied not after date, feedback dates in
/// order). Returns "" or a reason naming the fields.
std::string check_rejection(const Rejection& rejection);

/// The first rule `rejection` breaks, as "FIELD REASON" ("company must not be empty"), or ""
/// when it breaks none: every field rule above and check_rejection, the same rules a data file
/// is read with (core/codec). For records that did not come from a data file's text, such as
/// the cache's, which is a hint and never trusted.
std::string check_record(const Rejection& rejection);
/// The first rule `win` breaks, like check_record(const Rejection&).
std::string check_record(const Win& win);
/// The first rule `reflection` breaks, like check_record(const Rejection&).
std::string check_record(const Reflection& reflection);
/// The first rule `checkin` breaks, like check_record(const Rejection&).
std::string check_record(const Checkin& checkin);

/// "" when `date` may be given to a rejection, win or reflection entered on `today`, else a
/// reason that fits after the value. A date up to the day after `today` is accepted (a traveller's
/// today may be behind where it happened); a later one is almost always a slip of the keys (2062
/// for 2026) and would stretch every report across the years between. Check-ins have their own
/// rule (core/routine.hpp: a rest day may be planned ahead).
std::string check_entry_date(Date date, Date today);

/// check_entry_date for every date of `rejection` (its date, applied, feedback requested and
/// received, followed up): "" or a reason that starts with the field's name.
std::string check_entry_dates(const Rejection& rejection, Date today);
/// check_entry_date for the date of `win`, like the rejection's.
std::string check_entry_dates(const Win& win, Date today);
/// check_entry_date for the date of `reflection`, like the rejection's.
std::string check_entry_dates(const Reflection& reflection, Date today);

/// True when feedback on `rejection` was requested (or last followed up) at least `wait_days`
/// before `today` and has not arrived: time for a gentle follow-up.
bool follow_up_due(const Rejection& rejection, Date today, int wait_days);

/// The parts of a contact name, written "Dr. Jane Q. Doe", "Jane", or last name first:
/// "Doe, Jane" (a part after the comma that holds only suffixes such as "PhD" or "Jr." is not a
/// first name: "Jane Doe, PhD").
struct ContactName {
    std::string title; ///< "Dr.", as written; "" when none
    std::string first; ///< the given name; "" when only one name follows a title ("Dr. Doe")
    std::string last;  ///< the family name; "" for a single name ("Jane")
};
ContactName parse_contact(std::string_view contact);

/// "Jane" from "Dr. Jane Q. Doe", "Doe, Jane" or "Jane": the given name, "" when there is none.
std::string contact_first_name(std::string_view contact);

/// The name to greet a contact by: the first name ("Jane"), or the title and last name when
/// only they are known ("Dr. Doe" from "Dr. Doe" or "Doe, Dr."); "" when `contact` is empty.
std::string contact_greeting(std::string_view contact);

} // namespace bb
