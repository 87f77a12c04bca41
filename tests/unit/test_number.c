/* Unit tests of number.c: strict decimal parsing and fixed-point printing
 * with a dot, also under a locale whose decimal point is a comma. */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
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

/* Asserts that text parses to expected exactly. */
static void assert_parses(const char *text, double expected)
{
    double value = -12345.0;

    ck_assert_msg(number_parse(text, &value) == 0,
                  "number_parse(\"%s\") failed, expected %g", text, expected);
    ck_assert_msg(value == expected,
                  "number_parse(\"%s\") stored %.17g, expected %.17g", text,
                  value, expected);
}

/* Asserts that text is rejected and the output value left unchanged. */
static void assert_rejected(const char *text)
{
    double value = -12345.0;

    ck_assert_msg(number_parse(text, &value) == -1,
                  "number_parse(\"%s\") accepted invalid text as %.17g", text,
                  value);
    ck_assert_msg(value == -12345.0,
                  "number_parse(\"%s\") changed the value to %.17g on error",
                  text, value);
}

static void assert_formats(double value, int decimals, const char *expected)
{
    char buffer[64];

    int length = number_format(value, decimals, buffer, sizeof buffer);
    ck_assert_msg(strcmp(buffer, expected) == 0,
                  "number_format(%.17g, %d) gave \"%s\", expected \"%s\"",
                  value, decimals, buffer, expected);
    ck_assert_msg(length == (int)strlen(expected),
                  "number_format(%.17g, %d) returned %d, expected %zu", value,
                  decimals, length, strlen(expected));
}

static void assert_formats_short(double value, const char *expected)
{
    char buffer[64];

    int length = number_format_short(value, buffer, sizeof buffer);
    ck_assert_msg(strcmp(buffer, expected) == 0,
                  "number_format_short(%.17g) gave \"%s\", expected \"%s\"",
                  value, buffer, expected);
    ck_assert_msg(length == (int)strlen(expected),
                  "number_format_short(%.17g) returned %d, expected %zu", value,
                  length, strlen(expected));
}

START_TEST(test_number_parse_integers)
{
    assert_parses("0", 0.0);
    assert_parses("10", 10.0);
    assert_parses("007", 7.0);
    assert_parses("9007199254740993", 9007199254740992.0);
}
END_TEST

START_TEST(test_number_parse_signs)
{
    assert_parses("+5", 5.0);
    assert_parses("-5", -5.0);
    assert_parses("-0.25", -0.25);
}
END_TEST

START_TEST(test_number_parse_negative_zero)
{
    double value = 1.0;

    ck_assert_msg(number_parse("-0", &value) == 0, "\"-0\" was rejected");
    ck_assert_msg(value == 0.0, "\"-0\" parsed as %g, expected 0", value);
    ck_assert_msg(signbit(value), "\"-0\" lost its sign");
}
END_TEST

START_TEST(test_number_parse_decimal_point_forms)
{
    assert_parses("0.5", 0.5);
    assert_parses(".5", 0.5);
    assert_parses("5.", 5.0);
    assert_parses("-3.25", -3.25);
    assert_parses("0.000001", 0.000001);
}
END_TEST

START_TEST(test_number_parse_long_digit_strings)
{
    char text[1100];

    memset(text, '0', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    text[1] = '.';
    text[2] = '5';
    assert_parses(text, 0.5);

    memset(text, '0', sizeof text - 1);
    text[sizeof text - 3] = '1';
    text[sizeof text - 2] = '2';
    assert_parses(text, 12.0);
}
END_TEST

START_TEST(test_number_parse_rejects_malformed_text)
{
    static const char *const texts[] = {
        "",    ".",   "-",    "+",  "-.", "1e3", "1E3", "0x10",  "inf",
        "nan", "INF", "-inf", " 1", "1 ", "\t1", "1\n", "1,5",   "1.2.3",
        "--1", "+-1", "1-",   "1+", "a",  "1a",  "0b1", "1_000",
    };

    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        assert_rejected(texts[i]);
    }
}
END_TEST

START_TEST(test_number_parse_rejects_null_text)
{
    assert_rejected(NULL);
}
END_TEST

START_TEST(test_number_parse_rejects_overflow)
{
    char text[402];

    text[0] = '1';
    memset(text + 1, '0', sizeof text - 2);
    text[sizeof text - 1] = '\0';
    assert_rejected(text);

    text[0] = '-';
    text[1] = '1';
    assert_rejected(text);
}
END_TEST

START_TEST(test_number_parse_keeps_underflow_rounded)
{
    char text[402];

    text[0] = '0';
    text[1] = '.';
    memset(text + 2, '0', sizeof text - 3);
    text[sizeof text - 2] = '1';
    text[sizeof text - 1] = '\0';
    assert_parses(text, 0.0);
}
END_TEST

