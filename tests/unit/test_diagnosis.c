/* Unit tests of the diagnosis: hand-built outcomes mapped to a state and
 * a summary that names the cause and the fix. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "outcome_fixture.h"
#include "suites.h"

static void assert_state(enum lgtm_state expected)
{
    ck_assert_msg(fixture.report.state == expected,
                  "state is %s, expected %s; summary: %s",
                  state_name(fixture.report.state), state_name(expected),
                  strbuf_text(&fixture.report.summary));
}

static void assert_summary_has(const char *fact)
{
    const char *summary = strbuf_text(&fixture.report.summary);

    ck_assert_msg(strstr(summary, fact) != NULL, "summary lacks \"%s\": %s",
                  fact, summary);
}

static void assert_summary_lacks(const char *text)
{
    const char *summary = strbuf_text(&fixture.report.summary);

    ck_assert_msg(strstr(summary, text) == NULL, "summary contains \"%s\": %s",
                  text, summary);
}

static void assert_details_have(const char *fact)
{
    const char *details = strbuf_text(&fixture.report.details);

    ck_assert_msg(strstr(details, fact) != NULL, "details lack \"%s\": %s",
                  fact, details);
}

/* Assert that neither the summary nor the details show the token. */
static void assert_token_hidden(void)
{
    ck_assert_msg(strstr(strbuf_text(&fixture.report.summary),
                         FIXTURE_TOKEN_VALUE) == NULL,
                  "summary shows the token: %s",
                  strbuf_text(&fixture.report.summary));
    ck_assert_msg(strstr(strbuf_text(&fixture.report.details),
                         FIXTURE_TOKEN_VALUE) == NULL,
                  "details show the token: %s",
                  strbuf_text(&fixture.report.details));
}

START_TEST(test_diagnosis_listed_is_ok)
{
    fixture_listed(250, 3, 0.120);
    fixture_diagnose();

    assert_state(STATE_OK);
    assert_summary_has("250 projects in 3 pages");
    assert_summary_lacks("at least");
}
END_TEST

START_TEST(test_diagnosis_listed_singular_counts)
{
    fixture_listed(1, 1, 0.05);
    fixture_diagnose();

    assert_state(STATE_OK);
    assert_summary_has("1 project in 1 page");
}
END_TEST

START_TEST(test_diagnosis_projects_warning_fires)
{
    FIXTURE_OPTIONS("--projects-warning", "100");
    fixture_listed(250, 3, 0.120);
    fixture_diagnose();

    assert_state(STATE_WARNING);
    assert_summary_has("project count 250");
    assert_summary_has("warning");
    assert_summary_has("250 projects in 3 pages");
}
END_TEST

START_TEST(test_diagnosis_projects_critical_fires)
{
    FIXTURE_OPTIONS("--projects-warning", "300", "--projects-critical", "200");
    fixture_listed(250, 3, 0.120);
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("critical");
    assert_summary_has("200");
}
END_TEST

START_TEST(test_diagnosis_time_warning_fires)
{
    FIXTURE_OPTIONS("-w", "1", "-c", "5");
    fixture_listed(250, 3, 2.5);
    fixture_diagnose();

    assert_state(STATE_WARNING);
    assert_summary_has("time 2.500 s");
    assert_summary_has("warning");
}
END_TEST

START_TEST(test_diagnosis_time_critical_fires)
{
    FIXTURE_OPTIONS("-w", "1", "-c", "2");
    fixture_listed(250, 3, 2.5);
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("time 2.500 s");
    assert_summary_has("critical");
}
END_TEST

START_TEST(test_diagnosis_both_ranges_critical_wins)
{
    FIXTURE_OPTIONS("-w", "1", "--projects-critical", "100");
    fixture_listed(250, 3, 2.5);
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("time 2.500 s");
    assert_summary_has("project count 250");
}
END_TEST

START_TEST(test_diagnosis_inside_range_fires)
{
    FIXTURE_OPTIONS("--projects-warning", "@200:300");
    fixture_listed(250, 3, 0.1);
    fixture_diagnose();
    assert_state(STATE_WARNING);
    assert_summary_has("inside");

    FIXTURE_OPTIONS("--projects-critical", "@0:10");
    fixture_diagnose();
    assert_state(STATE_OK);
}
END_TEST

START_TEST(test_diagnosis_ranges_not_firing_ok)
{
    FIXTURE_OPTIONS("-w", "5", "-c", "10", "--projects-warning",
                    "1:", "--projects-critical", "1:1000");
    fixture_listed(250, 3, 0.5);
    fixture_diagnose();

    assert_state(STATE_OK);
    assert_summary_lacks("range");
}
END_TEST

