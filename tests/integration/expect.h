/* Assertions on plugin runs and simulator logs, one Check assertion per
 * condition. On failure they print the whole plugin output or simulator
 * log to stderr and fail the test at the caller's line. */
#ifndef LGTM_IT_EXPECT_H
#define LGTM_IT_EXPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "harness.h"
#include "sim.h"

/* Fail with the formatted message after printing the run. */
#define expect_run(result, condition, ...)                                     \
    do {                                                                       \
        if (!(condition)) {                                                    \
            fprintf(stderr, "%s:%d: assertion failed on this run:\n",          \
                    __FILE__, __LINE__);                                       \
            plugin_result_print((result), stderr);                             \
            ck_abort_msg(__VA_ARGS__);                                         \
        }                                                                      \
    } while (0)

/* Fail with the formatted message after printing the simulator log. */
#define expect_log(log, condition, ...)                                        \
    do {                                                                       \
        if (!(condition)) {                                                    \
            fprintf(stderr,                                                    \
                    "%s:%d: assertion failed on this simulator log:\n"         \
                    "%s--- end ---\n",                                         \
                    __FILE__, __LINE__, (log)->text);                          \
            ck_abort_msg(__VA_ARGS__);                                         \
        }                                                                      \
    } while (0)

#define expect_exit_code(result, code)                                         \
    expect_run((result), (result)->exit_code == (code),                        \
               "exit code %d, expected %d", (result)->exit_code, (code))

/* Line 1 starts with "LGTM <STATE>: ". */
#define expect_line1_state(result, state)                                      \
    expect_run((result), line1_has_state((result)->line1, (state)),            \
               "line 1 does not start with \"LGTM %s: \": %s",                 \
               nagios_state_name(state), (result)->line1)

/* Line 1 contains exactly one '|', the one before the perfdata. */
#define expect_single_pipe(result)                                             \
    expect_run((result), count_char((result)->line1, '|') == 1,                \
               "line 1 contains %zu '|', expected 1: %s",                      \
               count_char((result)->line1, '|'), (result)->line1)

/* The state as a monitoring system reads it: the exit code, the state
 * on line 1 and the one separator before the perfdata. */
#define expect_status_line(result, state)                                      \
    do {                                                                       \
        expect_exit_code((result), (int)(state));                              \
        expect_line1_state((result), (state));                                 \
        expect_single_pipe((result));                                          \
    } while (0)

/* The summary, the part of line 1 before the '|', contains text. */
#define expect_summary_contains(result, text)                                  \
    expect_run((result), summary_contains((result)->line1, (text)),            \
               "the summary on line 1 lacks \"%s\": %s", (text),               \
               (result)->line1)

#define expect_stdout_contains(result, text)                                   \
    expect_run((result), strstr((result)->out, (text)) != NULL,                \
               "stdout lacks \"%s\"", (text))

/* Neither stdout nor stderr contains text. */
#define expect_output_lacks(result, text)                                      \
    do {                                                                       \
        expect_run((result), strstr((result)->out, (text)) == NULL,            \
                   "stdout contains \"%s\"", (text));                          \
        expect_run((result), strstr((result)->err, (text)) == NULL,            \
                   "stderr contains \"%s\"", (text));                          \
    } while (0)

/* Line 1 contains no control character, such as ESC from server text. */
#define expect_no_control_chars(result)                                        \
    expect_run((result), !has_control_char((result)->line1),                   \
               "line 1 contains a control character: %s", (result)->line1)

/* The perfdata on line 1 has label=value, value compared as text with its
 * unit, e.g. expect_perfdata(result, "projects", "250"). */
#define expect_perfdata(result, label, value)                                  \
    do {                                                                       \
        char perfdata_found_[64];                                              \
        expect_run((result),                                                   \
                   perfdata_value((result)->line1, (label), perfdata_found_,   \
                                  sizeof(perfdata_found_)),                    \
                   "line 1 has no perfdata label \"%s\": %s", (label),         \
                   (result)->line1);                                           \
        expect_run((result), strcmp(perfdata_found_, (value)) == 0,            \
                   "perfdata %s=%s, expected %s=%s", (label), perfdata_found_, \
                   (label), (value));                                          \
    } while (0)

/* The run ended within the given number of seconds of wall-clock time,
 * unless the check is skipped under a wrapper (see measurement_skipped). */
#define expect_elapsed_below(result, seconds)                                  \
    do {                                                                       \
        if (!measurement_skipped(MEASURE_TIME, "elapsed time", __FILE__,       \
                                 __LINE__))                                    \
            expect_run((result), (result)->elapsed < (seconds),                \
                       "the plugin ran %.2f s, expected less than %.2f s",     \
                       (result)->elapsed, (double)(seconds));                  \
    } while (0)

