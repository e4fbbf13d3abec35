#include "bounceback/core/interchange.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>

namespace bb {

const std::vector<RecordKind>& record_kinds() {
    static const std::vector<RecordKind> kinds = {RecordKind::rejection, RecordKind::reflection,
                                                  RecordKind::checkin, RecordKind::win};
    return kinds;
}

std::string_view record_kind_name(RecordKind kind) {
    switch (kind) {
    case RecordKind::rejection:
        return "rejection";
    case RecordKind::reflection:
        return "reflection";
    case RecordKind::checkin:
        return "checkin";
    case RecordKind::win:
        return "win";
    }
    return "";
}

std::optional<RecordKind> parse_record_kind(std::string_view name) {
    for (RecordKind kind : record_kinds()) {
        if (record_kind_name(kind) == name) {
            return kind;
        }
    }
    return std::nullopt;
}

std::size_t Dataset::count(RecordKind kind) const {
    switch (kind) {
    case RecordKind::rejection:
        return rejections.size();
    case RecordKind::reflection:
        return reflections.size();
    case RecordKind::checkin:
        return checkins.size();
    case RecordKind::win:
        return wins.size();
    }
    return 0;
}

std::size_t Dataset::size() const {
    return rejections.size() + reflections.size() + checkins.size() + wins.size();
}

void Dataset::keep_only(const std::vector<RecordKind>& kinds) {
    auto wanted = [&](RecordKind kind) {
        return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
    };
    if (!wanted(RecordKind::rejection)) {
        rejections.clear();
    }
    if (!wanted(RecordKind::reflection)) {
        reflections.clear();
    }
    if (!wanted(RecordKind::checkin)) {
        checkins.clear();
    }
    if (!wanted(RecordKind::win)) {
        wins.clear();
    }
    std::erase_if(next, [&](const auto& entry) {
        auto kind = parse_record_kind(entry.first);
        return !kind || !wanted(*kind);
    });
}

std::optional<InterchangeFormat> guess_format(std::string_view file_name, std::string_view text) {
    const std::string lower = util::to_lower(file_name);
    if (lower.ends_with(".json")) {
        return InterchangeFormat::json;
    }
    if (lower.ends_with(".csv")) {
        return InterchangeFormat::csv;
    }
    const std::string_view start = util::trim(text.substr(0, 4096));
    if (start.empty()) {
        return std::nullopt;
    }
    if (start.front() == '{' || start.front() == '[') {
        return InterchangeFormat::json;
    }
    return start.find(',') != std::string_view::npos ? std::optional(InterchangeFormat::csv)
                                                     : std::nullopt;
}

} // namespace bb
