/* Unit tests of perfdata.c: the label=VALUE[UNIT];WARN;CRIT;MIN;MAX form,
 * fixed-point numbers with a dot, also under a decimal-comma locale. */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perfdata.h"
#include "suites.h"

#define COMMA_LOCALE "de_DE.UTF-8"

/* Switches to a comma-decimal locale. The teardown restores "C", and in
 * Check's default fork mode each test also runs in its own process. */
static void use_comma_locale(void)
{
    ck_assert_msg(setlocale(LC_ALL, COMMA_LOCALE) != NULL,
                  "locale " COMMA_LOCALE " is not installed; run make deps");
    ck_assert_msg(strcmp(localeconv()->decimal_point, ",") == 0,
                  "locale " COMMA_LOCALE " has decimal point \"%s\", "
                  "expected \",\"",
                  localeconv()->decimal_point);
}

static void use_c_locale(void)
{
    setlocale(LC_ALL, "C");
}

static struct range parse_range(const char *text)
{
    struct range range = {0};
    char error[256] = "";

    ck_assert_msg(range_parse(text, &range, error, sizeof error) == 0,
                  "test range \"%s\" was rejected: %s", text, error);
    return range;
}

static void assert_formats(const struct perfdata_item *item,
                           const char *expected)
{
    char buffer[1024];

    int length = perfdata_format(item, buffer, sizeof buffer);
    ck_assert_msg(strcmp(buffer, expected) == 0,
                  "item \"%s\" formats as \"%s\", expected \"%s\"", item->label,
                  buffer, expected);
    ck_assert_msg(length == (int)strlen(expected),
                  "item \"%s\" returned %d, expected %zu", item->label, length,
                  strlen(expected));
}

/* Asserts that the item's text is plain fixed point with a dot. */
static void assert_fixed_point(const struct perfdata_item *item)
{
    char buffer[1024];

    int length = perfdata_format(item, buffer, sizeof buffer);
    ck_assert_msg(length > 0 && (size_t)length < sizeof buffer,
                  "item \"%s\" returned %d", item->label, length);
    ck_assert_msg(strpbrk(buffer + strlen(item->label), "eE") == NULL,
                  "item \"%s\" uses an exponent: %s", item->label, buffer);
    ck_assert_msg(strchr(buffer, ',') == NULL, "item \"%s\" uses a comma: %s",
                  item->label, buffer);
}

START_TEST(test_perfdata_value_only)
{
    struct perfdata_item item = {.label = "pages", .value = 3.0, .unit = ""};

    assert_formats(&item, "pages=3");
}
END_TEST

START_TEST(test_perfdata_drops_trailing_empty_fields)
{
    struct perfdata_item item = {
        .label = "projects", .value = 250.0, .has_min = true, .min = 0.0};

    assert_formats(&item, "projects=250;;;0");
}
END_TEST

START_TEST(test_perfdata_seconds_with_thresholds)
{
    struct range warning = parse_range("1");
    struct range critical = parse_range("2");
    struct perfdata_item item = {.label = "time",
                                 .value = 0.012345,
                                 .decimals = 6,
                                 .unit = "s",
                                 .warning = &warning,
                                 .critical = &critical,
                                 .has_min = true,
                                 .min = 0.0};

    assert_formats(&item, "time=0.012345s;1;2;0");
}
END_TEST

START_TEST(test_perfdata_all_fields)
{
    struct range warning = parse_range("10:");
    struct range critical = parse_range("@~:0.5");
    struct perfdata_item item = {.label = "ratio",
                                 .value = 0.75,
                                 .decimals = 2,
                                 .unit = "",
                                 .warning = &warning,
                                 .critical = &critical,
                                 .has_min = true,
                                 .min = 0.0,
                                 .has_max = true,
                                 .max = 1.0};

    assert_formats(&item, "ratio=0.75;10:;@~:0.5;0;1");
}
END_TEST

