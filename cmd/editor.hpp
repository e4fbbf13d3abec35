#pragma once
// Editing text in the person's editor: one loop for every command that opens $VISUAL/$EDITOR
// (`log edit`, `reflect --edit`, `feedback-email --edit`), so each keeps the person's text the
// same way when the edit does not finish.

#include "ui.hpp"

#include <bounceback/storage/file.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace bb::cli {

/// What is being edited, in the words messages use.
struct EditSubject {
    storage::EditTopic topic; ///< what it is, and the command that offers kept text back
    std::string nothing;      ///< what ending without the text means: "Nothing was changed."
};

/// One edit of some text in the person's editor. The text lives in a private file in the data
/// folder while the editor runs. An edit that ends without its text being used keeps that file
/// and says where: the command was stopped (SIGTERM or SIGHUP, e.g. the terminal closed), the
/// editor was killed, or what was saved was not valid. `resume` then offers the text back (as
/// does `bounceback doctor`). While the session lives, SIGTERM and SIGHUP are caught: the editor
/// is asked to stop too, the text is kept, the reason is printed, and bounceback then ends by the
/// same signal.
class EditSession {
  public:
    /// Starts an edit of `content` as `subject` says, in `data_dir`. When an earlier edit of the
    /// same subject was kept, asks on a terminal whether to continue from it (no: it is
    /// discarded); elsewhere says on stderr where it is and starts from `content`.
    EditSession(const std::filesystem::path& data_dir, EditSubject subject, std::string content,
                Ui& ui);
    ~EditSession();
    EditSession(const EditSession&) = delete;
    EditSession& operator=(const EditSession&) = delete;

    /// Opens the editor on the text and waits for it. Throws Error(failure) when the editor
    /// exits with a status other than 0 (nothing is kept: ending so is how a person cancels),
    /// or is ended by a signal (the text is kept). When bounceback is asked to stop meanwhile,
    /// keeps the text, says so and ends the process by that signal.
    void open_editor();

    /// The text as last saved. Throws Error(io) if the file vanished.
    std::string read() const;

    /// Where the text is edited, as messages name it.
    std::string file() const { return m_scratch->path().string(); }

    /// Keeps the text and returns the lines that say so: "Nothing was changed. What you wrote
    /// is kept in FILE; `bounceback log edit 7` offers it back."
    std::string keep();

    /// Ends the process as stop_signal() asks, the text kept, when a stop was asked for.
    void stop_if_asked();

    /// The SIGTERM or SIGHUP that arrived during the session, 0 when none did.
    static int stop_signal();

  private:
    EditSubject m_subject;
    std::unique_ptr<storage::ScratchFile> m_scratch;
    struct Handlers;
    std::unique_ptr<Handlers> m_handlers;
};

/// The loop every editor flow shares: opens the editor, then hands the saved text to `use`,
/// until `use` returns. `use` throws Error(data) or Error(usage) for text that is not valid (its
/// message naming the file, which then still exists): on a terminal the error is shown and the
/// person may edit again; off a terminal the error ends the command, the text kept and the
/// message saying where. Any other Error from `use` ends the command the same way. Returns
/// false when the person chose not to edit again (the text kept, and said so on stdout).
bool edit_until_used(EditSession& session, Ui& ui,
                     const std::function<void(const std::string& text)>& use);

} // namespace bb::cli
