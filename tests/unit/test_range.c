/* Unit tests of range.c: the Monitoring Plugins threshold syntax, which
 * values fire a range, canonical formatting and the combined state. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "range.h"
#include "suites.h"

#define COMMA_LOCALE "de_DE.UTF-8"
#define FORMS "expected N, N:, ~:N, N:M or @N:M (decimal point \".\")"

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

static struct range parse_valid(const char *text)
{
    struct range range = {0};
    char error[256] = "";

    ck_assert_msg(range_parse(text, &range, error, sizeof error) == 0,
                  "range \"%s\" was rejected: %s", text, error);
    ck_assert_msg(range.is_set, "range \"%s\" parsed but is_set is false",
                  text);
    return range;
}

static void assert_start(const char *text, const struct range *range,
                         double start)
{
    ck_assert_msg(!range->start_infinite,
                  "range \"%s\" has an infinite start, expected %g", text,
                  start);
    ck_assert_msg(range->start == start,
                  "range \"%s\" starts at %g, "
                  "expected %g",
                  text, range->start, start);
}

static void assert_end(const char *text, const struct range *range, double end)
{
    ck_assert_msg(!range->end_infinite,
                  "range \"%s\" has an infinite end, expected %g", text, end);
    ck_assert_msg(range->end == end, "range \"%s\" ends at %g, expected %g",
                  text, range->end, end);
}

/* Asserts that text is rejected with an error containing each of the
 * NULL-terminated fragments, on one line and without a final period, and
 * that the range is left unchanged. */
static void assert_invalid(const char *text, const char *const *fragments)
{
    struct range range = {.start = 42.0, .end = 43.0};
    char error[2048] = "";

    ck_assert_msg(range_parse(text, &range, error, sizeof error) == -1,
                  "invalid range \"%s\" was accepted", text);
    for (size_t i = 0; fragments[i] != NULL; i++) {
        ck_assert_msg(strstr(error, fragments[i]) != NULL,
                      "error for \"%s\" lacks \"%s\": %s", text, fragments[i],
                      error);
    }
    ck_assert_msg(strchr(error, '\n') == NULL,
                  "error for \"%s\" has a line break: %s", text, error);
    ck_assert_msg(error[0] != '\0' && error[strlen(error) - 1] != '.',
                  "error for \"%s\" is empty or ends with a period: %s", text,
                  error);
    ck_assert_msg(!range.is_set && range.start == 42.0 && range.end == 43.0,
                  "range was changed although \"%s\" is invalid", text);
}

static bool ranges_equal(const struct range *a, const struct range *b)
{
    return a->start_infinite == b->start_infinite &&
           (a->start_infinite || a->start == b->start) &&
           a->end_infinite == b->end_infinite &&
           (a->end_infinite || a->end == b->end) &&
           a->alert_inside == b->alert_inside && a->is_set == b->is_set;
}

static void assert_alerts(const struct range *range, double value,
                          bool expected)
{
    char text[RANGE_TEXT_SIZE];

    range_format(range, text, sizeof text);
    bool alerts = range_alerts(range, value);
    ck_assert_msg(alerts == expected,
                  "range \"%s\" with value %.17g: alert is %s, expected %s",
                  text, value, alerts ? "true" : "false",
                  expected ? "true" : "false");
}

static void assert_formats(const char *text, const char *expected)
{
    struct range range = parse_valid(text);
    char buffer[RANGE_TEXT_SIZE];

    int length = range_format(&range, buffer, sizeof buffer);
    ck_assert_msg(strcmp(buffer, expected) == 0,
                  "range \"%s\" formats as \"%s\", expected \"%s\"", text,
                  buffer, expected);
    ck_assert_msg(length == (int)strlen(expected),
                  "range \"%s\" format returned %d, expected %zu", text, length,
                  strlen(expected));
}

START_TEST(test_range_parse_plain_end)
{
    struct range range = parse_valid("10");

    assert_start("10", &range, 0.0);
    assert_end("10", &range, 10.0);
    ck_assert_msg(!range.alert_inside, "\"10\" alerts inside");
}
END_TEST

