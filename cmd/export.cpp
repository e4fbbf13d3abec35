#include "export.hpp"

#include "options.hpp"

#include <bounceback/core/error.hpp>
#include <bounceback/storage/file.hpp>
#include <bounceback/storage/import.hpp>
#include <bounceback/util/text.hpp>

#include <fmt/core.h>

namespace bb::cli {

std::vector<std::string> kind_choices() {
    std::vector<std::string> out;
    for (RecordKind kind : record_kinds()) {
        out.emplace_back(record_kind_name(kind));
    }
    out.emplace_back("all");
    return out;
}

std::vector<RecordKind> kinds_named(const std::string& value) {
    if (auto kind = parse_record_kind(value)) {
        return {*kind};
    }
    return record_kinds();
}

std::string count_of(std::size_t n, RecordKind kind) {
    const std::string noun =
        kind == RecordKind::checkin ? "check-in" : std::string(record_kind_name(kind));
    return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

CLI::App* add_export_cli(CLI::App& app, ExportArgs& args) {
    CLI::App* cmd = add_command(app, k_export_command);
    CLI::Option* json = cmd->add_flag("--json", args.json, "Print one JSON object (the default)");
    CLI::Option* csv =
        cmd->add_flag("--csv", args.csv, "Print CSV (RFC 4180) of one kind, with a header row");
    json->excludes(csv);
    cmd->add_option("--kind", args.kind,
                    "Which records: rejection, reflection, checkin, win or all")
        ->type_name("KIND")
        ->check(one_of(kind_choices()));
    cmd->add_option("--output", args.output, "Write to FILE (mode 0600) instead of standard output")
        ->type_name("FILE");
    cmd->add_flag("--force", args.force, "With --output: replace an existing file");
    cmd->footer("`bounceback import` reads the output back. Examples:\n"
                "  bounceback export --output backup.json\n"
                "  bounceback export --csv --kind rejection > rejections.csv");
    return cmd;
}

int run_export(const ExportArgs& args, Context& ctx) {
    const std::vector<RecordKind> kinds = kinds_named(args.kind);
    if (args.csv && kinds.size() != 1) {
        usage_error("export --csv: a CSV file holds one kind of record; add --kind rejection "
                    "(or reflection, checkin, win), or use --json for everything");
    }
    if (args.force && !args.output) {
        usage_error("export: --force only applies with --output FILE");
    }
    const Dataset data = storage::read_dataset(ctx.store(), kinds);
    const std::string text = args.csv ? export_csv(data, kinds.front()) : export_json(data, kinds);
    if (!args.output) {
        print_exact(text);
        return 0;
    }
    storage::write_output_file(*args.output, text, args.force);
    std::vector<std::string> counts;
    for (RecordKind kind : kinds) {
        counts.push_back(count_of(data.count(kind), kind));
    }
    say_err("Exported {} to {}.\n", util::join(counts, ", "), *args.output);
    return 0;
}

} // namespace bb::cli
