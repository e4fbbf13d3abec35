#pragma once
// Helpers shared by the fuzz targets in this folder (see CMakeLists.txt here).
//
// A target is one .cpp defining LLVMFuzzerTestOneInput. It lets bb::Error through only as the
// expected answer to bad input; anything else (another exception, a broken invariant checked
// with BB_FUZZ_CHECK, a sanitizer report) is a finding, and libFuzzer saves the input.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace bb::fuzz {

/// Prints what broke and where, with the values involved, then aborts (libFuzzer's crash).
[[noreturn]] inline void fail(const char* file, int line, const char* what,
                              std::string_view detail) {
    std::fprintf(stderr, "%s:%d: fuzz invariant broken: %s\n%.*s\n", file, line, what,
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

/// The input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// `text` cut at every NUL byte: the structured inputs of the targets are NUL-separated fields,
/// so seeds stay readable and the fuzzer can grow or drop fields.
inline std::vector<std::string_view> split_fields(std::string_view text) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    for (;;) {
        const auto nul = text.find('\0', start);
        if (nul == std::string_view::npos) {
            fields.push_back(text.substr(start));
            return fields;
        }
        fields.push_back(text.substr(start, nul - start));
        start = nul + 1;
    }
}

} // namespace bb::fuzz

/// Fails the run with `detail` (a std::string_view or std::string) when `condition` is false.
#define BB_FUZZ_CHECK(condition, detail)                                                           \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            ::bb::fuzz::fail(__FILE__, __LINE__, #condition, (detail));                            \
        }                                                                                          \
    } while (false)
