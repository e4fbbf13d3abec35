// Linked into every executable of a -DBOUNCEBACK_SANITIZE=ON build: the sanitizer settings a
// test run needs, built in so they hold however the program is started (ctest, the e2e tests'
// clean environment, a shell). ASAN_OPTIONS / UBSAN_OPTIONS / LSAN_OPTIONS still override them.
//
// Any report ends the process with status 86, which no bounceback command uses, so a test that
// expects 0 or a documented code fails; leaks are reported at exit.

extern "C" {

// NOLINTBEGIN(bugprone-reserved-identifier): the names the sanitizer runtimes look up.
const char* __asan_default_options() {
    return "detect_leaks=1:halt_on_error=1:exitcode=86:abort_on_error=0:"
           "strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:"
           "strict_init_order=1:print_summary=1";
}

const char* __ubsan_default_options() {
    return "halt_on_error=1:print_stacktrace=1:exitcode=86";
}

const char* __lsan_default_options() {
    return "exitcode=86";
}
// NOLINTEND(bugprone-reserved-identifier)

} // extern "C"
