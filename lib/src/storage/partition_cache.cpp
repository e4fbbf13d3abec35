#include "partition_cache.hpp"

#include "bounceback/core/error.hpp"
#include "bounceback/core/fields.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/file.hpp"
#include "file_io.hpp"

#include <bit>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <functional>
#include <fcntl.h>
#include <algorithm>
#include <sys/stat.h>
#include <type_traits>
#include <unistd.h>

namespace bb::storage::detail {

namespace fs = std::filesystem;

namespace {

/// The first bytes of every cache file.
constexpr std::string_view k_magic = "bbcache\n";

/// The layout of cache files. Bump it whenever the layout changes: caches of another version
/// are ignored and rebuilt. The records' fields are written as their field tables say
/// (core/fields.hpp), and a cache also records fields_fingerprint(), so a field added, moved or
/// removed makes older caches unreadable without a bump.
constexpr std::uint32_t k_cache_version = 6;


/// 64-bit FNV-1a: enough to tell a torn or damaged cache file from a whole one.
std::uint64_t checksum(std::string_view bytes) {
    // Eight bytes a step (a byte a step was a third of reading a big cache): each word is
    // mixed in by multiplying and rotating, so a changed, moved or missing byte changes the sum.
    constexpr std::uint64_t k_mul = 0x9E3779B97F4A7C15ULL;
    std::uint64_t hash = 0xcbf29ce484222325ULL ^ (bytes.size() * k_mul);
    std::size_t i = 0;
    for (; i + sizeof(std::uint64_t) <= bytes.size(); i += sizeof(std::uint64_t)) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + i, sizeof word);
        hash = std::rotl((hash ^ word) * k_mul, 29);
    }
    for (; i < bytes.size(); ++i) {
        hash = std::rotl((hash ^ static_cast<unsigned char>(bytes[i])) * k_mul, 29);
    }
    return hash ^ (hash >> 32);
}

/// Appends values to cache bytes (host byte order: a cache never leaves its machine, and the
/// magic plus the checksum reject bytes from elsewhere).
class Encoder {
  public:
    void u64(std::uint64_t v) { raw(&v, sizeof v); }
    void i64(std::int64_t v) { raw(&v, sizeof v); }
    void str(std::string_view s) {
        u64(s.size());
        m_bytes.append(s);
    }
    void opt_str(const std::optional<std::string>& s) {
        flag(s.has_value());
        if (s) {
            str(*s);
        }
    }
    void strs(const std::vector<std::string>& list) {
        u64(list.size());
        for (const auto& s : list) {
            str(s);
        }
    }
    void date(Date d) { i64(std::chrono::sys_days(d).time_since_epoch().count()); }
    void opt_date(const std::optional<Date>& d) {
        flag(d.has_value());
        if (d) {
            date(*d);
        }
    }
    template <typename Int> void opt_int(const std::optional<Int>& v) {
        flag(v.has_value());
        if (v) {
            i64(static_cast<std::int64_t>(*v));
        }
    }
    void flag(bool b) { m_bytes.push_back(b ? '\1' : '\0'); }
    std::string& bytes() { return m_bytes; }

  private:
    void raw(const void* p, std::size_t n) { m_bytes.append(static_cast<const char*>(p), n); }
    std::string m_bytes;
};

/// Thrown by Decoder for bytes that are not a whole cache; never leaves this file.
struct Damaged {};

