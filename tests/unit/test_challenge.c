/* Unit tests of challenge.c: the RFC 6750 Bearer challenge of a
 * WWW-Authenticate header. */
#include <string.h>

#include "challenge.h"
#include "suites.h"

static struct bearer_challenge parsed;

START_TEST(test_challenge_quoted_parameters)
{
    challenge_parse("Bearer realm=\"lgtm\", error=\"insufficient_scope\", "
                    "scope=\"projects:read repos:read\"",
                    &parsed);
    ck_assert_msg(parsed.found, "the Bearer challenge was not found");
    ck_assert_str_eq(parsed.error, "insufficient_scope");
    ck_assert_str_eq(parsed.scope, "projects:read repos:read");
}
END_TEST

START_TEST(test_challenge_token_parameters)
{
    challenge_parse("bearer error=invalid_token, error_description=expired",
                    &parsed);
    ck_assert_msg(parsed.found, "a lower-case scheme was not found");
    ck_assert_str_eq(parsed.error, "invalid_token");
    ck_assert_str_eq(parsed.error_description, "expired");
}
END_TEST

START_TEST(test_challenge_escaped_quote_kept)
{
    challenge_parse("Bearer error_description=\"say \\\"hi\\\"\"", &parsed);
    ck_assert_str_eq(parsed.error_description, "say \"hi\"");
}
END_TEST

START_TEST(test_challenge_after_other_scheme)
{
    challenge_parse("Basic realm=\"x\", Bearer error=\"invalid_token\"",
                    &parsed);
    ck_assert_msg(parsed.found, "Bearer after Basic was not found");
    ck_assert_str_eq(parsed.error, "invalid_token");
}
END_TEST

START_TEST(test_challenge_inside_quotes_ignored)
{
    challenge_parse("Basic realm=\"a, Bearer error=invalid_token\"", &parsed);
    ck_assert_msg(!parsed.found,
                  "Bearer inside a quoted string was taken as a scheme");
    ck_assert_str_eq(parsed.error, "");
}
END_TEST

START_TEST(test_challenge_without_parameters)
{
    challenge_parse("Bearer, Basic realm=\"x\"", &parsed);
    ck_assert_msg(parsed.found, "a bare Bearer scheme was not found");
    ck_assert_str_eq(parsed.error, "");
    ck_assert_str_eq(parsed.scope, "");
}
END_TEST

START_TEST(test_challenge_absent_or_null)
{
    challenge_parse("Basic realm=\"x\"", &parsed);
    ck_assert_msg(!parsed.found, "Basic alone was taken as Bearer");
    challenge_parse(NULL, &parsed);
    ck_assert_msg(!parsed.found, "a NULL header was taken as Bearer");
    challenge_parse("Bearerish error=x", &parsed);
    ck_assert_msg(!parsed.found, "a longer scheme name was taken as Bearer");
}
END_TEST

START_TEST(test_challenge_long_value_cut)
{
    char header[1024] = "Bearer scope=\"";
    size_t prefix = strlen(header);

    memset(header + prefix, 's', 600);
    strcpy(header + prefix + 600, "\"");
    challenge_parse(header, &parsed);
    ck_assert_uint_eq(strlen(parsed.scope), CHALLENGE_VALUE_MAX - 1);
}
END_TEST

Suite *challenge_suite(void)
{
    Suite *suite = suite_create("challenge");
    TCase *test_case = tcase_create("parse");

    tcase_add_test(test_case, test_challenge_quoted_parameters);
    tcase_add_test(test_case, test_challenge_token_parameters);
    tcase_add_test(test_case, test_challenge_escaped_quote_kept);
    tcase_add_test(test_case, test_challenge_after_other_scheme);
    tcase_add_test(test_case, test_challenge_inside_quotes_ignored);
    tcase_add_test(test_case, test_challenge_without_parameters);
    tcase_add_test(test_case, test_challenge_absent_or_null);
    tcase_add_test(test_case, test_challenge_long_value_cut);
    suite_add_tcase(suite, test_case);
    return suite;
}
