/* Unit tests of sanitize.c and strbuf.c: server text made safe for a
 * plugin's output, and the capped buffer it is written into. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"
#include "strbuf.h"
#include "suites.h"

static struct strbuf current_buffer;

static void setup(void)
{
    strbuf_init(&current_buffer, 0);
}

static void teardown(void)
{
    strbuf_free(&current_buffer);
}

/* Sanitize length bytes of text into an empty buffer and return the
 * text. */
static const char *sanitize_bytes(const char *text, size_t length,
                                  size_t max_bytes)
{
    strbuf_reset(&current_buffer);
    sanitize_append(&current_buffer, text, length, max_bytes);
    return strbuf_text(&current_buffer);
}

static const char *sanitize_text(const char *text, size_t max_bytes)
{
    return sanitize_bytes(text, strlen(text), max_bytes);
}

/* Check well-formed UTF-8 as RFC 3629 defines it, independently of
 * sanitize.c: no overlong forms, surrogates or values above U+10FFFF. */
static bool is_valid_utf8(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;

    while (*p != '\0') {
        unsigned int code_point;
        size_t extra;

        if (p[0] < 0x80) {
            p++;
            continue;
        } else if ((p[0] & 0xE0) == 0xC0) {
            code_point = p[0] & 0x1Fu;
            extra = 1;
        } else if ((p[0] & 0xF0) == 0xE0) {
            code_point = p[0] & 0x0Fu;
            extra = 2;
        } else if ((p[0] & 0xF8) == 0xF0) {
            code_point = p[0] & 0x07u;
            extra = 3;
        } else {
            return false;
        }
        for (size_t i = 1; i <= extra; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            code_point = (code_point << 6) | (p[i] & 0x3Fu);
        }
        static const unsigned int minimum[] = {0, 0x80, 0x800, 0x10000};
        if (code_point < minimum[extra] || code_point > 0x10FFFF ||
            (code_point >= 0xD800 && code_point <= 0xDFFF))
            return false;
        p += extra + 1;
    }
    return true;
}

/* Assert the properties every sanitized text has: valid UTF-8, no '|',
 * no control character, no C1 control, no white space at either end. */
static void assert_safe(const char *result, const char *description)
{
    size_t length = strlen(result);

    ck_assert_msg(is_valid_utf8(result), "%s: result is not valid UTF-8",
                  description);
    ck_assert_msg(strchr(result, '|') == NULL, "%s: result has a '|': %s",
                  description, result);
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = (unsigned char)result[i];
        ck_assert_msg(byte >= 0x20 && byte != 0x7F,
                      "%s: control byte 0x%02x at offset %zu", description,
                      byte, i);
        ck_assert_msg(!(byte == 0xC2 && i + 1 < length &&
                        (unsigned char)result[i + 1] >= 0x80 &&
                        (unsigned char)result[i + 1] <= 0x9F),
                      "%s: C1 control at offset %zu", description, i);
    }
    if (length > 0) {
        ck_assert_msg(result[0] != ' ', "%s: leading space: \"%s\"",
                      description, result);
        ck_assert_msg(result[length - 1] != ' ', "%s: trailing space: \"%s\"",
                      description, result);
    }
}

static void assert_sanitized(const char *text, const char *expected)
{
    const char *result = sanitize_text(text, 1024);

    ck_assert_msg(strcmp(result, expected) == 0,
                  "sanitized \"%s\" to \"%s\", expected \"%s\"", text, result,
                  expected);
    assert_safe(result, expected);
}

START_TEST(test_sanitize_pipe_becomes_slash)
{
    assert_sanitized("a|b||c", "a/b//c");
}
END_TEST

START_TEST(test_sanitize_line_breaks_become_space)
{
    assert_sanitized("a\rb", "a b");
    assert_sanitized("a\nb", "a b");
    assert_sanitized("a\tb", "a b");
    assert_sanitized("a\x1b"
                     "b",
                     "a b");
    assert_sanitized("a\x7f"
                     "b",
                     "a b");
    assert_sanitized("a\r\n\t\x1b b", "a b");
}
END_TEST

START_TEST(test_sanitize_space_runs_collapse)
{
    assert_sanitized("a     b  c", "a b c");
}
END_TEST

