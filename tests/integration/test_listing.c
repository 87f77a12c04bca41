/* Integration tests of the paginated listing: counting, the requests the
 * plugin sends, one connection for all pages, and nextPageUrl values that
 * name another host or are relative. */
#include <string.h>

#include "expect.h"
#include "suites.h"

#define PROJECTS_PATH "/api/v1.0/projects"
#define FOREIGN_URL "https://lgtm.elsewhere.example:9443"

START_TEST(test_listing_three_pages_counted)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250},
                   ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    expect_perfdata(&result, "pages", "3");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_listing_pages_share_one_connection)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250},
                   ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_log(&log, log.connections == 1,
               "%d TCP connections, expected 1 for all pages", log.connections);
    expect_log(&log, log.request_count == 3, "%zu requests, expected 3",
               log.request_count);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_listing_requests_carry_headers)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250},
                   ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_log(&log, log.request_count == 3, "%zu requests, expected 3",
               log.request_count);
    for (size_t i = 0; i < log.request_count; i++) {
        const struct sim_request *request = &log.requests[i];

        expect_log(&log, text_equals(request->method, "GET"),
                   "request %zu: method %s, expected GET", i + 1,
                   text_or_none(request->method));
        expect_log(&log, text_equals(request->path, PROJECTS_PATH),
                   "request %zu: path %s, expected " PROJECTS_PATH, i + 1,
                   text_or_none(request->path));
        expect_log(&log,
                   text_equals(request->authorization, "Bearer " TEST_TOKEN),
                   "request %zu: Authorization \"%s\", expected "
                   "\"Bearer " TEST_TOKEN "\"",
                   i + 1, text_or_none(request->authorization));
        expect_log(&log, text_equals(request->accept, "application/json"),
                   "request %zu: Accept \"%s\", expected application/json",
                   i + 1, text_or_none(request->accept));
        expect_log(&log, text_starts_with(request->user_agent, "check_lgtm/"),
                   "request %zu: User-Agent \"%s\" does not start with "
                   "check_lgtm/",
                   i + 1, text_or_none(request->user_agent));
        expect_log(&log, sim_query_has(request->query, "limit=100"),
                   "request %zu: query \"%s\" lacks limit=100", i + 1,
                   text_or_none(request->query));
    }
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_listing_empty_listing_ok)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 0},
                   ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "0");
    expect_perfdata(&result, "pages", "1");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* nextPageUrl names the server's external URL. The plugin takes only the
 * start value from it and requests every page from the --url server. */
START_TEST(test_listing_foreign_next_url_ignored)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {
        .projects = 250, .extra = ARG_LIST("--external-url", FOREIGN_URL)};

    sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    expect_perfdata(&result, "pages", "3");
    expect_log(&log, log.request_count == 3,
               "%zu requests reached the simulator, expected 3",
               log.request_count);
    for (size_t i = 0; i < log.request_count; i++) {
        const char *host = log.requests[i].host;

        expect_log(&log, text_starts_with(host, "127.0.0.1:"),
                   "request %zu: Host \"%s\", expected the --url host "
                   "127.0.0.1",
                   i + 1, text_or_none(host));
    }
    for (size_t i = 1; i < log.request_count; i++) {
        const char *query = log.requests[i].query;

        expect_log(&log, text_contains(query, "start="),
                   "request %zu: query \"%s\" lacks the start value", i + 1,
                   text_or_none(query));
    }
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_listing_relative_next_url_followed)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {.projects = 250,
                                .extra = ARG_LIST("--fault", "relative-next")};

    sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    expect_perfdata(&result, "pages", "3");
    expect_log(&log, log.request_count == 3, "%zu requests, expected 3",
               log.request_count);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

Suite *listing_suite(void)
{
    Suite *suite = suite_create("listing");
    TCase *test_case = tcase_create("pagination");

    tcase_set_timeout(test_case, TEST_TIMEOUT);
    tcase_add_test(test_case, test_listing_three_pages_counted);
    tcase_add_test(test_case, test_listing_pages_share_one_connection);
    tcase_add_test(test_case, test_listing_requests_carry_headers);
    tcase_add_test(test_case, test_listing_empty_listing_ok);
    tcase_add_test(test_case, test_listing_foreign_next_url_ignored);
    tcase_add_test(test_case, test_listing_relative_next_url_followed);
    suite_add_tcase(suite, test_case);
    return suite;
}
