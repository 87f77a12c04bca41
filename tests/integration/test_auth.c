/* Integration tests of the authorization failure classes: LGTM's 401 and
 * 403 messages, RFC 6750 challenges next to a body the plugin does not
 * know, and other denials. Line 1 names where the token came from and
 * its length, and never the token itself. */
#include <stdio.h>

#include "fixtures.h"
#include "suites.h"

/* LGTM's message when a request carries no token. */
#define NO_TOKEN_BODY                                                          \
    "{\"code\": 403, \"error\": \"An authorization token must be provided "    \
    "to access this part of the API.\"}"
#define TWO_SCOPES_BODY                                                        \
    "{\"code\": 403, \"error\": \"Missing required scopes: [projects:read, "   \
    "repos:read]\"}"
/* A denial in words LGTM does not use, as a gateway may send it. */
#define GATEWAY_BODY "{\"code\": 401, \"error\": \"Denied by gateway policy\"}"
#define SCOPE_CHALLENGE                                                        \
    "WWW-Authenticate: Bearer error=\"insufficient_scope\", "                  \
    "scope=\"projects:read\""
#define INVALID_TOKEN_CHALLENGE                                                \
    "WWW-Authenticate: Bearer error=\"invalid_token\""
/* A denial with an ESC sequence, a '|' and a line break in its text. */
#define HOSTILE_DENIAL_BODY                                                    \
    "{\"code\": 403, \"error\": \"Blocked by IP allow list"                    \
    "\\u001b[31m | zone\\ninternal\"}"

/* Run the plugin with args and env against a simulator started with
 * --revoked REVOKED_TOKEN. */
static void run_with_revoked(const char *const args[], const char *const env[],
                             struct plugin_result *result, struct sim_log *log)
{
    struct sim_config config = {.projects = 250,
                                .extra = ARG_LIST("--revoked", REVOKED_TOKEN)};

    sim_run_plugin(&config, args, env, result, log);
}

/* Run the plugin with TOKEN_FILE against a simulator with the given
 * fault options. */
static void run_with_fault(const char *const sim_args[],
                           struct plugin_result *result, struct sim_log *log)
{
    struct sim_config config = {.projects = 250, .extra = sim_args};

    sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, result, log);
}

/* Line 1 gives the length of REVOKED_TOKEN, and no output contains it. */
static void expect_revoked_token_described(const struct plugin_result *result)
{
    char length[32];

    snprintf(length, sizeof(length), "%zu characters", strlen(REVOKED_TOKEN));
    expect_summary_contains(result, "not valid");
    expect_summary_contains(result, length);
    expect_output_lacks(result, REVOKED_TOKEN);
}

START_TEST(test_auth_stripped_header_names_proxy)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(
        ARG_LIST("--fault", "status:403", "--fault-body", NO_TOKEN_BODY),
        &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "403");
    expect_summary_contains(&result, "proxy");
    expect_summary_contains(&result, "Authorization header");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_auth_invalid_file_token_described)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_revoked(ARG_LIST("-T", TOKEN_FILE_REVOKED), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, TOKEN_FILE_REVOKED);
    expect_revoked_token_described(&result);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_auth_invalid_environment_token_described)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_revoked(NULL, ARG_LIST("LGTM_TOKEN=" REVOKED_TOKEN), &result,
                     &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "LGTM_TOKEN");
    expect_revoked_token_described(&result);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_auth_invalid_option_token_described)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_revoked(ARG_LIST("--token", REVOKED_TOKEN), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "--token");
    expect_revoked_token_described(&result);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_auth_two_missing_scopes_named)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(
        ARG_LIST("--fault", "status:403", "--fault-body", TWO_SCOPES_BODY),
        &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "projects:read");
    expect_summary_contains(&result, "repos:read");
    expect_summary_contains(&result, "Account settings");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* The challenge explains the denial when the body does not. */
START_TEST(test_auth_challenge_scope_beats_body)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "status:401", "--fault-body",
                            GATEWAY_BODY, "--fault-header", SCOPE_CHALLENGE),
                   &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "401");
    expect_summary_contains(&result, "projects:read");
    expect_summary_contains(&result, "Account settings");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_auth_challenge_invalid_token)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "status:401", "--fault-body",
                            GATEWAY_BODY, "--fault-header",
                            INVALID_TOKEN_CHALLENGE),
                   &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "401");
    expect_summary_contains(&result, "not valid");
    expect_summary_contains(&result, TOKEN_FILE);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* The simulator's own message for status faults is "Simulated failure". */
START_TEST(test_auth_other_denial_shows_message)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "status:401"), &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "401");
    expect_summary_contains(&result, "Simulated failure");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_auth_denial_message_sanitized)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(
        ARG_LIST("--fault", "status:403", "--fault-body", HOSTILE_DENIAL_BODY),
        &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "403");
    expect_summary_contains(&result, "Blocked by IP allow list");
    expect_summary_contains(&result, "internal");
    expect_no_control_chars(&result);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

Suite *auth_suite(void)
{
    Suite *suite = suite_create("auth");
    TCase *test_case = tcase_create("401 and 403 explained");

    tcase_set_timeout(test_case, TEST_TIMEOUT);
    tcase_add_test(test_case, test_auth_stripped_header_names_proxy);
    tcase_add_test(test_case, test_auth_invalid_file_token_described);
    tcase_add_test(test_case, test_auth_invalid_environment_token_described);
    tcase_add_test(test_case, test_auth_invalid_option_token_described);
    tcase_add_test(test_case, test_auth_two_missing_scopes_named);
    tcase_add_test(test_case, test_auth_challenge_scope_beats_body);
    tcase_add_test(test_case, test_auth_challenge_invalid_token);
    tcase_add_test(test_case, test_auth_other_denial_shows_message);
    tcase_add_test(test_case, test_auth_denial_message_sanitized);
    suite_add_tcase(suite, test_case);
    return suite;
}