START_TEST(test_sanitize_outer_white_space_dropped)
{
    assert_sanitized(" \t\r\n a b \r\n\t ", "a b");
    assert_sanitized(" \n\t ", "");
}
END_TEST

START_TEST(test_sanitize_nul_byte_becomes_space)
{
    static const char text[] = "a\0b";

    const char *result = sanitize_bytes(text, sizeof(text) - 1, 1024);
    ck_assert_msg(strcmp(result, "a b") == 0,
                  "a NUL byte sanitized to \"%s\", expected \"a b\"", result);
}
END_TEST

START_TEST(test_sanitize_valid_utf8_kept)
{
    assert_sanitized("Gr\xc3\xbc\xc3\x9f"
                     "e \xe6\x97\xa5\xe6\x9c\xac "
                     "\xf0\x9f\x98\x80 \xc2\xa0x",
                     "Gr\xc3\xbc\xc3\x9f"
                     "e \xe6\x97\xa5\xe6\x9c\xac "
                     "\xf0\x9f\x98\x80 \xc2\xa0x");
    assert_sanitized("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");
}
END_TEST

/* Assert that invalid bytes between "a" and "b" come out as '?' only. */
static void assert_invalid_replaced(const char *text, const char *description)
{
    const char *result = sanitize_text(text, 1024);
    size_t length = strlen(result);

    assert_safe(result, description);
    ck_assert_msg(length >= 3 && result[0] == 'a' && result[length - 1] == 'b',
                  "%s: \"a...b\" sanitized to \"%s\"", description, result);
    for (size_t i = 1; i + 1 < length; i++)
        ck_assert_msg(result[i] == '?',
                      "%s: byte 0x%02x at offset %zu, expected '?'",
                      description, (unsigned char)result[i], i);
}

START_TEST(test_sanitize_lone_continuation_byte)
{
    assert_invalid_replaced("a\x80"
                            "b",
                            "lone 0x80");
    assert_invalid_replaced("a\xbf"
                            "b",
                            "lone 0xBF");
}
END_TEST

START_TEST(test_sanitize_overlong_form)
{
    assert_invalid_replaced("a\xc0\xaf"
                            "b",
                            "overlong C0 AF");
    assert_invalid_replaced("a\xc1\xbf"
                            "b",
                            "overlong C1 BF");
    assert_invalid_replaced("a\xe0\x80\xaf"
                            "b",
                            "overlong E0 80 AF");
    assert_invalid_replaced("a\xf0\x80\x80\xaf"
                            "b",
                            "overlong F0 80 80 AF");
}
END_TEST

START_TEST(test_sanitize_surrogate_rejected)
{
    assert_invalid_replaced("a\xed\xa0\x80"
                            "b",
                            "surrogate ED A0 80");
    assert_invalid_replaced("a\xed\xbf\xbf"
                            "b",
                            "surrogate ED BF BF");
}
END_TEST

START_TEST(test_sanitize_bytes_f5_to_ff)
{
    for (unsigned int byte = 0xF5; byte <= 0xFF; byte++) {
        char text[4] = {'a', (char)byte, 'b', '\0'};
        char description[32];

        snprintf(description, sizeof(description), "byte 0x%02X", byte);
        assert_invalid_replaced(text, description);
    }
    assert_invalid_replaced("a\xf4\x90\x80\x80"
                            "b",
                            "above U+10FFFF");
}
END_TEST

START_TEST(test_sanitize_truncated_sequence_at_end)
{
    static const char *const texts[] = {"ab\xe2\x82", "ab\xc3",
                                        "ab\xf0\x9f\x98"};

    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        const char *result = sanitize_text(texts[i], 1024);
        size_t length = strlen(result);

        assert_safe(result, "a truncated sequence");
        ck_assert_msg(strncmp(result, "ab", 2) == 0 && length > 2,
                      "truncated sequence %zu sanitized to \"%s\"", i, result);
        ck_assert_msg(result[length - 1] == '?',
                      "truncated sequence %zu does not end in '?': \"%s\"", i,
                      result);
    }
}
END_TEST

