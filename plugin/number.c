#include "number.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIGITS "0123456789"

/* Decimals from which every nonzero double prints a nonzero digit: the
 * smallest subnormal double is about 4.9e-324. */
#define ZERO_CHECK_DECIMALS 330

/* The calling thread's locale, switched to "C" between enter and leave, so
 * that strtod and printf use a dot without touching the global locale. */
struct c_locale_scope {
    locale_t c_locale;
    locale_t previous;
};

static int c_locale_enter(struct c_locale_scope *scope)
{
    scope->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (scope->c_locale == (locale_t)0) {
        return -1;
    }

    scope->previous = uselocale(scope->c_locale);
    if (scope->previous == (locale_t)0) {
        freelocale(scope->c_locale);
        return -1;
    }
    return 0;
}

static void c_locale_leave(struct c_locale_scope *scope)
{
    uselocale(scope->previous);
    freelocale(scope->c_locale);
}

static void clear_buffer(char *buffer, size_t size)
{
    if (buffer != NULL && size > 0) {
        buffer[0] = '\0';
    }
}

static bool is_decimal_syntax(const char *text)
{
    const char *cursor = text;

    if (*cursor == '+' || *cursor == '-') {
        cursor++;
    }

    size_t digit_count = strspn(cursor, DIGITS);
    cursor += digit_count;
    if (*cursor == '.') {
        cursor++;
        size_t fraction_count = strspn(cursor, DIGITS);
        digit_count += fraction_count;
        cursor += fraction_count;
    }
    return digit_count > 0 && *cursor == '\0';
}

int number_parse(const char *text, double *value)
{
    struct c_locale_scope scope;

    if (text == NULL || !is_decimal_syntax(text)) {
        return -1;
    }
    if (c_locale_enter(&scope) != 0) {
        return -1;
    }

    char *end = NULL;
    errno = 0;
    double parsed = strtod(text, &end);
    int parse_errno = errno;
    c_locale_leave(&scope);

    if (end == NULL || *end != '\0') {
        return -1;
    }
    /* strtod sets ERANGE on overflow, returning HUGE_VAL, which is
     * rejected, and on underflow, whose value rounded towards 0 is kept. */
    if (parse_errno == ERANGE && isinf(parsed)) {
        return -1;
    }

    *value = parsed;
    return 0;
}

/* Tells whether magnitude prints as zero with `decimals` digits. Must run
 * under the C locale, so that the decimal point is one byte. */
static bool rounds_to_zero(double magnitude, int decimals)
{
    char text[sizeof "0." + ZERO_CHECK_DECIMALS];

    if (magnitude == 0.0) {
        return true;
    }
    if (magnitude >= 1.0 || decimals >= ZERO_CHECK_DECIMALS) {
        return false;
    }

    snprintf(text, sizeof text, "%.*f", decimals, magnitude);
    return strpbrk(text, "123456789") == NULL;
}

int number_format(double value, int decimals, char *buffer, size_t size)
{
    struct c_locale_scope scope;

    if (!isfinite(value) || decimals < 0) {
        clear_buffer(buffer, size);
        return -1;
    }
    if (c_locale_enter(&scope) != 0) {
        clear_buffer(buffer, size);
        return -1;
    }

    double magnitude = fabs(value);
    bool negative = signbit(value) && !rounds_to_zero(magnitude, decimals);
    int length = snprintf(buffer, size, "%s%.*f", negative ? "-" : "", decimals,
                          magnitude);
    c_locale_leave(&scope);
    return length;
}

static void strip_fraction_zeros(char *text)
{
    char *dot = strchr(text, '.');

    if (dot == NULL) {
        return;
    }

    char *end = dot + strlen(dot);
    while (end > dot + 1 && end[-1] == '0') {
        end--;
    }
    if (end == dot + 1) {
        end = dot;
    }
    *end = '\0';
}

int number_format_short(double value, char *buffer, size_t size)
{
    char text[NUMBER_SHORT_SIZE];

    int length = number_format(value, NUMBER_SHORT_DECIMALS, text, sizeof text);
    if (length < 0 || (size_t)length >= sizeof text) {
        clear_buffer(buffer, size);
        return -1;
    }

    strip_fraction_zeros(text);
    return snprintf(buffer, size, "%s", text);
}