START_TEST(test_diagnosis_truncated_says_at_least)
{
    FIXTURE_OPTIONS("--max-pages", "3");
    fixture_listed(300, 3, 0.1);
    fixture.outcome.truncated = true;
    fixture_diagnose();

    assert_state(STATE_OK);
    assert_summary_has("at least 300 projects");
    assert_summary_has("--max-pages");
}
END_TEST

START_TEST(test_diagnosis_local_is_unknown)
{
    outcome_set_local(&fixture.outcome,
                      "cannot open token file /etc/lgtm.token: No such file "
                      "or directory");
    fixture_diagnose();

    assert_state(STATE_UNKNOWN);
    assert_summary_has("cannot open token file /etc/lgtm.token");
}
END_TEST

START_TEST(test_diagnosis_connect_failure_names_endpoint)
{
    fixture_set_base("https://lgtm.example.com:8443");
    fixture_transfer(CURLE_COULDNT_CONNECT,
                     "Failed to connect to lgtm.example.com port 8443 after "
                     "2 ms: Connection refused");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("lgtm.example.com");
    assert_summary_has("8443");
    assert_summary_has("Connection refused");
}
END_TEST

START_TEST(test_diagnosis_connect_failure_default_port)
{
    fixture_transfer(CURLE_COULDNT_CONNECT, "");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("lgtm.example.com port 443");
}
END_TEST

START_TEST(test_diagnosis_resolve_failure_names_host)
{
    fixture_set_base("https://lgtm.invalid");
    fixture_transfer(CURLE_COULDNT_RESOLVE_HOST,
                     "Could not resolve host: lgtm.invalid");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("lgtm.invalid");
    assert_summary_has("resolve");
}
END_TEST

START_TEST(test_diagnosis_peer_verification_names_fix)
{
    fixture_transfer(CURLE_PEER_FAILED_VERIFICATION,
                     "SSL certificate problem: unable to get local issuer "
                     "certificate");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("lgtm.example.com");
    assert_summary_has("--ca-file");
}
END_TEST

/* Set up a timed-out first request with the given stage timings. */
static void make_timeout(double connect, double tls, double first_byte)
{
    fixture_transfer(CURLE_OPERATION_TIMEDOUT,
                     "Operation timed out after 10000 milliseconds");
    fixture.outcome.response.timings.connect = connect;
    fixture.outcome.response.timings.tls = tls;
    fixture.outcome.response.timings.first_byte = first_byte;
    fixture.outcome.response.timings.total = 10.0;
    fixture.outcome.total_time = 10.0;
    fixture.outcome.first = fixture.outcome.response.timings;
}

START_TEST(test_diagnosis_timeout_while_connecting)
{
    make_timeout(0, 0, 0);
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("connecting");
    assert_summary_has("-t");
}
END_TEST

START_TEST(test_diagnosis_timeout_in_tls_handshake)
{
    make_timeout(0.002, 0, 0);
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("TLS handshake");
}
END_TEST

START_TEST(test_diagnosis_timeout_waiting_first_byte)
{
    make_timeout(0.002, 0.011, 0);
    fixture_diagnose();

    assert_summary_has("first byte");
}
END_TEST

START_TEST(test_diagnosis_timeout_plain_http_skips_tls)
{
    fixture_set_base("http://lgtm.example.com");
    make_timeout(0.002, 0, 0);
    fixture_diagnose();

    assert_summary_has("first byte");
    assert_summary_lacks("TLS");
}
END_TEST

START_TEST(test_diagnosis_timeout_reading_body)
{
    make_timeout(0.002, 0.011, 0.040);
    fixture_diagnose();

    assert_summary_has("reading");
}
END_TEST

START_TEST(test_diagnosis_timeout_uses_t_state)
{
    FIXTURE_OPTIONS("-t", "10:unknown");
    make_timeout(0, 0, 0);
    fixture_diagnose();
    assert_state(STATE_UNKNOWN);

    FIXTURE_OPTIONS("-t", "10:warning");
    fixture_diagnose();
    assert_state(STATE_WARNING);
}
END_TEST

START_TEST(test_diagnosis_timeout_upper_case_scheme)
{
    /* url_normalize_base accepts HTTPS:// and keeps it as given. */
    fixture_set_base("HTTPS://lgtm.example.com");
    make_timeout(0.002, 0, 0);
    fixture_diagnose();

    assert_summary_has("TLS handshake");
}
END_TEST

