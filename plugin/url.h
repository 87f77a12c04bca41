/* The --url value and the request URLs built from it. */
#ifndef LGTM_URL_H
#define LGTM_URL_H

#include <stddef.h>

/* Normalize --url to a base without trailing slashes, accepting a URL
 * that already ends in /api/v1.0 or /api/v1.0/projects. Only http and
 * https, no query, fragment or user name. Returns 0 with *base allocated,
 * or -1 with error naming the value and the expected form. */
int url_normalize_base(const char *input, char **base, char *error,
                       size_t error_size);

/* Build {base}/api/v1.0/projects?limit=100[&start=START]; NULL when out
 * of memory. */
char *url_projects(const char *base, const char *start);

/* Store the host and port of url, or "?" and 0 when it cannot be read.
 * An IPv6 host keeps its brackets. */
void url_host_port(const char *url, char *host, size_t host_size, long *port);

#endif
