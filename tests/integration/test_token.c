/* Integration tests of the access token: its sources, the three LGTM
 * refusals, and that no verbosity prints it. */
#include "expect.h"
#include "suites.h"

#define NO_SCOPE_TOKEN "itest-noscope-91d7e2c4"

/* Long and distinctive, so that a leak of either half shows. */
#define SECRET_HEAD "itest-secret-6e1f0b9d2c7a4e58"
#define SECRET_TAIL "b3d1f6a0c9e2b7d4a8f5c1e0"
#define SECRET_TOKEN SECRET_HEAD SECRET_TAIL

/* Each request carried exactly "Bearer TEST_TOKEN". */
static void expect_test_token_sent(const struct sim_log *log)
{
    expect_log(log, log->request_count > 0,
               "no request reached the "
               "simulator");
    for (size_t i = 0; i < log->request_count; i++) {
        const char *authorization = log->requests[i].authorization;

        expect_log(log, text_equals(authorization, "Bearer " TEST_TOKEN),
                   "request %zu: Authorization \"%s\", expected "
                   "\"Bearer " TEST_TOKEN "\"",
                   i + 1, text_or_none(authorization));
    }
}

START_TEST(test_token_revoked_token_critical)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {.projects = 250,
                                .extra = ARG_LIST("--revoked", REVOKED_TOKEN)};

    sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE_REVOKED), NULL, &result,
                   &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "not valid");
    expect_summary_contains(&result, TOKEN_FILE_REVOKED);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* No option and no LGTM_TOKEN: UNKNOWN before any connection. */
START_TEST(test_token_missing_token_unknown)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250}, NULL, NULL, &result,
                   &log);

    expect_status_line(&result, NAGIOS_UNKNOWN);
    expect_log(&log, log.connections == 0,
               "%d connections without a token, expected 0", log.connections);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_token_missing_scope_critical)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {
        .projects = 250, .extra = ARG_LIST("--token", NO_SCOPE_TOKEN "=")};

    sim_run_plugin(&config, ARG_LIST("--token", NO_SCOPE_TOKEN), NULL, &result,
                   &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "projects:read");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* An RFC 6750 challenge, as a proxy may send it, without a body. */
START_TEST(test_token_challenge_scope_named)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {
        .projects = 250,
        .extra = ARG_LIST("--fault", "status:401", "--fault-body", "",
                          "--fault-header",
                          "WWW-Authenticate: Bearer "
                          "error=\"insufficient_scope\", "
                          "scope=\"projects:read\"")};

    sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "projects:read");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* The file contains the token between spaces and ends in CRLF. */
START_TEST(test_token_padded_file_trimmed)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250},
                   ARG_LIST("-T", TOKEN_FILE_PADDED), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_test_token_sent(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_token_environment_token_used)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250}, NULL,
                   ARG_LIST("LGTM_TOKEN=" TEST_TOKEN), &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_test_token_sent(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_token_empty_file_unknown)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250},
                   ARG_LIST("-T", TOKEN_FILE_EMPTY), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_UNKNOWN);
    expect_summary_contains(&result, TOKEN_FILE_EMPTY);
    expect_log(&log, log.connections == 0,
               "%d connections with an empty token file, expected 0",
               log.connections);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* A run at -vvv, the maximum verbosity, with the token given by --token. */
START_TEST(test_token_verbose_output_hides_token)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {.projects = 250,
                                .extra = ARG_LIST("--token", SECRET_TOKEN)};

    sim_run_plugin(&config, ARG_LIST("--token", SECRET_TOKEN, "-vvv"), NULL,
                   &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_run(&result,
               text_contains(result.out, "/api/v1.0/projects") ||
                   text_contains(result.err, "/api/v1.0/projects"),
               "-vvv printed no request URL, so it may not be verbose");
    expect_output_lacks(&result, SECRET_HEAD);
    expect_output_lacks(&result, SECRET_TAIL);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

Suite *token_suite(void)
{
    Suite *suite = suite_create("token");
    TCase *test_case = tcase_create("sources and refusals");

    tcase_set_timeout(test_case, TEST_TIMEOUT);
    tcase_add_test(test_case, test_token_revoked_token_critical);
    tcase_add_test(test_case, test_token_missing_token_unknown);
    tcase_add_test(test_case, test_token_missing_scope_critical);
    tcase_add_test(test_case, test_token_challenge_scope_named);
    tcase_add_test(test_case, test_token_padded_file_trimmed);
    tcase_add_test(test_case, test_token_environment_token_used);
    tcase_add_test(test_case, test_token_empty_file_unknown);
    tcase_add_test(test_case, test_token_verbose_output_hides_token);
    suite_add_tcase(suite, test_case);
    return suite;
}
