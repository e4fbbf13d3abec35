#pragma once
// `log list --source NAME`: the rejections of one channel, grouped as `stats` groups sources
// (core/sources), and how far they got.

#include "context.hpp"

#include <bounceback/core/records.hpp>
#include <bounceback/core/sources.hpp>

#include <optional>
#include <string>
#include <vector>

namespace bb::cli {

/// The channel `log list --source` asks for; matches everything when none was asked for.
class SourceFilter {
  public:
    SourceFilter() = default;
    SourceFilter(SourcesConfig config, std::string channel)
        : m_config(std::move(config)), m_channels(m_config), m_channel(std::move(channel)) {}

    /// True when `rejection` came through the channel (or no channel was asked for).
    bool matches(const Rejection& rejection) const;

    /// A line on how far `listed` (the rejections it matched) got.
    std::string summary(const std::vector<Rejection>& listed) const;

  private:
    SourcesConfig m_config;
    SourceChannels m_channels;
    std::optional<std::string> m_channel;
};

/// The filter for `--source` (nullopt: none); reads `[sources]` of config.toml when one is
/// given. Throws Error(usage) for an empty name, Error(config) for a config that does not load.
SourceFilter source_filter(const std::optional<std::string>& option, Context& ctx);

} // namespace bb::cli
