/* One item of performance data in the Monitoring Plugins form
 * label=VALUE[UNIT];[WARN];[CRIT];[MIN];[MAX]. */
#ifndef LGTM_PERFDATA_H
#define LGTM_PERFDATA_H

#include <stdbool.h>
#include <stddef.h>

#include "range.h"

/* A measured value with its unit, thresholds and bounds. */
struct perfdata_item {
    const char *label;
    double value;
    int decimals;                /* digits after the dot: 6 for seconds */
    const char *unit;            /* "s", or "" (NULL counts as "") */
    const struct range *warning; /* NULL or unset: empty field */
    const struct range *critical;
    bool has_min;
    double min;
    bool has_max;
    double max;
};

/* Formats item into buffer, dropping trailing empty fields: "pages=3",
 * "projects=250;;;0", "time=0.012345s;1;2;0". The value is printed in
 * fixed point with item->decimals digits, or as "U" (undetermined, no
 * unit) when it is not finite. Min and max are printed by
 * number_format_short, and a non-finite one leaves its field empty. A
 * label containing a space, "=" or "'" is put in single quotes with each
 * "'" doubled. The text is NUL-terminated whenever size > 0. Returns the
 * length the whole text needs, as snprintf does, or -1 with an empty
 * buffer when the label is NULL or empty, decimals is negative or the
 * text would exceed INT_MAX. */
int perfdata_format(const struct perfdata_item *item, char *buffer,
                    size_t size);

#endif
