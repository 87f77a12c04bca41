/* Helpers behind the assertion macros of expect.h. */
#include <stdio.h>
#include <string.h>

#include "expect.h"

const char *nagios_state_name(enum nagios_state state)
{
    switch (state) {
    case NAGIOS_OK:
        return "OK";
    case NAGIOS_WARNING:
        return "WARNING";
    case NAGIOS_CRITICAL:
        return "CRITICAL";
    case NAGIOS_UNKNOWN:
        return "UNKNOWN";
    }
    return "(invalid state)";
}

bool text_equals(const char *text, const char *expected)
{
    return text != NULL && strcmp(text, expected) == 0;
}

bool text_starts_with(const char *text, const char *prefix)
{
    return text != NULL && strncmp(text, prefix, strlen(prefix)) == 0;
}

bool text_contains(const char *text, const char *part)
{
    return text != NULL && strstr(text, part) != NULL;
}

const char *text_or_none(const char *text)
{
    return text != NULL ? text : "(none)";
}

bool line1_has_state(const char *line, enum nagios_state state)
{
    char prefix[32];

    snprintf(prefix, sizeof(prefix), "LGTM %s: ", nagios_state_name(state));
    return strncmp(line, prefix, strlen(prefix)) == 0;
}

bool summary_contains(const char *line, const char *text)
{
    const char *found = strstr(line, text);
    const char *pipe = strchr(line, '|');

    return found != NULL && (pipe == NULL || found + strlen(text) <= pipe);
}

size_t count_char(const char *text, char c)
{
    size_t count = 0;

    for (; *text != '\0'; text++)
        count += *text == c;
    return count;
}

bool has_control_char(const char *text)
{
    for (; *text != '\0'; text++) {
        unsigned char byte = (unsigned char)*text;

        if (byte < 0x20 || byte == 0x7f)
            return true;
    }
    return false;
}

bool perfdata_value(const char *line, const char *label, char *value,
                    size_t value_size)
{
    const char *item = strchr(line, '|');
    size_t label_length = strlen(label);

    if (item == NULL)
        return false;
    for (item++; *item != '\0';) {
        item += strspn(item, " ");
        size_t item_length = strcspn(item, " ");
        const char *equals = memchr(item, '=', item_length);

        if (equals != NULL && (size_t)(equals - item) == label_length &&
            strncmp(item, label, label_length) == 0) {
            const char *start = equals + 1;
            size_t length = strcspn(start, "; ");

            if (length >= value_size)
                return false;
            memcpy(value, start, length);
            value[length] = '\0';
            return true;
        }
        item += item_length;
    }
    return false;
}