START_TEST(test_diagnosis_body_too_large)
{
    fixture_transfer(CURLE_WRITE_ERROR, "Failure writing output");
    fixture.outcome.response.body_too_large = true;
    fixture.outcome.failed_page = 2;
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("16777216");
    assert_summary_has("--max-body-size");
    assert_summary_has("page 2");
}
END_TEST

START_TEST(test_diagnosis_budget_uses_t_state)
{
    fixture_listed(200, 2, 0.1);
    fixture.outcome.kind = OUTCOME_BUDGET;
    fixture.outcome.failed_page = 3;
    fixture_diagnose();
    assert_state(STATE_CRITICAL);
    assert_summary_has("page 3");
    assert_summary_has("-t");

    FIXTURE_OPTIONS("-t", "5:warning");
    fixture_diagnose();
    assert_state(STATE_WARNING);
}
END_TEST

START_TEST(test_diagnosis_missing_scope_names_scope)
{
    fixture_file_token();
    fixture_http(403, "{\"code\": 403, \"error\": \"Missing required "
                      "scopes: [projects:read]\"}");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("projects:read");
    assert_summary_has("token file " FIXTURE_TOKEN_PATH);
    assert_summary_has("21 characters");
    assert_summary_has("Create token");
    assert_token_hidden();
}
END_TEST

START_TEST(test_diagnosis_scope_from_www_authenticate)
{
    fixture_file_token();
    fixture_http(403, NULL);
    fixture.outcome.response.www_authenticate =
        strdup("Bearer realm=\"lgtm\", error=\"insufficient_scope\", "
               "scope=\"projects:read\"");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("projects:read");
    assert_token_hidden();
}
END_TEST

START_TEST(test_diagnosis_invalid_token_names_source)
{
    fixture_file_token();
    fixture_http(401, "{\"code\": 401, \"error\": \"The authorization token "
                      "you provided was not valid.\"}");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("token file " FIXTURE_TOKEN_PATH);
    assert_summary_has("21 characters");
    assert_summary_has("not valid");
    assert_token_hidden();
}
END_TEST

START_TEST(test_diagnosis_missing_token_hints_proxy)
{
    fixture_file_token();
    fixture_http(401, "{\"code\": 401, \"error\": \"An authorization token "
                      "must be provided to access this part of the "
                      "API.\"}");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("proxy");
    assert_summary_has("Authorization");
    assert_token_hidden();
}
END_TEST

START_TEST(test_diagnosis_other_403_shows_message)
{
    fixture_file_token();
    fixture_http(403, "{\"error\": \"Access from 192.0.2.7 is not "
                      "allowed\"}");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("403");
    assert_summary_has("Access from 192.0.2.7 is not allowed");
    assert_token_hidden();
}
END_TEST

START_TEST(test_diagnosis_not_found_names_url)
{
    fixture_http(404, "<html><body>Not Found</body></html>");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("404");
    assert_summary_has(FIXTURE_REQUEST_URL);
}
END_TEST

START_TEST(test_diagnosis_redirect_names_location)
{
    fixture_http(302, NULL);
    fixture.outcome.response.location =
        strdup("https://sso.example.com/login?next=%2Fapi");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("302");
    assert_summary_has("https://sso.example.com/login?next=%2Fapi");
}
END_TEST

START_TEST(test_diagnosis_rate_limit_is_warning)
{
    fixture_http(429, "{\"error\": \"Too many requests\"}");
    fixture.outcome.response.retry_after = strdup("120");
    fixture_diagnose();

    assert_state(STATE_WARNING);
    assert_summary_has("429");
    assert_summary_has("120");
}
END_TEST

START_TEST(test_diagnosis_server_error_critical)
{
    fixture_http(500, "{\"message\": \"database unavailable\"}");
    fixture_diagnose();
    assert_state(STATE_CRITICAL);
    assert_summary_has("500");
    assert_summary_has("database unavailable");

    fixture_http(503, "LGTM is starting up");
    fixture_diagnose();
    assert_state(STATE_CRITICAL);
    assert_summary_has("503");
    assert_summary_has("LGTM is starting up");
}
END_TEST

START_TEST(test_diagnosis_html_body_names_title)
{
    fixture_http(200, "<!DOCTYPE html><html><head><TITLE>Sign in | "
                      "Example SSO</TITLE></head><body>...</body></html>");
    fixture.outcome.kind = OUTCOME_BODY;
    fixture.outcome.response.content_type = strdup("text/html; charset=utf-8");
    snprintf(fixture.outcome.message, sizeof(fixture.outcome.message),
             "body is not JSON");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("text/html");
    assert_summary_has("Sign in / Example SSO");
    assert_summary_has("--url");
}
END_TEST

