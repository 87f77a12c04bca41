/* Unit tests of output.c: the status line, its performance data and the
 * long output, written to a tmpfile() from hand-built outcomes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outcome_fixture.h"
#include "suites.h"

static char line_one[8192];

/* Write the output and keep its first line, without the newline. */
static const char *write_line_one(void)
{
    const char *output = fixture_write_output();
    size_t length = strcspn(output, "\n");

    ck_assert_msg(length < sizeof(line_one), "line 1 is %zu bytes", length);
    memcpy(line_one, output, length);
    line_one[length] = '\0';
    return line_one;
}

static size_t count_char(const char *text, char character)
{
    size_t count = 0;

    for (; *text != '\0'; text++) {
        if (*text == character)
            count++;
    }
    return count;
}

/* Return the performance data, the text after the '|' on line 1. */
static const char *perfdata(void)
{
    const char *pipe = strchr(line_one, '|');

    ck_assert_msg(pipe != NULL, "line 1 has no '|': %s", line_one);
    return pipe + 1;
}

static void assert_perfdata_has(const char *item)
{
    ck_assert_msg(strstr(perfdata(), item) != NULL, "perfdata lacks \"%s\": %s",
                  item, perfdata());
}

static void assert_perfdata_lacks(const char *item)
{
    ck_assert_msg(strstr(perfdata(), item) == NULL, "perfdata has \"%s\": %s",
                  item, perfdata());
}

/* Assert that exactly one line of the output starts with "LGTM ". */
static void assert_one_status_line(void)
{
    size_t status_lines = 0;
    const char *line = fixture.output;

    while (*line != '\0') {
        if (strncmp(line, "LGTM ", 5) == 0)
            status_lines++;
        const char *newline = strchr(line, '\n');
        if (newline == NULL)
            break;
        line = newline + 1;
    }
    ck_assert_msg(status_lines == 1, "%zu lines start with \"LGTM \": %s",
                  status_lines, fixture.output);
}

START_TEST(test_output_line_starts_with_state)
{
    fixture_listed(250, 3, 0.1);
    write_line_one();
    ck_assert_msg(strncmp(line_one, "LGTM OK: ", 9) == 0, "OK line 1 is: %s",
                  line_one);

    FIXTURE_OPTIONS("--projects-warning", "100");
    write_line_one();
    ck_assert_msg(strncmp(line_one, "LGTM WARNING: ", 14) == 0,
                  "WARNING line 1 is: %s", line_one);

    fixture_http(500, "oops");
    write_line_one();
    ck_assert_msg(strncmp(line_one, "LGTM CRITICAL: ", 15) == 0,
                  "CRITICAL line 1 is: %s", line_one);

    outcome_set_local(&fixture.outcome, "no token");
    write_line_one();
    ck_assert_msg(strncmp(line_one, "LGTM UNKNOWN: no token", 22) == 0,
                  "UNKNOWN line 1 is: %s", line_one);
}
END_TEST

START_TEST(test_output_one_pipe_in_line)
{
    fixture_listed(250, 3, 0.1);
    write_line_one();

    ck_assert_msg(count_char(line_one, '|') == 1, "line 1 has %zu '|': %s",
                  count_char(line_one, '|'), line_one);
    ck_assert_msg(strstr(line_one, " | ") != NULL,
                  "the '|' is not set off by spaces: %s", line_one);
}
END_TEST

START_TEST(test_output_projects_only_when_listed)
{
    fixture_listed(250, 3, 0.1);
    write_line_one();
    assert_perfdata_has("projects=250;;;0");

    fixture_http(500, "oops");
    write_line_one();
    assert_perfdata_lacks("projects=");
}
END_TEST

START_TEST(test_output_projects_carries_thresholds)
{
    FIXTURE_OPTIONS("--projects-warning", "100:", "--projects-critical",
                    "@0:10");
    fixture_listed(250, 3, 0.1);
    write_line_one();

    assert_perfdata_has("projects=250;100:;@0:10;0");
}
END_TEST

START_TEST(test_output_time_fixed_point)
{
    fixture_listed(250, 3, 0.00001);
    write_line_one();

    assert_perfdata_has("time=0.000010s");
    ck_assert_msg(strstr(line_one, "e-") == NULL, "line 1 has an exponent: %s",
                  line_one);
}
END_TEST