START_TEST(test_range_parse_open_end)
{
    struct range range = parse_valid("10:");

    assert_start("10:", &range, 10.0);
    ck_assert_msg(range.end_infinite, "\"10:\" has a finite end");
    ck_assert_msg(!range.alert_inside, "\"10:\" alerts inside");
}
END_TEST

START_TEST(test_range_parse_infinite_start)
{
    struct range range = parse_valid("~:10");

    ck_assert_msg(range.start_infinite, "\"~:10\" has a finite start");
    assert_end("~:10", &range, 10.0);
    ck_assert_msg(!range.alert_inside, "\"~:10\" alerts inside");
}
END_TEST

START_TEST(test_range_parse_start_and_end)
{
    struct range range = parse_valid("10:20");

    assert_start("10:20", &range, 10.0);
    assert_end("10:20", &range, 20.0);
    ck_assert_msg(!range.alert_inside, "\"10:20\" alerts inside");
}
END_TEST

START_TEST(test_range_parse_inside_prefix)
{
    struct range range = parse_valid("@10:20");

    assert_start("@10:20", &range, 10.0);
    assert_end("@10:20", &range, 20.0);
    ck_assert_msg(range.alert_inside, "\"@10:20\" does not alert inside");
}
END_TEST

START_TEST(test_range_parse_negative_bounds)
{
    struct range range = parse_valid("-5:-1");

    assert_start("-5:-1", &range, -5.0);
    assert_end("-5:-1", &range, -1.0);
}
END_TEST

START_TEST(test_range_parse_decimal_bounds)
{
    struct range plain = parse_valid("0.5");
    struct range inside = parse_valid("@~:0.25");
    struct range both = parse_valid("0.125:1.5");

    assert_start("0.5", &plain, 0.0);
    assert_end("0.5", &plain, 0.5);
    ck_assert_msg(inside.start_infinite, "\"@~:0.25\" has a finite start");
    assert_end("@~:0.25", &inside, 0.25);
    ck_assert_msg(inside.alert_inside, "\"@~:0.25\" does not alert inside");
    assert_start("0.125:1.5", &both, 0.125);
    assert_end("0.125:1.5", &both, 1.5);
}
END_TEST

START_TEST(test_range_parse_equal_bounds)
{
    struct range range = parse_valid("5:5");

    assert_start("5:5", &range, 5.0);
    assert_end("5:5", &range, 5.0);
}
END_TEST

START_TEST(test_range_parse_both_infinite)
{
    struct range range = parse_valid("~:");

    ck_assert_msg(range.start_infinite, "\"~:\" has a finite start");
    ck_assert_msg(range.end_infinite, "\"~:\" has a finite end");
}
END_TEST

