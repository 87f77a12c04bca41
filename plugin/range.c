#include "range.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RANGE_FORMS "expected N, N:, ~:N, N:M or @N:M (decimal point \".\")"

/* Error buffer of range_parse and the text its messages quote. */
struct range_parser {
    const char *quoted_text; /* control characters replaced by "?" */
    char *error;
    size_t error_size;
};

/* Writes `invalid range "TEXT": ["PART" ]REASON` and returns -1. */
static int reject(const struct range_parser *parser, const char *part,
                  const char *reason)
{
    bool quoted = part != NULL;

    snprintf(parser->error, parser->error_size,
             "invalid range \"%s\": %s%s%s%s", parser->quoted_text,
             quoted ? "\"" : "", quoted ? part : "", quoted ? "\" " : "",
             reason);
    return -1;
}

static int reject_order(const struct range_parser *parser,
                        const char *start_text, const char *end_text)
{
    if (start_text == NULL) {
        snprintf(parser->error, parser->error_size,
                 "invalid range \"%s\": start 0 is above end %s because N "
                 "alone means 0:N",
                 parser->quoted_text, end_text);
    } else {
        snprintf(parser->error, parser->error_size,
                 "invalid range \"%s\": start %s is above end %s",
                 parser->quoted_text, start_text, end_text);
    }
    return -1;
}

/* Replaces control characters, which no valid range contains, so that the
 * error message quoting the text stays on one line. */
static void replace_control_characters(char *text)
{
    for (char *cursor = text; *cursor != '\0'; cursor++) {
        unsigned char byte = (unsigned char)*cursor;
        if (byte < 0x20 || byte == 0x7f) {
            *cursor = '?';
        }
    }
}

static int parse_bound(const struct range_parser *parser, const char *text,
                       double *value)
{
    if (*text == '\0') {
        return reject(parser, NULL, RANGE_FORMS);
    }
    if (strchr(text, ',') != NULL) {
        return reject(parser, text,
                      "contains a comma, expected a decimal point \".\"");
    }
    if (number_parse(text, value) != 0) {
        return reject(parser, text,
                      "is not a finite decimal number, " RANGE_FORMS);
    }
    return 0;
}

/* Parses the start. start_text is NULL when there is no ":", which
 * makes the start 0. */
static int parse_start(const struct range_parser *parser,
                       const char *start_text, struct range *parsed)
{
    if (start_text == NULL) {
        parsed->start = 0.0;
        return 0;
    }
    if (strcmp(start_text, "~") == 0) {
        parsed->start_infinite = true;
        return 0;
    }
    if (*start_text == '\0') {
        return reject(parser, NULL, "missing start before \":\", " RANGE_FORMS);
    }
    return parse_bound(parser, start_text, &parsed->start);
}

static int parse_end(const struct range_parser *parser, const char *end_text,
                     bool after_colon, struct range *parsed)
{
    if (after_colon && *end_text == '\0') {
        parsed->end_infinite = true;
        return 0;
    }
    if (strcmp(end_text, "~") == 0) {
        return reject(parser, end_text,
                      "is valid only as the start, " RANGE_FORMS);
    }
    return parse_bound(parser, end_text, &parsed->end);
}

/* Parses the working copy `body`, which it splits at the colon. */
static int parse_body(const struct range_parser *parser, char *body,
                      struct range *parsed)
{
    *parsed = (struct range){.is_set = true};
    if (*body == '@') {
        parsed->alert_inside = true;
        body++;
    }

    const char *start_text = NULL;
    const char *end_text = body;
    char *colon = strchr(body, ':');
    if (colon != NULL) {
        if (strchr(colon + 1, ':') != NULL) {
            return reject(parser, NULL, "more than one \":\", " RANGE_FORMS);
        }
        *colon = '\0';
        start_text = body;
        end_text = colon + 1;
    }

    if (parse_start(parser, start_text, parsed) != 0 ||
        parse_end(parser, end_text, colon != NULL, parsed) != 0) {
        return -1;
    }
    if (!parsed->start_infinite && !parsed->end_infinite &&
        parsed->start > parsed->end) {
        return reject_order(parser, start_text, end_text);
    }
    return 0;
}

int range_parse(const char *text, struct range *range, char *error,
                size_t error_size)
{
    if (error == NULL) {
        error_size = 0;
    }
    if (text == NULL) {
        snprintf(error, error_size, "missing range: " RANGE_FORMS);
        return -1;
    }

    char *quoted_text = strdup(text);
    char *body = strdup(text);
    if (quoted_text == NULL || body == NULL) {
        snprintf(error, error_size, "cannot parse range: out of memory");
        free(quoted_text);
        free(body);
        return -1;
    }
    replace_control_characters(quoted_text);
    replace_control_characters(body);

    struct range_parser parser = {quoted_text, error, error_size};
    struct range parsed;
    int result = parse_body(&parser, body, &parsed);
    if (result == 0) {
        *range = parsed;
    }

    free(body);
    free(quoted_text);
    return result;
}

bool range_alerts(const struct range *range, double value)
{
    if (range == NULL || !range->is_set) {
        return false;
    }

    bool from_start = range->start_infinite || value >= range->start;
    bool to_end = range->end_infinite || value <= range->end;
    bool inside = from_start && to_end;
    return range->alert_inside ? inside : !inside;
}

/* Tells whether the range is 0..N and prints as N alone. */
static bool is_plain_end(const struct range *range)
{
    return !range->alert_inside && !range->start_infinite &&
           range->start == 0.0 && !range->end_infinite;
}

static int format_bound(bool infinite, double bound, const char *infinite_text,
                        char *text, size_t size)
{
    if (infinite) {
        snprintf(text, size, "%s", infinite_text);
        return 0;
    }
    return number_format_short(bound, text, size) < 0 ? -1 : 0;
}

int range_format(const struct range *range, char *buffer, size_t size)
{
    char start_text[NUMBER_SHORT_SIZE];
    char end_text[NUMBER_SHORT_SIZE];

    if (range == NULL || !range->is_set) {
        return snprintf(buffer, size, "%s", "");
    }
    if (format_bound(range->start_infinite, range->start, "~", start_text,
                     sizeof start_text) != 0 ||
        format_bound(range->end_infinite, range->end, "", end_text,
                     sizeof end_text) != 0) {
        snprintf(buffer, size, "%s", "");
        return -1;
    }

    if (is_plain_end(range)) {
        return snprintf(buffer, size, "%s", end_text);
    }
    return snprintf(buffer, size, "%s%s:%s", range->alert_inside ? "@" : "",
                    start_text, end_text);
}

enum lgtm_state range_state(const struct range *warning,
                            const struct range *critical, double value)
{
    if (range_alerts(critical, value)) {
        return STATE_CRITICAL;
    }
    if (range_alerts(warning, value)) {
        return STATE_WARNING;
    }
    return STATE_OK;
}
