// git's merge driver for the data files (`bounceback __merge-driver`), and the notes it keeps
// for the sync that ran git.
#include "bounceback/core/codec.hpp"
#include "bounceback/core/config.hpp"
#include "bounceback/core/merge.hpp"
#include "bounceback/mail/template.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/sync.hpp"
#include "bounceback/storage/tombstones.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "partition.hpp"
#include "sync_files.hpp"

#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace bb::storage {

namespace fs = std::filesystem;
using namespace detail;

std::vector<std::string> merge_data_file(const fs::path& base, const fs::path& ours,
                                         const fs::path& theirs, const std::string& name,
                                         Later later) {
    auto text_of = [](const fs::path& path) {
        return read_file(path, k_max_data_file_bytes).value_or("");
    };
    const std::string base_text = text_of(base);
    const std::string our_text = text_of(ours);
    const std::string their_text = text_of(theirs);
    std::string merged;
    std::vector<std::string> notes;
    if (name == k_tombstones_file) {
        auto read = [&](const std::string& text) {
            return text.empty() ? std::vector<Tombstone>{} : tombstones_from_text(text, name);
        };
        const auto in_base = read(base_text);
        auto result = read(our_text);
        const auto in_theirs = read(their_text);
        auto holds = [](const std::vector<Tombstone>& list, const Tombstone& t) {
            return std::find(list.begin(), list.end(), t) != list.end();
        };
        std::vector<Tombstone> out;
        for (const auto& t : result) {
            if (holds(in_theirs, t) || !holds(in_base, t)) {
                out.push_back(t);
            }
        }
        for (const auto& t : in_theirs) {
            if (!holds(result, t) && !holds(in_base, t)) {
                out.push_back(t);
            }
        }
        merged = tombstones_text(std::move(out));
    } else if (name == k_settings_config) {
        auto read = [&](const std::string& text) {
            return text.empty() ? toml::table{} : parse_toml(text, name, ExitCode::config);
        };
        const toml::table result =
            merge_settings(read(base_text), read(our_text), read(their_text), later, notes);
        config_from_toml(result, name); // what is written must read back
        merged = "# Merged by bounceback sync from the settings of several machines.\n" +
                 to_toml_text(result) + "\n";
    } else if (!settings_template(name).empty()) {
        merged = our_text;
        if (our_text != their_text) {
            if (base_text == our_text) {
                merged = their_text;
            } else if (base_text != their_text) {
                merged = later == Later::ours ? our_text : their_text;
                notes.push_back("Settings: both machines changed the template " +
                                settings_template(name) + "; kept the later change.");
            }
        }
    } else {
        const std::string folder = folder_of(name);
        if (folder.empty()) {
            throw Error(ExitCode::data, name + " is not a data file bounceback merges");
        }
        with_kind(folder, [&]<typename Record>() {
            auto read = [&](const std::string& text) {
                return text.empty() ? std::vector<Record>{} : records_from_text<Record>(text, name);
            };
            auto result = merge_records(read(base_text), read(our_text), read(their_text), later);
            merged = partition_text(std::move(result.records));
            notes = std::move(result.notes);
        });
    }
    const fs::path target = fs::absolute(ours);
    const auto dir = Folder::open_for_output(target.parent_path());
    write_file_atomically(dir, target.filename().string(), merged);
    return notes;
}

bool keep_merge_notes(const std::vector<std::string>& notes) {
    const char* path = std::getenv("BOUNCEBACK_MERGE_NOTES");
    if (path == nullptr || *path == '\0') {
        return false;
    }
    std::string text;
    for (const auto& note : notes) {
        text += note + "\n";
    }
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        return false;
    }
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    return written;
}

Later later_side() {
    const char* later = std::getenv("BOUNCEBACK_MERGE_LATER");
    return later != nullptr && std::string_view(later) == "ours" ? Later::ours : Later::theirs;
}

} // namespace bb::storage