/* The plugin's peak resident set size stayed below kib KiB, unless the
 * check is skipped under a wrapper or AddressSanitizer. */
#define expect_peak_rss_below(result, kib)                                     \
    do {                                                                       \
        if (!measurement_skipped(MEASURE_MEMORY, "peak RSS", __FILE__,         \
                                 __LINE__))                                    \
            expect_run((result), (result)->max_rss_kib < (long)(kib),          \
                       "the plugin's peak RSS was %ld KiB, expected less "     \
                       "than %ld KiB",                                         \
                       (result)->max_rss_kib, (long)(kib));                    \
    } while (0)

/* All of stdout is valid UTF-8 without a NUL byte. */
#define expect_stdout_valid_utf8(result)                                       \
    do {                                                                       \
        size_t invalid_at_ = 0;                                                \
        expect_run((result), strlen((result)->out) == (result)->out_length,    \
                   "stdout contains a NUL byte at offset %zu",                 \
                   strlen((result)->out));                                     \
        expect_run(                                                            \
            (result),                                                          \
            utf8_is_valid((result)->out, (result)->out_length, &invalid_at_),  \
            "stdout is not valid UTF-8 at offset %zu (byte 0x%02x)",           \
            invalid_at_, (unsigned char)(result)->out[invalid_at_]);           \
    } while (0)

/* Only line 1 of stdout starts with "LGTM ", so no server text forged a
 * second status line. */
#define expect_one_status_line(result)                                         \
    expect_run((result), count_lines_starting((result)->out, "LGTM ") == 1,    \
               "%zu lines of stdout start with \"LGTM \", expected 1",         \
               count_lines_starting((result)->out, "LGTM "))

/* Neither stdout nor stderr contains any TOKEN_WINDOW bytes in a row of
 * token. */
#define expect_output_lacks_token(result, token)                               \
    do {                                                                       \
        long at_ = token_window_at((result)->out, (result)->out_length,        \
                                   (token), TOKEN_WINDOW);                     \
        expect_run((result), at_ < 0,                                          \
                   "stdout contains the token's bytes %ld to %ld", at_,        \
                   at_ + TOKEN_WINDOW - 1);                                    \
        at_ = token_window_at((result)->err, (result)->err_length, (token),    \
                              TOKEN_WINDOW);                                   \
        expect_run((result), at_ < 0,                                          \
                   "stderr contains the token's bytes %ld to %ld", at_,        \
                   at_ + TOKEN_WINDOW - 1);                                    \
    } while (0)

/* Bytes of a token that count as a leak when they occur in a row. */
#define TOKEN_WINDOW 8

/* Measurements that a wrapper or a sanitizer distorts. */
enum measurement {
    MEASURE_TIME,  /* wall-clock time, slowed down by valgrind */
    MEASURE_MEMORY /* peak RSS, which counts valgrind or ASan's own memory */
};

/* Return whether an assertion on the measurement is skipped, and print
 * which one to stderr when it is. Under CHECK_LGTM_WRAPPER both are
 * skipped, and under AddressSanitizer the memory ones, because then they
 * measure the tool rather than the plugin. This is the one deliberate
 * skip of the suite. */
bool measurement_skipped(enum measurement measurement, const char *what,
                         const char *file, int line);

const char *nagios_state_name(enum nagios_state state);

/* String tests that treat NULL (a header or field that is missing) as
 * matching nothing. */
bool text_equals(const char *text, const char *expected);
bool text_starts_with(const char *text, const char *prefix);
bool text_contains(const char *text, const char *part);

/* Return text, or "(none)" for NULL, for messages. */
const char *text_or_none(const char *text);

/* Return whether line starts with "LGTM <STATE>: ". */
bool line1_has_state(const char *line, enum nagios_state state);

/* Return whether text occurs in line before its first '|'. */
bool summary_contains(const char *line, const char *text);

size_t count_char(const char *text, char c);

/* Return whether text contains a byte below 0x20 or DEL. */
bool has_control_char(const char *text);

/* Return whether the length bytes of text are well-formed UTF-8: no
 * overlong form, no surrogate, nothing above U+10FFFF, no truncated
 * sequence. Otherwise store the offset of the first invalid byte in
 * *invalid_at. */
bool utf8_is_valid(const char *text, size_t length, size_t *invalid_at);

/* Return the number of lines of text that start with prefix. */
size_t count_lines_starting(const char *text, const char *prefix);

/* Return the offset in token of the first window bytes of it (all of it
 * when shorter) that occur in the length bytes of text, or -1. */
long token_window_at(const char *text, size_t length, const char *token,
                     size_t window);

/* Copy the value of label from the perfdata after the '|' of line into
 * value, up to the first ';' or the end of the item. Returns false when
 * the label is missing or its value does not fit. */
bool perfdata_value(const char *line, const char *label, char *value,
                    size_t value_size);

#endif
