#include "partition.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "bounceback/storage/toml_file.hpp"
#include "bounceback/util/text.hpp"
#include "partition_cache.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace bb::storage::detail {

namespace fs = std::filesystem;
using namespace std::chrono;

std::optional<year_month> partition_month(std::string_view name) {
    // Exactly YYYY-MM.toml: four digits, a dash, two digits.
    auto digits = [&](std::size_t from, std::size_t count) {
        return std::all_of(name.begin() + static_cast<long>(from),
                           name.begin() + static_cast<long>(from + count),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    if (name.size() != 12 || !name.ends_with(".toml") || name[4] != '-' || !digits(0, 4) ||
        !digits(5, 2)) {
        return std::nullopt;
    }
    const int y = std::stoi(std::string(name.substr(0, 4)));
    const auto m = static_cast<unsigned>(std::stoi(std::string(name.substr(5, 2))));
    if (m < 1 || m > 12 || y < 1900) {
        return std::nullopt;
    }
    return year{y} / month{m};
}

std::vector<Partition> list_partitions(const Folder& dir) {
    std::vector<Partition> out;
    for (auto& name : dir.names()) {
        if (auto month = partition_month(name)) {
            out.push_back(Partition{*month, std::move(name)});
        }
    }
    std::sort(out.begin(), out.end(),
              [](const Partition& a, const Partition& b) { return a.month < b.month; });
    return out;
}

std::vector<Partition> partitions_in(const Folder& dir, const DateRange& range) {
    std::vector<Partition> out;
    for (auto& p : list_partitions(dir)) {
        if ((range.since && p.month < range.since->year() / range.since->month()) ||
            (range.until && p.month > range.until->year() / range.until->month())) {
            continue;
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::string partition_name(Date date) {
    char name[32];
    std::snprintf(name, sizeof name, "%04d-%02u.toml", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()));
    return name;
}

void check_partition_size(std::string_view text, const Folder& dir, std::string_view name) {
    if (text.size() > k_max_data_file_bytes) {
        throw Error(ExitCode::data,
                    dir.path_of(name).string() + " would be larger than " +
                        std::to_string(k_max_data_file_bytes >> 20) +
                        " MiB, the most bounceback reads; nothing was changed. Shorten the "
                        "longest notes of that month, or keep long texts in files of their own");
    }
}

std::vector<const toml::table*> partition_tables(const toml::table& doc, const fs::path& path,
                                                 std::string_view table) {
    check_format_version(doc, path);
    std::vector<const toml::table*> out;
    for (const auto& [key, node] : doc) {
        if (key.str() == "version") {
            continue;
        }
        if (key.str() != table) {
            throw Error(ExitCode::data,
                        located(path.string(), node.source(),
                                "unexpected key '" + std::string(key.str()) +
                                    "'; this file holds [[" + std::string(table) + "]] tables"));
        }
        const auto* array = node.as_array();
        if (array != nullptr && array->empty()) {
            continue; // `rejection = []`: no records
        }
        if (array == nullptr || !array->is_array_of_tables()) {
            throw Error(ExitCode::data,
                        located(path.string(), node.source(),
                                "'" + std::string(table) + "' must be written as [[" +
                                    std::string(table) + "]] tables"));
        }
        for (const auto& element : *array) {
            out.push_back(element.as_table());
        }
    }
    return out;
}

// ---- the text of a partition -----------------------------------------------------------------

template <typename Record>
std::vector<Record> records_from_text(std::string_view text, const fs::path& path) {
    std::vector<Record> out;
    const toml::table doc = parse_toml(text, path);
    const std::string file = path.string();
    for (const toml::table* t : partition_tables(doc, path, Kind<Record>::table)) {
        out.push_back(Kind<Record>::decode(*t, file));
    }
    return out;
}

template <typename Record> std::string partition_text(std::vector<Record> records) {
    std::sort(records.begin(), records.end(), Kind<Record>::before);
    toml::array array;
    for (const auto& r : records) {
        array.push_back(to_toml(r));
    }
    toml::table doc;
    doc.insert_or_assign("version", k_format_version);
    if (!array.empty()) { // a month of no records (a merge can leave one) is its version alone
        doc.insert_or_assign(Kind<Record>::table, std::move(array));
    }
    return to_toml_text(doc) + "\n";
}

namespace {

/// True when every line of `text` before its first table header is blank, a comment or
/// `version = DIGITS` (with an optional comment). Such lines hold no string, so the first line
/// starting with `[` really is a header, and no key but `version` is set at the top level.
bool only_version_before_tables(std::string_view text) {
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = util::trim(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (line.front() == '[') {
            return true;
        }
        if (!line.starts_with("version")) {
            return false;
        }
        std::string_view rest = util::trim(line.substr(7));
        if (!rest.starts_with('=')) {
            return false;
        }
        rest = util::trim(rest.substr(1));
        const auto digits = rest.find_first_not_of("0123456789");
        if (digits == 0 || (digits != std::string_view::npos &&
                            !util::trim(rest.substr(digits)).starts_with('#'))) {
            return false;
        }
    }
    return true;
}

} // namespace

template <typename Record>
std::optional<std::string> appended_partition_text(std::string_view text,
                                                   const std::vector<Record>& records,
                                                   const Record& record) {
    const bool sorts_last = std::all_of(records.begin(), records.end(), [&](const Record& r) {
        return Kind<Record>::before(r, record);
    });
    if (!sorts_last || !only_version_before_tables(text)) {
        return std::nullopt;
    }
    // The writer puts a blank line before each [[table]]: the record's block is what follows
    // the version line of a month holding only it.
    const std::string alone = partition_text(std::vector<Record>{record});
    toml::table version_only;
    version_only.insert_or_assign("version", k_format_version);
    const std::string version_line = to_toml_text(version_only) + "\n";
    if (!alone.starts_with(version_line)) {
        return std::nullopt;
    }
    // A file whose lines all end in CR LF (written on Windows, or by an editor set so) keeps
    // them; a file that mixes both gets the writer's LF.
    std::size_t line_ends = 0;
    std::size_t crlf_ends = 0;
    for (std::size_t at = text.find('\n'); at != std::string_view::npos;
         at = text.find('\n', at + 1)) {
        ++line_ends;
        crlf_ends += at > 0 && text[at - 1] == '\r' ? 1 : 0;
    }
    const bool crlf = line_ends > 0 && crlf_ends == line_ends;
    const std::string_view line_end = crlf ? "\r\n" : "\n";
    std::string out;
    out.reserve(text.size() + alone.size() * (crlf ? 2 : 1));
    out.append(text);
    if (!out.empty() && out.back() != '\n') {
        out.append(line_end);
    }
    for (std::size_t at = version_line.size(); at < alone.size();) {
        const auto end = std::min(alone.find('\n', at), alone.size());
        out.append(alone, at, end - at);
        out.append(line_end);
        at = end + 1;
    }
    return out;
}

// ---- reading ---------------------------------------------------------------------------------

template <typename Record>
std::vector<Record> read_partition(const Folder& dir, std::string_view name) {
    auto text = read_file(dir, name);
    if (!text) {
        return {};
    }
    return records_from_text<Record>(*text, dir.path_of(name));
}

namespace {

/// Closes a descriptor when it goes out of scope.
struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
};

/// The stamp of the open file `fd` of `path`.
FileStamp stamp_of_open(int fd, const fs::path& path) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        throw system_error("cannot read", path.string(), errno);
    }
    return stamp_of(st);
}

/// True when the open file `fd` still has the stamp `stamp`.
bool still_stamped(int fd, const FileStamp& stamp) {
    struct stat after {};
    return ::fstat(fd, &after) == 0 && stamp_of(after) == stamp;
}

} // namespace

template <typename Record>
void read_partition_cached(const Folder& dir, std::string_view name, const CacheFolder& cache,
                           std::vector<Record>& records, bool refresh) {
    // Taken before the file is opened: a file changed after this moment gets a later mtime.
    const std::int64_t started = file_clock_now();
    const int fd = open_plain_file(dir, name);
    if (fd < 0) {
        records.clear();
        return;
    }
    const Closer closer{fd};
    const fs::path path = dir.path_of(name);
    const FileStamp stamp = stamp_of_open(fd, path);
    std::optional<std::string> text;
    auto text_of_file = [&]() -> const std::string& {
        if (!text) {
            text = read_open_file(fd, path);
        }
        return *text;
    };
    // Racy: changed in the same clock tick we started in, so a same-size edit in that tick
    // could keep the stamp. Such a file is not cached by stamp until it is older.
    const bool settled = stamp.newest() < started;
    const std::string cached = cache_name(name);
    CacheOrigin origin;
    if (load_cache(cache, cached, stamp, text_of_file, records, origin)) {
        if (refresh && text && settled && still_stamped(fd, stamp)) {
            // Checked against the text once: from now on the stamp is enough.
            save_cache(cache, cached, stamp, records, {started, origin.text_hash});
        }
        return;
    }
    records = records_from_text<Record>(text_of_file(), path);
    if (refresh && settled && still_stamped(fd, stamp)) {
        save_cache(cache, cached, stamp, records, {started, text_checksum(*text)});
    }
}

template <typename Record>
std::vector<Record> read_partition_cached(const Folder& dir, std::string_view name,
                                          const CacheFolder& cache) {
    std::vector<Record> records;
    read_partition_cached(dir, name, cache, records);
    return records;
}

template <typename Record>
PartitionSnapshot<Record> read_partition_snapshot(const Folder& dir, std::string_view name) {
    auto text = read_file(dir, name);
    if (!text) {
        return {};
    }
    auto records = records_from_text<Record>(*text, dir.path_of(name));
    return {std::move(records), std::move(text)};
}

// ---- writing ---------------------------------------------------------------------------------

template <typename Record>
void write_partition(const Folder& dir, const std::string& name, std::vector<Record> records) {
    if (records.empty()) {
        remove_file_durably(dir, name);
        return;
    }
    const std::string text = partition_text(std::move(records));
    check_partition_size(text, dir, name);
    write_file_atomically(dir, name, text);
}

template <typename Record>
void write_partition_adding(const Folder& dir, const std::string& name, const CacheFolder& cache,
                            PartitionSnapshot<Record> month, const Record& record,
                            const std::function<void()>& before_visible) {
    std::optional<std::string> text;
    if (month.text) {
        text = appended_partition_text(*month.text, month.records, record);
    }
    month.records.push_back(record);
    if (!text) {
        std::sort(month.records.begin(), month.records.end(), Kind<Record>::before);
        text = partition_text(month.records);
    }
    check_partition_size(*text, dir, name);
    AtomicFile file(dir, name);
    file.write(*text);
    file.sync();
    if (before_visible) {
        before_visible();
    }
    file.commit();
    cache_written_partition(dir, name, cache, *text, month.records);
}

template <typename Record>
void cache_written_partition(const Folder& dir, std::string_view name, const CacheFolder& cache,
                             std::string_view text, const std::vector<Record>& records) {
    struct stat st {};
    if (::fstatat(dir.fd(), std::string(name).c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(st.st_mode)) {
        return;
    }
    // Made at time 0: no stamp is older, so every reader checks the text first.
    save_cache(cache, cache_name(name), stamp_of(st), records, {0, text_checksum(text)});
}

#define BB_PARTITION(Record)                                                                       \
    template std::vector<Record> records_from_text<Record>(std::string_view, const fs::path&);     \
    template std::string partition_text<Record>(std::vector<Record>);                              \
    template std::optional<std::string> appended_partition_text<Record>(                           \
        std::string_view, const std::vector<Record>&, const Record&);                              \
    template std::vector<Record> read_partition<Record>(const Folder&, std::string_view);          \
    template void read_partition_cached<Record>(const Folder&, std::string_view,                   \
                                                const CacheFolder&, std::vector<Record>&, bool);   \
    template std::vector<Record> read_partition_cached<Record>(const Folder&, std::string_view,    \
                                                               const CacheFolder&);                \
    template PartitionSnapshot<Record> read_partition_snapshot<Record>(const Folder&,              \
                                                                       std::string_view);          \
    template void write_partition<Record>(const Folder&, const std::string&,                       \
                                          std::vector<Record>);                                    \
    template void write_partition_adding<Record>(const Folder&, const std::string&,                \
                                                 const CacheFolder&, PartitionSnapshot<Record>,    \
                                                 const Record&, const std::function<void()>&);     \
    template void cache_written_partition<Record>(const Folder&, std::string_view,                 \
                                                  const CacheFolder&, std::string_view,            \
                                                  const std::vector<Record>&);
BB_PARTITION(Rejection)
BB_PARTITION(Win)
BB_PARTITION(Reflection)
BB_PARTITION(Checkin)
#undef BB_PARTITION

} // namespace bb::storage::detail
