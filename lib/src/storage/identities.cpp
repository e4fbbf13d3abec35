#include "identities.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "bounceback/util/uuid.hpp"
#include "partition.hpp"
#include "record_kind.hpp"

#include <algorithm>
#include <fcntl.h>
#include <optional>
#include <map>
#include <unistd.h>

namespace bb::storage::detail {

namespace {

/// The marker of a data folder whose records all have identities.
constexpr const char* k_marker = ".identities";

/// `text` (read from `path`) with `lines[i]` (none when empty) added after the line where the
/// i-th `[[table]]` of the partition begins, ended like that line; nullopt when the tables do
/// not match `lines` one to one.
std::optional<std::string> with_lines_after_headers(std::string_view text,
                                                    const std::filesystem::path& path,
                                                    std::string_view table,
                                                    const std::vector<std::string>& lines) {
    const toml::table doc = parse_toml(text, path);
    const auto tables = partition_tables(doc, path, table);
    if (tables.size() != lines.size()) {
        return std::nullopt;
    }
    std::map<std::size_t, const std::string*> after_line; // 1-based line → what follows it
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (!lines[i].empty()) {
            after_line[tables[i]->source().begin.line] = &lines[i];
        }
    }
    std::string out;
    std::size_t number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end + 1;
        const std::string_view line = text.substr(start, end - start);
        out += line;
        if (const auto it = after_line.find(++number); it != after_line.end()) {
            if (!line.ends_with('\n')) {
                return std::nullopt;
            }
            const std::string ending = line.ends_with("\r\n") ? "\r\n" : "\n";
            const std::string& added = *it->second;
            std::size_t from = 0;
            while (from < added.size()) {
                const std::size_t stop = std::min(added.find('\n', from), added.size());
                out += added.substr(from, stop - from) + ending;
                from = stop + 1;
            }
        }
        start = end;
    }
    return out;
}

std::string toml_string(const std::string& value) { return "\"" + value + "\""; }

template <typename Record>
void give_in_kind(const Folder& data, std::map<std::int64_t, std::string>& rejection_uids) {
    const auto dir = data.open_sub(Kind<Record>::folder);
    if (!dir) {
        return;
    }
    for (const auto& p : list_partitions(*dir)) {
        auto month = read_partition_snapshot<Record>(*dir, p.name);
        auto& records = month.records; // in the file's order
        std::vector<std::string> added(records.size());
        bool changed = false;
        for (std::size_t i = 0; i < records.size(); ++i) {
            auto& r = records[i];
            if (!r.uid) {
                r.uid = util::uuid_for_old_record(
                    std::chrono::sys_days(r.date),
                    std::string(Kind<Record>::noun) + "\n" + to_toml_text(to_toml(r)));
                added[i] = "uid = " + toml_string(*r.uid);
                changed = true;
            }
            if constexpr (std::is_same_v<Record, Rejection>) {
                rejection_uids.emplace(r.id, *r.uid);
            }
            if constexpr (std::is_same_v<Record, Reflection>) {
                if (r.rejection && !r.rejection_uid) {
                    if (auto it = rejection_uids.find(*r.rejection); it != rejection_uids.end()) {
                        r.rejection_uid = it->second;
                        added[i] += (added[i].empty() ? "" : "\n") + std::string("rejection_uid = ") +
                                    toml_string(it->second);
                        changed = true;
                    }
                }
            }
        }
        if (!changed) {
            continue;
        }
        // The identities go in as lines of their own, so a month edited by hand keeps its
        // comments and layout; when that cannot be proved exact, the month is written again.
        if (month.text) {
            bool exact = false;
            try {
                if (auto text = with_lines_after_headers(*month.text, dir->path_of(p.name),
                                                         Kind<Record>::table, added)) {
                    const auto reread = records_from_text<Record>(*text, dir->path_of(p.name));
                    exact = reread.size() == records.size();
                    for (std::size_t i = 0; exact && i < records.size(); ++i) {
                        exact = to_toml(reread[i]) == to_toml(records[i]);
                    }
                    if (exact) {
                        check_partition_size(*text, *dir, p.name);
                        write_file_atomically(*dir, p.name, *text);
                    }
                }
            } catch (const Error&) {
                exact = false;
            }
            if (exact) {
                continue;
            }
        }
        write_partition(*dir, p.name, std::move(records));
    }
}

} // namespace

void give_identities(const Folder& data) {
    std::map<std::int64_t, std::string> rejection_uids;
    give_in_kind<Rejection>(data, rejection_uids);
    give_in_kind<Win>(data, rejection_uids);
    give_in_kind<Reflection>(data, rejection_uids);
}

void give_identities_once(const Folder& data) {
    if (::faccessat(data.fd(), k_marker, F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
        return;
    }
    try {
        give_identities(data);
    } catch (const FolderNotPrivate&) {
        throw;
    } catch (const Error&) {
        return; // a month that does not parse: its own readers and writers say so
    }
    write_file_atomically(data, k_marker,
                          "Every record here has its identity (uid); see bounceback(5).\n");
}

} // namespace bb::storage::detail
