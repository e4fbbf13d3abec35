#include "sync.hpp"

#include "options.hpp"

#include <bounceback/core/codec.hpp>
#include <bounceback/core/error.hpp>
#include <bounceback/storage/git.hpp>
#include <bounceback/storage/sync.hpp>

#include <fmt/core.h>

namespace bb::cli {

namespace {

/// "1 change", "3 changes".
std::string changes(std::size_t n) { return fmt::format("{} change{}", n, n == 1 ? "" : "s"); }

toml::array lines_array(const std::vector<std::string>& lines) {
    toml::array out;
    for (const auto& line : lines) {
        out.push_back(line);
    }
    return out;
}

void print_report(const storage::SyncReport& report, bool json, bool init) {
    if (json) {
        toml::table t;
        if (report.remote) {
            t.insert_or_assign("remote", *report.remote);
        }
        t.insert_or_assign("sent", lines_array(report.sent));
        t.insert_or_assign("received", lines_array(report.received));
        toml::array renumbered;
        for (const auto& r : report.renumbered) {
            renumbered.push_back(toml::table{{"kind", r.kind},
                                             {"from", r.from},
                                             {"to", r.to},
                                             {"uid", r.uid},
                                             {"label", r.label}});
        }
        t.insert_or_assign("renumbered", std::move(renumbered));
        t.insert_or_assign("notes", lines_array(report.notes));
        print_exact(to_json(t) + "\n");
        return;
    }
    if (init) {
        say("{}\n", report.created ? "Your data folder is now a git repository, ready to sync."
                                   : "Your data folder is set up to sync.");
    }
    if (!report.remote) {
        say("{}. There is no remote to send to yet; add one with: bounceback sync --init "
            "REMOTE\n",
            report.sent.empty() ? "Nothing new to save" : "Saved " + changes(report.sent.size()));
        return;
    }
    if (report.sent.empty() && report.received.empty()) {
        say("Up to date with {}: nothing to send or receive.\n", *report.remote);
    } else {
        std::vector<std::string> parts;
        if (!report.sent.empty()) {
            parts.push_back("sent " + changes(report.sent.size()));
        }
        if (!report.received.empty()) {
            parts.push_back("received " + changes(report.received.size()));
        }
        std::string line = parts.size() == 2 ? parts[0] + " and " + parts[1] : parts[0];
        line[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0])));
        say("{} ({}).\n", line, *report.remote);
        for (const auto& received : report.received) {
            say("  {}\n", received);
        }
    }
    for (const auto& r : report.renumbered) {
        say("Your {} {} is now {} {}: another machine had also given out number {}.\n", r.kind,
            r.from, r.kind, r.label.substr(r.label.find(' ') + 1), r.from);
    }
    for (const auto& note : report.notes) {
        say("{}\n", note);
    }
}

} // namespace

CLI::App* add_sync_cli(CLI::App& app, SyncArgs& args) {
    CLI::App* cmd = add_command(app, k_sync_command);
    CLI::Option* init =
        cmd->add_flag("--init", args.init,
                      "Make the data folder a git repository (or adopt it) and set it up; with "
                      "REMOTE, sync with it");
    cmd->add_option("REMOTE", args.remote,
                    "With --init: the git remote to sync with (a path, ssh://…, gcrypt::…)")
        ->type_name("REMOTE");
    CLI::Option* status =
        cmd->add_flag("--status", args.status, "Say what is not sent yet and what would come");
    cmd->add_flag("--json", args.json, "Print one JSON object for scripts");
    init->excludes(status);
    cmd->footer("git does the storing and sending; every other command works without it.\n"
                "Examples:\n"
                "  bounceback sync --init /media/usb/search.git   # the first machine\n"
                "  bounceback sync --init ssh://nas/srv/git/search.git\n"
                "  bounceback sync                                # now and then, on each machine\n"
                "  bounceback sync --status");
    return cmd;
}

int run_sync(const SyncArgs& args, Context& ctx) {
    if (args.remote && !args.init) {
        usage_error("sync: a REMOTE is given with --init: bounceback sync --init " + *args.remote);
    }
    if (args.remote && (args.remote->empty() || args.remote->front() == '-')) {
        usage_error("sync --init: '" + *args.remote + "' is not a git remote");
    }
    if (!storage::Git::available()) {
        throw Error(ExitCode::failure,
                    "sync needs git, which is not installed here (on Debian: apt install git)");
    }
    storage::Sync sync(ctx.store(), storage::this_program());
    if (args.status) {
        const storage::SyncStatus status = sync.status();
        if (args.json) {
            toml::table t;
            if (status.remote) {
                t.insert_or_assign("remote", *status.remote);
            }
            t.insert_or_assign("unsent", lines_array(status.unsent));
            t.insert_or_assign("ahead", status.ahead);
            t.insert_or_assign("behind", status.behind);
            print_exact(to_json(t) + "\n");
            return 0;
        }
        if (!status.remote) {
            say("No remote yet; add one with: bounceback sync --init REMOTE\n");
        } else if (status.unsent.empty() && status.ahead == 0 && status.behind == 0) {
            say("Up to date with {}.\n", *status.remote);
        } else {
            say("Remote: {}\n", *status.remote);
        }
        if (!status.unsent.empty()) {
            say("Not sent yet ({}):\n", changes(status.unsent.size()));
            for (const auto& line : status.unsent) {
                say("  {}\n", line);
            }
        }
        if (status.behind > 0) {
            say("Waiting on the remote: {} update{} from other machines; `bounceback sync` "
                "brings {}.\n",
                status.behind, status.behind == 1 ? "" : "s", status.behind == 1 ? "it" : "them");
        }
        return 0;
    }
    const storage::SyncReport report = args.init ? sync.init(args.remote) : sync.run();
    print_report(report, args.json, args.init);
    return 0;
}

CLI::App* add_merge_driver_cli(CLI::App& app, MergeDriverArgs& args) {
    CLI::App* cmd = add_command(app, k_merge_driver_command);
    cmd->add_option("BASE", args.base)->required();
    cmd->add_option("OURS", args.ours)->required();
    cmd->add_option("THEIRS", args.theirs)->required();
    cmd->add_option("PATH", args.name)->required();
    return cmd;
}

int run_merge_driver(const MergeDriverArgs& args) {
    try {
        const auto notes = storage::merge_data_file(args.base, args.ours, args.theirs, args.name,
                                                    storage::later_side());
        if (!storage::keep_merge_notes(notes)) {
            for (const auto& note : notes) {
                say_err("bounceback: {}\n", note);
            }
        }
        return 0;
    } catch (const Error& error) {
        say_err("bounceback: {} cannot be merged record by record: {}\n", args.name, error.what());
        return 1;
    }
}

} // namespace bb::cli