START_TEST(test_number_format_fixed_decimals)
{
    assert_formats(1.5, 2, "1.50");
    assert_formats(3.0, 0, "3");
    assert_formats(0.012345, 6, "0.012345");
    assert_formats(250.0, 0, "250");
    assert_formats(0.0, 3, "0.000");
}
END_TEST

START_TEST(test_number_format_rounds_to_nearest)
{
    assert_formats(1.2345678, 3, "1.235");
    assert_formats(1.2344, 3, "1.234");
    assert_formats(9.9996, 3, "10.000");
    assert_formats(0.6, 0, "1");
    assert_formats(0.0123456789, 6, "0.012346");
}
END_TEST

START_TEST(test_number_format_negative_keeps_sign)
{
    assert_formats(-3.25, 2, "-3.25");
    assert_formats(-0.6, 0, "-1");
    assert_formats(-0.001, 3, "-0.001");
    assert_formats(-1e-6, 6, "-0.000001");
}
END_TEST

START_TEST(test_number_format_negative_zero_unsigned)
{
    assert_formats(-0.0, 0, "0");
    assert_formats(-0.0, 2, "0.00");
    assert_formats(-0.0000001, 2, "0.00");
    assert_formats(-0.4, 0, "0");
    assert_formats(-1e-300, 6, "0.000000");
}
END_TEST

START_TEST(test_number_format_never_uses_exponent)
{
    char buffer[400];

    assert_formats(1e-9, 9, "0.000000001");
    assert_formats(1e20, 0, "100000000000000000000");
    assert_formats(1e-05, 6, "0.000010");

    int length = number_format(DBL_MAX, 0, buffer, sizeof buffer);
    ck_assert_msg(length == DBL_MAX_10_EXP + 1,
                  "DBL_MAX printed with %d characters, expected %d", length,
                  DBL_MAX_10_EXP + 1);
    ck_assert_msg(strpbrk(buffer, "eE") == NULL,
                  "DBL_MAX printed with an exponent: \"%s\"", buffer);
}
END_TEST

START_TEST(test_number_format_many_decimals)
{
    char buffer[400];

    int length = number_format(-1e-320, 340, buffer, sizeof buffer);
    ck_assert_msg(length == 343, "returned %d for 340 decimals, expected 343",
                  length);
    ck_assert_msg(buffer[0] == '-',
                  "-1e-320 with 340 decimals lost its sign: \"%.20s...\"",
                  buffer);
    ck_assert_msg(strpbrk(buffer, "123456789") != NULL,
                  "-1e-320 with 340 decimals shows no nonzero digit");
}
END_TEST

START_TEST(test_number_format_returns_needed_length)
{
    char buffer[4];

    int length = number_format(123.45, 2, buffer, sizeof buffer);
    ck_assert_msg(length == 6, "returned %d for \"123.45\", expected 6",
                  length);
    ck_assert_msg(strcmp(buffer, "123") == 0,
                  "cut text is \"%s\", expected \"123\"", buffer);

    length = number_format(-123.45, 2, NULL, 0);
    ck_assert_msg(length == 7,
                  "returned %d for \"-123.45\" with no buffer, "
                  "expected 7",
                  length);
}
END_TEST

START_TEST(test_number_format_rejects_non_finite)
{
    static const double values[] = {INFINITY, -INFINITY, NAN};
    char buffer[16];

    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        strcpy(buffer, "unchanged");
        int length = number_format(values[i], 2, buffer, sizeof buffer);
        ck_assert_msg(length == -1,
                      "number_format(%g) returned %d, "
                      "expected -1",
                      values[i], length);
        ck_assert_msg(buffer[0] == '\0',
                      "number_format(%g) left \"%s\", expected \"\"", values[i],
                      buffer);
    }
}
END_TEST

START_TEST(test_number_format_rejects_negative_decimals)
{
    char buffer[16] = "unchanged";

    int length = number_format(1.0, -1, buffer, sizeof buffer);
    ck_assert_msg(length == -1, "decimals -1 returned %d, expected -1", length);
    ck_assert_msg(buffer[0] == '\0', "decimals -1 left \"%s\", expected \"\"",
                  buffer);
}
END_TEST

START_TEST(test_number_format_short_strips_zeros)
{
    assert_formats_short(10.0, "10");
    assert_formats_short(100.0, "100");
    assert_formats_short(0.5, "0.5");
    assert_formats_short(-3.25, "-3.25");
    assert_formats_short(1e-05, "0.00001");
    assert_formats_short(0.1234567, "0.123457");
    assert_formats_short(1.0000004, "1");
}
END_TEST

