/* Integration tests of the network failure classes: a host name that
 * does not resolve, a refused connection, timeouts at each stage of a
 * request, and proxies that cannot be reached or reject the tunnel.
 * test_transport.c covers a refused 127.0.0.1 port and IPv6 loopback. */

/* unshare() and CLONE_NEWNET are Linux extensions outside POSIX. */
#define _GNU_SOURCE

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "rejecting_proxy.h"
#include "suites.h"

/* A name that is not in /etc/hosts, resolved only in an empty network
 * namespace. */
#define UNRESOLVABLE_HOST "lgtm.invalid"
#define STALL_SECONDS "20" /* well beyond -t, also under a wrapper */
/* The plugin must give up after -t 1, long before a stall ends. The
 * margin allows for a slow sanitizer build. */
#define STALL_ELAPSED_LIMIT 4.0
/* The range accepted for the time that line 1 reports for -t 1. */
#define REPORTED_TIMEOUT_MIN 0.9
#define REPORTED_TIMEOUT_MAX 2.0
#define PROXY_LOG_SIZE 4096

/* Return the seconds in "timeout after SECONDS s" on line, or -1. */
static double reported_timeout(const char *line)
{
    static const char prefix[] = "timeout after ";
    const char *at = strstr(line, prefix);
    char *end = NULL;

    if (at == NULL)
        return -1;
    const char *number = at + strlen(prefix);
    double seconds = strtod(number, &end);
    if (end == number || strncmp(end, " s", 2) != 0)
        return -1;
    return seconds;
}

/* Run the plugin with TOKEN_FILE and -t 1 against a simulator with the
 * given fault options. */
/* The -t budget of the stall tests, as a factor of one second: under a
 * wrapper such as valgrind the TLS handshake alone takes about a second,
 * so the budget grows to let the stalled stage be reached. */
static double budget_scale(void)
{
    return harness_wrapped() ? WRAPPER_LIMIT_FACTOR : 1.0;
}

static void run_with_stall(const char *const sim_args[],
                           struct plugin_result *result, struct sim_log *log)
{
    struct sim_config config = {.projects = 250, .extra = sim_args};
    char budget[16];

    snprintf(budget, sizeof(budget), "%g", budget_scale());
    sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE, "-t", budget), NULL,
                   result, log);
}

/* Line 1 reports a timeout at stage on page, after about the budget. */
static void expect_timeout_at(const struct plugin_result *result,
                              const char *stage, const char *page)
{
    double seconds = reported_timeout(result->line1);

    expect_status_line(result, NAGIOS_CRITICAL);
    expect_summary_contains(result, stage);
    expect_summary_contains(result, page);
    double minimum = REPORTED_TIMEOUT_MIN * budget_scale();
    double maximum = REPORTED_TIMEOUT_MAX * budget_scale();

    expect_run(result, seconds >= minimum && seconds <= maximum,
               "line 1 reports %.2f s before the timeout, expected %.1f to "
               "%.1f s",
               seconds, minimum, maximum);
    expect_elapsed_below(result, STALL_ELAPSED_LIMIT);
}

/* No skip: where a new network namespace is not permitted, this test
 * fails, because resolving the name outside one would send a DNS query
 * to the machine's resolver. In the new namespace only a loopback
 * interface exists, and it is down. */
START_TEST(test_network_unresolvable_host_named)
{
    struct plugin_result result;

    if (unshare(CLONE_NEWNET) != 0)
        ck_abort_msg("unshare(CLONE_NEWNET) failed: %s. This test resolves "
                     "%s only in a new network namespace, so that no DNS "
                     "query leaves the machine; run the suite as root or "
                     "with CAP_SYS_ADMIN",
                     strerror(errno), UNRESOLVABLE_HOST);
    plugin_run(ARG_LIST("--url", "https://" UNRESOLVABLE_HOST, "--ca-file",
                        CA_FILE, "-T", TOKEN_FILE),
               NULL, &result);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "resolve");
    expect_summary_contains(&result, UNRESOLVABLE_HOST);
    plugin_result_free(&result);
}
END_TEST

START_TEST(test_network_refused_connection_named)
{
    struct plugin_result result;
    char url[64];
    char port[16];

    snprintf(port, sizeof(port), "%d", closed_loopback_port());
    snprintf(url, sizeof(url), "https://localhost:%s", port);
    plugin_run(ARG_LIST("--url", url, "--ca-file", CA_FILE, "-T", TOKEN_FILE),
               NULL, &result);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "localhost");
    expect_summary_contains(&result, port);
    plugin_result_free(&result);
}
END_TEST

START_TEST(test_network_handshake_timeout_stage)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_stall(ARG_LIST("--fault", "stall-handshake:" STALL_SECONDS),
                   &result, &log);

    expect_timeout_at(&result, "TLS handshake", "page 1");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* stall-response reads the request and sends nothing until it ends. */
START_TEST(test_network_first_byte_timeout_stage)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_stall(ARG_LIST("--fault", "stall-response:" STALL_SECONDS),
                   &result, &log);

    expect_timeout_at(&result, "first byte", "page 1");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_network_body_timeout_stage)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_stall(ARG_LIST("--fault", "stall-body:" STALL_SECONDS), &result,
                   &log);

    expect_timeout_at(&result, "reading the response body", "page 1");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* Page 2 travels over the connection of page 1, so the stage must not
 * be a connect or handshake that never happened. */