START_TEST(test_range_parse_long_number)
{
    char text[2000];

    memset(text, '0', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    text[0] = '@';
    text[1] = '1';
    text[2] = ':';
    text[3] = '2';
    text[4] = '.';
    text[sizeof text - 2] = '1';
    struct range range = parse_valid(text);

    assert_start("@1:2.000...1", &range, 1.0);
    assert_end("@1:2.000...1", &range, 2.0);
}
END_TEST

START_TEST(test_range_rejects_null_text)
{
    struct range range = {0};
    char error[256] = "";

    ck_assert_msg(range_parse(NULL, &range, error, sizeof error) == -1,
                  "a NULL range was accepted");
    ck_assert_msg(strstr(error, "missing range") != NULL,
                  "error for NULL lacks \"missing range\": %s", error);
    ck_assert_msg(strstr(error, FORMS) != NULL,
                  "error for NULL lacks the valid forms: %s", error);
}
END_TEST

START_TEST(test_range_rejects_empty_text)
{
    static const char *const fragments[] = {"invalid range \"\"", FORMS, NULL};

    assert_invalid("", fragments);
}
END_TEST

START_TEST(test_range_rejects_lone_at)
{
    static const char *const fragments[] = {"invalid range \"@\"", FORMS, NULL};

    assert_invalid("@", fragments);
}
END_TEST

START_TEST(test_range_rejects_missing_start)
{
    static const char *const lone[] = {
        "invalid range \":\"", "missing start before \":\"", FORMS, NULL};
    static const char *const before[] = {
        "invalid range \":10\"", "missing start before \":\"", FORMS, NULL};
    static const char *const inside[] = {
        "invalid range \"@:10\"", "missing start before \":\"", FORMS, NULL};

    assert_invalid(":", lone);
    assert_invalid(":10", before);
    assert_invalid("@:10", inside);
}
END_TEST

START_TEST(test_range_rejects_garbage)
{
    static const char *const word[] = {"invalid range \"abc\"",
                                       "\"abc\" is not a finite decimal number",
                                       FORMS, NULL};
    static const char *const plain[] = {
        "invalid range \"10x\"", "\"10x\" is not a finite decimal number",
        FORMS, NULL};
    static const char *const end[] = {"invalid range \"10:20x\"",
                                      "\"20x\" is not a finite decimal number",
                                      FORMS, NULL};
    static const char *const start[] = {
        "invalid range \"x10:20\"", "\"x10\" is not a finite decimal number",
        FORMS, NULL};

    assert_invalid("abc", word);
    assert_invalid("10x", plain);
    assert_invalid("10:20x", end);
    assert_invalid("x10:20", start);
}
END_TEST

START_TEST(test_range_rejects_extra_colon)
{
    static const char *const fragments[] = {"invalid range \"10:20:30\"",
                                            "more than one \":\"", FORMS, NULL};

    assert_invalid("10:20:30", fragments);
}
END_TEST

START_TEST(test_range_rejects_surrounding_space)
{
    static const char *const leading[] = {
        "invalid range \" 10\"", "\" 10\" is not a finite decimal number",
        NULL};
    static const char *const trailing[] = {
        "invalid range \"10 \"", "\"10 \" is not a finite decimal number",
        NULL};
    static const char *const after_colon[] = {
        "invalid range \"10: 20\"", "\" 20\" is not a finite decimal number",
        NULL};

    assert_invalid(" 10", leading);
    assert_invalid("10 ", trailing);
    assert_invalid("10: 20", after_colon);
}
END_TEST

START_TEST(test_range_rejects_decimal_comma)
{
    static const char *const plain[] = {"invalid range \"0,5\"",
                                        "\"0,5\" contains a comma",
                                        "decimal point \".\"", NULL};
    static const char *const end[] = {"invalid range \"1:2,5\"",
                                      "\"2,5\" contains a comma", NULL};

    assert_invalid("0,5", plain);
    assert_invalid("1:2,5", end);
}
END_TEST

START_TEST(test_range_rejects_tilde_as_end)
{
    static const char *const after_colon[] = {
        "invalid range \"10:~\"", "\"~\" is valid only as the start", FORMS,
        NULL};
    static const char *const alone[] = {
        "invalid range \"~\"", "\"~\" is valid only as the start", NULL};
    static const char *const inside[] = {
        "invalid range \"@~\"", "\"~\" is valid only as the start", NULL};

    assert_invalid("10:~", after_colon);
    assert_invalid("~", alone);
    assert_invalid("@~", inside);
}
END_TEST

START_TEST(test_range_rejects_start_above_end)
{
    struct range range = {0};
    char error[256] = "";

    ck_assert_msg(range_parse("20:10", &range, error, sizeof error) == -1,
                  "\"20:10\" was accepted");
    ck_assert_msg(
        strcmp(error, "invalid range \"20:10\": start 20 is above end 10") == 0,
        "unexpected error for \"20:10\": %s", error);
}
END_TEST

START_TEST(test_range_rejects_negative_plain_end)
{
    static const char *const fragments[] = {
        "invalid range \"-5\"", "start 0 is above end -5", "0:N", NULL};
    static const char *const inside[] = {"invalid range \"@-1:-2\"",
                                         "start -1 is above end -2", NULL};

    assert_invalid("-5", fragments);
    assert_invalid("@-1:-2", inside);
}
END_TEST

START_TEST(test_range_rejects_non_finite_numbers)
{
    static const char *const texts[] = {"inf", "~:inf", "nan", "-inf:0",
                                        "@0:NaN"};
    static const char *const fragments[] = {"is not a finite decimal number",
                                            FORMS, NULL};
    char huge[402];

    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        assert_invalid(texts[i], fragments);
    }

    huge[0] = '1';
    memset(huge + 1, '0', sizeof huge - 2);
    huge[sizeof huge - 1] = '\0';
    assert_invalid(huge, fragments);
}
END_TEST

