/* libFuzzer target: api_parse_page on arbitrary bytes. The body is passed
 * with its length and no terminating NUL, as api.h declares it. An
 * accepted page must be one JSON value, so it contains no NUL byte (JSON
 * escapes it as \u0000), and its next start must be safe to send back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort unless start contains only printable ASCII other than the '&',
 * '#' and space that would end or break the query it is sent back in. */
static void check_start(const char *start)
{
    if (*start == '\0')
        abort();
    for (const unsigned char *p = (const unsigned char *)start; *p != '\0';
         p++) {
        if (*p <= 0x20 || *p >= 0x7F || *p == '&' || *p == '#')
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct api_page page;
    char error[256];

    error[0] = '\0';
    int result =
        api_parse_page((const char *)data, size, &page, error, sizeof(error));
    if (result != 0) {
        /* A rejected page leaves nothing to free and sets an error. */
        if (page.next_start != NULL || page.count != 0 || error[0] == '\0')
            abort();
        return 0;
    }

    if (memchr(data, '\0', size) != NULL)
        abort();
    if (page.next_start != NULL)
        check_start(page.next_start);
    api_page_free(&page);
    return 0;
}
