/* libFuzzer target: range_parse on the input as a string. A range that
 * parses must survive range_format and a second range_parse, and both
 * ranges must alert alike on every probe value that the rounding of
 * range_format cannot move across a bound. */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "range.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* range_format rounds a bound to 6 decimals, which moves it by at most
 * 5e-7, and parsing that text back rounds it once more to the nearest
 * double, by at most half an ulp. The tolerance exceeds both together. */
static double bound_tolerance(double bound)
{
    return 1e-6 + 4 * DBL_EPSILON * fabs(bound);
}

/* Abort unless the reparsed range has the same form and bounds within
 * the rounding tolerance. */
static void check_bounds(const struct range *original,
                         const struct range *reparsed)
{
    if (reparsed->is_set != original->is_set ||
        reparsed->alert_inside != original->alert_inside ||
        reparsed->start_infinite != original->start_infinite ||
        reparsed->end_infinite != original->end_infinite)
        abort();
    if (!original->start_infinite && fabs(reparsed->start - original->start) >
                                         bound_tolerance(original->start))
        abort();
    if (!original->end_infinite &&
        fabs(reparsed->end - original->end) > bound_tolerance(original->end))
        abort();
}

/* Tells whether value lies farther from each finite bound than the
 * rounding can move that bound, so both ranges must treat it alike. */
static bool is_comparable(const struct range *range, double value)
{
    if (!range->start_infinite &&
        fabs(value - range->start) <= bound_tolerance(range->start))
        return false;
    if (!range->end_infinite &&
        fabs(value - range->end) <= bound_tolerance(range->end))
        return false;
    return true;
}

static void check_probe(const struct range *original,
                        const struct range *reparsed, double value)
{
    if (is_comparable(original, value) &&
        range_alerts(original, value) != range_alerts(reparsed, value))
        abort();
}

/* Probe fixed values and values just outside the tolerance on both sides
 * of each finite bound. */
static void check_probes(const struct range *original,
                         const struct range *reparsed)
{
    static const double fixed[] = {-INFINITY, -1e300, -1e6,  -1.0,
                                   -0.5,      0.0,    0.5,   1.0,
                                   10.0,      1e6,    1e300, INFINITY};
    double bounds[2];
    size_t bound_count = 0;

    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        check_probe(original, reparsed, fixed[i]);

    if (!original->start_infinite)
        bounds[bound_count++] = original->start;
    if (!original->end_infinite)
        bounds[bound_count++] = original->end;
    for (size_t i = 0; i < bound_count; i++) {
        double offset = 2 * bound_tolerance(bounds[i]);
        check_probe(original, reparsed, bounds[i] - offset);
        check_probe(original, reparsed, bounds[i] + offset);
    }
}

/* Format range into text, aborting unless the text fits the documented
 * RANGE_TEXT_SIZE and parses again into *reparsed. */
static void format_and_reparse(const struct range *range,
                               char text[RANGE_TEXT_SIZE],
                               struct range *reparsed)
{
    char error[512];

    int length = range_format(range, text, RANGE_TEXT_SIZE);
    if (length < 0 || length >= RANGE_TEXT_SIZE)
        abort();
    if (range_parse(text, reparsed, error, sizeof(error)) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct range original;
    struct range untouched;
    struct range reparsed;
    struct range settled;
    struct range final;
    char error[512];
    char first_text[RANGE_TEXT_SIZE];
    char second_text[RANGE_TEXT_SIZE];
    char third_text[RANGE_TEXT_SIZE];

    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    /* An invalid range must leave the struct unchanged. */
    memset(&original, 0xA5, sizeof(original));
    memcpy(&untouched, &original, sizeof(untouched));
    int result = range_parse(text, &original, error, sizeof(error));
    free(text);
    if (result != 0) {
        if (memcmp(&original, &untouched, sizeof(original)) != 0)
            abort();
        return 0;
    }

    format_and_reparse(&original, first_text, &reparsed);
    check_bounds(&original, &reparsed);
    check_probes(&original, &reparsed);

    /* Bounds that went through range_format once keep their text. The
     * first text may still change form, because a start that rounds to 0
     * prints as "0:N" once and as "N" after that. */
    format_and_reparse(&reparsed, second_text, &settled);
    format_and_reparse(&settled, third_text, &final);
    if (strcmp(second_text, third_text) != 0)
        abort();
    return 0;
}
