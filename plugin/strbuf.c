#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

void strbuf_init(struct strbuf *buffer, size_t max)
{
    memset(buffer, 0, sizeof(*buffer));
    buffer->max = max;
}

void strbuf_free(struct strbuf *buffer)
{
    free(buffer->data);
    strbuf_init(buffer, buffer->max);
}

void strbuf_reset(struct strbuf *buffer)
{
    buffer->length = 0;
    buffer->truncated = false;
    if (buffer->data != NULL)
        buffer->data[0] = '\0';
}

/* Make room for `extra` more bytes plus the NUL; false when out of
 * memory. */
static bool strbuf_reserve(struct strbuf *buffer, size_t extra)
{
    size_t needed = buffer->length + extra + 1;
    size_t capacity = buffer->capacity == 0 ? 128 : buffer->capacity;

    if (needed <= buffer->capacity)
        return true;
    while (capacity < needed)
        capacity *= 2;

    char *data = realloc(buffer->data, capacity);
    if (data == NULL) {
        buffer->failed = true;
        return false;
    }
    buffer->data = data;
    buffer->capacity = capacity;
    return true;
}

void strbuf_append(struct strbuf *buffer, const char *text, size_t length)
{
    if (buffer->max != 0 && buffer->length + length > buffer->max) {
        length = buffer->max - buffer->length;
        buffer->truncated = true;
        /* Cut before a UTF-8 sequence, never inside one. */
        while (length > 0 && ((unsigned char)text[length] & 0xC0) == 0x80)
            length--;
    }
    if (!strbuf_reserve(buffer, length))
        return;

    memcpy(buffer->data + buffer->length, text, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
}

void strbuf_truncate(struct strbuf *buffer, size_t length)
{
    if (length >= buffer->length)
        return;
    buffer->length = length;
    buffer->data[length] = '\0';
}

void strbuf_printf(struct strbuf *buffer, const char *format, ...)
{
    char small[256];
    va_list arguments;

    va_start(arguments, format);
    int length = vsnprintf(small, sizeof(small), format, arguments);
    va_end(arguments);
    if (length < 0)
        return;
    if ((size_t)length < sizeof(small)) {
        strbuf_append(buffer, small, (size_t)length);
        return;
    }

    char *large = malloc((size_t)length + 1);
    if (large == NULL) {
        buffer->failed = true;
        return;
    }
    va_start(arguments, format);
    vsnprintf(large, (size_t)length + 1, format, arguments);
    va_end(arguments);
    strbuf_append(buffer, large, (size_t)length);
    free(large);
}

const char *strbuf_text(const struct strbuf *buffer)
{
    return buffer->data != NULL ? buffer->data : "";
}