/// Reads values back, checking every length against what is left.
class Decoder {
  public:
    explicit Decoder(std::string_view bytes) : m_rest(bytes) {}
    std::uint64_t u64() {
        std::uint64_t v = 0;
        raw(&v, sizeof v);
        return v;
    }
    std::int64_t i64() {
        std::int64_t v = 0;
        raw(&v, sizeof v);
        return v;
    }
    // Strings are assigned into `out`, reusing its room: a reader decoding month after month
    // into the same records allocates next to nothing.
    void str(std::string& out) {
        const std::uint64_t n = u64();
        if (n > m_rest.size()) {
            throw Damaged{};
        }
        out.assign(m_rest.data(), n);
        m_rest.remove_prefix(n);
    }
    void opt_str(std::optional<std::string>& out) {
        if (!flag()) {
            out.reset();
            return;
        }
        if (!out) {
            out.emplace();
        }
        str(*out);
    }
    void strs(std::vector<std::string>& out) {
        const std::uint64_t n = u64();
        if (n > m_rest.size() / sizeof(std::uint64_t)) {
            throw Damaged{};
        }
        out.resize(n);
        for (auto& s : out) {
            str(s);
        }
    }
    Date date() {
        // Only days of the years a data file may hold: a forged count would otherwise make a
        // calendar date no arithmetic expects (or overflow working it out).
        using namespace std::chrono;
        constexpr std::int64_t k_first = sys_days(year{1900} / January / 1).time_since_epoch().count();
        constexpr std::int64_t k_last = sys_days(year{9999} / December / 31).time_since_epoch().count();
        const std::int64_t days = i64();
        if (days < k_first || days > k_last) {
            throw Damaged{};
        }
        return Date(std::chrono::sys_days(std::chrono::days(days)));
    }
    std::optional<Date> opt_date() { return flag() ? std::optional<Date>(date()) : std::nullopt; }
    template <typename Int> std::optional<Int> opt_int() {
        return flag() ? std::optional<Int>(static_cast<Int>(i64())) : std::nullopt;
    }
    bool flag() {
        if (m_rest.empty() || static_cast<unsigned char>(m_rest[0]) > 1) {
            throw Damaged{};
        }
        const bool b = m_rest[0] == '\1';
        m_rest.remove_prefix(1);
        return b;
    }
    bool done() const { return m_rest.empty(); }

  private:
    void raw(void* p, std::size_t n) {
        if (m_rest.size() < n) {
            throw Damaged{};
        }
        std::memcpy(p, m_rest.data(), n);
        m_rest.remove_prefix(n);
    }
    std::string_view m_rest;
};

/// Appends `record`, field by field in the order of its kind's field table (core/fields.hpp).
template <typename Record> void encode(Encoder& e, const Record& record) {
    for (const auto& field : fields_of<Record>()) {
        visit_field(field, record, [&](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::int64_t>) {
                e.i64(value);
            } else if constexpr (std::is_same_v<T, std::string>) {
                e.str(value);
            } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
                e.opt_str(value);
            } else if constexpr (std::is_same_v<T, Date>) {
                e.date(value);
            } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
                e.opt_date(value);
            } else if constexpr (std::is_same_v<T, bool>) {
                e.flag(value);
            } else if constexpr (std::is_same_v<T, std::optional<Stage>>) {
                e.opt_int(value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt);
            } else if constexpr (std::is_same_v<T, CheckinStatus>) {
                e.flag(value == CheckinStatus::skip);
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                e.strs(value);
            } else {
                e.opt_int(value);
            }
        });
    }
}

/// Reads back what encode() wrote, setting every field (a record may hold an earlier one).
template <typename Record> void decode(Decoder& d, Record& record) {
    for (const auto& field : fields_of<Record>()) {
        visit_field(field, record, [&](auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::int64_t>) {
                value = d.i64();
            } else if constexpr (std::is_same_v<T, std::string>) {
                d.str(value);
            } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
                d.opt_str(value);
            } else if constexpr (std::is_same_v<T, Date>) {
                value = d.date();
            } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
                value = d.opt_date();
            } else if constexpr (std::is_same_v<T, bool>) {
                value = d.flag();
            } else if constexpr (std::is_same_v<T, std::optional<Stage>>) {
                value.reset();
                if (auto stage = d.opt_int<int>()) {
                    if (*stage < 0 || *stage > static_cast<int>(Stage::offer)) {
                        throw Damaged{};
                    }
                    value = static_cast<Stage>(*stage);
                }
            } else if constexpr (std::is_same_v<T, CheckinStatus>) {
                value = d.flag() ? CheckinStatus::skip : CheckinStatus::done;
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                d.strs(value);
            } else {
                value = d.opt_int<typename T::value_type>();
            }
        });
    }
}

void encode_stamp(Encoder& e, const FileStamp& s) {
    e.u64(s.size);
    e.i64(s.mtime_ns);
    e.i64(s.ctime_ns);
    e.u64(s.inode);
    e.u64(s.device);
}