START_TEST(test_range_rejects_exponent_and_hex)
{
    static const char *const texts[] = {"1e3", "1E3", "1e400", "0x10", "1:2e1"};
    static const char *const fragments[] = {"is not a finite decimal number",
                                            FORMS, NULL};

    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        assert_invalid(texts[i], fragments);
    }
}
END_TEST

START_TEST(test_range_error_stays_one_line)
{
    static const char *const fragments[] = {"invalid range \"1?0\"", NULL};

    assert_invalid("1\n0", fragments);
    assert_invalid("1\r0", fragments);
    assert_invalid("1\0330", fragments);
}
END_TEST

START_TEST(test_range_error_cut_to_buffer)
{
    struct range range = {0};
    char error[16];

    memset(error, 'x', sizeof error);
    ck_assert_msg(range_parse("abc", &range, error, sizeof error) == -1,
                  "\"abc\" was accepted");
    ck_assert_msg(memchr(error, '\0', sizeof error) != NULL,
                  "a short error buffer is not NUL-terminated");
    ck_assert_msg(strncmp(error, "invalid range", 13) == 0,
                  "a 16-byte error buffer holds \"%s\", expected the start "
                  "of the message",
                  error);
}
END_TEST

START_TEST(test_range_error_buffer_optional)
{
    struct range range = {0};

    ck_assert_msg(range_parse("abc", &range, NULL, 0) == -1,
                  "\"abc\" was accepted without an error buffer");
    ck_assert_msg(range_parse("abc", &range, NULL, 100) == -1,
                  "\"abc\" was accepted with a NULL error buffer");
    ck_assert_msg(range_parse("10", &range, NULL, 0) == 0,
                  "\"10\" was rejected without an error buffer");
}
END_TEST

START_TEST(test_range_unset_never_alerts)
{
    struct range unset = {0};

    assert_alerts(&unset, 0.0, false);
    assert_alerts(&unset, -1e300, false);
    assert_alerts(&unset, 1e300, false);
    assert_alerts(NULL, 1e300, false);
}
END_TEST

START_TEST(test_range_plain_end_alerts_outside)
{
    struct range range = parse_valid("10");

    assert_alerts(&range, -0.001, true);
    assert_alerts(&range, 0.0, false);
    assert_alerts(&range, 5.0, false);
    assert_alerts(&range, 10.0, false);
    assert_alerts(&range, 10.001, true);
}
END_TEST

START_TEST(test_range_open_end_alerts_below)
{
    struct range range = parse_valid("10:");

    assert_alerts(&range, 9.999, true);
    assert_alerts(&range, 10.0, false);
    assert_alerts(&range, 1e300, false);
}
END_TEST

START_TEST(test_range_infinite_start_alerts_above)
{
    struct range range = parse_valid("~:10");

    assert_alerts(&range, -1e300, false);
    assert_alerts(&range, 10.0, false);
    assert_alerts(&range, 10.001, true);
}
END_TEST

