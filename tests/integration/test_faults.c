/* Integration tests of server faults: error statuses, a redirect, bodies
 * that are not the project list, a pagination loop, the page limit, rate
 * limiting, stalls against the timeout and oversized pages. */
#include <stdlib.h>

#include "expect.h"
#include "suites.h"

#define REDIRECT_TARGET "/sso/login"
#define STALL "stall-headers:5" /* seconds, well beyond -t 1 */
/* The plugin must give up after -t 1, long before the 5 s stall ends. The
 * margin allows for a slow sanitizer build. */
#define STALL_ELAPSED_LIMIT 4.0
#define OVERSIZED_PAGE "20000000" /* bytes, above the 16 MiB default */
/* Each of the three pages stalls 0.45 s: every request fits in -t 1, but
 * all three together do not. */
#define PAGE_STALL "stall-headers:0.45"
/* A JSON error message with a '|', an ESC and a line break in it. */
#define HOSTILE_ERROR_BODY                                                     \
    "{\"code\": 500, \"error\": \"bad | pipe\\u001b[31m\\nsecond line\"}"

/* Run the plugin with TOKEN_FILE and args against a simulator with 250
 * projects and the given simulator options. */
static void run_with_fault(const char *const sim_args[],
                           const char *const args[],
                           struct plugin_result *result, struct sim_log *log)
{
    struct sim_config config = {.projects = 250, .extra = sim_args};
    const char **joined = arg_list_join(ARG_LIST("-T", TOKEN_FILE), args);

    sim_run_plugin(&config, joined, NULL, result, log);
    free(joined);
}

START_TEST(test_faults_server_error_critical)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "status:500"), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "500");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* Server text on line 1 keeps the format: one '|', no control bytes. */
START_TEST(test_faults_server_text_sanitized)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(
        ARG_LIST("--fault", "status:500", "--fault-body", HOSTILE_ERROR_BODY),
        NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_no_control_chars(&result);
    expect_summary_contains(&result, "500");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_faults_not_found_critical)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "status:404"), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "404");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* A relative Location points back at the simulator, so a followed
 * redirect would show up in its log as a second request. */
START_TEST(test_faults_redirect_not_followed)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "redirect:" REDIRECT_TARGET), NULL,
                   &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, REDIRECT_TARGET);
    expect_log(&log, log.request_count == 1,
               "%zu requests, expected 1: the redirect was followed",
               log.request_count);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_faults_html_page_critical)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "html"), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "text/html");
    expect_summary_contains(&result, "Sign in - Example SSO");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_faults_invalid_json_critical)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "not-json"), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "JSON");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_faults_pagination_loop_critical)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "loop"), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "loop");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_faults_max_pages_lower_bound)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(NULL, ARG_LIST("--max-pages", "2"), &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_summary_contains(&result, "at least 200");
    expect_perfdata(&result, "projects", "200");
    expect_perfdata(&result, "pages", "2");
    expect_log(&log, log.request_count == 2, "%zu requests, expected 2",
               log.request_count);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_faults_rate_limit_warning)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(
        ARG_LIST("--fault", "status:429", "--fault-header", "Retry-After: 120"),
        NULL, &result, &log);

    expect_status_line(&result, NAGIOS_WARNING);
    expect_summary_contains(&result, "120");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_faults_stalled_headers_time_out)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", STALL), ARG_LIST("-t", "1"), &result,
                   &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_elapsed_below(&result, STALL_ELAPSED_LIMIT);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_faults_timeout_state_unknown)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", STALL), ARG_LIST("-t", "1:unknown"),
                   &result, &log);

    expect_status_line(&result, NAGIOS_UNKNOWN);
    expect_elapsed_below(&result, STALL_ELAPSED_LIMIT);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* -t is the budget of the whole check, not of each request. */
START_TEST(test_faults_timeout_spans_all_pages)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", PAGE_STALL), ARG_LIST("-t", "1"),
                   &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_elapsed_below(&result, STALL_ELAPSED_LIMIT);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_faults_oversized_page_critical)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "big-page:" OVERSIZED_PAGE), NULL,
                   &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "maximum body size");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* Without a Content-Length the limit has to apply while reading. */
START_TEST(test_faults_oversized_chunked_page_critical)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "big-page-chunked:" OVERSIZED_PAGE),
                   NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "maximum body size");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

Suite *faults_suite(void)
{
    Suite *suite = suite_create("faults");
    TCase *test_case = tcase_create("server faults");

    tcase_set_timeout(test_case, TEST_TIMEOUT);
    tcase_add_test(test_case, test_faults_server_error_critical);
    tcase_add_test(test_case, test_faults_server_text_sanitized);
    tcase_add_test(test_case, test_faults_not_found_critical);
    tcase_add_test(test_case, test_faults_redirect_not_followed);
    tcase_add_test(test_case, test_faults_html_page_critical);
    tcase_add_test(test_case, test_faults_invalid_json_critical);
    tcase_add_test(test_case, test_faults_pagination_loop_critical);
    tcase_add_test(test_case, test_faults_max_pages_lower_bound);
    tcase_add_test(test_case, test_faults_rate_limit_warning);
    tcase_add_test(test_case, test_faults_stalled_headers_time_out);
    tcase_add_test(test_case, test_faults_timeout_state_unknown);
    tcase_add_test(test_case, test_faults_timeout_spans_all_pages);
    tcase_add_test(test_case, test_faults_oversized_page_critical);
    tcase_add_test(test_case, test_faults_oversized_chunked_page_critical);
    suite_add_tcase(suite, test_case);
    return suite;
}
