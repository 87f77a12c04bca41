/* libcurl's verbose trace for -vvv, with the Authorization header
 * redacted and server text sanitized. */
#ifndef LGTM_TRACE_H
#define LGTM_TRACE_H

#include <stdio.h>

#include <curl/curl.h>

/* Route libcurl's verbose output through a filter to stderr. */
void trace_enable(CURL *curl);

/* Write one trace line; exposed for unit tests. Headers named
 * Authorization or Proxy-Authorization have their value replaced. */
void trace_write_line(FILE *stream, const char *prefix, const char *line,
                      size_t length);

#endif
