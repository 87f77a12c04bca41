/* libFuzzer target: api_extract_start on the input as a nextPageUrl. A
 * start value it returns is sent back in the next request's query, so it
 * must not end that query or break the request line. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Tells whether value occurs in url right after "start=". */
static bool follows_start_key(const char *url, const char *value)
{
    for (const char *found = strstr(url, value); found != NULL;
         found = strstr(found + 1, value)) {
        if (found - url >= 6 && strncmp(found - 6, "start=", 6) == 0)
            return true;
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char error[256];
    char *start = NULL;

    char *url = malloc(size + 1);
    if (url == NULL)
        return 0;
    memcpy(url, data, size);
    url[size] = '\0';

    error[0] = '\0';
    if (api_extract_start(url, &start, error, sizeof(error)) != 0) {
        if (start != NULL || error[0] == '\0')
            abort();
        free(url);
        return 0;
    }

    /* The value must be non-empty, free of '&', '#', space, control
     * and non-ASCII bytes, and copied from a "start=" in the URL. */
    if (start == NULL || start[0] == '\0')
        abort();
    for (const unsigned char *p = (const unsigned char *)start; *p != '\0';
         p++) {
        if (*p <= 0x20 || *p >= 0x7F || *p == '&' || *p == '#')
            abort();
    }
    if (!follows_start_key(url, start))
        abort();

    free(start);
    free(url);
    return 0;
}
