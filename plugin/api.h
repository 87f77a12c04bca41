/* The LGTM v1.0 API's bodies: a page of projects and an error body. */
#ifndef LGTM_API_H
#define LGTM_API_H

#include <stddef.h>

/* The plugin's page size; the API allows 1 to 100. */
#define API_PAGE_LIMIT 100

struct api_page {
    size_t count;     /* projects on this page */
    char *next_start; /* start value of the next page; NULL on the last */
};

/* Parse one page: {"data": [{"id": int64, ...}, ...], "nextPageUrl":
 * "..."}. Returns 0, or -1 with error naming the field that is missing or
 * of the wrong type. */
int api_parse_page(const char *body, size_t length, struct api_page *page,
                   char *error, size_t error_size);

void api_page_free(struct api_page *page);

/* Extract the raw, still percent-encoded value of the start parameter
 * from an absolute or relative nextPageUrl. Only start is taken, so the
 * next request goes to the configured URL whatever host the server names.
 * Returns 0 with *start allocated, or -1 with error set. */
int api_extract_start(const char *next_page_url, char **start, char *error,
                      size_t error_size);

/* Extract the message of an error body: the JSON member "error", else
 * "message", else the body itself when it is not JSON. Returns an
 * allocated string, or NULL for an empty body. */
char *api_error_message(const char *body, size_t length);

#endif
