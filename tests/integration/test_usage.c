/* Integration tests of the command line alone: --help, --version and an
 * unknown option, all UNKNOWN as in every Monitoring Plugin. */
#include "expect.h"
#include "suites.h"

#ifndef LGTM_VERSION
#error "LGTM_VERSION is not defined; build the tests with the Makefile"
#endif

START_TEST(test_usage_help_exits_unknown)
{
    struct plugin_result result;

    plugin_run(ARG_LIST("--help"), NULL, &result);

    expect_exit_code(&result, NAGIOS_UNKNOWN);
    expect_stdout_contains(&result, "--url");
    expect_stdout_contains(&result, "--token-file");
    plugin_result_free(&result);
}
END_TEST

START_TEST(test_usage_version_exits_unknown)
{
    struct plugin_result result;

    plugin_run(ARG_LIST("--version"), NULL, &result);

    expect_exit_code(&result, NAGIOS_UNKNOWN);
    expect_stdout_contains(&result, "check_lgtm");
    expect_stdout_contains(&result, LGTM_VERSION);
    plugin_result_free(&result);
}
END_TEST

START_TEST(test_usage_unknown_option_unknown)
{
    struct plugin_result result;

    plugin_run(ARG_LIST("--no-such-option"), NULL, &result);

    expect_status_line(&result, NAGIOS_UNKNOWN);
    expect_summary_contains(&result, "--no-such-option");
    plugin_result_free(&result);
}
END_TEST

Suite *usage_suite(void)
{
    Suite *suite = suite_create("usage");
    TCase *test_case = tcase_create("command line");

    tcase_set_timeout(test_case, TEST_TIMEOUT);
    tcase_add_test(test_case, test_usage_help_exits_unknown);
    tcase_add_test(test_case, test_usage_version_exits_unknown);
    tcase_add_test(test_case, test_usage_unknown_option_unknown);
    suite_add_tcase(suite, test_case);
    return suite;
}
