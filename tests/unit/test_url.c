/* Unit tests of url.c: normalizing --url to a base and building the
 * projects request URL from it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "suites.h"

static char *current_base;
static char current_error[512];

static void teardown(void)
{
    free(current_base);
    current_base = NULL;
}

static int normalize(const char *input)
{
    free(current_base);
    current_base = NULL;
    current_error[0] = '\0';
    return url_normalize_base(input, &current_base, current_error,
                              sizeof(current_error));
}

static void assert_base(const char *input, const char *expected)
{
    ck_assert_msg(normalize(input) == 0, "--url \"%s\" rejected: %s", input,
                  current_error);
    ck_assert_msg(current_base != NULL, "--url \"%s\" gave no base", input);
    ck_assert_msg(strcmp(current_base, expected) == 0,
                  "--url \"%s\" normalized to \"%s\", expected \"%s\"", input,
                  current_base, expected);
}

/* Assert that input is rejected with an error containing expected. */
static void assert_url_rejected(const char *input, const char *expected)
{
    ck_assert_msg(normalize(input) == -1, "--url \"%s\" accepted as \"%s\"",
                  input, current_base ? current_base : "(null)");
    ck_assert_msg(current_base == NULL,
                  "--url \"%s\" left a base after an error", input);
    ck_assert_msg(strstr(current_error, expected) != NULL,
                  "error for \"%s\" lacks \"%s\": %s", input, expected,
                  current_error);
}

START_TEST(test_url_plain_base_unchanged)
{
    assert_base("https://lgtm.example.com", "https://lgtm.example.com");
    assert_base("http://lgtm.example.com:8080", "http://lgtm.example.com:8080");
}
END_TEST

START_TEST(test_url_trailing_slashes_stripped)
{
    assert_base("https://lgtm.example.com/", "https://lgtm.example.com");
    assert_base("https://lgtm.example.com///", "https://lgtm.example.com");
}
END_TEST

START_TEST(test_url_api_suffixes_stripped)
{
    static const char *const inputs[] = {
        "https://lgtm.example.com/api/v1.0",
        "https://lgtm.example.com/api/v1.0/",
        "https://lgtm.example.com/api/v1.0/projects",
        "https://lgtm.example.com/api/v1.0/projects/",
        "https://lgtm.example.com/api/v1.0//"};

    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
        assert_base(inputs[i], "https://lgtm.example.com");
}
END_TEST

START_TEST(test_url_path_prefix_kept)
{
    assert_base("https://h.example.com/lgtm", "https://h.example.com/lgtm");
    assert_base("https://h.example.com/lgtm/", "https://h.example.com/lgtm");
    assert_base("https://h.example.com/lgtm/api/v1.0/projects",
                "https://h.example.com/lgtm");
}
END_TEST

START_TEST(test_url_ipv6_literal_with_port)
{
    assert_base("https://[::1]:8443", "https://[::1]:8443");
    assert_base("https://[2001:db8::7]/api/v1.0", "https://[2001:db8::7]");
}
END_TEST

START_TEST(test_url_upper_case_scheme)
{
    ck_assert_msg(normalize("HTTPS://lgtm.example.com") == 0,
                  "an upper-case scheme was rejected: %s", current_error);
    ck_assert_msg(normalize("Http://lgtm.example.com") == 0,
                  "a mixed-case scheme was rejected: %s", current_error);
}
END_TEST

START_TEST(test_url_other_scheme_rejected)
{
    assert_url_rejected("ftp://lgtm.example.com", "ftp://lgtm.example.com");
    assert_url_rejected("file:///etc/passwd", "https://");
}
END_TEST

START_TEST(test_url_missing_scheme_rejected)
{
    assert_url_rejected("lgtm.example.com", "lgtm.example.com");
    assert_url_rejected("//lgtm.example.com", "https://");
    assert_url_rejected("", "https://");
}
END_TEST

START_TEST(test_url_query_or_fragment_rejected)
{
    assert_url_rejected("https://lgtm.example.com/?limit=10", "query");
    assert_url_rejected("https://lgtm.example.com/api/v1.0/projects?x=1",
                        "query");
    assert_url_rejected("https://lgtm.example.com/#top", "fragment");
}
END_TEST

