/* libFuzzer target: challenge_parse on the input as a WWW-Authenticate
 * header value. Every field must stay a NUL-terminated string within its
 * array, and a header without a Bearer challenge must leave them empty. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "challenge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const char field[CHALLENGE_VALUE_MAX], bool found)
{
    if (memchr(field, '\0', CHALLENGE_VALUE_MAX) == NULL)
        abort();
    if (!found && field[0] != '\0')
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bearer_challenge challenge;

    char *header = malloc(size + 1);
    if (header == NULL)
        return 0;
    memcpy(header, data, size);
    header[size] = '\0';

    /* Fill the struct with non-NUL bytes so that a field left without
     * its terminator is caught. */
    memset(&challenge, 'x', sizeof(challenge));
    challenge_parse(header, &challenge);
    check_field(challenge.error, challenge.found);
    check_field(challenge.error_description, challenge.found);
    check_field(challenge.scope, challenge.found);

    free(header);
    return 0;
}
