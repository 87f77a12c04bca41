/* Helpers behind the assertion macros of expect.h. */
#include <stdio.h>
#include <string.h>

#include "expect.h"

/* The well-formed UTF-8 byte sequences by lead byte: the sequence length
 * and the range of its second byte. Every later byte is 0x80..0xBF. The
 * second-byte ranges rule out overlong forms, surrogates and code points
 * above U+10FFFF without decoding, unlike the plugin's decoder, so that
 * the two implementations check each other. */
struct utf8_lead {
    unsigned char first;
    unsigned char last;
    size_t length;
    unsigned char second_min;
    unsigned char second_max;
};

static const struct utf8_lead utf8_leads[] = {
    {0x00, 0x7F, 1, 0, 0},       {0xC2, 0xDF, 2, 0x80, 0xBF},
    {0xE0, 0xE0, 3, 0xA0, 0xBF}, {0xE1, 0xEC, 3, 0x80, 0xBF},
    {0xED, 0xED, 3, 0x80, 0x9F}, {0xEE, 0xEF, 3, 0x80, 0xBF},
    {0xF0, 0xF0, 4, 0x90, 0xBF}, {0xF1, 0xF3, 4, 0x80, 0xBF},
    {0xF4, 0xF4, 4, 0x80, 0x8F},
};

/* Return the length of the well-formed sequence at bytes, or 0. */
static size_t utf8_sequence(const unsigned char *bytes, size_t available)
{
    const struct utf8_lead *lead = NULL;

    for (size_t i = 0; i < sizeof(utf8_leads) / sizeof(utf8_leads[0]); i++) {
        if (bytes[0] >= utf8_leads[i].first && bytes[0] <= utf8_leads[i].last)
            lead = &utf8_leads[i];
    }
    if (lead == NULL || lead->length > available)
        return 0;
    if (lead->length == 1)
        return 1;
    if (bytes[1] < lead->second_min || bytes[1] > lead->second_max)
        return 0;
    for (size_t i = 2; i < lead->length; i++) {
        if (bytes[i] < 0x80 || bytes[i] > 0xBF)
            return 0;
    }
    return lead->length;
}

bool utf8_is_valid(const char *text, size_t length, size_t *invalid_at)
{
    const unsigned char *bytes = (const unsigned char *)text;

    for (size_t i = 0; i < length;) {
        size_t sequence = utf8_sequence(bytes + i, length - i);

        if (sequence == 0) {
            *invalid_at = i;
            return false;
        }
        i += sequence;
    }
    return true;
}

size_t count_lines_starting(const char *text, const char *prefix)
{
    size_t count = 0;

    for (const char *line = text; line != NULL && *line != '\0';) {
        count += text_starts_with(line, prefix);
        line = strchr(line, '\n');
        if (line != NULL)
            line++;
    }
    return count;
}

/* Return whether the length bytes of text contain the part_length bytes
 * of part, NUL bytes included. */
static bool bytes_contain(const char *text, size_t length, const char *part,
                          size_t part_length)
{
    for (size_t i = 0; i + part_length <= length; i++) {
        if (memcmp(text + i, part, part_length) == 0)
            return true;
    }
    return false;
}

long token_window_at(const char *text, size_t length, const char *token,
                     size_t window)
{
    size_t token_length = strlen(token);

    if (window > token_length)
        window = token_length;
    for (size_t i = 0; i + window <= token_length; i++) {
        if (bytes_contain(text, length, token + i, window))
            return (long)i;
    }
    return -1;
}

bool measurement_skipped(enum measurement measurement, const char *what,
                         const char *file, int line)
{
    const char *tool = NULL;

    if (harness_wrapped())
        tool = "the " WRAPPER_VARIABLE " wrapper";
    else if (measurement == MEASURE_MEMORY && harness_plugin_uses_asan())
        tool = "AddressSanitizer";
    if (tool == NULL)
        return false;
    fprintf(stderr, "%s:%d: skipped the %s check under %s\n", file, line, what,
            tool);
    return true;
}

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