START_TEST(test_perfdata_keeps_inner_empty_fields)
{
    struct range critical = parse_range("5");
    struct perfdata_item only_max = {
        .label = "x", .value = 1.0, .has_max = true, .max = 5.0};
    struct perfdata_item only_critical = {
        .label = "y", .value = 1.0, .critical = &critical};

    assert_formats(&only_max, "x=1;;;;5");
    assert_formats(&only_critical, "y=1;;5");
}
END_TEST

START_TEST(test_perfdata_unset_range_empty_field)
{
    struct range unset = {0};
    struct range critical = parse_range("~:10");
    struct perfdata_item item = {.label = "time",
                                 .value = 1.5,
                                 .decimals = 1,
                                 .unit = "s",
                                 .warning = &unset,
                                 .critical = &critical};
    struct perfdata_item all_unset = {
        .label = "pages", .value = 2.0, .warning = &unset, .critical = &unset};

    assert_formats(&item, "time=1.5s;;~:10");
    assert_formats(&all_unset, "pages=2");
}
END_TEST

START_TEST(test_perfdata_quotes_label_with_space)
{
    struct perfdata_item item = {.label = "time total", .value = 1.0};

    assert_formats(&item, "'time total'=1");
}
END_TEST

START_TEST(test_perfdata_quotes_label_with_equals)
{
    struct perfdata_item item = {.label = "a=b", .value = 1.0};

    assert_formats(&item, "'a=b'=1");
}
END_TEST

START_TEST(test_perfdata_doubles_single_quotes)
{
    struct perfdata_item item = {.label = "it's", .value = 1.0};
    struct perfdata_item edges = {.label = "'x'", .value = 1.0};

    assert_formats(&item, "'it''s'=1");
    assert_formats(&edges, "'''x'''=1");
}
END_TEST

START_TEST(test_perfdata_plain_label_unquoted)
{
    struct perfdata_item item = {.label = "time_tls", .value = 1.0};

    assert_formats(&item, "time_tls=1");
}
END_TEST

START_TEST(test_perfdata_tiny_values_fixed_point)
{
    struct perfdata_item tiny = {
        .label = "time", .value = 1e-7, .decimals = 6, .unit = "s"};
    struct perfdata_item small = {
        .label = "time", .value = 1e-05, .decimals = 6, .unit = "s"};
    struct perfdata_item tiny_max = {.label = "time",
                                     .value = 0.0,
                                     .decimals = 6,
                                     .unit = "s",
                                     .has_min = true,
                                     .min = 1e-05,
                                     .has_max = true,
                                     .max = 1e-09};

    assert_formats(&tiny, "time=0.000000s");
    assert_formats(&small, "time=0.000010s");
    assert_formats(&tiny_max, "time=0.000000s;;;0.00001;0");
    assert_fixed_point(&tiny);
    assert_fixed_point(&tiny_max);
}
END_TEST

START_TEST(test_perfdata_huge_values_fixed_point)
{
    struct perfdata_item huge = {.label = "projects", .value = 1e20};
    struct perfdata_item largest = {.label = "x",
                                    .value = DBL_MAX,
                                    .decimals = 6,
                                    .has_min = true,
                                    .min = -DBL_MAX,
                                    .has_max = true,
                                    .max = DBL_MAX};

    assert_formats(&huge, "projects=100000000000000000000");
    assert_fixed_point(&huge);
    assert_fixed_point(&largest);
}
END_TEST

START_TEST(test_perfdata_negative_value)
{
    struct perfdata_item item = {
        .label = "cert_days", .value = -3.0, .has_min = false};
    struct perfdata_item negative_zero = {.label = "x", .value = -0.0};

    assert_formats(&item, "cert_days=-3");
    assert_formats(&negative_zero, "x=0");
}
END_TEST

START_TEST(test_perfdata_rounds_value_to_decimals)
{
    struct perfdata_item item = {
        .label = "time", .value = 0.0123456789, .decimals = 6, .unit = "s"};
    struct perfdata_item count = {.label = "pages", .value = 2.6};

    assert_formats(&item, "time=0.012346s");
    assert_formats(&count, "pages=3");
}
END_TEST