std::int64_t nanoseconds(const struct timespec& t) {
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

/// The whole cache file `name` in `dir`, or nullopt when it cannot be read for any reason or is
/// not a plain file of ours within k_max_cache_bytes (opened without following a link or
/// waiting on a pipe, so a link to /dev/zero or a FIFO there is only a missing cache).
std::optional<std::string> read_cache_file(const Folder& dir, std::string_view name) {
    int error = 0;
    const int fd = open_plain_file(dir, name, &error);
    if (fd < 0) {
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid() ||
        st.st_size < 0 || static_cast<std::uint64_t>(st.st_size) > k_max_cache_bytes) {
        ::close(fd);
        return std::nullopt;
    }
    try {
        std::string bytes = read_open_file(fd, dir.path_of(name), k_max_cache_bytes);
        ::close(fd);
        return bytes;
    } catch (...) {
        ::close(fd);
        return std::nullopt;
    }
}

/// Replaces the cache file `name` in `cache` with `bytes`, or does nothing when that fails.
void write_cache_file(const CacheFolder& cache, std::string_view name, std::string_view bytes) {
    if (bytes.size() > k_max_cache_bytes) {
        return; // it would never be read
    }
    const Folder* dir = cache.for_writing();
    if (dir == nullptr) {
        return;
    }
    try {
        AtomicFile file(*dir, std::string(name));
        file.write(bytes);
        file.commit_unsynced();
    } catch (...) {
        // A cache that cannot be written is only a missed speed-up.
    }
}

} // namespace

FileStamp stamp_of(const struct stat& st) {
    return FileStamp{static_cast<std::uint64_t>(st.st_size), nanoseconds(st.st_mtim),
                     nanoseconds(st.st_ctim), static_cast<std::uint64_t>(st.st_ino),
                     static_cast<std::uint64_t>(st.st_dev)};
}

std::int64_t file_clock_now() {
    struct timespec now {};
    ::clock_gettime(CLOCK_REALTIME_COARSE, &now);
    return nanoseconds(now);
}

CacheFolder::CacheFolder(fs::path cache_dir, std::string kind_folder)
    : m_root(std::move(cache_dir)), m_kind(std::move(kind_folder)) {}

const Folder* CacheFolder::for_reading() const {
    if (!m_folder && !m_root.empty()) {
        try {
            if (auto root = Folder::open_private(m_root)) {
                m_folder = root->open_sub(m_kind);
            }
        } catch (const FolderNotPrivate&) {
            throw;
        } catch (const Error&) {
            return nullptr; // e.g. a folder we may not open: no cache
        }
    }
    return m_folder ? &*m_folder : nullptr;
}

const Folder* CacheFolder::for_writing() const {
    if (!m_folder && !m_root.empty()) {
        try {
            m_folder = Folder::make_private(m_root).make_sub(m_kind);
        } catch (const FolderNotPrivate&) {
            throw;
        } catch (const Error&) {
            return nullptr; // e.g. a read-only disk: no cache
        }
    }
    return m_folder ? &*m_folder : nullptr;
}

std::string cache_name(std::string_view partition) {
    return fs::path(partition).replace_extension(".cache").string();
}

std::uint64_t text_checksum(std::string_view text) {
    return checksum(text);
}

template <typename Record>
std::string encode_cache(const FileStamp& stamp, const std::vector<Record>& records,
                         const CacheOrigin& origin) {
    Encoder e;
    e.bytes().append(k_magic);
    e.u64(k_cache_version);
    e.u64(fields_fingerprint());
    e.str(Kind<Record>::table);
    encode_stamp(e, stamp);
    e.i64(origin.made_at_ns);
    e.u64(origin.text_hash);
    e.u64(records.size());
    for (const auto& r : records) {
        encode(e, r);
    }
    e.u64(checksum(e.bytes()));
    return std::move(e.bytes());
}

