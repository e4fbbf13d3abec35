#include "sync_remote_check.hpp"

#include "bounceback/core/config.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/mail/template.hpp"
#include "bounceback/storage/sync.hpp"
#include "bounceback/storage/tombstones.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "partition.hpp"
#include "sync_files.hpp"

#include <map>

namespace bb::storage::detail {

void check_remote(Repo& repo, const std::string& rev) {
    const std::string listed = repo.git().must({"ls-tree", "-r", "-l", "-z", "--full-tree", rev},
                                               "Could not read what the remote sent.");
    // What HEAD holds, path → object: a file the remote left as it is here needs no reading.
    std::map<std::string, std::string> ours;
    for (const auto& entry :
         lines_of(repo.git().must({"ls-tree", "-r", "-z", "--full-tree", "HEAD"},
                                  "Could not read the history."),
                  '\0')) {
        const std::size_t tab = entry.find('\t');
        const auto fields = lines_of(entry.substr(0, tab), ' ');
        if (tab != std::string::npos && fields.size() >= 3) {
            ours[entry.substr(tab + 1)] = fields[2];
        }
    }
    for (const auto& entry : lines_of(listed, '\0')) {
        const std::size_t tab = entry.find('\t');
        if (tab == std::string::npos) {
            continue;
        }
        const std::string name = entry.substr(tab + 1);
        const auto fields = lines_of(entry.substr(0, tab), ' ');
        auto refuse = [&](const std::string& why) {
            throw Error(ExitCode::data,
                        "The remote sent " + name + ", which bounceback does not accept: " + why +
                            ".\nNothing here was changed. The remote may hold files "
                            "that are not bounceback's; check it before syncing again.");
        };
        if (fields.size() < 4) {
            refuse("git listed it in a way bounceback does not read");
        }
        const std::string& mode = fields[0];
        const std::string& hash = fields[2];
        std::string size_text = fields[3];
        size_text.erase(0, size_text.find_first_not_of(' '));
        if (mode == "120000") {
            refuse("it is a symbolic link");
        }
        if (mode == "160000" || fields[1] != "blob") {
            refuse("it is not a plain file");
        }
        if (mode != "100644") {
            refuse("it is an executable file");
        }
        const bool control = name == ".gitignore" || name == ".gitattributes";
        if (!control && !is_data_path(name)) {
            refuse("it is not one of bounceback's files (kind/YYYY-MM.toml, deleted.toml, "
                   "settings/config.toml or settings/templates/NAME.mustache)");
        }
        if (std::stoull(size_text) > k_max_data_file_bytes) {
            refuse("it is larger than 16 MiB, more than a data file holds");
        }
        if (const auto same = ours.find(name); same != ours.end() && same->second == hash) {
            continue;
        }
        const std::string theirs =
            repo.git().must({"cat-file", "blob", hash}, "Could not read what the remote sent.");
        if (control) {
            refuse("it differs from the one bounceback writes");
        }
        try {
            if (name == k_tombstones_file) {
                tombstones_from_text(theirs, name);
            } else if (name == k_settings_config) {
                config_from_toml(parse_toml(theirs, name, ExitCode::config), name);
            } else if (!settings_template(name).empty()) {
                mail::parse_draft(theirs, name);
            } else {
                with_kind(folder_of(name),
                          [&]<typename Record>() { records_from_text<Record>(theirs, name); });
            }
        } catch (const Error& error) {
            refuse(std::string("it does not read as bounceback data: ") + error.what());
        }
    }
}

} // namespace bb::storage::detail
