/* Unit tests of trace.c: the -vvv trace line filter, which redacts
 * credentials and sanitizes everything else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"
#include "suites.h"

static char current_output[4096];

/* Write one trace line through a tmpfile() and store what came out. */
static const char *trace(const char *prefix, const char *line)
{
    FILE *stream = tmpfile();

    ck_assert_msg(stream != NULL, "tmpfile() failed");
    trace_write_line(stream, prefix, line, strlen(line));
    rewind(stream);
    size_t length =
        fread(current_output, 1, sizeof(current_output) - 1, stream);
    current_output[length] = '\0';
    fclose(stream);
    return current_output;
}

static size_t count_lines(const char *text)
{
    size_t lines = 0;

    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '\n')
            lines++;
    }
    return lines;
}

/* Assert that a credential header line is printed with its name and
 * "[redacted]" in place of the value. */
static void assert_redacted(const char *line, const char *name)
{
    const char *output = trace(">", line);

    ck_assert_msg(strstr(output, "[redacted]") != NULL,
                  "\"%s\" printed without [redacted]: %s", name, output);
    ck_assert_msg(strstr(output, "SECRET") == NULL,
                  "\"%s\" printed its credential: %s", name, output);
    ck_assert_msg(strstr(output, name) != NULL,
                  "\"%s\" printed without its header name: %s", name, output);
    ck_assert_msg(count_lines(output) == 1,
                  "\"%s\" printed %zu lines, expected 1: %s", name,
                  count_lines(output), output);
}

START_TEST(test_trace_authorization_redacted)
{
    assert_redacted("Authorization: Bearer SECRET0123456789\r\n",
                    "Authorization");
}
END_TEST

START_TEST(test_trace_header_name_any_case)
{
    assert_redacted("authorization: Bearer SECRET01\r\n", "authorization");
    assert_redacted("AUTHORIZATION: Bearer SECRET01\r\n", "AUTHORIZATION");
    assert_redacted("AuThOrIzAtIoN:Bearer SECRET01", "AuThOrIzAtIoN");
}
END_TEST

START_TEST(test_trace_proxy_authorization_redacted)
{
    assert_redacted("Proxy-Authorization: Basic SECRETdXNlcjpwYXNz\r\n",
                    "Proxy-Authorization");
    assert_redacted("proxy-authorization: Bearer SECRET01\r\n",
                    "proxy-authorization");
}
END_TEST

START_TEST(test_trace_other_headers_sanitized)
{
    const char *output = trace("<", "X-Note: a|b\x1b[31m red\x1b[0m\xff\r\n");

    ck_assert_msg(strstr(output, "X-Note: a/b") != NULL,
                  "'|' in a header was not replaced: %s", output);
    ck_assert_msg(strchr(output, '\x1b') == NULL,
                  "an escape character reached the trace: %s", output);
    ck_assert_msg(strchr(output, '\r') == NULL,
                  "a carriage return reached the trace: %s", output);
    ck_assert_msg(strchr(output, '\xff') == NULL,
                  "an invalid UTF-8 byte reached the trace: %s", output);
    ck_assert_msg(count_lines(output) == 1, "one header printed %zu lines: %s",
                  count_lines(output), output);
}
END_TEST

START_TEST(test_trace_line_carries_prefix)
{
    const char *output = trace(">", "Accept: application/json\r\n");

    ck_assert_msg(strcmp(output, "check_lgtm: > Accept: application/json\n") ==
                      0,
                  "trace line is \"%s\"", output);
}
END_TEST

START_TEST(test_trace_similar_name_kept)
{
    /* Only the credential headers are redacted. */
    const char *output = trace("<", "Authorization-Info: nextnonce=x\r\n");

    ck_assert_msg(strstr(output, "nextnonce=x") != NULL,
                  "a header that only starts like Authorization was "
                  "redacted: %s",
                  output);
}
END_TEST

START_TEST(test_trace_long_line_cut)
{
    char line[5000];

    memset(line, 'a', sizeof(line) - 1);
    line[sizeof(line) - 1] = '\0';
    const char *output = trace("*", line);

    ck_assert_msg(strlen(output) < 1200, "a 5000-byte line printed %zu bytes",
                  strlen(output));
    ck_assert_msg(count_lines(output) == 1, "a long line printed %zu lines",
                  count_lines(output));
}
END_TEST

START_TEST(test_trace_blank_line_skipped)
{
    const char *output = trace("<", "\r\n");

    ck_assert_msg(output[0] == '\0',
                  "the blank line after headers printed \"%s\"", output);
}
END_TEST

Suite *trace_suite(void)
{
    Suite *suite = suite_create("trace");
    TCase *test_case = tcase_create("trace_write_line");

    tcase_add_test(test_case, test_trace_authorization_redacted);
    tcase_add_test(test_case, test_trace_header_name_any_case);
    tcase_add_test(test_case, test_trace_proxy_authorization_redacted);
    tcase_add_test(test_case, test_trace_other_headers_sanitized);
    tcase_add_test(test_case, test_trace_line_carries_prefix);
    tcase_add_test(test_case, test_trace_similar_name_kept);
    tcase_add_test(test_case, test_trace_long_line_cut);
    tcase_add_test(test_case, test_trace_blank_line_skipped);
    suite_add_tcase(suite, test_case);
    return suite;
}
