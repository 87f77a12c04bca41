#include "perfdata.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

enum field_index { FIELD_WARNING, FIELD_CRITICAL, FIELD_MIN, FIELD_MAX };

#define FIELD_COUNT 4

/* The caller's buffer, filled as far as it goes. length counts the whole
 * text, so it exceeds size - 1 once the text is cut. */
struct text_writer {
    char *buffer;
    size_t size;
    size_t length;
};

static void append_bytes(struct text_writer *writer, const char *bytes,
                         size_t count)
{
    if (writer->length < writer->size) {
        size_t room = writer->size - writer->length - 1;
        size_t copied = count < room ? count : room;
        memcpy(writer->buffer + writer->length, bytes, copied);
        writer->buffer[writer->length + copied] = '\0';
    }
    writer->length += count;
}

static void append_text(struct text_writer *writer, const char *text)
{
    append_bytes(writer, text, strlen(text));
}

/* Appends value with number_format straight into the buffer, because
 * item->decimals, and so the length, has no upper bound. */
static int append_value(struct text_writer *writer, double value, int decimals)
{
    char *cursor = NULL;
    size_t room = 0;

    if (writer->length < writer->size) {
        cursor = writer->buffer + writer->length;
        room = writer->size - writer->length;
    }

    int length = number_format(value, decimals, cursor, room);
    if (length < 0) {
        return -1;
    }
    writer->length += (size_t)length;
    return 0;
}

static void append_label(struct text_writer *writer, const char *label)
{
    if (strpbrk(label, " ='") == NULL) {
        append_text(writer, label);
        return;
    }

    append_text(writer, "'");
    for (const char *cursor = label; *cursor != '\0'; cursor++) {
        if (*cursor == '\'') {
            append_text(writer, "''");
        } else {
            append_bytes(writer, cursor, 1);
        }
    }
    append_text(writer, "'");
}

static int format_limit(bool present, double limit, char *text, size_t size)
{
    if (!present || !isfinite(limit)) {
        text[0] = '\0';
        return 0;
    }
    return number_format_short(limit, text, size) < 0 ? -1 : 0;
}

static int format_fields(const struct perfdata_item *item,
                         char fields[FIELD_COUNT][RANGE_TEXT_SIZE])
{
    int warning =
        range_format(item->warning, fields[FIELD_WARNING], RANGE_TEXT_SIZE);
    int critical =
        range_format(item->critical, fields[FIELD_CRITICAL], RANGE_TEXT_SIZE);
    int min = format_limit(item->has_min, item->min, fields[FIELD_MIN],
                           RANGE_TEXT_SIZE);
    int max = format_limit(item->has_max, item->max, fields[FIELD_MAX],
                           RANGE_TEXT_SIZE);

    return warning < 0 || critical < 0 || min < 0 || max < 0 ? -1 : 0;
}

static void append_fields(struct text_writer *writer,
                          char fields[FIELD_COUNT][RANGE_TEXT_SIZE])
{
    int used = FIELD_COUNT;

    while (used > 0 && fields[used - 1][0] == '\0') {
        used--;
    }
    for (int index = 0; index < used; index++) {
        append_text(writer, ";");
        append_text(writer, fields[index]);
    }
}

static int fail(char *buffer, size_t size)
{
    if (buffer != NULL && size > 0) {
        buffer[0] = '\0';
    }
    return -1;
}

int perfdata_format(const struct perfdata_item *item, char *buffer, size_t size)
{
    char fields[FIELD_COUNT][RANGE_TEXT_SIZE];
    struct text_writer writer = {buffer, buffer != NULL ? size : 0, 0};

    if (item == NULL || item->label == NULL || item->label[0] == '\0' ||
        item->decimals < 0 || format_fields(item, fields) != 0) {
        return fail(buffer, size);
    }
    if (writer.size > 0) {
        buffer[0] = '\0';
    }

    append_label(&writer, item->label);
    append_text(&writer, "=");
    if (!isfinite(item->value)) {
        append_text(&writer, "U");
    } else if (append_value(&writer, item->value, item->decimals) != 0) {
        return fail(buffer, size);
    } else {
        append_text(&writer, item->unit != NULL ? item->unit : "");
    }
    append_fields(&writer, fields);

    if (writer.length > INT_MAX) {
        return fail(buffer, size);
    }
    return (int)writer.length;
}
