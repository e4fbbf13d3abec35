#include "import.hpp"

#include "export.hpp"
#include "options.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/core/sheet_import.hpp>
#include <bounceback/storage/import.hpp>
#include <bounceback/util/text.hpp>

#include <fmt/core.h>

namespace bb::cli {

namespace {

/// Files smaller than this import too fast for a progress bar to be worth drawing.
constexpr std::size_t k_progress_min_records = 2000;

/// At most this many renumbered records and kept conflicts are listed on stderr one by one.
constexpr std::size_t k_listed_notes = 10;

/// "3 rejections and 1 win" from per-kind counts, leaving out zeros; "nothing" when all are.
std::string counts_text(const std::map<RecordKind, std::size_t>& counts) {
    std::vector<std::string> parts;
    for (RecordKind kind : record_kinds()) {
        if (auto it = counts.find(kind); it != counts.end() && it->second > 0) {
            parts.push_back(count_of(it->second, kind));
        }
    }
    if (parts.empty()) {
        return "nothing";
    }
    const std::string last = parts.back();
    parts.pop_back();
    return parts.empty() ? last : util::join(parts, ", ") + " and " + last;
}

/// "a, b and c".
std::string and_list(std::vector<std::string> parts) {
    if (parts.empty()) {
        return "";
    }
    const std::string last = parts.back();
    parts.pop_back();
    return parts.empty() ? last : util::join(parts, ", ") + " and " + last;
}

std::size_t count_of_status(const SheetSummary& s, RowStatus status) {
    auto it = s.by_status.find(status);
    return it == s.by_status.end() ? 0 : it->second;
}

/// "4 still open, 1 offer and 1 withdrawn": the rows of a sheet that are not rejections.
std::string left_out_text(const SheetSummary& s) {
    std::vector<std::string> parts;
    if (auto n = count_of_status(s, RowStatus::open)) {
        parts.push_back(fmt::format("{} still open", n));
    }
    if (auto n = count_of_status(s, RowStatus::offer)) {
        parts.push_back(fmt::format("{} {}", n, n == 1 ? "offer" : "offers"));
    }
    if (auto n = count_of_status(s, RowStatus::withdrawn)) {
        parts.push_back(fmt::format("{} withdrawn", n));
    }
    if (s.ghosted_left_out > 0) {
        parts.push_back(fmt::format("{} with no answer", s.ghosted_left_out));
    }
    return and_list(parts);
}

/// The column → field lines of a sheet, aligned.
std::vector<std::string> mapping_lines(const SheetSummary& s) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : s.columns) {
        std::string use = c.field ? "→ " + std::string(sheet_field_name(*c.field)) : "";
        if (!c.note.empty()) {
            use += use.empty() ? "(" + c.note + ")" : " (" + c.note + ")";
        }
        rows.push_back({c.header.empty() ? "(no name)" : c.header, use});
    }
    return util::render_table(rows, 72);
}

/// "read as windows-1252 (ISO-8859-1), separated by a semicolon; slash dates read day first
/// (from '13/11/2026', line 5, column 'Applied')".
std::string reading_line(const std::string& name, const SheetSummary& s) {
    std::string line = fmt::format("Read {} as {}, separated by {}", name,
                                   util::encoding_name(s.encoding),
                                   util::separator_name(s.separator));
    if (s.day_order) {
        line += fmt::format("; slash dates read {} first ({})",
                            *s.day_order == util::DayOrder::dmy ? "day" : "month",
                            s.day_order_why == "--date-order" ? "--date-order"
                                                              : "from " + s.day_order_why);
    }
    return line + ".";
}

toml::table problem_json(const SheetProblem& p) {
    return toml::table{{"line", static_cast<std::int64_t>(p.line)},
                       {"column", p.column},
                       {"value", p.value},
                       {"message", p.message},
                       {"fix", p.fix}};
}

