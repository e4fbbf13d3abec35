#pragma once
// `bounceback feedback-email`: draft a polite feedback request from a logged rejection.

#include "command.hpp"
#include "context.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace bb::cli {

/// What `feedback-email` was given.
struct FeedbackEmailArgs {
    std::optional<std::int64_t> id;
    std::optional<std::string> template_name;
    std::string format = "text";
    std::optional<std::string> to;
    std::optional<std::string> output;
    bool force = false;
    bool edit = false;
    bool mark_sent = false;
    bool list_templates = false;
    bool due = false;
    bool json = false;
};

/// `feedback-email` in the command table.
inline constexpr CommandSummary k_feedback_email_command{
    "feedback-email", "Draft a polite request for feedback on a logged rejection"};

/// Adds `feedback-email` to `app`.
CLI::App* add_feedback_email_cli(CLI::App& app, FeedbackEmailArgs& args);

/// Drafts the email, lists templates, or lists requests due a follow-up.
int run_feedback_email(const FeedbackEmailArgs& args, Context& ctx);

} // namespace bb::cli
