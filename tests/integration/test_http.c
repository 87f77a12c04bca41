/* Integration tests of the HTTP failure classes: a URL without the API,
 * the URL forms the plugin accepts, redirects it does not follow, server
 * errors with their message or page title, and JSON of another shape.
 * test_faults.c covers 429, a 200 HTML page and invalid JSON. */
#include <stdio.h>
#include <stdlib.h>

#include "fixtures.h"
#include "suites.h"

#define SIGN_IN_TARGET "/sso/login?next=x"
#define MESSAGE_BODY_500                                                       \
    "{\"code\": 500, \"message\": \"Database connection lost\"}"
#define ERROR_BODY_503 "{\"code\": 503, \"error\": \"LGTM is starting up\"}"
/* A title that differs from the reason phrase "Bad Gateway". */
#define GATEWAY_TITLE "Upstream lgtm-backend unreachable"
#define GATEWAY_PAGE                                                           \
    "<html><head><title>" GATEWAY_TITLE "</title></head>"                      \
    "<body><h1>502</h1></body></html>"

/* Run the plugin with TOKEN_FILE against a simulator with the given
 * fault options. */
static void run_with_fault(const char *const sim_args[],
                           struct plugin_result *result, struct sim_log *log)
{
    struct sim_config config = {.projects = 250, .extra = sim_args};

    sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, result, log);
}

/* Run the plugin with TOKEN_FILE and CA_FILE against a running
 * simulator at url, and leave the simulator running. */
static void run_at_url(const char *url, struct plugin_result *result)
{
    plugin_run(ARG_LIST("--url", url, "--ca-file", CA_FILE, "-T", TOKEN_FILE),
               NULL, result);
}

START_TEST(test_http_not_found_names_url)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim sim;
    char url[128];
    char requested[192];

    sim_start(&sim, &(struct sim_config){.projects = 250});
    sim_url(&sim, "https", "localhost", "/lgtm", url, sizeof(url));
    snprintf(requested, sizeof(requested), "%s/api/v1.0/projects", url);
    run_at_url(url, &result);
    sim_stop(&sim);
    sim_log_read(&sim, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "404");
    expect_summary_contains(&result, requested);
    expect_summary_contains(&result, "base URL");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* Each form names the same API, so each run lists the projects. */
START_TEST(test_http_api_url_forms_accepted)
{
    static const char *const paths[] = {"/", "/api/v1.0", "/api/v1.0/",
                                        "/api/v1.0/projects"};
    struct sim sim;
    struct sim_log log;

    sim_start(&sim, &(struct sim_config){.projects = 50});
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        struct plugin_result result;
        char url[128];

        sim_url(&sim, "https", "localhost", paths[i], url, sizeof(url));
        run_at_url(url, &result);
        expect_status_line(&result, NAGIOS_OK);
        expect_perfdata(&result, "projects", "50");
        plugin_result_free(&result);
    }
    sim_stop(&sim);
    sim_log_read(&sim, &log);

    for (size_t i = 0; i < log.request_count; i++)
        expect_log(&log,
                   text_equals(log.requests[i].path, "/api/v1.0/projects"),
                   "request %zu went to %s, expected /api/v1.0/projects", i + 1,
                   text_or_none(log.requests[i].path));
    sim_log_free(&log);
}
END_TEST

START_TEST(test_http_sign_in_redirect_explained)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "redirect:" SIGN_IN_TARGET), &result,
                   &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "302");
    expect_summary_contains(&result, SIGN_IN_TARGET);
    expect_summary_contains(&result, "sign-in");
    expect_log(&log, log.request_count == 1,
               "%zu requests, expected 1: the redirect was followed",
               log.request_count);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* A plain-HTTP simulator redirects to an HTTPS one on another port. The
 * suggested --url is the redirect's, port included, and the HTTPS
 * simulator must see no connection. */
START_TEST(test_http_https_upgrade_suggests_url)
{
    struct sim secure;
    struct sim plain;
    struct sim_log secure_log;
    struct sim_log plain_log;
    struct plugin_result result;
    char target[128];
    char redirect[160];
    char suggestion[160];
    char url[128];

    sim_start(&secure, &(struct sim_config){.projects = 250});
    sim_url(&secure, "https", "localhost", "", target, sizeof(target));
    snprintf(redirect, sizeof(redirect), "redirect:%s/", target);
    snprintf(suggestion, sizeof(suggestion), "--url %s", target);
    sim_start(&plain,
              &(struct sim_config){.projects = 250,
                                   .plain_http = true,
                                   .extra = ARG_LIST("--fault", redirect)});
    sim_url(&plain, "http", "localhost", "", url, sizeof(url));
    run_plugin_then_stop(&plain, ARG_LIST("--url", url, "-T", TOKEN_FILE), NULL,
                         &result, &plain_log);
    sim_stop(&secure);
    sim_log_read(&secure, &secure_log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "302");
    expect_summary_contains(&result, target);
    expect_summary_contains(&result, suggestion);
    expect_log(&plain_log, plain_log.request_count == 1,
               "%zu requests, expected 1", plain_log.request_count);
    expect_log(&secure_log, secure_log.connections == 0,
               "%d connections to the redirect target, expected 0",
               secure_log.connections);
    plugin_result_free(&result);
    sim_log_free(&plain_log);
    sim_log_free(&secure_log);
}
END_TEST

/* The message in a "message" member, the second name the plugin reads. */
START_TEST(test_http_server_error_json_message)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(
        ARG_LIST("--fault", "status:500", "--fault-body", MESSAGE_BODY_500),
        &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "500");
    expect_summary_contains(&result, "Database connection lost");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_http_unavailable_json_message)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(
        ARG_LIST("--fault", "status:503", "--fault-body", ERROR_BODY_503),
        &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "503");
    expect_summary_contains(&result, "LGTM is starting up");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_http_bad_gateway_page_title)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "status:502", "--fault-content-type",
                            "text/html", "--fault-body", GATEWAY_PAGE),
                   &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "502");
    expect_summary_contains(&result, GATEWAY_TITLE);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_http_missing_data_member_named)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "no-data"), &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "page 1");
    expect_summary_contains(&result, "\"data\"");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_http_data_not_array_named)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_fault(ARG_LIST("--fault", "data-not-array"), &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "\"data\"");
    expect_summary_contains(&result, "array");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

Suite *http_suite(void)
{
    Suite *suite = suite_create("http");
    TCase *test_case = tcase_create("statuses and bodies explained");

    tcase_set_timeout(test_case, TEST_TIMEOUT);
    tcase_add_test(test_case, test_http_not_found_names_url);
    tcase_add_test(test_case, test_http_api_url_forms_accepted);
    tcase_add_test(test_case, test_http_sign_in_redirect_explained);
    tcase_add_test(test_case, test_http_https_upgrade_suggests_url);
    tcase_add_test(test_case, test_http_server_error_json_message);
    tcase_add_test(test_case, test_http_unavailable_json_message);
    tcase_add_test(test_case, test_http_bad_gateway_page_title);
    tcase_add_test(test_case, test_http_missing_data_member_named);
    tcase_add_test(test_case, test_http_data_not_array_named);
    suite_add_tcase(suite, test_case);
    return suite;
}