START_TEST(test_diagnosis_json_without_data)
{
    struct api_page page;

    fixture_http(200, "{\"projects\": []}");
    fixture.outcome.kind = OUTCOME_BODY;
    fixture.outcome.response.content_type = strdup("application/json");
    ck_assert_msg(api_parse_page(fixture.outcome.body_excerpt,
                                 fixture.outcome.body_excerpt_length, &page,
                                 fixture.outcome.message,
                                 sizeof(fixture.outcome.message)) == -1,
                  "a page without data was accepted");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("\"data\"");
    assert_summary_has("page 1");
}
END_TEST

START_TEST(test_diagnosis_body_without_content_type)
{
    fixture_http(200, "plain words");
    fixture.outcome.kind = OUTCOME_BODY;
    snprintf(fixture.outcome.message, sizeof(fixture.outcome.message),
             "body is not JSON");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("Content-Type");
}
END_TEST

START_TEST(test_diagnosis_loop_is_critical)
{
    fixture_listed(200, 2, 0.1);
    fixture.outcome.kind = OUTCOME_LOOP;
    fixture.outcome.failed_page = 3;
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("loop");
    assert_summary_has("nextPageUrl");
}
END_TEST

START_TEST(test_diagnosis_insecure_is_noted)
{
    FIXTURE_OPTIONS("-k");
    fixture_listed(250, 3, 0.1);
    fixture_diagnose();

    assert_state(STATE_OK);
    assert_summary_has("--insecure");
    assert_details_have("--insecure");
}
END_TEST

START_TEST(test_diagnosis_details_name_token_source)
{
    fixture_file_token();
    fixture_listed(250, 3, 0.1);
    fixture_diagnose();

    assert_details_have("token file " FIXTURE_TOKEN_PATH);
    assert_details_have("21 characters");
    assert_details_have(FIXTURE_URL);
    assert_token_hidden();
}
END_TEST

START_TEST(test_diagnosis_details_warn_readable_file)
{
    fixture_file_token();
    fixture.token.file_group_or_other_readable = true;
    fixture_listed(250, 3, 0.1);
    fixture_diagnose();

    assert_details_have("chmod 600");
}
END_TEST

/* Record a verified server certificate with days_left days to go. */
static void make_certificate(long days_left)
{
    struct tls_certificate *leaf = &fixture.outcome.tls.leaf;

    fixture.outcome.tls_facts_available = true;
    leaf->present = true;
    leaf->days_left = days_left;
    snprintf(leaf->subject, sizeof(leaf->subject), "CN=lgtm.example.com");
    snprintf(leaf->issuer, sizeof(leaf->issuer), "CN=Example CA");
    snprintf(leaf->not_after, sizeof(leaf->not_after), "2031-05-04T12:00:00Z");
}

START_TEST(test_diagnosis_certificate_days_fire)
{
    FIXTURE_OPTIONS("-C", "30,14");
    fixture_listed(250, 3, 0.1);
    make_certificate(20);
    fixture_diagnose();
    assert_state(STATE_WARNING);
    assert_summary_has("20 days");
    assert_summary_has("2031-05-04");
    assert_summary_has("250 projects");

    make_certificate(10);
    fixture_diagnose();
    assert_state(STATE_CRITICAL);
    assert_summary_has("10 days");
}
END_TEST

START_TEST(test_diagnosis_certificate_days_quiet)
{
    FIXTURE_OPTIONS("-C", "30,14");
    fixture_listed(250, 3, 0.1);
    make_certificate(30);
    fixture_diagnose();
    assert_state(STATE_OK);

    FIXTURE_OPTIONS("-w", "5");
    make_certificate(2);
    fixture_diagnose();
    assert_state(STATE_OK);
}
END_TEST

START_TEST(test_diagnosis_ca_file_is_local)
{
    FIXTURE_OPTIONS("--ca-file", "/etc/ssl/lgtm-ca.pem");
    fixture_transfer(CURLE_SSL_CACERT_BADFILE,
                     "error setting certificate file: /etc/ssl/lgtm-ca.pem");
    fixture_diagnose();

    assert_state(STATE_UNKNOWN);
    assert_summary_has("--ca-file");
    assert_summary_has("/etc/ssl/lgtm-ca.pem");
}
END_TEST

