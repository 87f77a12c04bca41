/* Integration tests of the certificate and TLS failure classes. They
 * cover what line 1 names for each verification failure, CA and client
 * files that cannot be loaded, a client certificate that the server
 * requires, no shared TLS version, -C against the expiry date, and -k.
 * Where verification fails, the simulator's log must show no request,
 * because the token travels in the first request. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fixtures.h"
#include "suites.h"

#define CLIENT_CA_FILE CERT_DIR "/client-ca.pem"
#define CLIENT_CERT_FILE CERT_DIR "/client.pem"
#define CLIENT_KEY_FILE CERT_DIR "/client.key"
#define SOON_CERT_FILE CERT_DIR "/soon.pem"

/* Paths for the CA and client options that name no usable file. */
#define MISSING_CA_FILE CERT_DIR "/missing-ca.pem"
#define MISSING_CA_PATH "missing-ca-directory"
#define MISSING_CLIENT_CERT CERT_DIR "/missing-client.pem"
#define CA_DIRECTORY "ca-directory"
#define NOT_PEM_FILE "ca-not-pem.txt"

/* An OpenSSL configuration that lets clients speak TLS 1.3 only. libcurl
 * 7.88 with OpenSSL 3.0 loads the file named by OPENSSL_CONF when it
 * initializes, and the system_default section applies to every TLS
 * context created after that. */
#define TLS13_ONLY_CONF "tls13-only.cnf"
#define TLS13_ONLY_CONF_TEXT                                                   \
    "openssl_conf = openssl_init\n"                                            \
    "\n"                                                                       \
    "[openssl_init]\n"                                                         \
    "ssl_conf = ssl_configuration\n"                                           \
    "\n"                                                                       \
    "[ssl_configuration]\n"                                                    \
    "system_default = tls_client_defaults\n"                                   \
    "\n"                                                                       \
    "[tls_client_defaults]\n"                                                  \
    "MinProtocol = TLSv1.3\n"

/* Start a simulator with the given certificate and options, and run the
 * plugin with TOKEN_FILE and args against https://localhost:PORT. */
static void run_at_localhost(const char *cert, const char *const sim_args[],
                             const char *const args[],
                             struct plugin_result *result, struct sim_log *log)
{
    struct sim_config config = {
        .projects = 250, .cert = cert, .extra = sim_args};
    struct sim sim;
    char url[128];

    sim_start(&sim, &config);
    sim_url(&sim, "https", "localhost", "", url, sizeof(url));
    const char *const target[] = {"--url", url, "-T", TOKEN_FILE, NULL};
    const char **joined = arg_list_join(target, args);
    run_plugin_then_stop(&sim, joined, NULL, result, log);
    free(joined);
}

/* Run the plugin with TOKEN_FILE and args against a simulator with
 * server.pem, without the --ca-file that sim_run_plugin() adds. */
static void run_with_trust_args(const char *const args[],
                                struct plugin_result *result,
                                struct sim_log *log)
{
    run_at_localhost(NULL, NULL, args, result, log);
}

START_TEST(test_tls_self_signed_names_subject)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250, .cert = "self-signed"},
                   ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "self-signed");
    expect_summary_contains(&result, "CN=localhost");
    expect_summary_contains(&result, "--ca-file");
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* inter-server.pem alone: the server omits the intermediate that
 * issued it, and only the root is trusted. */
START_TEST(test_tls_incomplete_chain_names_intermediate)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(
        &(struct sim_config){.projects = 250, .cert = "inter-server"},
        ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "CN=check_lgtm Test Intermediate CA");
    expect_summary_contains(&result, "O=check_lgtm tests");
    expect_summary_contains(&result, "not sent by the server");
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* inter-server-chain.pem has no key file of its own: the later --key
 * replaces the one the harness derives from the certificate's name. */