namespace {

/// Decodes cache bytes into `records` (reusing their room) and `origin`; false, with both left
/// in any state, when the bytes are not a whole cache of this version, kind and stamp.
template <typename Record>
bool decode_cache_into(std::string_view bytes, const FileStamp& stamp, std::vector<Record>& records,
                       CacheOrigin& origin) {
    if (bytes.size() < k_magic.size() + sizeof(std::uint64_t) || !bytes.starts_with(k_magic)) {
        return false;
    }
    const std::string_view body = bytes.substr(0, bytes.size() - sizeof(std::uint64_t));
    std::uint64_t stored = 0;
    std::memcpy(&stored, bytes.data() + body.size(), sizeof stored);
    if (stored != checksum(body)) {
        return false;
    }
    Encoder expected; // the header a cache of this version, kind and stamp starts with
    expected.bytes().append(k_magic);
    expected.u64(k_cache_version);
    expected.u64(fields_fingerprint());
    expected.str(Kind<Record>::table);
    encode_stamp(expected, stamp);
    if (!body.starts_with(expected.bytes())) {
        return false;
    }
    try {
        Decoder d(body.substr(expected.bytes().size()));
        origin.made_at_ns = d.i64();
        origin.text_hash = d.u64();
        const std::uint64_t count = d.u64();
        if (count > body.size() / sizeof(std::uint64_t)) { // every record has an 8-byte date
            return false;
        }
        records.resize(count);
        for (auto& r : records) {
            decode(d, r);
        }
        if (!d.done()) {
            return false;
        }
        return true;
    } catch (const Damaged&) {
        return false;
    } catch (const std::exception&) { // e.g. bad_alloc for a count no real cache has
        return false;
    }
}

/// True when a cache made as `origin` says holds the records of the file stamped `stamp` (the
/// stamp it was made for), whose text `text` gives when asked. A file last changed before the
/// cache's maker began cannot have changed since without a later stamp: the stamp is enough.
/// Otherwise (a writer's cache, made as the file was written) the text must be the one the cache
/// was made from.
bool holds(const CacheOrigin& origin, const FileStamp& stamp,
           const std::function<const std::string&()>& text) {
    return stamp.newest() < origin.made_at_ns || checksum(text()) == origin.text_hash;
}

} // namespace

template <typename Record>
std::optional<std::vector<Record>> decode_cache(std::string_view bytes, const FileStamp& stamp) {
    std::vector<Record> records;
    CacheOrigin origin;
    if (!decode_cache_into(bytes, stamp, records, origin)) {
        return std::nullopt;
    }
    return records;
}

template <typename Record>
bool load_cache(const CacheFolder& cache, std::string_view name, const FileStamp& stamp,
                const std::function<const std::string&()>& text, std::vector<Record>& records,
                CacheOrigin& origin) {
    const Folder* dir = cache.for_reading();
    if (dir == nullptr) {
        return false;
    }
    const auto bytes = read_cache_file(*dir, name);
    if (!bytes) {
        return false;
    }
    // A cache is a hint: it must be whole, made for this very file, and its records must pass
    // the rules the file's own records pass, or a forged or damaged cache could show what the
    // file does not hold (a year no calendar has, text a terminal would run). A cache that
    // fails any of this, however it fails, is removed; the reader rebuilds it from the file.
    if (!decode_cache_into(*bytes, stamp, records, origin) || !holds(origin, stamp, text) ||
        std::any_of(records.begin(), records.end(),
                    [](const Record& r) { return !check_record(r).empty(); })) {
        ::unlinkat(dir->fd(), std::string(name).c_str(), 0);
        return false;
    }
    return true;
}

template <typename Record>
void save_cache(const CacheFolder& cache, std::string_view name, const FileStamp& stamp,
                const std::vector<Record>& records, const CacheOrigin& origin) {
    write_cache_file(cache, name, encode_cache(stamp, records, origin));
}

#define BB_PARTITION_CACHE(Record)                                                                 \
    template std::string encode_cache<Record>(const FileStamp&, const std::vector<Record>&,        \
                                              const CacheOrigin&);                                 \
    template std::optional<std::vector<Record>> decode_cache<Record>(std::string_view,             \
                                                                     const FileStamp&);            \
    template bool load_cache<Record>(const CacheFolder&, std::string_view, const FileStamp&,       \
                                     const std::function<const std::string&()>&,                   \
                                     std::vector<Record>&, CacheOrigin&);                          \
    template void save_cache<Record>(const CacheFolder&, std::string_view, const FileStamp&,       \
                                     const std::vector<Record>&, const CacheOrigin&);
BB_PARTITION_CACHE(Rejection)
BB_PARTITION_CACHE(Win)
BB_PARTITION_CACHE(Reflection)
BB_PARTITION_CACHE(Checkin)
#undef BB_PARTITION_CACHE

} // namespace bb::storage::detail