START_TEST(test_network_reused_connection_timeout_page)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_stall(ARG_LIST("--fault", "stall-body:" STALL_SECONDS,
                            "--fault-from-page", "2"),
                   &result, &log);

    expect_timeout_at(&result, "reading the response body", "page 2");
    expect_log(&log, log.request_count == 2, "%zu requests, expected 2",
               log.request_count);
    expect_log(&log, log.connections == 1, "%d connections, expected 1",
               log.connections);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* The simulator runs, so only the proxy can be at fault. */
START_TEST(test_network_closed_proxy_named)
{
    struct plugin_result result;
    struct sim_log log;
    char proxy[64];
    char port[16];

    snprintf(port, sizeof(port), "%d", closed_loopback_port());
    snprintf(proxy, sizeof(proxy), "http://127.0.0.1:%s", port);
    sim_run_plugin(&(struct sim_config){.projects = 250},
                   ARG_LIST("-T", TOKEN_FILE, "--proxy", proxy), NULL, &result,
                   &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "proxy");
    expect_summary_contains(&result, "127.0.0.1");
    expect_summary_contains(&result, port);
    expect_log(&log, log.connections == 0,
               "%d connections past the proxy, expected 0", log.connections);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* libcurl takes the proxy from https_proxy when --proxy is not given, and
 * line 1 should blame it just the same. */
START_TEST(test_network_environment_proxy_named)
{
    struct plugin_result result;
    struct sim_log log;
    char variable[64];
    char port[16];

    snprintf(port, sizeof(port), "%d", closed_loopback_port());
    snprintf(variable, sizeof(variable), "https_proxy=http://127.0.0.1:%s",
             port);
    sim_run_plugin(&(struct sim_config){.projects = 250},
                   ARG_LIST("-T", TOKEN_FILE),
                   (const char *const[]){variable, NULL}, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "proxy");
    expect_summary_contains(&result, port);
    expect_log(&log, log.connections == 0,
               "%d connections past the proxy, expected 0", log.connections);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_network_proxy_rejects_tunnel)
{
    struct rejecting_proxy proxy;
    struct plugin_result result;
    struct sim_log log;
    struct sim sim;
    char proxy_log[PROXY_LOG_SIZE];
    char connect_line[64];

    rejecting_proxy_start(&proxy);
    sim_start(&sim, &(struct sim_config){.projects = 250});
    snprintf(connect_line, sizeof(connect_line), "CONNECT 127.0.0.1:%d",
             sim.port);
    run_plugin_then_stop(&sim,
                         ARG_LIST("--url", sim.url, "--ca-file", CA_FILE, "-T",
                                  TOKEN_FILE, "--proxy", proxy.url),
                         NULL, &result, &log);
    rejecting_proxy_stop(&proxy);
    rejecting_proxy_read_log(&proxy, proxy_log, sizeof(proxy_log));

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "proxy");
    expect_summary_contains(&result, "tunnel");
    expect_summary_contains(&result, "403");
    expect_run(&result, text_contains(proxy_log, connect_line),
               "the proxy's log lacks \"%s\": %s", connect_line, proxy_log);
    expect_log(&log, log.connections == 0,
               "%d connections past the proxy, expected 0", log.connections);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_network_noproxy_bypasses_proxy)
{
    struct rejecting_proxy proxy;
    struct plugin_result result;
    struct sim_log log;
    struct sim sim;
    char proxy_log[PROXY_LOG_SIZE];
    char url[128];

    rejecting_proxy_start(&proxy);
    sim_start(&sim, &(struct sim_config){.projects = 250});
    sim_url(&sim, "https", "localhost", "", url, sizeof(url));
    run_plugin_then_stop(&sim,
                         ARG_LIST("--url", url, "--ca-file", CA_FILE, "-T",
                                  TOKEN_FILE, "--proxy", proxy.url, "--noproxy",
                                  "localhost"),
                         NULL, &result, &log);
    rejecting_proxy_stop(&proxy);
    rejecting_proxy_read_log(&proxy, proxy_log, sizeof(proxy_log));

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    expect_run(&result, proxy_log[0] == '\0', "the proxy received requests: %s",
               proxy_log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

Suite *network_suite(void)
{
    Suite *suite = suite_create("network");
    TCase *test_case = tcase_create("resolution, connection and timeouts");

    tcase_set_timeout(test_case, TEST_TIMEOUT);
    tcase_add_test(test_case, test_network_unresolvable_host_named);
    tcase_add_test(test_case, test_network_refused_connection_named);
    tcase_add_test(test_case, test_network_handshake_timeout_stage);
    tcase_add_test(test_case, test_network_first_byte_timeout_stage);
    tcase_add_test(test_case, test_network_body_timeout_stage);
    tcase_add_test(test_case, test_network_reused_connection_timeout_page);
    tcase_add_test(test_case, test_network_closed_proxy_named);
    tcase_add_test(test_case, test_network_environment_proxy_named);
    tcase_add_test(test_case, test_network_proxy_rejects_tunnel);
    tcase_add_test(test_case, test_network_noproxy_bypasses_proxy);
    suite_add_tcase(suite, test_case);
    return suite;
}