START_TEST(test_tls_complete_chain_ok)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {
        .projects = 250,
        .cert = "inter-server-chain",
        .extra = ARG_LIST("--key", CERT_DIR "/inter-server.key")};

    sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_tls_wrong_host_names_both_sides)
{
    struct plugin_result result;
    struct sim_log log;

    run_at_localhost("wrong-host", NULL, ARG_LIST("--ca-file", CA_FILE),
                     &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "lgtm.wrong.example");
    expect_summary_contains(&result, "other.wrong.example");
    expect_summary_contains(&result, "localhost");
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* -I connects to 127.0.0.1, so lgtm.test is never resolved, but the
 * certificate check still uses it. server.pem is for localhost,
 * 127.0.0.1 and ::1. */
START_TEST(test_tls_ip_address_keeps_host_name)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim sim;
    char url[128];

    sim_start(&sim, &(struct sim_config){.projects = 250});
    sim_url(&sim, "https", "lgtm.test", "", url, sizeof(url));
    run_plugin_then_stop(&sim,
                         ARG_LIST("-I", "127.0.0.1", "--url", url, "--ca-file",
                                  CA_FILE, "-T", TOKEN_FILE),
                         NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "lgtm.test");
    expect_summary_contains(&result, "localhost");
    expect_summary_contains(&result, "127.0.0.1");
    expect_log(&log, log.connections >= 1,
               "-I 127.0.0.1 did not reach the simulator");
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* future.pem is valid from 2040-01-01 to 2041-01-01 only. */
START_TEST(test_tls_not_yet_valid_names_date)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250, .cert = "future"},
                   ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "2040-01-01T00:00:00Z");
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_tls_missing_ca_file_unknown)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_trust_args(ARG_LIST("--ca-file", MISSING_CA_FILE), &result, &log);

    expect_status_line(&result, NAGIOS_UNKNOWN);
    expect_summary_contains(&result, "--ca-file");
    expect_summary_contains(&result, MISSING_CA_FILE);
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_tls_ca_file_directory_unknown)
{
    struct plugin_result result;
    struct sim_log log;

    ck_assert_msg(mkdir(CA_DIRECTORY, 0755) == 0, "cannot create %s",
                  CA_DIRECTORY);
    run_with_trust_args(ARG_LIST("--ca-file", CA_DIRECTORY), &result, &log);

    expect_status_line(&result, NAGIOS_UNKNOWN);
    expect_summary_contains(&result, "--ca-file");
    expect_summary_contains(&result, CA_DIRECTORY);
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_tls_ca_file_not_pem_unknown)
{
    struct plugin_result result;
    struct sim_log log;

    fixture_write_file(NOT_PEM_FILE, "This text is not a certificate.\n");
    run_with_trust_args(ARG_LIST("--ca-file", NOT_PEM_FILE), &result, &log);

    expect_status_line(&result, NAGIOS_UNKNOWN);
    expect_summary_contains(&result, "--ca-file");
    expect_summary_contains(&result, NOT_PEM_FILE);
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_tls_missing_ca_path_unknown)
{
    struct plugin_result result;
    struct sim_log log;

    run_with_trust_args(ARG_LIST("--ca-path", MISSING_CA_PATH), &result, &log);

    expect_status_line(&result, NAGIOS_UNKNOWN);
    expect_summary_contains(&result, "--ca-path");
    expect_summary_contains(&result, MISSING_CA_PATH);
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* In TLS 1.2 the server rejects the missing certificate inside the
 * handshake; test_transport.c covers TLS 1.3, where it does so after. */
START_TEST(test_tls_client_certificate_required_tls12)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {.projects = 250,
                                .extra = ARG_LIST("--client-ca", CLIENT_CA_FILE,
                                                  "--tls-max-version", "1.2")};

    sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "client certificate");
    expect_summary_contains(&result, "-J");
    expect_summary_contains(&result, "-K");
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_tls_missing_client_cert_unknown)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {
        .projects = 250, .extra = ARG_LIST("--client-ca", CLIENT_CA_FILE)};

    sim_run_plugin(&config,
                   ARG_LIST("-T", TOKEN_FILE, "-J", MISSING_CLIENT_CERT, "-K",
                            CLIENT_KEY_FILE),
                   NULL, &result, &log);

    expect_status_line(&result, NAGIOS_UNKNOWN);
    expect_summary_contains(&result, MISSING_CLIENT_CERT);
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* The server accepts TLS 1.2 at most, the client TLS 1.3 at least. */
START_TEST(test_tls_no_shared_version_critical)
{
    struct plugin_result result;
    struct sim_log log;
    struct sim_config config = {.projects = 250,
                                .extra = ARG_LIST("--tls-max-version", "1.2")};

    fixture_write_file(TLS13_ONLY_CONF, TLS13_ONLY_CONF_TEXT);
    sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE),
                   ARG_LIST("OPENSSL_CONF=" TLS13_ONLY_CONF), &result, &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, "handshake");
    expect_summary_contains(&result, "failed");
    expect_summary_contains(&result, "none of the TLS versions");
    expect_summary_contains(&result, "TLSv1.3 to TLSv1.3");
    expect_no_request(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* soon.pem expires 5 days after make-certs.sh ran. */
START_TEST(test_tls_expiry_within_critical_days)
{
    struct plugin_result result;
    struct sim_log log;
    char expiry[32];

    certificate_not_after(SOON_CERT_FILE, expiry, sizeof(expiry));
    sim_run_plugin(&(struct sim_config){.projects = 250, .cert = "soon"},
                   ARG_LIST("-T", TOKEN_FILE, "-C", "30,7"), NULL, &result,
                   &log);

    expect_status_line(&result, NAGIOS_CRITICAL);
    expect_summary_contains(&result, expiry);
    expect_perfdata(&result, "projects", "250");
    expect_perfdata_field(&result, "cert_days", PERFDATA_WARN, "30:");
    expect_perfdata_field(&result, "cert_days", PERFDATA_CRIT, "7:");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_tls_expiry_beyond_warning_days)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250, .cert = "soon"},
                   ARG_LIST("-T", TOKEN_FILE, "-C", "3"), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    expect_perfdata_field(&result, "cert_days", PERFDATA_WARN, "3:");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_tls_insecure_explains_expiry)
{
    struct plugin_result result;
    struct sim_log log;

    sim_run_plugin(&(struct sim_config){.projects = 250, .cert = "expired"},
                   ARG_LIST("-T", TOKEN_FILE, "-k"), NULL, &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    expect_summary_contains(&result, "not verified");
    expect_summary_contains(&result, "2021-01-01T00:00:00Z");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

START_TEST(test_tls_insecure_explains_wrong_host)
{
    struct plugin_result result;
    struct sim_log log;

    run_at_localhost("wrong-host", NULL, ARG_LIST("--ca-file", CA_FILE, "-k"),
                     &result, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    expect_summary_contains(&result, "not verified");
    expect_summary_contains(&result, "lgtm.wrong.example");
    expect_summary_contains(&result, "other.wrong.example");
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

Suite *tls_suite(void)
{
    Suite *suite = suite_create("tls");
    TCase *test_case = tcase_create("certificate and handshake failures");

    tcase_set_timeout(test_case, TEST_TIMEOUT);
    tcase_add_test(test_case, test_tls_self_signed_names_subject);
    tcase_add_test(test_case, test_tls_incomplete_chain_names_intermediate);
    tcase_add_test(test_case, test_tls_complete_chain_ok);
    tcase_add_test(test_case, test_tls_wrong_host_names_both_sides);
    tcase_add_test(test_case, test_tls_ip_address_keeps_host_name);
    tcase_add_test(test_case, test_tls_not_yet_valid_names_date);
    tcase_add_test(test_case, test_tls_missing_ca_file_unknown);
    tcase_add_test(test_case, test_tls_ca_file_directory_unknown);
    tcase_add_test(test_case, test_tls_ca_file_not_pem_unknown);
    tcase_add_test(test_case, test_tls_missing_ca_path_unknown);
    tcase_add_test(test_case, test_tls_client_certificate_required_tls12);
    tcase_add_test(test_case, test_tls_missing_client_cert_unknown);
    tcase_add_test(test_case, test_tls_no_shared_version_critical);
    tcase_add_test(test_case, test_tls_expiry_within_critical_days);
    tcase_add_test(test_case, test_tls_expiry_beyond_warning_days);
    tcase_add_test(test_case, test_tls_insecure_explains_expiry);
    tcase_add_test(test_case, test_tls_insecure_explains_wrong_host);
    suite_add_tcase(suite, test_case);
    return suite;
}
