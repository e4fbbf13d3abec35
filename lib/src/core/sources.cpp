#include "bounceback/core/sources.hpp"

#include "bounceback/util/text.hpp"

#include <algorithm>
#include <cmath>

namespace bb {

namespace {

/// Channels that come through people whatever `[sources]` says.
constexpr std::string_view k_always_personal[] = {"referral", "referrals"};

} // namespace

SourceChannels::SourceChannels(const SourcesConfig& config) {
    for (const auto& [channel, aliases] : config.aliases) {
        m_named.push_back(channel);
        m_channel.emplace(util::fold_key(channel), channel);
        for (const auto& alias : aliases) {
            m_channel.emplace(util::fold_key(alias), channel);
        }
    }
    for (const auto& name : config.personal) {
        m_personal.push_back(channel_of(name));
    }
}

std::string SourceChannels::channel_of(std::string_view source) const {
    std::string folded = util::fold_key(source);
    if (auto it = m_channel.find(folded); it != m_channel.end()) {
        return it->second;
    }
    return folded;
}

bool SourceChannels::is_named(const std::string& channel) const {
    return std::find(m_named.begin(), m_named.end(), channel) != m_named.end();
}

bool SourceChannels::is_personal(const std::string& channel) const {
    const std::string folded = util::fold_key(channel);
    return std::find(std::begin(k_always_personal), std::end(k_always_personal), folded) !=
               std::end(k_always_personal) ||
           std::find(m_personal.begin(), m_personal.end(), channel) != m_personal.end();
}

int SourceFigures::total() const {
    int n = unknown_stage;
    for (int count : by_stage) {
        n += count;
    }
    return n;
}

int SourceFigures::interviewed() const {
    return total() - unknown_stage - by_stage[static_cast<std::size_t>(Stage::application)];
}

std::optional<double> median_days(const std::vector<int>& sorted_days) {
    if (sorted_days.empty()) {
        return std::nullopt;
    }
    const std::size_t mid = sorted_days.size() / 2;
    if (sorted_days.size() % 2 == 1) {
        return sorted_days[mid];
    }
    return (sorted_days[mid - 1] + sorted_days[mid]) / 2.0;
}

std::optional<double> SourceFigures::median_days_to_answer() const {
    return median_days(days_to_answer);
}

void SourceTally::add(const Rejection& r) {
    const std::string channel = r.source ? m_channels.channel_of(*r.source) : std::string();
    if (channel.empty()) {
        ++m_no_source;
        return;
    }
    auto [it, added] = m_index.try_emplace(channel, m_entries.size());
    if (added) {
        Entry entry;
        entry.figures.channel = channel;
        entry.figures.written = *r.source;
        entry.figures.personal = m_channels.is_personal(channel);
        entry.first = {r.date, r.id};
        m_entries.push_back(std::move(entry));
    }
    Entry& entry = m_entries[it->second];
    SourceFigures& f = entry.figures;
    if (std::pair{r.date, r.id} < entry.first) {
        entry.first = {r.date, r.id};
        f.written = *r.source;
    }
    if (r.stage) {
        ++f.by_stage[static_cast<std::size_t>(*r.stage)];
    } else {
        ++f.unknown_stage;
    }
    if (r.applied && !r.date_estimated) { // as stats counts the wait
        f.days_to_answer.push_back(util::days_between(*r.applied, r.date));
    }
}

SourceBreakdown SourceTally::finish() const {
    SourceBreakdown out;
    out.no_source = m_no_source;
    for (const auto& entry : m_entries) {
        SourceFigures f = entry.figures;
        if (m_channels.is_named(f.channel)) { // called by its `[sources]` key
            f.written = f.channel;
        }
        std::sort(f.days_to_answer.begin(), f.days_to_answer.end());
        out.channels.push_back(std::move(f));
    }
    std::sort(out.channels.begin(), out.channels.end(),
              [](const SourceFigures& a, const SourceFigures& b) {
                  return a.total() != b.total() ? a.total() > b.total() : a.channel < b.channel;
              });
    return out;
}

SourceBreakdown source_breakdown(const std::vector<Rejection>& rejections,
                                 const SourcesConfig& config) {
    SourceTally tally(config);
    for (const auto& r : rejections) {
        tally.add(r);
    }
    return tally.finish();
}

std::string interview_words(const SourceFigures& f) {
    std::string out = "got to an interview in " + std::to_string(f.interviewed()) + " of " +
                      std::to_string(f.total());
    if (f.enough()) {
        out += " (" + std::to_string(std::lround(100.0 * f.interviewed() / f.total())) + "%)";
    }
    return out;
}

std::string wait_words(const SourceFigures& f) {
    const auto median = f.median_days_to_answer();
    if (!median) {
        return "";
    }
    const long days = std::lround(*median);
    return "about " + std::to_string(days) + (days == 1 ? " day" : " days");
}

std::string source_summary(const SourceFigures& f) {
    std::string out = "From " + f.written + (f.personal ? " (a personal channel): " : ": ") +
                      std::to_string(f.total()) + (f.total() == 1 ? " rejection; " : " rejections; ") +
                      interview_words(f);
    if (const std::string wait = wait_words(f); !wait.empty()) {
        out += "; " + wait + " from application to answer (the middle value)";
    }
    out += ".";
    if (!f.enough()) {
        out += " Shares appear from " + std::to_string(k_source_min_records) + " rejections.";
    }
    return out;
}

} // namespace bb
