/* Unit tests of proxy.c: the proxy libcurl uses, from --proxy or from the
 * environment as libcurl reads it. */
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "proxy.h"
#include "suites.h"

static const char *const proxy_variables[] = {
    "https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy",
    "ALL_PROXY",   "no_proxy",    "NO_PROXY"};

static struct lgtm_options options;

static void setup(void)
{
    memset(&options, 0, sizeof(options));
    for (size_t i = 0; i < sizeof(proxy_variables) / sizeof(*proxy_variables);
         i++)
        unsetenv(proxy_variables[i]);
}

START_TEST(test_proxy_option_wins)
{
    setenv("https_proxy", "http://environment:3128", 1);
    options.proxy = "http://option:8080";
    ck_assert_str_eq(proxy_in_use(&options, "https://lgtm"),
                     "http://option:8080");
}
END_TEST

START_TEST(test_proxy_none_configured)
{
    ck_assert_msg(proxy_in_use(&options, "https://lgtm") == NULL,
                  "a proxy was found with no proxy configured");
}
END_TEST

START_TEST(test_proxy_https_variables_order)
{
    setenv("HTTPS_PROXY", "upper:1", 1);
    ck_assert_str_eq(proxy_in_use(&options, "https://lgtm"), "upper:1");
    setenv("https_proxy", "lower:1", 1);
    ck_assert_str_eq(proxy_in_use(&options, "https://lgtm"), "lower:1");
}
END_TEST

START_TEST(test_proxy_http_lower_case_only)
{
    setenv("HTTP_PROXY", "upper:1", 1);
    ck_assert_msg(proxy_in_use(&options, "http://lgtm") == NULL,
                  "HTTP_PROXY was used, which libcurl ignores");
    unsetenv("HTTP_PROXY");
    setenv("http_proxy", "lower:1", 1);
    ck_assert_str_eq(proxy_in_use(&options, "http://lgtm"), "lower:1");
    ck_assert_msg(proxy_in_use(&options, "https://lgtm") == NULL,
                  "http_proxy was used for an https URL");
}
END_TEST

START_TEST(test_proxy_all_proxy_fallback)
{
    setenv("ALL_PROXY", "every:1", 1);
    ck_assert_str_eq(proxy_in_use(&options, "https://lgtm"), "every:1");
    ck_assert_str_eq(proxy_in_use(&options, "http://lgtm"), "every:1");
}
END_TEST

START_TEST(test_proxy_no_proxy_excludes)
{
    setenv("https_proxy", "p:1", 1);
    setenv("no_proxy", "example.com, localhost", 1);
    ck_assert_msg(proxy_in_use(&options, "https://lgtm.example.com:8443") ==
                      NULL,
                  "no_proxy did not exclude a subdomain");
    ck_assert_msg(proxy_in_use(&options, "https://localhost:1") == NULL,
                  "no_proxy did not exclude localhost");
    ck_assert_str_eq(proxy_in_use(&options, "https://otherexample.com"), "p:1");
}
END_TEST

START_TEST(test_proxy_noproxy_option_overrides)
{
    setenv("https_proxy", "p:1", 1);
    setenv("no_proxy", "localhost", 1);
    options.noproxy = "other.example";
    ck_assert_str_eq(proxy_in_use(&options, "https://localhost:1"), "p:1");
}
END_TEST

START_TEST(test_proxy_excluded_forms)
{
    ck_assert(proxy_host_excluded("lgtm.example.com", "*"));
    ck_assert(proxy_host_excluded("lgtm.example.com", ".example.com"));
    ck_assert(proxy_host_excluded("LGTM.Example.com", "example.COM"));
    ck_assert(proxy_host_excluded("[::1]", "::1"));
    ck_assert(!proxy_host_excluded("lgtm.example.com", "ample.com"));
    ck_assert(!proxy_host_excluded("lgtm.example.com", ""));
    ck_assert(!proxy_host_excluded("lgtm.example.com", NULL));
}
END_TEST

Suite *proxy_suite(void)
{
    Suite *suite = suite_create("proxy");
    TCase *test_case = tcase_create("proxy_in_use");

    tcase_add_checked_fixture(test_case, setup, NULL);
    tcase_add_test(test_case, test_proxy_option_wins);
    tcase_add_test(test_case, test_proxy_none_configured);
    tcase_add_test(test_case, test_proxy_https_variables_order);
    tcase_add_test(test_case, test_proxy_http_lower_case_only);
    tcase_add_test(test_case, test_proxy_all_proxy_fallback);
    tcase_add_test(test_case, test_proxy_no_proxy_excludes);
    tcase_add_test(test_case, test_proxy_noproxy_option_overrides);
    tcase_add_test(test_case, test_proxy_excluded_forms);
    suite_add_tcase(suite, test_case);
    return suite;
}
