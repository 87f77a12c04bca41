/* Integration tests of the threshold options on a listing of 250
 * projects: every range form with its inclusive edges, warning against
 * critical, the time ranges, an invalid range and a decimal-comma locale. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "suites.h"

#define PROJECT_COUNT 250
#define COMMA_LOCALE "de_DE.UTF-8"

/* Plugin options and the state they must give with 250 projects. */
struct threshold_case {
    const char *args[5];
    enum nagios_state state;
};

/* Each range form, once on each side of its edge at 250. */
static const struct threshold_case project_range_cases[] = {
    {{"--projects-critical", "250"}, NAGIOS_OK},
    {{"--projects-critical", "249"}, NAGIOS_CRITICAL},
    {{"--projects-critical", "250:"}, NAGIOS_OK},
    {{"--projects-critical", "251:"}, NAGIOS_CRITICAL},
    {{"--projects-critical", "~:250"}, NAGIOS_OK},
    {{"--projects-critical", "~:249"}, NAGIOS_CRITICAL},
    {{"--projects-critical", "@250:300"}, NAGIOS_CRITICAL},
    {{"--projects-critical", "@251:300"}, NAGIOS_OK},
    {{"--projects-warning", "10:20"}, NAGIOS_WARNING},
};

static const struct threshold_case precedence_cases[] = {
    {{"--projects-warning", "10:20", "--projects-critical", "10:20"},
     NAGIOS_CRITICAL},
    {{"--projects-warning", "10:20", "--projects-critical", "300"},
     NAGIOS_WARNING},
};

/* A TLS request on loopback takes far more than a microsecond and, even
 * under a sanitizer, far less than 1000 s. Nothing else about timing is
 * asserted. */
static const struct threshold_case time_cases[] = {
    {{"-w", "1000"}, NAGIOS_OK},
    {{"-c", "0:0.000001"}, NAGIOS_CRITICAL},
};

#define CASE_COUNT(cases) ((int)(sizeof(cases) / sizeof((cases)[0])))

static void run_threshold_case(const struct threshold_case *threshold)
{
    struct plugin_result result;
    struct sim_log log;
    const char **args =
        arg_list_join(ARG_LIST("-T", TOKEN_FILE), threshold->args);

    sim_run_plugin(&(struct sim_config){.projects = PROJECT_COUNT}, args, NULL,
                   &result, &log);
    free(args);

    expect_status_line(&result, threshold->state);
    expect_perfdata(&result, "projects", "250");
    plugin_result_free(&result);
    sim_log_free(&log);
}

START_TEST(test_thresholds_project_range_forms)
{
    run_threshold_case(&project_range_cases[_i]);
}
END_TEST

START_TEST(test_thresholds_warning_critical_precedence)
{
    run_threshold_case(&precedence_cases[_i]);
}
END_TEST

START_TEST(test_thresholds_time_ranges)
{
    run_threshold_case(&time_cases[_i]);
}
END_TEST

/* A usage error: UNKNOWN with the range quoted, before any request. */
START_TEST(test_thresholds_invalid_range_unknown)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = PROJECT_COUNT},
                   ARG_LIST("-T", TOKEN_FILE, "--projects-critical", "5:1"),
                   NULL, &result, &log);

    expect_status_line(&result, NAGIOS_UNKNOWN);
    expect_run(&result,
               summary_contains(result.line1, "\"5:1\"") ||
                   summary_contains(result.line1, "'5:1'"),
               "line 1 does not quote the range 5:1: %s", result.line1);
    expect_log(&log, log.connections == 0,
               "%d connections after a usage error, expected 0",
               log.connections);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* Under a locale with a decimal comma, ranges and perfdata keep the
 * decimal point. */
START_TEST(test_thresholds_comma_locale_keeps_point)
{
    struct plugin_result result;
    struct sim_log log;
    char time_value[64];

    ck_assert_msg(setlocale(LC_ALL, COMMA_LOCALE) != NULL,
                  "locale " COMMA_LOCALE " is not installed; run make deps");
    setlocale(LC_ALL, "C");
    sim_run_plugin(&(struct sim_config){.projects = PROJECT_COUNT},
                   ARG_LIST("-T", TOKEN_FILE, "-w", "1000.5"),
                   ARG_LIST("LC_ALL=" COMMA_LOCALE), &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_run(
        &result,
        perfdata_value(result.line1, "time", time_value, sizeof(time_value)),
        "line 1 has no time perfdata: %s", result.line1);
    expect_run(&result, strchr(time_value, '.') != NULL,
               "perfdata time=%s has no decimal point", time_value);
    expect_run(&result, strchr(time_value, ',') == NULL,
               "perfdata time=%s has a decimal comma", time_value);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

Suite *thresholds_suite(void)
{
    Suite *suite = suite_create("thresholds");
    TCase *test_case = tcase_create("ranges");

    tcase_set_timeout(test_case, TEST_TIMEOUT);
    tcase_add_loop_test(test_case, test_thresholds_project_range_forms, 0,
                        CASE_COUNT(project_range_cases));
    tcase_add_loop_test(test_case, test_thresholds_warning_critical_precedence,
                        0, CASE_COUNT(precedence_cases));
    tcase_add_loop_test(test_case, test_thresholds_time_ranges, 0,
                        CASE_COUNT(time_cases));
    tcase_add_test(test_case, test_thresholds_invalid_range_unknown);
    tcase_add_test(test_case, test_thresholds_comma_locale_keeps_point);
    suite_add_tcase(suite, test_case);
    return suite;
}
