/* libFuzzer target: sanitize_append. The first input byte is max_bytes,
 * the second the strbuf cap (0 for none), and the rest is the text. The
 * output must be fit for a plugin's status line: no '|', no C0 or C1
 * control character or DEL, well-formed UTF-8, no more than max_bytes or
 * the cap, and no white space at either end or in runs. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"
#include "strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Length of the well-formed UTF-8 sequence at text, or 0. It checks byte
 * ranges and never decodes a code point, unlike sanitize.c. The ranges of
 * the second byte rule out overlong forms (after E0 and F0), surrogates
 * (after ED) and values above U+10FFFF (after F4). */
static size_t well_formed_length(const unsigned char *text, size_t length)
{
    unsigned char lead = text[0];
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    size_t needed;

    if (lead <= 0x7F)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
        needed = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        needed = 3;
        if (lead == 0xE0)
            low = 0xA0;
        else if (lead == 0xED)
            high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        needed = 4;
        if (lead == 0xF0)
            low = 0x90;
        else if (lead == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (length < needed || text[1] < low || text[1] > high)
        return 0;
    for (size_t i = 2; i < needed; i++) {
        if (text[i] < 0x80 || text[i] > 0xBF)
            return 0;
    }
    return needed;
}

/* Abort on a byte that may not be printed. With check_spaces, abort also
 * on white space at either end or in a run. */
static void check_output(const char *output, size_t length, bool check_spaces)
{
    const unsigned char *bytes = (const unsigned char *)output;

    if (check_spaces && length > 0 &&
        (bytes[0] == ' ' || bytes[length - 1] == ' '))
        abort();
    for (size_t i = 0; i < length;) {
        size_t sequence = well_formed_length(bytes + i, length - i);

        if (sequence == 0)
            abort();
        if (bytes[i] < 0x20 || bytes[i] == 0x7F || bytes[i] == '|')
            abort();
        /* U+0080 to U+009F, the C1 controls, are C2 80 to C2 9F. */
        if (bytes[i] == 0xC2 && bytes[i + 1] <= 0x9F)
            abort();
        if (check_spaces && bytes[i] == ' ' && i + 1 < length &&
            bytes[i + 1] == ' ')
            abort();
        i += sequence;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct strbuf buffer;

    if (size < 2)
        return 0;
    size_t max_bytes = data[0];
    size_t cap = data[1];

    strbuf_init(&buffer, cap);
    sanitize_append(&buffer, (const char *)data + 2, size - 2, max_bytes);
    if (buffer.failed || strlen(strbuf_text(&buffer)) != buffer.length)
        abort();
    if (buffer.length > max_bytes || (cap != 0 && buffer.length > cap))
        abort();
    check_output(strbuf_text(&buffer), buffer.length, true);

    strbuf_free(&buffer);
    return 0;
}