/// The sheet part of the --json summary: how it was read, the mapping, rows and problems.
toml::table sheet_json(const SheetSummary& s) {
    toml::array columns;
    for (const auto& c : s.columns) {
        toml::table t{{"header", c.header}};
        if (c.field) {
            t.insert_or_assign("field", std::string(sheet_field_name(*c.field)));
        }
        if (!c.note.empty()) {
            t.insert_or_assign("note", c.note);
        }
        columns.push_back(std::move(t));
    }
    toml::table rows{{"total", static_cast<std::int64_t>(s.rows)}};
    for (RowStatus status : {RowStatus::rejected, RowStatus::ghosted, RowStatus::open,
                             RowStatus::offer, RowStatus::withdrawn}) {
        rows.insert_or_assign(std::string(row_status_name(status)),
                              static_cast<std::int64_t>(count_of_status(s, status)));
    }
    rows.insert_or_assign("ghosted_left_out", static_cast<std::int64_t>(s.ghosted_left_out));
    rows.insert_or_assign("stand_in_dates", static_cast<std::int64_t>(s.stand_in_dates));
    toml::array problems;
    for (const auto& p : s.problems) {
        problems.push_back(problem_json(p));
    }
    toml::table out{
        {"encoding", std::string(util::encoding_name(s.encoding))},
        {"separator", std::string(1, s.separator)},
        {"columns", std::move(columns)},
        {"rows", std::move(rows)},
        {"problems", std::move(problems)},
    };
    if (s.day_order) {
        out.insert_or_assign("date_order", std::string(util::day_order_name(*s.day_order)));
    }
    return out;
}

void print_json_summary(const ImportPlan& plan, const ImportInput& input,
                        const std::optional<SheetRead>& sheet, bool dry_run) {
    toml::table imported;
    toml::table skipped;
    for (RecordKind kind : record_kinds()) {
        const std::string name(record_kind_name(kind));
        imported.insert_or_assign(name, static_cast<std::int64_t>(plan.added_count(kind)));
        skipped.insert_or_assign(name, static_cast<std::int64_t>(plan.skipped.at(kind)));
    }
    toml::array renumbered;
    for (const auto& r : plan.renumbered) {
        renumbered.push_back(toml::table{
            {"kind", std::string(record_kind_name(r.kind))}, {"from", r.from}, {"to", r.to}});
    }
    toml::array updated;
    for (const auto& u : plan.updated) {
        toml::array fields;
        for (const auto& f : u.fields) {
            fields.push_back(f);
        }
        updated.push_back(toml::table{{"id", u.before.id},
                                      {"company", u.after.company},
                                      {"fields", std::move(fields)}});
    }
    toml::array kept;
    for (const auto& note : plan.kept) {
        kept.push_back(note);
    }
    toml::array warnings;
    for (const auto& warning : input.warnings) {
        warnings.push_back(warning);
    }
    toml::table out{
        {"ok", true},
        {"dry_run", dry_run},
        {"format", input.format == InterchangeFormat::json ? "json" : "csv"},
        {"imported", std::move(imported)},
        {"skipped", std::move(skipped)},
        {"updated", std::move(updated)},
        {"renumbered", std::move(renumbered)},
        {"kept", std::move(kept)},
        {"warnings", std::move(warnings)},
    };
    if (sheet) {
        out.insert_or_assign("sheet", sheet_json(sheet->summary));
    }
    print_exact(to_json(out) + "\n");
}

/// The --json answer when nothing could be imported: `problems`, and the sheet when read.
void print_json_failure(bool dry_run, const toml::array& problems,
                        const std::optional<SheetRead>& sheet) {
    toml::table out{{"ok", false}, {"dry_run", dry_run}, {"problems", problems}};
    if (sheet) {
        out.insert_or_assign("sheet", sheet_json(sheet->summary));
    }
    print_exact(to_json(out) + "\n");
}

/// Lists the first few `notes` on stderr, then how many more there are.
void print_notes(const std::vector<std::string>& notes) {
    for (std::size_t i = 0; i < notes.size() && i < k_listed_notes; ++i) {
        say_err("bounceback: note: {}\n", notes[i]);
    }
    if (notes.size() > k_listed_notes) {
        say_err("bounceback: note: … and {} more like these\n",
                   notes.size() - k_listed_notes);
    }
}

/// Every problem of a sheet on stderr, each with where, what and the fix.
void print_problems(const std::string& name, const std::vector<SheetProblem>& problems) {
    for (const auto& p : problems) {
        std::string where = name;
        if (p.line > 0) {
            where += ":" + std::to_string(p.line);
        }
        std::string what;
        if (!p.column.empty()) {
            what += "column '" + p.column + "'";
        }
        if (!p.value.empty()) {
            what += (what.empty() ? "" : ", ") + std::string("value '") + p.value + "'";
        }
        say_err("{}: {}{}\n", where, what.empty() ? "" : what + ": ", p.message);
        say_err("  fix: {}\n", p.fix);
    }
}

