#pragma once
// Reading mail that lives in files a person points bounceback at: an mbox read in pieces (so
// a mailbox of any size takes constant memory) and the message files of a Maildir.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

namespace bb::storage {

/// How many bytes read_in_pieces hands over at a time.
inline constexpr std::size_t k_mail_piece_bytes = 1u << 20;

/// Calls `piece` with the file at `path` (or standard input when `path` is "-") in successive
/// pieces of at most k_mail_piece_bytes, then returns the number of bytes read. `total_bytes`
/// receives the file's size before the first piece (0 for standard input or a pipe). Throws
/// Error(no_input) when the file does not exist or is a folder, Error(io/no_perm) when it
/// cannot be read.
std::uintmax_t read_in_pieces(const std::string& path,
                              const std::function<void(std::uintmax_t total_bytes)>& total_bytes,
                              const std::function<void(std::string_view piece)>& piece);

/// The message files of the Maildir `dir` (its `cur/` and `new/` folders; `tmp/` holds messages
/// still being delivered and is skipped), sorted by name, which Maildir starts with the time of
/// delivery. Hidden files are skipped. Throws Error(no_input) when `dir` does not exist or has
/// neither `cur/` nor `new/`, Error(io/no_perm) when a folder cannot be listed.
std::vector<std::filesystem::path> maildir_files(const std::filesystem::path& dir);

} // namespace bb::storage