START_TEST(test_number_format_short_tiny_is_zero)
{
    assert_formats_short(1e-09, "0");
    assert_formats_short(-1e-09, "0");
    assert_formats_short(-0.0, "0");
    assert_formats_short(0.0, "0");
}
END_TEST

START_TEST(test_number_format_short_size_bound)
{
    char buffer[NUMBER_SHORT_SIZE];

    int length = number_format_short(-DBL_MAX, buffer, sizeof buffer);
    ck_assert_msg(length > 0, "-DBL_MAX returned %d", length);
    ck_assert_msg((size_t)length < sizeof buffer,
                  "-DBL_MAX needs %d bytes, NUMBER_SHORT_SIZE is %zu",
                  length + 1, sizeof buffer);
    ck_assert_msg(buffer[0] == '-', "-DBL_MAX lost its sign");
}
END_TEST

START_TEST(test_number_format_short_cut_safely)
{
    char buffer[4] = "xxx";

    int length = number_format_short(-3.25, buffer, sizeof buffer);
    ck_assert_msg(length == 5, "returned %d for \"-3.25\", expected 5", length);
    ck_assert_msg(strcmp(buffer, "-3.") == 0,
                  "cut text is \"%s\", expected \"-3.\"", buffer);
}
END_TEST

START_TEST(test_number_format_short_rejects_non_finite)
{
    char buffer[16] = "unchanged";

    int length = number_format_short(NAN, buffer, sizeof buffer);
    ck_assert_msg(length == -1, "NAN returned %d, expected -1", length);
    ck_assert_msg(buffer[0] == '\0', "NAN left \"%s\", expected \"\"", buffer);
}
END_TEST

/* Runs only in the comma-locale test case, after use_comma_locale. */
START_TEST(test_number_comma_locale_uses_dot)
{
    char buffer[32];

    snprintf(buffer, sizeof buffer, "%.1f", 0.5);
    ck_assert_msg(strcmp(buffer, "0,5") == 0,
                  "printf gave \"%s\" under " COMMA_LOCALE
                  ", so this test does not exercise a decimal comma",
                  buffer);

    assert_parses("0.5", 0.5);
    assert_rejected("0,5");
    assert_formats(0.5, 1, "0.5");
    assert_formats(-1234.5678, 2, "-1234.57");
    assert_formats_short(0.25, "0.25");
}
END_TEST

static void add_tests(TCase *test_case)
{
    tcase_add_test(test_case, test_number_parse_integers);
    tcase_add_test(test_case, test_number_parse_signs);
    tcase_add_test(test_case, test_number_parse_negative_zero);
    tcase_add_test(test_case, test_number_parse_decimal_point_forms);
    tcase_add_test(test_case, test_number_parse_long_digit_strings);
    tcase_add_test(test_case, test_number_parse_rejects_malformed_text);
    tcase_add_test(test_case, test_number_parse_rejects_null_text);
    tcase_add_test(test_case, test_number_parse_rejects_overflow);
    tcase_add_test(test_case, test_number_parse_keeps_underflow_rounded);
    tcase_add_test(test_case, test_number_format_fixed_decimals);
    tcase_add_test(test_case, test_number_format_rounds_to_nearest);
    tcase_add_test(test_case, test_number_format_negative_keeps_sign);
    tcase_add_test(test_case, test_number_format_negative_zero_unsigned);
    tcase_add_test(test_case, test_number_format_never_uses_exponent);
    tcase_add_test(test_case, test_number_format_many_decimals);
    tcase_add_test(test_case, test_number_format_returns_needed_length);
    tcase_add_test(test_case, test_number_format_rejects_non_finite);
    tcase_add_test(test_case, test_number_format_rejects_negative_decimals);
    tcase_add_test(test_case, test_number_format_short_strips_zeros);
    tcase_add_test(test_case, test_number_format_short_tiny_is_zero);
    tcase_add_test(test_case, test_number_format_short_size_bound);
    tcase_add_test(test_case, test_number_format_short_cut_safely);
    tcase_add_test(test_case, test_number_format_short_rejects_non_finite);
}

/* Runs every test under the C locale, then again under a locale with a
 * decimal comma, where the comma-specific test is added. */
Suite *number_suite(void)
{
    Suite *suite = suite_create("number");
    TCase *c_locale = tcase_create("C locale");
    TCase *comma_locale = tcase_create(COMMA_LOCALE " locale");

    tcase_add_checked_fixture(c_locale, use_c_locale, NULL);
    add_tests(c_locale);
    suite_add_tcase(suite, c_locale);

    tcase_add_checked_fixture(comma_locale, use_comma_locale, use_c_locale);
    add_tests(comma_locale);
    tcase_add_test(comma_locale, test_number_comma_locale_uses_dot);
    suite_add_tcase(suite, comma_locale);
    return suite;
}