START_TEST(test_output_time_carries_thresholds)
{
    FIXTURE_OPTIONS("-w", "1", "-c", "2.5");
    fixture_listed(250, 3, 0.5);
    write_line_one();

    assert_perfdata_has("time=0.500000s;1;2.5;0");
}
END_TEST

START_TEST(test_output_pages_and_total_time)
{
    fixture_listed(250, 3, 0.25);
    write_line_one();

    assert_perfdata_has("pages=3");
    assert_perfdata_has("time_total=0.750000s");
}
END_TEST

START_TEST(test_output_first_request_timings)
{
    fixture_listed(250, 3, 0.1);
    write_line_one();

    assert_perfdata_has("time_connect=0.002000s");
    assert_perfdata_has("time_tls=0.011000s");
    assert_perfdata_has("time_firstbyte=0.040000s");
}
END_TEST

START_TEST(test_output_no_timings_without_request)
{
    outcome_set_local(&fixture.outcome, "no token");
    write_line_one();

    assert_perfdata_has("pages=0");
    assert_perfdata_lacks("time");
    assert_perfdata_lacks("projects=");
}
END_TEST

START_TEST(test_output_failure_keeps_timings)
{
    fixture_http(503, "busy");
    write_line_one();

    assert_perfdata_has("time=0.031000s");
    assert_perfdata_has("time_connect=");
    assert_perfdata_has("pages=0");
}
END_TEST

START_TEST(test_output_certificate_days)
{
    FIXTURE_OPTIONS("-C", "30,14");
    fixture_listed(250, 3, 0.1);
    fixture.outcome.tls_facts_available = true;
    fixture.outcome.tls.leaf.present = true;
    fixture.outcome.tls.leaf.days_left = 90;
    write_line_one();
    assert_perfdata_has("cert_days=90;30:;14:");

    fixture.outcome.tls_facts_available = false;
    write_line_one();
    assert_perfdata_lacks("cert_days");
}
END_TEST

START_TEST(test_output_forged_line_neutralized)
{
    fixture_http(500, "{\"error\": \"boom | x=1\\nLGTM OK: fake | a=1\\r\\n"
                      "\"}");
    write_line_one();

    ck_assert_msg(count_char(line_one, '|') == 1, "line 1 has %zu '|': %s",
                  count_char(line_one, '|'), line_one);
    assert_one_status_line();
    ck_assert_msg(strncmp(line_one, "LGTM CRITICAL: ", 15) == 0,
                  "line 1 is: %s", line_one);
    ck_assert_msg(strchr(fixture.output, '\r') == NULL,
                  "the output has a carriage return");
}
END_TEST

START_TEST(test_output_long_output_has_no_pipe)
{
    fixture_set_base("https://lgtm.example.com/a|b");
    fixture_http(500, "x");
    fixture.outcome.response.www_authenticate =
        strdup("Bearer error=\"a|b\"\nLGTM OK: fake");
    write_line_one();

    const char *rest = fixture.output + strlen(line_one);
    ck_assert_msg(strchr(rest, '|') == NULL, "the long output has a '|': %s",
                  rest);
    assert_one_status_line();
}
END_TEST

START_TEST(test_output_ends_with_newline)
{
    fixture_listed(250, 3, 0.1);
    const char *output = fixture_write_output();

    ck_assert_msg(fixture.output_length > 0 &&
                      output[fixture.output_length - 1] == '\n',
                  "the output does not end with a newline");
    ck_assert_msg(fixture.output_length < 2 ||
                      output[fixture.output_length - 2] != '\n',
                  "the output ends with an empty line");
}
END_TEST

/* Fill text with size - 1 letters and a NUL. */
static void fill_letters(char *text, size_t size, char first)
{
    for (size_t i = 0; i + 1 < size; i++)
        text[i] = (char)(first + (char)(i % 26));
    text[size - 1] = '\0';
}