START_TEST(test_perfdata_non_finite_value_undetermined)
{
    struct range warning = parse_range("1");
    struct perfdata_item item = {.label = "time",
                                 .value = NAN,
                                 .decimals = 6,
                                 .unit = "s",
                                 .warning = &warning};
    struct perfdata_item infinite = {.label = "x", .value = INFINITY};

    assert_formats(&item, "time=U;1");
    assert_formats(&infinite, "x=U");
}
END_TEST

START_TEST(test_perfdata_non_finite_limits_empty)
{
    struct perfdata_item item = {.label = "x",
                                 .value = 1.0,
                                 .has_min = true,
                                 .min = NAN,
                                 .has_max = true,
                                 .max = INFINITY};
    struct perfdata_item max_only = {.label = "y",
                                     .value = 1.0,
                                     .has_min = true,
                                     .min = -INFINITY,
                                     .has_max = true,
                                     .max = 2.0};

    assert_formats(&item, "x=1");
    assert_formats(&max_only, "y=1;;;;2");
}
END_TEST

START_TEST(test_perfdata_null_unit_empty)
{
    struct perfdata_item item = {.label = "pages", .value = 3.0, .unit = NULL};

    assert_formats(&item, "pages=3");
}
END_TEST

START_TEST(test_perfdata_rejects_invalid_items)
{
    struct perfdata_item no_label = {.label = NULL, .value = 1.0};
    struct perfdata_item empty_label = {.label = "", .value = 1.0};
    struct perfdata_item bad_decimals = {
        .label = "x", .value = 1.0, .decimals = -1};
    char buffer[16];

    strcpy(buffer, "xxx");
    ck_assert_msg(perfdata_format(NULL, buffer, sizeof buffer) == -1,
                  "a NULL item did not return -1");
    ck_assert_msg(buffer[0] == '\0', "a NULL item left \"%s\"", buffer);
    strcpy(buffer, "xxx");
    ck_assert_msg(perfdata_format(&no_label, buffer, sizeof buffer) == -1,
                  "a NULL label did not return -1");
    ck_assert_msg(buffer[0] == '\0', "a NULL label left \"%s\"", buffer);
    strcpy(buffer, "xxx");
    ck_assert_msg(perfdata_format(&empty_label, buffer, sizeof buffer) == -1,
                  "an empty label did not return -1");
    ck_assert_msg(buffer[0] == '\0', "an empty label left \"%s\"", buffer);
    strcpy(buffer, "xxx");
    ck_assert_msg(perfdata_format(&bad_decimals, buffer, sizeof buffer) == -1,
                  "decimals -1 did not return -1");
    ck_assert_msg(buffer[0] == '\0', "decimals -1 left \"%s\"", buffer);
}
END_TEST

START_TEST(test_perfdata_returns_needed_length)
{
    struct range warning = parse_range("1");
    struct perfdata_item item = {.label = "time total",
                                 .value = 0.5,
                                 .decimals = 6,
                                 .unit = "s",
                                 .warning = &warning};
    const char *expected = "'time total'=0.500000s;1";
    size_t full = strlen(expected);
    char buffer[64];

    for (size_t size = 1; size <= full + 1; size++) {
        memset(buffer, 'x', sizeof buffer);
        int length = perfdata_format(&item, buffer, size);
        ck_assert_msg(length == (int)full, "size %zu returned %d, expected %zu",
                      size, length, full);
        ck_assert_msg(buffer[size - 1] == '\0' && strlen(buffer) == size - 1,
                      "size %zu is not cut to %zu bytes: \"%.64s\"", size,
                      size - 1, buffer);
        ck_assert_msg(strncmp(buffer, expected, size - 1) == 0,
                      "size %zu holds \"%s\", not a prefix of \"%s\"", size,
                      buffer, expected);
        ck_assert_msg(buffer[size] == 'x', "size %zu wrote past the buffer",
                      size);
    }
    ck_assert_msg(perfdata_format(&item, NULL, 0) == (int)full,
                  "a NULL buffer did not return %zu", full);
}
END_TEST

