/* Locale-independent parsing and printing of decimal numbers. The
 * Monitoring Plugins threshold syntax and performance data always use a
 * dot as the decimal point, whatever LC_NUMERIC the plugin runs under. */
#ifndef LGTM_NUMBER_H
#define LGTM_NUMBER_H

#include <float.h>
#include <stddef.h>

/* Digits after the dot that number_format_short keeps at most. */
#define NUMBER_SHORT_DECIMALS 6

/* Bytes that always hold number_format_short's text of a finite double,
 * NUL included: a sign, the integer digits of DBL_MAX, a dot and the
 * decimals. */
#define NUMBER_SHORT_SIZE                                                      \
    (1 + (DBL_MAX_10_EXP + 1) + 1 + NUMBER_SHORT_DECIMALS + 1)

/* Parses the whole of text as a finite decimal number: an optional sign,
 * digits, and an optional dot followed by digits, with at least one digit
 * in all. Exponents, hex, inf, nan, commas and surrounding white space are
 * rejected. A value too small for a double is stored rounded, possibly to
 * 0. Returns 0 and stores the value, or -1 and leaves *value unchanged. */
int number_parse(const char *text, double *value);

/* Formats value in fixed point with exactly `decimals` digits after a dot
 * (no dot for 0), rounding to nearest as printf does (ties to even on the
 * exact binary value). A negative value keeps its sign unless it rounds to
 * zero, so -0 prints as "0". Returns the length the whole text needs, as
 * snprintf does, or -1 with an empty buffer when value is not finite,
 * decimals is negative or the C locale cannot be created. */
int number_format(double value, int decimals, char *buffer, size_t size);

/* Formats value like number_format with NUMBER_SHORT_DECIMALS decimals,
 * then removes trailing zeros and a trailing dot: 0.5, 10, 0.00001, and
 * 1e-09 as "0". Returns as number_format does. */
int number_format_short(double value, char *buffer, size_t size);

#endif
