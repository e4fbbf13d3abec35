#pragma once
// The one error type the domain and storage layers throw.

#include <stdexcept>
#include <string>
#include <utility>

namespace bb {

/// Process exit codes, from sysexits.h (and 3, which is not an error); documented in
/// bounceback(1).
enum class ExitCode : int {
    ok = 0,
    failure = 1,      // anything else
    // `log --from-email`: the message was read and is not (surely) a rejection, so nothing was
    // logged. Not a sysexits.h code, so a mail transport never takes it for a delivery failure
    // of its own; not 1 or 2, which scripts read as trouble.
    not_a_rejection = 3,
    usage = 64,       // bad option, bad date, bad value
    data = 65,        // a data file or template does not parse, header injection
    no_input = 66,    // no such ID, habit or template
    cant_create = 73, // cannot create an output file
    io = 74,          // I/O error
    temp_fail = 75,   // lock timeout: try again
    no_perm = 77,     // permission denied
    config = 78,      // bad config
};

/// An error a person can act on: `what()` says what was wrong, where, and what to do next;
/// `code()` is the exit status the binary ends with.
class Error : public std::runtime_error {
  public:
    Error(ExitCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    /// `detail`: what a person may need beyond the sentence (a file to look at), shown on a
    /// second, labelled line so the first stays in the reader's words.
    Error(ExitCode code, const std::string& message, std::string detail)
        : std::runtime_error(message), m_code(code), m_detail(std::move(detail)) {}

    /// The exit status for this error.
    ExitCode code() const { return m_code; }
    /// The technical detail, or empty.
    const std::string& detail() const { return m_detail; }

  private:
    ExitCode m_code;
    std::string m_detail;
};

/// An Error for a failed system call on `path`: exit 77 for permission problems, 74 otherwise.
/// `action` says what was being done ("cannot write", "cannot open"); `errno_value` is errno.
Error system_error(const std::string& action, const std::string& path, int errno_value);

} // namespace bb