START_TEST(test_range_outside_inclusive_edges)
{
    struct range range = parse_valid("10:20");

    assert_alerts(&range, 9.999, true);
    assert_alerts(&range, 10.0, false);
    assert_alerts(&range, 15.0, false);
    assert_alerts(&range, 20.0, false);
    assert_alerts(&range, 20.001, true);
}
END_TEST

START_TEST(test_range_inside_inclusive_edges)
{
    struct range range = parse_valid("@10:20");

    assert_alerts(&range, 9.999, false);
    assert_alerts(&range, 10.0, true);
    assert_alerts(&range, 15.0, true);
    assert_alerts(&range, 20.0, true);
    assert_alerts(&range, 20.001, false);
}
END_TEST

START_TEST(test_range_inside_infinite_bounds)
{
    struct range below = parse_valid("@~:0.25");
    struct range above = parse_valid("@5:");
    struct range everything = parse_valid("@~:");

    assert_alerts(&below, -1e300, true);
    assert_alerts(&below, 0.25, true);
    assert_alerts(&below, 0.2501, false);
    assert_alerts(&above, 4.999, false);
    assert_alerts(&above, 5.0, true);
    assert_alerts(&above, 1e300, true);
    assert_alerts(&everything, -1e300, true);
    assert_alerts(&everything, 1e300, true);
}
END_TEST

START_TEST(test_range_whole_line_never_alerts)
{
    struct range range = parse_valid("~:");

    assert_alerts(&range, -1e300, false);
    assert_alerts(&range, 0.0, false);
    assert_alerts(&range, 1e300, false);
}
END_TEST

START_TEST(test_range_negative_bounds_alerts)
{
    struct range range = parse_valid("-5:-1");

    assert_alerts(&range, -5.001, true);
    assert_alerts(&range, -5.0, false);
    assert_alerts(&range, -1.0, false);
    assert_alerts(&range, -0.999, true);
    assert_alerts(&range, 0.0, true);
}
END_TEST

START_TEST(test_range_format_unset_empty)
{
    struct range unset = {0};
    char buffer[8] = "xxx";

    ck_assert_msg(range_format(&unset, buffer, sizeof buffer) == 0,
                  "an unset range does not format with length 0");
    ck_assert_msg(buffer[0] == '\0', "an unset range formats as \"%s\"",
                  buffer);

    strcpy(buffer, "xxx");
    ck_assert_msg(range_format(NULL, buffer, sizeof buffer) == 0,
                  "a NULL range does not format with length 0");
    ck_assert_msg(buffer[0] == '\0', "a NULL range formats as \"%s\"", buffer);
}
END_TEST

START_TEST(test_range_format_each_form)
{
    assert_formats("10", "10");
    assert_formats("0:10", "10");
    assert_formats("10:", "10:");
    assert_formats("0:", "0:");
    assert_formats("~:10", "~:10");
    assert_formats("10:20", "10:20");
    assert_formats("@10:20", "@10:20");
    assert_formats("@0:10", "@0:10");
    assert_formats("@~:0.25", "@~:0.25");
    assert_formats("-5:-1", "-5:-1");
    assert_formats("~:", "~:");
    assert_formats("+1.50:2.000", "1.5:2");
    assert_formats("0.0000001", "0");
}
END_TEST

START_TEST(test_range_format_round_trip)
{
    static const char *const texts[] = {
        "10",      "10:", "~:10", "10:20", "@10:20", "-5:-1",
        "@~:0.25", "0.5", "@5:",  "~:",    "@-3:-3", "0.000001:",
    };

    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        struct range first = parse_valid(texts[i]);
        char text[RANGE_TEXT_SIZE];
        range_format(&first, text, sizeof text);
        struct range second = parse_valid(text);

        ck_assert_msg(ranges_equal(&first, &second),
                      "\"%s\" formats as \"%s\", which parses differently",
                      texts[i], text);
    }
}
END_TEST