START_TEST(test_sanitize_c1_controls_replaced)
{
    for (unsigned int second = 0x80; second <= 0x9F; second++) {
        char text[5] = {'a', '\xc2', (char)second, 'b', '\0'};
        char description[32];

        snprintf(description, sizeof(description), "C1 control C2 %02X",
                 second);
        const char *result = sanitize_text(text, 1024);
        assert_safe(result, description);
        ck_assert_msg(strchr(result, '\xc2') == NULL,
                      "%s kept its lead byte: \"%s\"", description, result);
    }
}
END_TEST

START_TEST(test_sanitize_cut_ends_in_dots)
{
    char text[101];

    memset(text, 'a', 100);
    text[100] = '\0';
    const char *result = sanitize_text(text, 20);
    size_t length = strlen(result);

    ck_assert_msg(length <= 20, "cut at 20 gave %zu bytes: %s", length, result);
    ck_assert_msg(length >= 4 && strcmp(result + length - 3, "...") == 0,
                  "cut text does not end in \"...\": %s", result);
    ck_assert_msg(strncmp(result, "aaaa", 4) == 0,
                  "cut text lost its start: %s", result);
}
END_TEST

START_TEST(test_sanitize_short_text_not_cut)
{
    const char *result = sanitize_text("short text", 20);

    ck_assert_msg(strcmp(result, "short text") == 0,
                  "a text below the cap became \"%s\"", result);
}
END_TEST

START_TEST(test_sanitize_text_at_cap_not_cut)
{
    /* max_bytes is the most that may be appended, so a text of exactly
     * that length fits whole. */
    const char *result = sanitize_text("0123456789", 10);

    ck_assert_msg(strcmp(result, "0123456789") == 0,
                  "a 10-byte text under a cap of 10 became \"%s\"", result);
    result = sanitize_text("0123456789a", 10);
    ck_assert_msg(strlen(result) <= 10 && strcmp(result, "0123456...") == 0,
                  "an 11-byte text under a cap of 10 became \"%s\", "
                  "expected \"0123456...\"",
                  result);
}
END_TEST

START_TEST(test_sanitize_cut_keeps_whole_characters)
{
    /* "aa" and six 3-byte euro signs, cut at every size. */
    static const char text[] = "aa\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
                               "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac";

    for (size_t max = 4; max < sizeof(text) - 1; max++) {
        const char *result = sanitize_text(text, max);
        size_t length = strlen(result);
        char description[32];

        snprintf(description, sizeof(description), "cut at %zu", max);
        assert_safe(result, description);
        ck_assert_msg(length <= max, "%s gave %zu bytes", description, length);
        ck_assert_msg(length >= 3 && strcmp(result + length - 3, "...") == 0,
                      "%s does not end in \"...\": %s", description, result);
    }
}
END_TEST

START_TEST(test_sanitize_null_appends_nothing)
{
    strbuf_append(&current_buffer, "kept", 4);
    sanitize_append_string(&current_buffer, NULL, 100);
    sanitize_append(&current_buffer, NULL, 10, 100);

    ck_assert_msg(strcmp(strbuf_text(&current_buffer), "kept") == 0,
                  "NULL text changed the buffer to \"%s\"",
                  strbuf_text(&current_buffer));
}
END_TEST

START_TEST(test_sanitize_appends_after_existing)
{
    strbuf_append(&current_buffer, "message: ", 9);
    sanitize_append_string(&current_buffer, "  server text  ", 100);

    ck_assert_msg(
        strcmp(strbuf_text(&current_buffer), "message: server text") == 0,
        "appended text reads \"%s\"", strbuf_text(&current_buffer));
}
END_TEST

START_TEST(test_sanitize_forged_status_line)
{
    const char *result = sanitize_text("x\nLGTM OK: fake | a=1", 1024);

    ck_assert_msg(strchr(result, '\n') == NULL,
                  "forged text kept a line break: %s", result);
    ck_assert_msg(strchr(result, '\r') == NULL,
                  "forged text kept a carriage return: %s", result);
    ck_assert_msg(strchr(result, '|') == NULL, "forged text kept a '|': %s",
                  result);
    ck_assert_msg(strcmp(result, "x LGTM OK: fake / a=1") == 0,
                  "forged text became \"%s\"", result);
}
END_TEST

