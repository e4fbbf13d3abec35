#include "log_sources.hpp"

#include <bounceback/core/error.hpp>
#include <bounceback/storage/config_file.hpp>

namespace bb::cli {

bool SourceFilter::matches(const Rejection& r) const {
    if (!m_channel) {
        return true;
    }
    return r.source && m_channels.channel_of(*r.source) == *m_channel;
}

std::string SourceFilter::summary(const std::vector<Rejection>& listed) const {
    // Every rejection listed is of the one channel, named and judged as `[sources]` says.
    const SourceBreakdown breakdown = source_breakdown(listed, m_config);
    return breakdown.channels.empty() ? "" : source_summary(breakdown.channels.front());
}

SourceFilter source_filter(const std::optional<std::string>& option, Context& ctx) {
    if (!option) {
        return {};
    }
    SourcesConfig config = storage::load_config(ctx.paths()).sources;
    std::string channel = SourceChannels(config).channel_of(*option);
    if (channel.empty()) {
        throw Error(ExitCode::usage,
                    "--source: '" + *option + "' names no source; e.g. --source referral");
    }
    return {std::move(config), std::move(channel)};
}

} // namespace bb::cli