/// The format of the file: --format, its name (.json; .csv, .tsv, .txt, .tab), its content.
std::optional<InterchangeFormat> format_of(const ImportArgs& args, std::string_view text) {
    if (args.format) {
        return *args.format == "json" ? InterchangeFormat::json : InterchangeFormat::csv;
    }
    const std::string lower = util::to_lower(args.file);
    for (std::string_view ext : {".tsv", ".txt", ".tab"}) {
        if (lower.ends_with(ext)) {
            return InterchangeFormat::csv;
        }
    }
    if (auto format = guess_format(args.file == "-" ? "" : args.file, text)) {
        return format;
    }
    const std::string_view first = text.substr(0, text.find('\n'));
    if (first.find_first_of(";\t") != std::string_view::npos) {
        return InterchangeFormat::csv;
    }
    return std::nullopt;
}

} // namespace

CLI::App* add_import_cli(CLI::App& app, ImportArgs& args) {
    CLI::App* cmd = add_command(app, k_import_command);
    cmd->add_option("FILE", args.file,
                    "A JSON or CSV export, a sheet saved as CSV or TSV, or - for standard input")
        ->type_name("FILE")
        ->required();
    cmd->add_option("--format", args.format, "json or csv (default: from the name or the content)")
        ->type_name("json|csv")
        ->check(one_of({"json", "csv"}));
    cmd->add_option("--kind", args.kind,
                    "Import only this kind (rejection, reflection, checkin, win or all); "
                    "for CSV, the kind its rows hold")
        ->type_name("KIND")
        ->check(one_of(kind_choices()));
    cmd->add_option("--date-order", args.date_order,
                    "How to read slash dates such as 03/11/2026: dmy (day first) or mdy "
                    "(month first); needed only when no date in the sheet tells")
        ->type_name("dmy|mdy")
        ->check(one_of({"dmy", "mdy"}));
    cmd->add_option("--ghosted", args.ghosted,
                    "Rows whose status says no answer came: import them as rejections at the "
                    "application stage (default), or skip them")
        ->type_name("import|skip")
        ->check(one_of({"import", "skip"}));
    cmd->add_flag("--dry-run", args.dry_run,
                  "Say what would be imported and how the columns were read; write nothing");
    cmd->add_flag("--json", args.json, "Print the summary (or the problems) as JSON on standard "
                                       "output");
    cmd->footer("Records already there are skipped, so importing twice changes nothing; a sheet's "
                "row edited since it was imported updates its entry.\n"
                "Examples:\n"
                "  bounceback import backup.json\n"
                "  bounceback import applications.csv --dry-run\n"
                "  bounceback import Bewerbungen.csv --date-order dmy");
    return cmd;
}