START_TEST(test_output_capped_at_4000_bytes)
{
    /* Every part at its own limit: a long token file path and --url, a
     * huge WWW-Authenticate and full certificate facts. */
    static char path[2000];
    char base[500] = "https://";
    char *huge = malloc(20000);
    struct tls_facts *tls = &fixture.outcome.tls;

    ck_assert_msg(huge != NULL, "out of memory");
    fill_letters(huge, 20000, 'a');
    fill_letters(path, sizeof(path), 'a');
    fill_letters(base + 8, sizeof(base) - 8, 'A');

    FIXTURE_OPTIONS("-k");
    fixture_file_token();
    fixture.token.path = path;
    fixture.token.file_group_or_other_readable = true;
    fixture_set_base(base);
    fixture_http(403, "{\"error\": \"Missing required scopes: "
                      "[projects:read]\"}");
    fixture.outcome.response.www_authenticate = strdup(huge);
    memset(fixture.outcome.response.error, 'e',
           sizeof(fixture.outcome.response.error) - 1);
    free(fixture.outcome.request_url);
    fixture.outcome.request_url = strdup(base);
    fixture.outcome.tls_facts_available = true;
    tls->leaf.present = true;
    fill_letters(tls->leaf.subject, sizeof(tls->leaf.subject), 'a');
    fill_letters(tls->leaf.issuer, sizeof(tls->leaf.issuer), 'a');
    fill_letters(tls->leaf_names, sizeof(tls->leaf_names), 'a');
    tls->error = 10;
    fill_letters(tls->error_text, sizeof(tls->error_text), 'a');
    tls->failed.present = true;
    fill_letters(tls->failed.subject, sizeof(tls->failed.subject), 'a');
    write_line_one();
    free(huge);

    ck_assert_msg(fixture.output_length >= 3900,
                  "the test output is only %zu bytes, so it does not "
                  "reach the cap",
                  fixture.output_length);
    ck_assert_msg(fixture.output_length <= 4000,
                  "the output is %zu bytes, expected at most 4000",
                  fixture.output_length);
    ck_assert_msg(count_char(line_one, '|') == 1,
                  "line 1 of a capped output has %zu '|'",
                  count_char(line_one, '|'));
    assert_perfdata_has("pages=0");
}
END_TEST

START_TEST(test_output_plain_http_note)
{
    fixture_listed(250, 3, 0.01);
    fixture_set_base("http://lgtm.example.com");
    const char *output = fixture_write_output();

    ck_assert_msg(strstr(output, "travels unencrypted") != NULL,
                  "no note on a plain-http --url to another host:\n%s", output);
    ck_assert_msg(strstr(output, "lgtm.example.com") != NULL,
                  "the note does not name the host:\n%s", output);
}
END_TEST

START_TEST(test_output_loopback_http_no_note)
{
    static const char *const bases[] = {
        "http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080",
        "https://lgtm.example.com"};

    for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
        fixture_listed(250, 3, 0.01);
        fixture_set_base(bases[i]);
        const char *output = fixture_write_output();
        ck_assert_msg(strstr(output, "unencrypted") == NULL,
                      "a note for %s:\n%s", bases[i], output);
    }
}
END_TEST

Suite *output_suite(void)
{
    Suite *suite = suite_create("output");
    TCase *test_case = tcase_create("output_write");

    tcase_add_checked_fixture(test_case, fixture_setup, fixture_teardown);
    tcase_add_test(test_case, test_output_line_starts_with_state);
    tcase_add_test(test_case, test_output_plain_http_note);
    tcase_add_test(test_case, test_output_loopback_http_no_note);
    tcase_add_test(test_case, test_output_one_pipe_in_line);
    tcase_add_test(test_case, test_output_projects_only_when_listed);
    tcase_add_test(test_case, test_output_projects_carries_thresholds);
    tcase_add_test(test_case, test_output_time_fixed_point);
    tcase_add_test(test_case, test_output_time_carries_thresholds);
    tcase_add_test(test_case, test_output_pages_and_total_time);
    tcase_add_test(test_case, test_output_first_request_timings);
    tcase_add_test(test_case, test_output_no_timings_without_request);
    tcase_add_test(test_case, test_output_failure_keeps_timings);
    tcase_add_test(test_case, test_output_certificate_days);
    tcase_add_test(test_case, test_output_forged_line_neutralized);
    tcase_add_test(test_case, test_output_long_output_has_no_pipe);
    tcase_add_test(test_case, test_output_ends_with_newline);
    tcase_add_test(test_case, test_output_capped_at_4000_bytes);
    suite_add_tcase(suite, test_case);
    return suite;
}