START_TEST(test_diagnosis_client_certificate_is_local)
{
    FIXTURE_OPTIONS("-J", "/etc/lgtm/client.pem");
    fixture_transfer(CURLE_SSL_CERTPROBLEM,
                     "could not load PEM client certificate");
    fixture_diagnose();

    assert_state(STATE_UNKNOWN);
    assert_summary_has("/etc/lgtm/client.pem");
}
END_TEST

START_TEST(test_diagnosis_proxy_tunnel_refused)
{
    FIXTURE_OPTIONS("--proxy", "http://proxy.example.com:3128");
    fixture_transfer(CURLE_COULDNT_CONNECT,
                     "CONNECT tunnel failed, response 403");
    fixture.outcome.response.proxy_connect_status = 403;
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("proxy");
    assert_summary_has("403");
    assert_summary_has("lgtm.example.com");
}
END_TEST

START_TEST(test_diagnosis_proxy_resolve_failure)
{
    FIXTURE_OPTIONS("--proxy", "http://proxy.example.com:3128");
    fixture_transfer(CURLE_COULDNT_RESOLVE_PROXY,
                     "Could not resolve proxy: proxy.example.com");
    fixture_diagnose();

    assert_state(STATE_CRITICAL);
    assert_summary_has("proxy.example.com");
}
END_TEST

START_TEST(test_diagnosis_token_never_in_report)
{
    static const char *const bodies[] = {
        "{\"error\": \"Missing required scopes: [projects:read]\"}",
        "{\"error\": \"The authorization token you provided was not "
        "valid.\"}",
        "{\"error\": \"An authorization token must be provided to access "
        "this part of the API.\"}",
        "{\"message\": \"denied\"}",
        "",
        NULL};

    fixture_file_token();
    for (size_t i = 0; bodies[i] != NULL; i++) {
        fixture_http(i % 2 == 0 ? 401 : 403, bodies[i]);
        fixture_diagnose();
        assert_token_hidden();
    }
}
END_TEST

START_TEST(test_diagnosis_plain_http_on_tls_port)
{
    fixture_transfer(CURLE_SSL_CONNECT_ERROR,
                     "OpenSSL/3.0.22: error:0A00010B:SSL routines::wrong "
                     "version number");
    fixture_diagnose();
    assert_state(STATE_CRITICAL);
    assert_summary_has("does not speak TLS");
    assert_summary_has("http://");
}
END_TEST

START_TEST(test_diagnosis_client_certificate_rejected)
{
    FIXTURE_OPTIONS("-J", "/etc/nagios/client.pem");
    fixture_transfer(CURLE_RECV_ERROR,
                     "OpenSSL SSL_read: OpenSSL/3.0.22: error:0A000418:SSL "
                     "routines::tlsv1 alert unknown ca, errno 0");
    fixture_diagnose();
    assert_state(STATE_CRITICAL);
    assert_summary_has("rejected the client certificate "
                       "/etc/nagios/client.pem");
    assert_summary_has("tlsv1 alert unknown ca");
    assert_summary_lacks("routines::");
}
END_TEST

START_TEST(test_diagnosis_no_shared_version_named)
{
    fixture_transfer(CURLE_SSL_CONNECT_ERROR,
                     "OpenSSL/3.0.22: error:0A00042E:SSL routines::tlsv1 "
                     "alert protocol version");
    fixture.outcome.tls_facts_available = true;
    fixture.outcome.tls.client_min_version = 0x0304; /* TLS1_3_VERSION */
    fixture_diagnose();
    assert_summary_has("none of the TLS versions this client allows");
    assert_summary_has("TLSv1.3 to TLSv1.3");
}
END_TEST

START_TEST(test_diagnosis_expired_days_ago)
{
    FIXTURE_OPTIONS("-k", "-C", "30,14");
    fixture_listed(5, 1, 0.01);
    fixture.outcome.tls_facts_available = true;
    fixture.outcome.tls.leaf.present = true;
    fixture.outcome.tls.leaf.days_left = -2164;
    fixture_diagnose();
    assert_state(STATE_CRITICAL);
    assert_summary_has("expired 2164 days ago");
    assert_summary_lacks("expires in -");
}
END_TEST

