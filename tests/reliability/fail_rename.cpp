// A preload for tests/reliability (LD_PRELOAD): renameat() and renameat2() fail with the errno
// in BB_FAIL_RENAME, the way libfiu's preload makes rename() fail. libfiu does not wrap the
// *at() calls, and bounceback renames only relative to its open folders.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>

namespace {

/// The errno asked for in BB_FAIL_RENAME, or 0 when renames should work.
int wanted_failure() {
    const char* value = std::getenv("BB_FAIL_RENAME");
    return value == nullptr ? 0 : std::atoi(value);
}

} // namespace

extern "C" int renameat(int old_dir, const char* old_name, int new_dir, const char* new_name) {
    if (const int error = wanted_failure(); error != 0) {
        errno = error;
        return -1;
    }
    using Real = int (*)(int, const char*, int, const char*);
    static const auto real = reinterpret_cast<Real>(::dlsym(RTLD_NEXT, "renameat"));
    return real(old_dir, old_name, new_dir, new_name);
}

extern "C" int renameat2(int old_dir, const char* old_name, int new_dir, const char* new_name,
                         unsigned int flags) {
    if (const int error = wanted_failure(); error != 0) {
        errno = error;
        return -1;
    }
    using Real = int (*)(int, const char*, int, const char*, unsigned int);
    static const auto real = reinterpret_cast<Real>(::dlsym(RTLD_NEXT, "renameat2"));
    return real(old_dir, old_name, new_dir, new_name, flags);
}
