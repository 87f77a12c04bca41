/* Threshold ranges in the Monitoring Plugins syntax: N (alert outside
 * 0..N), N: (alert below N), ~:N (alert above N), N:M (alert outside
 * N..M) and @N:M (alert inside N..M). Bounds are inclusive, "~" as start
 * is negative infinity, and an empty end after ":" is positive infinity. */
#ifndef LGTM_RANGE_H
#define LGTM_RANGE_H

#include <stdbool.h>
#include <stddef.h>

#include "number.h"
#include "state.h"

/* Bytes that always hold range_format's text, NUL included: "@", two
 * numbers and ":". */
#define RANGE_TEXT_SIZE (2 * NUMBER_SHORT_SIZE + 1)

/* A parsed threshold range. A zeroed struct is an unset range. */
struct range {
    double start;        /* used unless start_infinite */
    double end;          /* used unless end_infinite */
    bool start_infinite; /* "~" as start */
    bool end_infinite;   /* empty end after ":" */
    bool alert_inside;   /* "@" prefix */
    bool is_set;         /* a range was given (an unset one never alerts) */
};

/* Parses text into *range with is_set true and returns 0. On an invalid
 * range returns -1, leaves *range unchanged and writes into error
 * (unless it is NULL or error_size is 0) a one-line message that quotes the
 * text, states what is invalid and lists the valid forms. Invalid are NULL and
 * empty text, a missing number, garbage, a comma, "~" as end, non-finite
 * numbers and a start above the end. */
int range_parse(const char *text, struct range *range, char *error,
                size_t error_size);

/* Tells whether value fires the range. An unset range or NULL never
 * does. */
bool range_alerts(const struct range *range, double value);

/* Formats the range's canonical text for performance data: "" when unset
 * or NULL, "N" for 0..N, else [@]START:END with "~" for an infinite start
 * and nothing after ":" for an infinite end. Bounds are printed by
 * number_format_short, so they are rounded to 6 decimals. Returns the
 * length the whole text needs, as snprintf does, or -1 with an empty
 * buffer when a bound marked finite is not. */
int range_format(const struct range *range, char *buffer, size_t size);

/* Returns STATE_CRITICAL when critical fires, else STATE_WARNING when
 * warning fires, else STATE_OK. NULL counts as an unset range. */
enum lgtm_state range_state(const struct range *warning,
                            const struct range *critical, double value);

#endif