START_TEST(test_strbuf_cap_stops_appends)
{
    struct strbuf buffer;

    strbuf_init(&buffer, 10);
    strbuf_append(&buffer, "0123456", 7);
    ck_assert_msg(!buffer.truncated, "7 bytes under a cap of 10 truncated");
    strbuf_append(&buffer, "789abcdef", 9);

    ck_assert_msg(buffer.length == 10, "length %zu, expected the cap 10",
                  buffer.length);
    ck_assert_msg(strcmp(strbuf_text(&buffer), "0123456789") == 0,
                  "text is \"%s\"", strbuf_text(&buffer));
    ck_assert_msg(buffer.truncated, "a cut append did not set truncated");
    strbuf_append(&buffer, "x", 1);
    ck_assert_msg(buffer.length == 10, "append past a full cap grew to %zu",
                  buffer.length);
    strbuf_free(&buffer);
}
END_TEST

START_TEST(test_strbuf_cut_at_utf8_boundary)
{
    /* "ab" then two 3-byte euro signs: a cap of 4 falls inside the first
     * euro sign, a cap of 7 inside the second. */
    static const char text[] = "ab\xe2\x82\xac\xe2\x82\xac";
    static const struct {
        size_t cap;
        size_t kept_length;
    } cases[] = {{3, 2}, {4, 2}, {5, 5}, {6, 5}, {7, 5}, {8, 8}};

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct strbuf buffer;

        strbuf_init(&buffer, cases[i].cap);
        strbuf_append(&buffer, text, sizeof(text) - 1);
        ck_assert_msg(buffer.length == cases[i].kept_length,
                      "cap %zu kept %zu bytes, expected %zu", cases[i].cap,
                      buffer.length, cases[i].kept_length);
        ck_assert_msg(is_valid_utf8(strbuf_text(&buffer)),
                      "cap %zu split a character", cases[i].cap);
        strbuf_free(&buffer);
    }
}
END_TEST

START_TEST(test_strbuf_printf_beyond_256_bytes)
{
    char long_text[601];

    memset(long_text, 'q', 600);
    long_text[600] = '\0';
    strbuf_printf(&current_buffer, "<%s>%d", long_text, 42);

    ck_assert_msg(current_buffer.length == 604,
                  "printf of 604 bytes stored %zu", current_buffer.length);
    ck_assert_msg(strncmp(strbuf_text(&current_buffer), "<qqq", 4) == 0,
                  "printf text starts wrong");
    ck_assert_msg(strcmp(strbuf_text(&current_buffer) + 601, ">42") == 0,
                  "printf text ends with \"%s\", expected \">42\"",
                  strbuf_text(&current_buffer) + 601);
    ck_assert_msg(!current_buffer.failed && !current_buffer.truncated,
                  "printf without a cap set failed or truncated");
}
END_TEST

START_TEST(test_strbuf_printf_long_capped)
{
    struct strbuf buffer;
    char long_text[601];

    memset(long_text, 'q', 600);
    long_text[600] = '\0';
    strbuf_init(&buffer, 300);
    strbuf_printf(&buffer, "%s", long_text);

    ck_assert_msg(buffer.length == 300, "capped printf stored %zu bytes",
                  buffer.length);
    ck_assert_msg(buffer.truncated, "capped printf did not set truncated");
    strbuf_free(&buffer);
}
END_TEST

START_TEST(test_strbuf_empty_and_reset)
{
    ck_assert_msg(strcmp(strbuf_text(&current_buffer), "") == 0,
                  "a new buffer's text is not empty");
    strbuf_printf(&current_buffer, "%s", "text");
    strbuf_reset(&current_buffer);
    ck_assert_msg(current_buffer.length == 0, "reset left length %zu",
                  current_buffer.length);
    ck_assert_msg(strcmp(strbuf_text(&current_buffer), "") == 0,
                  "reset left text \"%s\"", strbuf_text(&current_buffer));
}
END_TEST

