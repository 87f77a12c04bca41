/* libFuzzer target: api_error_message on arbitrary bytes, passed with
 * their length and no terminating NUL, as api.h declares it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *message = api_error_message((const char *)data, size);

    /* An empty body has no message. */
    if (size == 0 && message != NULL)
        abort();
    free(message);
    return 0;
}