Suite *diagnosis_suite(void)
{
    Suite *suite = suite_create("diagnosis");
    TCase *listed = tcase_create("listed");
    TCase *transfer = tcase_create("transfer");
    TCase *http = tcase_create("http and body");
    TCase *handshake = tcase_create("handshake");

    tcase_add_checked_fixture(handshake, fixture_setup, fixture_teardown);
    tcase_add_test(handshake, test_diagnosis_plain_http_on_tls_port);
    tcase_add_test(handshake, test_diagnosis_client_certificate_rejected);
    tcase_add_test(handshake, test_diagnosis_no_shared_version_named);
    tcase_add_test(handshake, test_diagnosis_expired_days_ago);
    suite_add_tcase(suite, handshake);

    tcase_add_checked_fixture(listed, fixture_setup, fixture_teardown);
    tcase_add_test(listed, test_diagnosis_listed_is_ok);
    tcase_add_test(listed, test_diagnosis_listed_singular_counts);
    tcase_add_test(listed, test_diagnosis_projects_warning_fires);
    tcase_add_test(listed, test_diagnosis_projects_critical_fires);
    tcase_add_test(listed, test_diagnosis_time_warning_fires);
    tcase_add_test(listed, test_diagnosis_time_critical_fires);
    tcase_add_test(listed, test_diagnosis_both_ranges_critical_wins);
    tcase_add_test(listed, test_diagnosis_inside_range_fires);
    tcase_add_test(listed, test_diagnosis_ranges_not_firing_ok);
    tcase_add_test(listed, test_diagnosis_truncated_says_at_least);
    tcase_add_test(listed, test_diagnosis_local_is_unknown);
    tcase_add_test(listed, test_diagnosis_insecure_is_noted);
    tcase_add_test(listed, test_diagnosis_details_name_token_source);
    tcase_add_test(listed, test_diagnosis_details_warn_readable_file);
    tcase_add_test(listed, test_diagnosis_loop_is_critical);
    tcase_add_test(listed, test_diagnosis_certificate_days_fire);
    tcase_add_test(listed, test_diagnosis_certificate_days_quiet);
    suite_add_tcase(suite, listed);

    tcase_add_checked_fixture(transfer, fixture_setup, fixture_teardown);
    tcase_add_test(transfer, test_diagnosis_connect_failure_names_endpoint);
    tcase_add_test(transfer, test_diagnosis_connect_failure_default_port);
    tcase_add_test(transfer, test_diagnosis_resolve_failure_names_host);
    tcase_add_test(transfer, test_diagnosis_peer_verification_names_fix);
    tcase_add_test(transfer, test_diagnosis_timeout_while_connecting);
    tcase_add_test(transfer, test_diagnosis_timeout_in_tls_handshake);
    tcase_add_test(transfer, test_diagnosis_timeout_waiting_first_byte);
    tcase_add_test(transfer, test_diagnosis_timeout_plain_http_skips_tls);
    tcase_add_test(transfer, test_diagnosis_timeout_reading_body);
    tcase_add_test(transfer, test_diagnosis_timeout_uses_t_state);
    tcase_add_test(transfer, test_diagnosis_timeout_upper_case_scheme);
    tcase_add_test(transfer, test_diagnosis_body_too_large);
    tcase_add_test(transfer, test_diagnosis_budget_uses_t_state);
    tcase_add_test(transfer, test_diagnosis_ca_file_is_local);
    tcase_add_test(transfer, test_diagnosis_client_certificate_is_local);
    tcase_add_test(transfer, test_diagnosis_proxy_tunnel_refused);
    tcase_add_test(transfer, test_diagnosis_proxy_resolve_failure);
    suite_add_tcase(suite, transfer);

    tcase_add_checked_fixture(http, fixture_setup, fixture_teardown);
    tcase_add_test(http, test_diagnosis_missing_scope_names_scope);
    tcase_add_test(http, test_diagnosis_scope_from_www_authenticate);
    tcase_add_test(http, test_diagnosis_invalid_token_names_source);
    tcase_add_test(http, test_diagnosis_missing_token_hints_proxy);
    tcase_add_test(http, test_diagnosis_other_403_shows_message);
    tcase_add_test(http, test_diagnosis_not_found_names_url);
    tcase_add_test(http, test_diagnosis_redirect_names_location);
    tcase_add_test(http, test_diagnosis_rate_limit_is_warning);
    tcase_add_test(http, test_diagnosis_server_error_critical);
    tcase_add_test(http, test_diagnosis_html_body_names_title);
    tcase_add_test(http, test_diagnosis_json_without_data);
    tcase_add_test(http, test_diagnosis_body_without_content_type);
    tcase_add_test(http, test_diagnosis_token_never_in_report);
    suite_add_tcase(suite, http);
    return suite;
}
