#pragma once
// The actions of `log` other than adding a rejection: log.cpp reads the command line and
// dispatches to these. log_entries.cpp lists, shows, edits and removes rejections and records
// feedback; log_wins.cpp keeps the small wins.

#include "log.hpp"

namespace bb::cli {

// ---- log_entries.cpp --------------------------------------------------------------------

/// `log list`: the rejections `args` filters for, as a table, JSON or CSV.
int list_rejections(const LogArgs& args, Context& ctx);

/// `log show ID`: one rejection in full, or as JSON.
int show_rejection(const LogArgs& args, Context& ctx);

/// `log edit ID`: sets the fields given as options, or opens the editor on the entry.
int edit_rejection(const LogArgs& args, Context& ctx);

/// `log rm ID`: removes a rejection, asking first unless --yes.
int remove_rejection(const LogArgs& args, Context& ctx);

/// `log feedback ID TEXT`: records the feedback received on a rejection.
int record_feedback(const LogArgs& args, Context& ctx);

// ---- log_wins.cpp -----------------------------------------------------------------------

/// `log win TEXT`: logs a small win.
int add_win(const LogArgs& args, Context& ctx);

/// `log win list`: the wins, as a table, JSON or CSV.
int list_wins(const LogArgs& args, Context& ctx);

/// `log win rm ID`: removes a win, asking first unless --yes.
int remove_win(const LogArgs& args, Context& ctx);

} // namespace bb::cli
