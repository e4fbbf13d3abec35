#pragma once
// A private temp folder for each test, plus small file helpers that do not go through the code
// under test. The folder is removed when the test passes and kept, with its path printed, when
// it fails, so the files it left can be looked at.

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <vector>

namespace bb::test {

namespace fs = std::filesystem;

/// Failed assertions and unexpected exceptions so far in this run. The listener in main.cpp
/// counts them; TempDir compares the count at its start and end to know whether to keep itself.
inline int& failure_count() {
    static int count = 0;
    return count;
}

/// A fresh folder (mode 0700) under $TMPDIR or /tmp, made with mkdtemp.
class TempDir {
  public:
    TempDir()
        : m_failures_at_start(failure_count()), m_exceptions_at_start(std::uncaught_exceptions()) {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = (base != nullptr && *base != '\0') ? base : "/tmp";
        pattern += "/bounceback-unit-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
        }
        m_path = pattern;
    }

    ~TempDir() {
        if (failure_count() != m_failures_at_start ||
            std::uncaught_exceptions() > m_exceptions_at_start) {
            std::cerr << "unit_tests: kept the temp folder of a failed test: " << m_path.string()
                      << "\n";
            return;
        }
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }

    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return m_path; }

    fs::path operator/(const fs::path& relative) const { return m_path / relative; }

  private:
    fs::path m_path;
    int m_failures_at_start;
    int m_exceptions_at_start;
};

/// Sets the process umask for its lifetime and restores the old one after.
class UmaskGuard {
  public:
    explicit UmaskGuard(mode_t mask) : m_old(::umask(mask)) {}
    ~UmaskGuard() { ::umask(m_old); }
    UmaskGuard(const UmaskGuard&) = delete;
    UmaskGuard& operator=(const UmaskGuard&) = delete;

  private:
    mode_t m_old;
};

/// Writes `content` to `path` as is (creating or truncating it).
inline void write_text(const fs::path& path, std::string_view content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

/// The bytes of `path`; throws when it cannot be read.
inline std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// The permission bits of `path` (not following a symlink); throws when it does not exist.
inline unsigned mode_of(const fs::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        throw std::runtime_error("cannot stat " + path.string());
    }
    return static_cast<unsigned>(st.st_mode & 07777);
}

/// Every file and folder under `root` with its mode and (for a file) its bytes, one per line,
/// sorted: equal snapshots mean nothing under `root` changed.
inline std::string snapshot(const fs::path& root) {
    std::vector<std::string> lines;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        std::string line = entry.path().string() + " " + std::to_string(mode_of(entry.path()));
        if (entry.is_regular_file()) {
            line += " " + read_text(entry.path());
        }
        lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& line : lines) {
        out += line + "\n";
    }
    return out;
}

/// The names in folder `dir`, sorted, joined by spaces: easy to compare and to read in a failure.
inline std::string entries_of(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto& name : names) {
        out += out.empty() ? name : " " + name;
    }
    return out;
}

} // namespace bb::test
