#include "counters.hpp"

#include "bounceback/core/codec.hpp"
#include "bounceback/core/error.hpp"
#include "bounceback/storage/atomic_file.hpp"
#include "bounceback/storage/toml_file.hpp"

namespace bb::storage::detail {

namespace fs = std::filesystem;

std::map<std::string, std::int64_t> read_counters(const Folder& data) {
    std::map<std::string, std::int64_t> out;
    const fs::path path = data.path_of(k_counters_file);
    auto doc = load_data_file(data, k_counters_file);
    if (!doc) {
        return out;
    }
    check_format_version(*doc, path);
    for (const auto& [key, node] : *doc) {
        if (key.str() == "version") {
            continue;
        }
        const auto* next = node.as_table();
        if (key.str() != "next" || next == nullptr) {
            throw Error(ExitCode::data, located(path.string(), node.source(),
                                                "unexpected key '" + std::string(key.str()) +
                                                    "'; store.toml holds only version and [next]"));
        }
        for (const auto& [kind, value] : *next) {
            const auto* n = value.as_integer();
            if (n == nullptr || n->get() < 1) {
                throw Error(ExitCode::data, located(path.string(), value.source(),
                                                    "next." + std::string(kind.str()) +
                                                        " must be a whole number of 1 or more"));
            }
            out[std::string(kind.str())] = n->get();
        }
    }
    return out;
}

std::string counters_text(const std::map<std::string, std::int64_t>& counters) {
    toml::table next;
    for (const auto& [kind, value] : counters) {
        next.insert_or_assign(kind, value);
    }
    toml::table doc;
    doc.insert_or_assign("version", k_format_version);
    doc.insert_or_assign("next", std::move(next));
    return "# The next ID of each kind of record. IDs are never reused.\n" + to_toml_text(doc) +
           "\n";
}

void write_counters(const Folder& data, const std::map<std::string, std::int64_t>& counters,
                    bool durable) {
    if (durable) {
        write_file_atomically(data, k_counters_file, counters_text(counters));
        return;
    }
    AtomicFile file(data, k_counters_file);
    file.write(counters_text(counters));
    file.commit_unsynced();
}

} // namespace bb::storage::detail
