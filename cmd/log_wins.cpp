// `log win`, `log win list` and `log win rm`: the small wins.

#include "log_actions.hpp"

#include "held_twice.hpp"
#include "json_list.hpp"
#include "options.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/interchange.hpp>
#include <bounceback/util/text.hpp>

#include <fmt/core.h>

namespace bb::cli {

using util::format_date;

int add_win(const LogArgs& args, Context& ctx) {
    Win draft;
    draft.text = checked("TEXT", args.text, check_text);
    draft.date =
        args.date ? parse_entry_date_option("--date", *args.date, ctx.today()) : ctx.today();
    Win w = ctx.store().add_win(std::move(draft));
    if (args.porcelain) {
        print_exact(fmt::format("{}\n", w.id));
    } else if (args.json) {
        print_exact(to_json(to_toml(w)) + "\n");
    } else {
        say("{} win {}: {}. Well done.\n", ctx.ui().good("Logged"), w.id,
                   util::one_line(w.text));
    }
    return 0;
}

int list_wins(const LogArgs& args, Context& ctx) {
    const DateRange range = parse_range_options(args.since, args.until, ctx.today());
    auto [wins, twice] = read_marking_twice<Win>([&] { return ctx.store().wins(range); });
    if (args.json || args.csv) {
        if (args.json) {
            print_json_list(wins);
        } else {
            print_exact(records_csv(wins));
        }
        for (const auto& line : held_twice_lines<Win>(ctx, twice, "win", false)) {
            say_err("{}\n", line);
        }
        return 0;
    }
    if (wins.empty()) {
        say("No wins logged yet. Name one, however small: bounceback log win \"updated my "
                   "resume\"\n");
        return 0;
    }
    std::vector<std::vector<std::string>> rows = {{"ID", "DATE", "WIN"}};
    for (const auto& w : wins) {
        rows.push_back({id_cell(w.id, twice), format_date(w.date), util::one_line(w.text)});
    }
    ctx.ui().print_table(rows, 72);
    for (const auto& line : held_twice_lines<Win>(ctx, twice, "win", true)) {
        say("{}\n", ctx.ui().warm(line));
    }
    return 0;
}

int remove_win(const LogArgs& args, Context& ctx) {
    if (!args.yes) {
        const Win w = ctx.store().win(args.id);
        if (!ctx.ui().confirm_removal(fmt::format("win {} ({})", w.id, util::one_line(w.text)),
                                      "This cannot be undone.", false)) {
            say("Kept it.\n");
            return 0;
        }
    }
    const Win w = ctx.store().remove_win(args.id);
    say("Removed win {}.\n", w.id);
    return 0;
}

} // namespace bb::cli
