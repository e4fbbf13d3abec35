#include "import.hpp"

#include "export.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
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

void print_json_summary(const ImportPlan& plan, const ImportInput& input, bool dry_run) {
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
    toml::array kept;
    for (const auto& note : plan.kept) {
        kept.push_back(note);
    }
    toml::array warnings;
    for (const auto& warning : input.warnings) {
        warnings.push_back(warning);
    }
    toml::table out{
        {"dry_run", dry_run},
        {"format", input.format == InterchangeFormat::json ? "json" : "csv"},
        {"imported", std::move(imported)},
        {"skipped", std::move(skipped)},
        {"renumbered", std::move(renumbered)},
        {"kept", std::move(kept)},
        {"warnings", std::move(warnings)},
    };
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

} // namespace

CLI::App* add_import_cli(CLI::App& app, ImportArgs& args) {
    CLI::App* cmd = add_command(app, k_import_command);
    cmd->add_option("FILE", args.file, "A JSON or CSV file, or - for standard input")
        ->type_name("FILE")
        ->required();
    cmd->add_option("--format", args.format, "json or csv (default: from the name or the content)")
        ->type_name("json|csv")
        ->check(CLI::IsMember({"json", "csv"}).description(""));
    cmd->add_option("--kind", args.kind,
                    "Import only this kind (rejection, reflection, checkin, win or all); "
                    "for CSV, the kind its rows hold")
        ->type_name("KIND")
        ->check(CLI::IsMember(kind_choices()).description(""));
    cmd->add_flag("--dry-run", args.dry_run, "Say what would be imported, and write nothing");
    cmd->add_flag("--json", args.json, "Print the summary as JSON on standard output");
    cmd->footer("Records already there are skipped, so importing twice changes nothing.\n"
                "Examples:\n"
                "  bounceback import backup.json\n"
                "  bounceback import applications.csv --dry-run");
    return cmd;
}

int run_import(const ImportArgs& args, Context& ctx) {
    const std::string name = args.file == "-" ? "standard input" : args.file;
    const std::string text = storage::read_import_input(args.file);
    if (util::trim(text).empty()) {
        throw Error(ExitCode::data, name + " is empty; nothing was imported");
    }
    std::optional<InterchangeFormat> format;
    if (args.format) {
        format = *args.format == "json" ? InterchangeFormat::json : InterchangeFormat::csv;
    } else {
        format = guess_format(args.file == "-" ? "" : args.file, text);
        if (!format) {
            usage_error("import: cannot tell whether " + name +
                        " is JSON or CSV; add --format json or --format csv");
        }
    }
    const std::optional<RecordKind> kind = args.kind ? parse_record_kind(*args.kind) : std::nullopt;
    ImportInput input = *format == InterchangeFormat::json ? read_json_export(text, name, kind)
                                                           : read_csv_import(text, name, kind);
    for (const auto& warning : input.warnings) {
        say_err("bounceback: note: {}\n", warning);
    }
    if (args.kind) {
        input.data.keep_only(kinds_named(*args.kind));
    }

    ProgressBar bar("Importing",
                    ctx.ui().progress_visible() && input.data.size() >= k_progress_min_records);
    const ImportPlan plan = storage::import_dataset(
        ctx.store(), input.data, args.dry_run,
        [&](std::size_t done, std::size_t total) { bar.update(done, total); });
    bar.finish();

    std::vector<std::string> notes;
    for (const auto& r : plan.renumbered) {
        notes.push_back(fmt::format("{} {} {} as {}: ID {} belongs to a different {} here",
                                    record_kind_name(r.kind), r.from,
                                    args.dry_run ? "would be imported" : "was imported", r.to,
                                    r.from, record_kind_name(r.kind)));
    }
    notes.insert(notes.end(), plan.kept.begin(), plan.kept.end());
    print_notes(notes);

    std::map<RecordKind, std::size_t> added;
    for (RecordKind k : record_kinds()) {
        added[k] = plan.added_count(k);
    }
    std::size_t skipped_total = 0;
    for (const auto& [k, n] : plan.skipped) {
        skipped_total += n;
    }
    const std::string skipped =
        skipped_total == 0 ? ""
                           : fmt::format("; {} {} already there ({})", skipped_total,
                                         args.dry_run ? "would be skipped as" : "skipped as",
                                         counts_text(plan.skipped));
    if (args.dry_run) {
        say_err("Would import {}{}. Nothing was written (--dry-run).\n",
                   counts_text(added), skipped);
    } else {
        say_err("Imported {}{}.\n", counts_text(added), skipped);
    }
    if (args.json) {
        print_json_summary(plan, input, args.dry_run);
    }
    return 0;
}

} // namespace bb::cli