START_TEST(test_range_format_returns_needed_length)
{
    struct range range = parse_valid("@-5.25:10");
    char buffer[5] = "xxxx";

    ck_assert_msg(range_format(&range, buffer, sizeof buffer) == 9,
                  "\"@-5.25:10\" does not return length 9");
    ck_assert_msg(strcmp(buffer, "@-5.") == 0,
                  "cut text is \"%s\", expected \"@-5.\"", buffer);
    ck_assert_msg(range_format(&range, NULL, 0) == 9,
                  "\"@-5.25:10\" without a buffer does not return 9");
}
END_TEST

START_TEST(test_range_format_rejects_non_finite)
{
    struct range range = {.start = NAN, .end = 1.0, .is_set = true};
    char buffer[16] = "xxx";

    ck_assert_msg(range_format(&range, buffer, sizeof buffer) == -1,
                  "a NAN start marked finite did not return -1");
    ck_assert_msg(buffer[0] == '\0', "a failed format left \"%s\"", buffer);
}
END_TEST

START_TEST(test_range_state_without_ranges)
{
    struct range unset = {0};

    ck_assert_msg(range_state(NULL, NULL, 1e300) == STATE_OK,
                  "NULL ranges did not give OK");
    ck_assert_msg(range_state(&unset, &unset, 1e300) == STATE_OK,
                  "unset ranges did not give OK");
}
END_TEST

START_TEST(test_range_state_warning_fires)
{
    struct range warning = parse_valid("10");
    struct range critical = parse_valid("20");

    ck_assert_msg(range_state(&warning, &critical, 5.0) == STATE_OK,
                  "5 with -w 10 -c 20 did not give OK");
    ck_assert_msg(range_state(&warning, &critical, 15.0) == STATE_WARNING,
                  "15 with -w 10 -c 20 did not give WARNING");
    ck_assert_msg(range_state(&warning, NULL, 15.0) == STATE_WARNING,
                  "15 with -w 10 alone did not give WARNING");
}
END_TEST

START_TEST(test_range_state_critical_wins)
{
    struct range warning = parse_valid("10");
    struct range critical = parse_valid("20");

    ck_assert_msg(range_state(&warning, &critical, 25.0) == STATE_CRITICAL,
                  "25 with -w 10 -c 20 did not give CRITICAL");
    ck_assert_msg(range_state(&warning, &critical, -1.0) == STATE_CRITICAL,
                  "-1 with -w 10 -c 20 did not give CRITICAL");
}
END_TEST

START_TEST(test_range_state_critical_alone)
{
    struct range warning = parse_valid("~:100");
    struct range critical = parse_valid("@0:10");

    ck_assert_msg(range_state(&warning, &critical, 5.0) == STATE_CRITICAL,
                  "5 inside critical @0:10 did not give CRITICAL");
    ck_assert_msg(range_state(NULL, &critical, 5.0) == STATE_CRITICAL,
                  "5 with critical @0:10 alone did not give CRITICAL");
    ck_assert_msg(range_state(&warning, &critical, 50.0) == STATE_OK,
                  "50 with -w ~:100 -c @0:10 did not give OK");
}
END_TEST

/* Runs only in the comma-locale test case, after use_comma_locale. */
START_TEST(test_range_comma_locale_uses_dot)
{
    struct range range = {0};
    char buffer[RANGE_TEXT_SIZE];
    char error[256] = "";
    static const char *const comma[] = {"\"0,5\" contains a comma", NULL};

    range = parse_valid("0.5");
    assert_end("0.5", &range, 0.5);
    assert_invalid("0,5", comma);

    range = parse_valid("@-0.25:1.5");
    range_format(&range, buffer, sizeof buffer);
    ck_assert_msg(strcmp(buffer, "@-0.25:1.5") == 0,
                  "\"@-0.25:1.5\" formats as \"%s\" under " COMMA_LOCALE,
                  buffer);
    ck_assert_msg(range_parse("2.5:1.5", &range, error, sizeof error) == -1,
                  "\"2.5:1.5\" was accepted");
    ck_assert_msg(strstr(error, "start 2.5 is above end 1.5") != NULL,
                  "error for \"2.5:1.5\" under " COMMA_LOCALE ": %s", error);
}
END_TEST