START_TEST(test_perfdata_many_decimals_cut)
{
    struct perfdata_item item = {
        .label = "x", .value = 0.5, .decimals = 400, .unit = "s"};
    char buffer[32];

    int length = perfdata_format(&item, buffer, sizeof buffer);
    ck_assert_msg(length == 2 + 2 + 400 + 1,
                  "400 decimals returned %d, expected %d", length,
                  2 + 2 + 400 + 1);
    ck_assert_msg(strlen(buffer) == sizeof buffer - 1,
                  "400 decimals are not cut to the buffer: \"%s\"", buffer);
    ck_assert_msg(strncmp(buffer, "x=0.5000", 8) == 0,
                  "400 decimals start as \"%.8s\", expected \"x=0.5000\"",
                  buffer);
}
END_TEST

/* Runs only in the comma-locale test case, after use_comma_locale. */
START_TEST(test_perfdata_comma_locale_uses_dot)
{
    struct range warning = parse_range("0.5");
    struct range critical = parse_range("@~:1.25");
    struct perfdata_item item = {.label = "time",
                                 .value = 0.25,
                                 .decimals = 6,
                                 .unit = "s",
                                 .warning = &warning,
                                 .critical = &critical,
                                 .has_min = true,
                                 .min = 0.5,
                                 .has_max = true,
                                 .max = 2.75};
    char check[8];

    snprintf(check, sizeof check, "%.1f", 0.5);
    ck_assert_msg(strcmp(check, "0,5") == 0,
                  "printf gave \"%s\" under " COMMA_LOCALE
                  ", so this test does not exercise a decimal comma",
                  check);
    assert_formats(&item, "time=0.250000s;0.5;@~:1.25;0.5;2.75");
    assert_fixed_point(&item);
}
END_TEST

static void add_tests(TCase *test_case)
{
    tcase_add_test(test_case, test_perfdata_value_only);
    tcase_add_test(test_case, test_perfdata_drops_trailing_empty_fields);
    tcase_add_test(test_case, test_perfdata_seconds_with_thresholds);
    tcase_add_test(test_case, test_perfdata_all_fields);
    tcase_add_test(test_case, test_perfdata_keeps_inner_empty_fields);
    tcase_add_test(test_case, test_perfdata_unset_range_empty_field);
    tcase_add_test(test_case, test_perfdata_quotes_label_with_space);
    tcase_add_test(test_case, test_perfdata_quotes_label_with_equals);
    tcase_add_test(test_case, test_perfdata_doubles_single_quotes);
    tcase_add_test(test_case, test_perfdata_plain_label_unquoted);
    tcase_add_test(test_case, test_perfdata_tiny_values_fixed_point);
    tcase_add_test(test_case, test_perfdata_huge_values_fixed_point);
    tcase_add_test(test_case, test_perfdata_negative_value);
    tcase_add_test(test_case, test_perfdata_rounds_value_to_decimals);
    tcase_add_test(test_case, test_perfdata_non_finite_value_undetermined);
    tcase_add_test(test_case, test_perfdata_non_finite_limits_empty);
    tcase_add_test(test_case, test_perfdata_null_unit_empty);
    tcase_add_test(test_case, test_perfdata_rejects_invalid_items);
    tcase_add_test(test_case, test_perfdata_returns_needed_length);
    tcase_add_test(test_case, test_perfdata_many_decimals_cut);
}

/* Runs every test under the C locale, then again under a locale with a
 * decimal comma, where the comma-specific test is added. */
Suite *perfdata_suite(void)
{
    Suite *suite = suite_create("perfdata");
    TCase *c_locale = tcase_create("C locale");
    TCase *comma_locale = tcase_create(COMMA_LOCALE " locale");

    tcase_add_checked_fixture(c_locale, use_c_locale, NULL);
    add_tests(c_locale);
    suite_add_tcase(suite, c_locale);

    tcase_add_checked_fixture(comma_locale, use_comma_locale, use_c_locale);
    add_tests(comma_locale);
    tcase_add_test(comma_locale, test_perfdata_comma_locale_uses_dot);
    suite_add_tcase(suite, comma_locale);
    return suite;
}