int run_import(const ImportArgs& args, Context& ctx) {
    const std::string name = args.file == "-" ? "standard input" : args.file;
    std::optional<SheetRead> sheet;
    ImportInput input;
    try {
        const std::string bytes = storage::read_import_input(args.file);
        if (util::trim(bytes).empty()) {
            throw Error(ExitCode::data, name + " is empty; nothing was imported");
        }
        if (auto what = util::workbook_kind(bytes)) {
            throw Error(ExitCode::data, workbook_message(name, *what));
        }
        const std::optional<InterchangeFormat> format =
            format_of(args, util::decode_sheet_text(bytes.substr(0, 4096)).text);
        if (!format) {
            usage_error("import: cannot tell whether " + name +
                        " is JSON or CSV; add --format json or --format csv");
        }
        const std::optional<RecordKind> kind =
            args.kind ? parse_record_kind(*args.kind) : std::nullopt;
        if (*format == InterchangeFormat::json) {
            input = read_json_export(util::repair_utf8(bytes), name, kind);
        } else {
            SheetOptions options;
            options.day_order =
                args.date_order ? util::parse_day_order(*args.date_order) : std::nullopt;
            options.ghosted = args.ghosted == "skip" ? GhostedRule::skip : GhostedRule::import;
            CsvFileRead read = read_csv_file(bytes, name, kind, options);
            input = std::move(read.input);
            sheet = std::move(read.sheet);
        }
    } catch (const Error& error) {
        if (args.json && error.code() == ExitCode::data) {
            print_json_failure(args.dry_run,
                               toml::array{toml::table{{"message", std::string(error.what())}}},
                               std::nullopt);
        }
        throw;
    }
    if (sheet) {
        say_err("{}\n", reading_line(name, sheet->summary));
        if (args.dry_run || !sheet->summary.problems.empty()) {
            say_err("Columns:\n");
            for (const auto& line : mapping_lines(sheet->summary)) {
                say_err("  {}\n", line);
            }
        }
    }
    for (const auto& warning : input.warnings) {
        if (!sheet || !args.dry_run) { // the dry run's column list says it already
            say_err("bounceback: note: {}\n", warning);
        }
    }
    if (sheet && !sheet->summary.problems.empty()) {
        const auto& problems = sheet->summary.problems;
        print_problems(name, problems);
        if (args.json) {
            toml::array list;
            for (const auto& p : problems) {
                list.push_back(problem_json(p));
            }
            print_json_failure(args.dry_run, list, sheet);
        }
        throw Error(ExitCode::data,
                    fmt::format("{} {} in {}; nothing was imported. Fix {} and run the "
                                "import again.",
                                problems.size(), problems.size() == 1 ? "problem" : "problems",
                                name, problems.size() == 1 ? "it" : "them"));
    }
    if (args.kind) {
        input.data.keep_only(kinds_named(*args.kind));
    }

    ProgressBar bar("Importing",
                    ctx.ui().progress_visible() && input.data.size() >= k_progress_min_records);
    const ImportPlan plan = storage::import_dataset(
        ctx.store(), input.data, args.dry_run,
        [&](std::size_t done, std::size_t total) { bar.update(done, total); },
        sheet && !sheet->sheet_keys.empty() ? &sheet->sheet_keys : nullptr);
    bar.finish();

    std::vector<std::string> notes;
    for (const auto& u : plan.updated) {
        notes.push_back(fmt::format(
            "rejection {} ({}{}{}) {} from the sheet: {}", u.before.id, u.after.company,
            u.after.role ? ", " + *u.after.role : std::string(),
            u.after.applied ? ", applied " + util::format_date(*u.after.applied) : std::string(),
            args.dry_run ? "would be updated" : "was updated", util::join(u.fields, ", ")));
    }
    for (const auto& r : plan.renumbered) {
        notes.push_back(fmt::format("{} {} {} as {}: ID {} belongs to a different {} here",
                                    record_kind_name(r.kind), r.from,
                                    args.dry_run ? "would be imported" : "was imported", r.to,
                                    r.from, record_kind_name(r.kind)));
    }
    notes.insert(notes.end(), plan.kept.begin(), plan.kept.end());
    if (sheet && sheet->summary.stand_in_dates > 0) {
        const std::size_t n = sheet->summary.stand_in_dates;
        notes.push_back(fmt::format(
            "{} {} no rejection date; {} date is taken from the last status change, last "
            "contact, last update or the applied date, and days-to-answer figures leave {} out",
            n, n == 1 ? "rejection has" : "rejections have", n == 1 ? "its" : "their",
            n == 1 ? "it" : "them"));
    }
    print_notes(notes);

    std::map<RecordKind, std::size_t> added;
    for (RecordKind k : record_kinds()) {
        added[k] = plan.added_count(k);
    }
    std::size_t skipped_total = 0;
    for (const auto& [k, n] : plan.skipped) {
        skipped_total += n;
    }
    std::string summary = counts_text(added);
    if (!plan.updated.empty()) {
        summary += fmt::format(" and {} {}", args.dry_run ? "would update" : "updated",
                               count_of(plan.updated.size(), RecordKind::rejection));
    }
    if (skipped_total > 0) {
        summary += fmt::format("; {} {} already there ({})", skipped_total,
                               args.dry_run ? "would be skipped as" : "skipped as",
                               counts_text(plan.skipped));
    }
    if (sheet) {
        if (const std::string left = left_out_text(sheet->summary); !left.empty()) {
            summary += fmt::format("; {} {}", left,
                                   args.dry_run ? "would be left out" : "left out");
        }
    }
    if (args.dry_run) {
        say_err("Would import {}. Nothing was written (--dry-run).\n", summary);
    } else {
        say_err("Imported {}.\n", summary);
    }
    if (args.json) {
        print_json_summary(plan, input, sheet, args.dry_run);
    }
    return 0;
}

} // namespace bb::cli
