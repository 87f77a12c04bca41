/* Integration tests of the connection: a closed port, server certificates
 * that fail verification or expire soon, --insecure, client certificates
 * and IPv6 loopback. */
#include <stdio.h>

#include "fixtures.h"
#include "suites.h"

#define CLIENT_CA_FILE CERT_DIR "/client-ca.pem"
#define CLIENT_CERT_FILE CERT_DIR "/client.pem"
#define CLIENT_KEY_FILE CERT_DIR "/client.key"

START_TEST(test_transport_closed_port_critical)
{
    struct plugin_result result;
    char url[64];
    char port[16];

    snprintf(port, sizeof(port), "%d", closed_loopback_port());
    snprintf(url, sizeof(url), "https://127.0.0.1:%s", port);
    plugin_run(ARG_LIST("--url", url, "--ca-file", CA_FILE, "-T", TOKEN_FILE),
               NULL, &result);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, port);
    plugin_result_free(&result);
}
END_TEST

/* other-server.pem is issued by other-ca.pem, and only ca.pem is given:
 * the handshake fails, so the token never leaves. */
START_TEST(test_transport_untrusted_ca_critical)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(
        &(struct sim_config){.projects = 250, .cert = "other-server"},
        ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "CN=Untrusted Test CA");
    expect_summary_contains(&result, "O=Untrusted Org");
    expect_summary_contains(&result, "--ca-file");
    expect_log(&log, log.connections >= 1,
               "the plugin did not connect to the simulator");
    expect_log(&log, log.request_count == 0,
               "%zu requests over an unverified connection, expected 0",
               log.request_count);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_transport_insecure_skips_verification)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(
        &(struct sim_config){.projects = 250, .cert = "other-server"},
        ARG_LIST("-T", TOKEN_FILE, "-k"), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    expect_summary_contains(&result, "not verified");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_transport_wrong_host_names_valid_names)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250, .cert = "wrong-host"},
                   ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "lgtm.wrong.example");
    expect_log(&log, log.request_count == 0,
               "%zu requests to a host the certificate does not name, "
               "expected 0",
               log.request_count);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* expired.pem was valid from 2020-01-01 to 2021-01-01 only. */
START_TEST(test_transport_expired_certificate_critical)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250, .cert = "expired"},
                   ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "2021-01-01T00:00:00Z");
    expect_log(&log, log.request_count == 0,
               "%zu requests over an expired certificate, expected 0",
               log.request_count);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* soon.pem expires 5 days after make-certs.sh ran, so -C 30 warns. The
 * listing itself still succeeds. */
START_TEST(test_transport_expiring_certificate_warning)
{
    struct plugin_result result;
    struct sim_log log;
    char days[32];
    char expiry[32];

    certificate_not_after(CERT_DIR "/soon.pem", expiry, sizeof(expiry));
    sim_run_plugin(&(struct sim_config){.projects = 250, .cert = "soon"},
                   ARG_LIST("-T", TOKEN_FILE, "-C", "30"), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_WARNING);
    expect_summary_contains(&result, expiry);
    expect_perfdata(&result, "projects", "250");
    expect_run(&result,
               perfdata_value(result.line1, "cert_days", days, sizeof(days)),
               "line 1 has no cert_days perfdata: %s", result.line1);
    expect_perfdata_field(&result, "cert_days", PERFDATA_WARN, "30:");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_transport_client_certificate_accepted)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {
        .projects = 250, .extra = ARG_LIST("--client-ca", CLIENT_CA_FILE)};

    sim_run_plugin(&config,
                   ARG_LIST("-T", TOKEN_FILE, "-J", CLIENT_CERT_FILE, "-K",
                            CLIENT_KEY_FILE),
                   NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_transport_missing_client_certificate_critical)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {
        .projects = 250, .extra = ARG_LIST("--client-ca", CLIENT_CA_FILE)};

    sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "-J");
    expect_summary_contains(&result, "-K");
    expect_log(&log, log.request_count == 0,
               "%zu requests without the required client certificate, "
               "expected 0",
               log.request_count);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* A key that does not belong to the certificate is a local fault. */
START_TEST(test_transport_mismatched_client_key_unknown)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {
        .projects = 250, .extra = ARG_LIST("--client-ca", CLIENT_CA_FILE)};

    sim_run_plugin(&config,
                   ARG_LIST("-T", TOKEN_FILE, "-J", CLIENT_CERT_FILE, "-K",
                            CERT_DIR "/client-mismatch.key"),
                   NULL, &result, &log);

    expect_status_line(&result, NAGIOS_UNKNOWN);
    expect_summary_contains(&result, "client-mismatch.key");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* No skip: on a machine without ::1 this test fails with a message
 * naming ::1. */
START_TEST(test_transport_ipv6_loopback_ok)
{
    struct sim sim;
    struct plugin_result result;
    char error[4096];

    if (sim_try_start(&sim,
                      &(struct sim_config){.projects = 250, .bind = "::1"},
                      error, sizeof(error)) != 0)
        ck_abort_msg("the IPv6 loopback address ::1 is unavailable, so "
                     "the IPv6 test cannot run: %s",
                     error);
    plugin_run(
        ARG_LIST("--url", sim.url, "--ca-file", CA_FILE, "-T", TOKEN_FILE),
        NULL, &result);
    sim_stop(&sim);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    plugin_result_free(&result);
}
END_TEST

Suite *transport_suite(void)
{
    Suite *suite = suite_create("transport");
    TCase *test_case = tcase_create("connection and TLS");

    tcase_set_timeout(test_case, TEST_TIMEOUT);
    tcase_add_test(test_case, test_transport_closed_port_critical);
    tcase_add_test(test_case, test_transport_untrusted_ca_critical);
    tcase_add_test(test_case, test_transport_insecure_skips_verification);
    tcase_add_test(test_case, test_transport_wrong_host_names_valid_names);
    tcase_add_test(test_case, test_transport_expired_certificate_critical);
    tcase_add_test(test_case, test_transport_expiring_certificate_warning);
    tcase_add_test(test_case, test_transport_client_certificate_accepted);
    tcase_add_test(test_case,
                   test_transport_missing_client_certificate_critical);
    tcase_add_test(test_case, test_transport_mismatched_client_key_unknown);
    tcase_add_test(test_case, test_transport_ipv6_loopback_ok);
    suite_add_tcase(suite, test_case);
    return suite;
}
