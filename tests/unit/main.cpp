// doctest's main, and a listener that counts failures so each TempDir knows whether to keep its
// folder for a look after the run.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "temp_dir.hpp"

#include <doctest/doctest.h>

namespace {

class FailureCounter : public doctest::IReporter {
  public:
    explicit FailureCounter(const doctest::ContextOptions&) {}

    void log_assert(const doctest::AssertData& data) override {
        if (data.m_failed) {
            ++bb::test::failure_count();
        }
    }

    void log_message(const doctest::MessageData& data) override {
        // FAIL and FAIL_CHECK arrive as messages; WARN and MESSAGE do not fail a test.
        if ((data.m_severity & doctest::assertType::is_warn) == 0) {
            ++bb::test::failure_count();
        }
    }

    void test_case_exception(const doctest::TestCaseException&) override {
        ++bb::test::failure_count();
    }

    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats&) override {}
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};

} // namespace

REGISTER_LISTENER("bounceback-failure-counter", 1, FailureCounter);