START_TEST(test_strbuf_uncapped_grows)
{
    char block[1000];

    memset(block, 'z', sizeof(block));
    for (int i = 0; i < 20; i++)
        strbuf_append(&current_buffer, block, sizeof(block));

    ck_assert_msg(current_buffer.length == 20000,
                  "20 appends of 1000 bytes stored %zu", current_buffer.length);
    ck_assert_msg(strlen(strbuf_text(&current_buffer)) == 20000,
                  "text is not NUL-terminated at its length");
}
END_TEST

START_TEST(test_sanitize_unicode_separators_replaced)
{
    /* U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR. */
    assert_sanitized("a\xe2\x80\xa8"
                     "b\xe2\x80\xa9"
                     "c",
                     "a?b?c");
}
END_TEST

START_TEST(test_sanitize_bidi_controls_replaced)
{
    /* U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE and
     * U+200F RIGHT-TO-LEFT MARK. */
    assert_sanitized("x\xe2\x80\xae"
                     "y\xe2\x81\xa6"
                     "z\xe2\x80\x8f",
                     "x?y?z?");
}
END_TEST

START_TEST(test_sanitize_buffer_cap_respected)
{
    struct strbuf capped;

    strbuf_init(&capped, 6);
    sanitize_append(&capped, "abc def ghi", 11, 255);
    ck_assert_msg(capped.length <= 6, "output \"%s\" passed the cap",
                  strbuf_text(&capped));
    ck_assert_msg(strcmp(strbuf_text(&capped), "abc...") == 0,
                  "a cut at the buffer's cap gave \"%s\", expected "
                  "\"abc...\"",
                  strbuf_text(&capped));
    strbuf_free(&capped);
}
END_TEST

Suite *sanitize_suite(void)
{
    Suite *suite = suite_create("sanitize");
    TCase *sanitize = tcase_create("sanitize_append");
    TCase *strbuf = tcase_create("strbuf");

    tcase_add_checked_fixture(sanitize, setup, teardown);
    tcase_add_test(sanitize, test_sanitize_pipe_becomes_slash);
    tcase_add_test(sanitize, test_sanitize_unicode_separators_replaced);
    tcase_add_test(sanitize, test_sanitize_bidi_controls_replaced);
    tcase_add_test(sanitize, test_sanitize_buffer_cap_respected);
    tcase_add_test(sanitize, test_sanitize_line_breaks_become_space);
    tcase_add_test(sanitize, test_sanitize_space_runs_collapse);
    tcase_add_test(sanitize, test_sanitize_outer_white_space_dropped);
    tcase_add_test(sanitize, test_sanitize_nul_byte_becomes_space);
    tcase_add_test(sanitize, test_sanitize_valid_utf8_kept);
    tcase_add_test(sanitize, test_sanitize_lone_continuation_byte);
    tcase_add_test(sanitize, test_sanitize_overlong_form);
    tcase_add_test(sanitize, test_sanitize_surrogate_rejected);
    tcase_add_test(sanitize, test_sanitize_bytes_f5_to_ff);
    tcase_add_test(sanitize, test_sanitize_truncated_sequence_at_end);
    tcase_add_test(sanitize, test_sanitize_c1_controls_replaced);
    tcase_add_test(sanitize, test_sanitize_cut_ends_in_dots);
    tcase_add_test(sanitize, test_sanitize_short_text_not_cut);
    tcase_add_test(sanitize, test_sanitize_text_at_cap_not_cut);
    tcase_add_test(sanitize, test_sanitize_cut_keeps_whole_characters);
    tcase_add_test(sanitize, test_sanitize_null_appends_nothing);
    tcase_add_test(sanitize, test_sanitize_appends_after_existing);
    tcase_add_test(sanitize, test_sanitize_forged_status_line);
    suite_add_tcase(suite, sanitize);

    tcase_add_checked_fixture(strbuf, setup, teardown);
    tcase_add_test(strbuf, test_strbuf_cap_stops_appends);
    tcase_add_test(strbuf, test_strbuf_cut_at_utf8_boundary);
    tcase_add_test(strbuf, test_strbuf_printf_beyond_256_bytes);
    tcase_add_test(strbuf, test_strbuf_printf_long_capped);
    tcase_add_test(strbuf, test_strbuf_empty_and_reset);
    tcase_add_test(strbuf, test_strbuf_uncapped_grows);
    suite_add_tcase(suite, strbuf);
    return suite;
}