START_TEST(test_url_user_info_rejected)
{
    assert_url_rejected("https://monitor@lgtm.example.com", "user");
    ck_assert_msg(normalize("https://monitor:hunter2@lgtm.example.com") == -1,
                  "a URL with a password was accepted");
    ck_assert_msg(strstr(current_error, "hunter2") == NULL,
                  "error repeats the password: %s", current_error);
}
END_TEST

START_TEST(test_url_empty_host_rejected)
{
    assert_url_rejected("https://", "https://");
    assert_url_rejected("https:///", "https://");
    assert_url_rejected("https://:8443", "https://:8443");
    assert_url_rejected("https:///api/v1.0", "https://");
}
END_TEST

START_TEST(test_url_malformed_rejected)
{
    assert_url_rejected("https://lgtm.example.com:99999", "99999");
    assert_url_rejected("https://lgtm.example.com/a b", "position 27");
    assert_url_rejected("https://lgtm\xff.example.com", "non-ASCII byte");
    assert_url_rejected("https://lgtm.example.com/\r\nX: 1",
                        "control character");
}
END_TEST

START_TEST(test_url_projects_without_start)
{
    char *url = url_projects("https://lgtm.example.com/lgtm", NULL);

    ck_assert_msg(url != NULL, "url_projects returned NULL");
    ck_assert_msg(strcmp(url, "https://lgtm.example.com/lgtm/api/v1.0/"
                              "projects?limit=100") == 0,
                  "first page URL is \"%s\"", url);
    free(url);
}
END_TEST

START_TEST(test_url_projects_with_start)
{
    char *url = url_projects("https://[::1]:8443", "CAES%2Bab");

    ck_assert_msg(url != NULL, "url_projects returned NULL");
    ck_assert_msg(strcmp(url, "https://[::1]:8443/api/v1.0/projects?"
                              "limit=100&start=CAES%2Bab") == 0,
                  "next page URL is \"%s\"", url);
    free(url);
}
END_TEST

START_TEST(test_url_empty_host_named)
{
    assert_url_rejected("https:///lgtm", "host name is missing");
    assert_url_rejected("https://", "host name is missing");
}
END_TEST

START_TEST(test_url_error_masks_password)
{
    assert_url_rejected("https://admin:secret@lgtm.example.com/?x=1",
                        "https://***@lgtm.example.com/?x=1");
    ck_assert_msg(strstr(current_error, "secret") == NULL,
                  "the password leaked into: %s", current_error);
    assert_url_rejected("ftp://admin:secret@lgtm.example.com", "***");
    ck_assert_msg(strstr(current_error, "secret") == NULL,
                  "the password leaked into: %s", current_error);
}
END_TEST

Suite *url_suite(void)
{
    Suite *suite = suite_create("url");
    TCase *test_case = tcase_create("url");

    tcase_add_checked_fixture(test_case, NULL, teardown);
    tcase_add_test(test_case, test_url_plain_base_unchanged);
    tcase_add_test(test_case, test_url_trailing_slashes_stripped);
    tcase_add_test(test_case, test_url_api_suffixes_stripped);
    tcase_add_test(test_case, test_url_path_prefix_kept);
    tcase_add_test(test_case, test_url_ipv6_literal_with_port);
    tcase_add_test(test_case, test_url_upper_case_scheme);
    tcase_add_test(test_case, test_url_other_scheme_rejected);
    tcase_add_test(test_case, test_url_missing_scheme_rejected);
    tcase_add_test(test_case, test_url_query_or_fragment_rejected);
    tcase_add_test(test_case, test_url_user_info_rejected);
    tcase_add_test(test_case, test_url_empty_host_rejected);
    tcase_add_test(test_case, test_url_malformed_rejected);
    tcase_add_test(test_case, test_url_projects_without_start);
    tcase_add_test(test_case, test_url_projects_with_start);
    tcase_add_test(test_case, test_url_empty_host_named);
    tcase_add_test(test_case, test_url_error_masks_password);
    suite_add_tcase(suite, test_case);
    return suite;
}
