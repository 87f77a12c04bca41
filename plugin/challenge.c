#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "challenge.h"

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == ',')
        p++;
    return p;
}

static bool is_token_char(char c)
{
    return c != '\0' && c != ' ' && c != '\t' && c != ',' && c != '=' &&
           c != '"';
}

/* Copy a quoted-string or token value at p into value; returns the
 * position after it. */
static const char *read_value(const char *p, char *value, size_t size)
{
    size_t length = 0;

    if (*p != '"') {
        while (is_token_char(*p)) {
            if (length + 1 < size)
                value[length++] = *p;
            p++;
        }
        value[length] = '\0';
        return p;
    }
    for (p++; *p != '\0' && *p != '"'; p++) {
        if (*p == '\\' && p[1] != '\0')
            p++;
        if (length + 1 < size)
            value[length++] = *p;
    }
    value[length] = '\0';
    return *p == '"' ? p + 1 : p;
}

static bool name_is(const char *name, size_t length, const char *expected)
{
    return strlen(expected) == length &&
           strncasecmp(name, expected, length) == 0;
}

/* Return the field a parameter name fills, or NULL for others. */
static char *parameter_slot(struct bearer_challenge *challenge,
                            const char *name, size_t length)
{
    if (name_is(name, length, "error"))
        return challenge->error;
    if (name_is(name, length, "error_description"))
        return challenge->error_description;
    if (name_is(name, length, "scope"))
        return challenge->scope;
    return NULL;
}

/* Find "Bearer" as a scheme: at the start or after a comma or space,
 * outside quoted strings, and followed by a space, a comma or the end. */
static const char *find_bearer(const char *header)
{
    bool quoted = false;

    for (const char *p = header; *p != '\0'; p++) {
        if (*p == '\\' && quoted && p[1] != '\0') {
            p++;
            continue;
        }
        if (*p == '"') {
            quoted = !quoted;
            continue;
        }
        bool at_boundary =
            p == header || p[-1] == ' ' || p[-1] == ',' || p[-1] == '\t';
        if (!quoted && at_boundary && strncasecmp(p, "Bearer", 6) == 0 &&
            (p[6] == '\0' || p[6] == ' ' || p[6] == '\t' || p[6] == ','))
            return p + 6;
    }
    return NULL;
}

void challenge_parse(const char *header, struct bearer_challenge *challenge)
{
    char ignored[CHALLENGE_VALUE_MAX];

    memset(challenge, 0, sizeof(*challenge));
    const char *p = header != NULL ? find_bearer(header) : NULL;
    if (p == NULL)
        return;
    challenge->found = true;

    for (p = skip_space(p); *p != '\0'; p = skip_space(p)) {
        const char *name = p;
        while (is_token_char(*p))
            p++;
        size_t name_length = (size_t)(p - name);
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '=' || name_length == 0) {
            /* Another scheme begins, or the header is malformed. */
            return;
        }
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        char *slot = parameter_slot(challenge, name, name_length);
        p = read_value(p, slot != NULL ? slot : ignored, CHALLENGE_VALUE_MAX);
    }
}
