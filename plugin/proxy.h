/* The proxy libcurl uses for a request, so that a failure can be blamed
 * on the proxy when it is one. libcurl 7.88 cannot report it itself
 * (CURLINFO_USED_PROXY arrived in 8.7). */
#ifndef LGTM_PROXY_H
#define LGTM_PROXY_H

#include <stdbool.h>

#include "options.h"

/* Return --proxy, else the proxy libcurl takes from the environment for
 * url: https_proxy or HTTPS_PROXY for https, http_proxy for http, then
 * all_proxy or ALL_PROXY. Return NULL when none is set, or when
 * --noproxy, no_proxy or NO_PROXY names the host. */
const char *proxy_in_use(const struct lgtm_options *options, const char *url);

/* Whether host matches a no_proxy list: "*", a host name equal to an
 * entry, or one ending in "." followed by an entry (a leading dot in the
 * entry is ignored). */
bool proxy_host_excluded(const char *host, const char *list);

#endif