static void add_tests(TCase *test_case)
{
    tcase_add_test(test_case, test_range_parse_plain_end);
    tcase_add_test(test_case, test_range_parse_open_end);
    tcase_add_test(test_case, test_range_parse_infinite_start);
    tcase_add_test(test_case, test_range_parse_start_and_end);
    tcase_add_test(test_case, test_range_parse_inside_prefix);
    tcase_add_test(test_case, test_range_parse_negative_bounds);
    tcase_add_test(test_case, test_range_parse_decimal_bounds);
    tcase_add_test(test_case, test_range_parse_equal_bounds);
    tcase_add_test(test_case, test_range_parse_both_infinite);
    tcase_add_test(test_case, test_range_parse_long_number);
    tcase_add_test(test_case, test_range_rejects_null_text);
    tcase_add_test(test_case, test_range_rejects_empty_text);
    tcase_add_test(test_case, test_range_rejects_lone_at);
    tcase_add_test(test_case, test_range_rejects_missing_start);
    tcase_add_test(test_case, test_range_rejects_garbage);
    tcase_add_test(test_case, test_range_rejects_extra_colon);
    tcase_add_test(test_case, test_range_rejects_surrounding_space);
    tcase_add_test(test_case, test_range_rejects_decimal_comma);
    tcase_add_test(test_case, test_range_rejects_tilde_as_end);
    tcase_add_test(test_case, test_range_rejects_start_above_end);
    tcase_add_test(test_case, test_range_rejects_negative_plain_end);
    tcase_add_test(test_case, test_range_rejects_non_finite_numbers);
    tcase_add_test(test_case, test_range_rejects_exponent_and_hex);
    tcase_add_test(test_case, test_range_error_stays_one_line);
    tcase_add_test(test_case, test_range_error_cut_to_buffer);
    tcase_add_test(test_case, test_range_error_buffer_optional);
    tcase_add_test(test_case, test_range_unset_never_alerts);
    tcase_add_test(test_case, test_range_plain_end_alerts_outside);
    tcase_add_test(test_case, test_range_open_end_alerts_below);
    tcase_add_test(test_case, test_range_infinite_start_alerts_above);
    tcase_add_test(test_case, test_range_outside_inclusive_edges);
    tcase_add_test(test_case, test_range_inside_inclusive_edges);
    tcase_add_test(test_case, test_range_inside_infinite_bounds);
    tcase_add_test(test_case, test_range_whole_line_never_alerts);
    tcase_add_test(test_case, test_range_negative_bounds_alerts);
    tcase_add_test(test_case, test_range_format_unset_empty);
    tcase_add_test(test_case, test_range_format_each_form);
    tcase_add_test(test_case, test_range_format_round_trip);
    tcase_add_test(test_case, test_range_format_returns_needed_length);
    tcase_add_test(test_case, test_range_format_rejects_non_finite);
    tcase_add_test(test_case, test_range_state_without_ranges);
    tcase_add_test(test_case, test_range_state_warning_fires);
    tcase_add_test(test_case, test_range_state_critical_wins);
    tcase_add_test(test_case, test_range_state_critical_alone);
}

/* Runs every test under the C locale, then again under a locale with a
 * decimal comma, where the comma-specific test is added. */
Suite *range_suite(void)
{
    Suite *suite = suite_create("range");
    TCase *c_locale = tcase_create("C locale");
    TCase *comma_locale = tcase_create(COMMA_LOCALE " locale");

    tcase_add_checked_fixture(c_locale, use_c_locale, NULL);
    add_tests(c_locale);
    suite_add_tcase(suite, c_locale);

    tcase_add_checked_fixture(comma_locale, use_comma_locale, use_c_locale);
    add_tests(comma_locale);
    tcase_add_test(comma_locale, test_range_comma_locale_uses_dot);
    suite_add_tcase(suite, comma_locale);
    return suite;
}
