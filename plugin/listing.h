/* The paginated project listing: every page over one handle, with the
 * start value from nextPageUrl sent to the configured URL. */
#ifndef LGTM_LISTING_H
#define LGTM_LISTING_H

#include "http.h"
#include "options.h"
#include "outcome.h"

/* Fetch pages until the last one, a failure, --max-pages or the end of
 * the -t budget, which began at started (seconds on CLOCK_MONOTONIC), and
 * record what happened in outcome. outcome->base_url must be set. */
void listing_fetch(struct http_client *client,
                   const struct lgtm_options *options, double started,
                   struct outcome *outcome);

/* Seconds on CLOCK_MONOTONIC. */
double listing_clock(void);

#endif
