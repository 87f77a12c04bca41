#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "sanitize.h"

/* Line and paragraph separators break a line in some viewers, and the
 * bidirectional marks, embeddings, overrides and isolates can make
 * printed text read in another order than it was sent. */
static bool is_format_control(uint32_t code_point)
{
    return code_point == 0x2028 || code_point == 0x2029 ||
           code_point == 0x200E || code_point == 0x200F ||
           (code_point >= 0x202A && code_point <= 0x202E) ||
           (code_point >= 0x2066 && code_point <= 0x2069);
}

/* Length of the valid UTF-8 sequence at text, or 0 when the bytes there
 * are not one (overlong forms, surrogates and values above U+10FFFF are
 * invalid, as RFC 3629 defines). *forbidden is set for a valid character
 * that must not be printed: a C1 control or a format control. */
static size_t utf8_sequence_length(const unsigned char *text, size_t length,
                                   bool *forbidden)
{
    unsigned char lead = text[0];
    size_t needed;
    uint32_t code_point;
    uint32_t minimum;

    *forbidden = false;
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
        needed = 2;
        code_point = lead & 0x1F;
        minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        needed = 3;
        code_point = lead & 0x0F;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        needed = 4;
        code_point = lead & 0x07;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (length < needed)
        return 0;

    for (size_t i = 1; i < needed; i++) {
        if ((text[i] & 0xC0) != 0x80)
            return 0;
        code_point = (code_point << 6) | (text[i] & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF)
        return 0;
    if (code_point >= 0xD800 && code_point <= 0xDFFF)
        return 0;
    /* C1 control characters are replaced like C0 ones. */
    *forbidden = (code_point >= 0x80 && code_point <= 0x9F) ||
                 is_format_control(code_point);
    return needed;
}

/* Map one ASCII byte to what may be printed: 0 means white space. */
static char printable_ascii(unsigned char byte)
{
    if (byte < 0x20 || byte == 0x7F || byte == ' ')
        return 0;
    if (byte == '|')
        return '/';
    return (char)byte;
}

struct sanitizer {
    struct strbuf *buffer;
    size_t written;
    size_t max_bytes;
    size_t keep_length; /* buffer length to keep if the text is cut */
    bool pending_space;
    bool full;
};

/* Append bytes unless they would pass the cap. */
static void sanitizer_emit(struct sanitizer *state, const char *bytes,
                           size_t count)
{
    size_t space = state->pending_space && state->written > 0 ? 1 : 0;

    if (state->written + space + count > state->max_bytes) {
        state->full = true;
        return;
    }
    if (space != 0)
        strbuf_append(state->buffer, " ", 1);
    strbuf_append(state->buffer, bytes, count);
    state->written += space + count;
    state->pending_space = false;
    /* A cut keeps only what leaves room for the "...". */
    if (state->written + 3 <= state->max_bytes)
        state->keep_length = state->buffer->length;
}

/* Bytes that the buffer's cap leaves for appending; SIZE_MAX without a
 * cap. */
static size_t room_left(const struct strbuf *buffer)
{
    if (buffer->max == 0)
        return SIZE_MAX;
    return buffer->max > buffer->length ? buffer->max - buffer->length : 0;
}

void sanitize_append(struct strbuf *buffer, const char *text, size_t length,
                     size_t max_bytes)
{
    const unsigned char *bytes = (const unsigned char *)text;

    /* A cut by the buffer's cap would end the text in a space or part of
     * the "...", so cut at the cap here instead. */
    if (max_bytes > room_left(buffer))
        max_bytes = room_left(buffer);

    struct sanitizer state = {.buffer = buffer,
                              .max_bytes = max_bytes,
                              .keep_length = buffer->length};
    size_t i = 0;

    if (text == NULL || max_bytes < 4)
        return;

    while (i < length && !state.full) {
        bool forbidden = false;
        size_t sequence =
            utf8_sequence_length(bytes + i, length - i, &forbidden);

        /* A well-formed but forbidden character becomes one '?'. */
        if (sequence > 1) {
            if (forbidden)
                sanitizer_emit(&state, "?", 1);
            else
                sanitizer_emit(&state, text + i, sequence);
            i += sequence;
            continue;
        }
        if (sequence == 0) {
            sanitizer_emit(&state, "?", 1);
        } else {
            char printable = printable_ascii(bytes[i]);
            if (printable == 0)
                state.pending_space = true;
            else
                sanitizer_emit(&state, &printable, 1);
        }
        i++;
    }
    if (state.full) {
        strbuf_truncate(buffer, state.keep_length);
        strbuf_append(buffer, "...", 3);
    }
}

void sanitize_append_string(struct strbuf *buffer, const char *text,
                            size_t max_bytes)
{
    if (text != NULL)
        sanitize_append(buffer, text, strlen(text), max_bytes);
}
