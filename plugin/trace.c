#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sanitize.h"
#include "strbuf.h"
#include "trace.h"

static bool is_credential_header(const char *line, size_t length)
{
    static const char *const names[] = {"Authorization:",
                                        "Proxy-Authorization:"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        size_t name_length = strlen(names[i]);
        if (length >= name_length &&
            strncasecmp(line, names[i], name_length) == 0)
            return true;
    }
    return false;
}

void trace_write_line(FILE *stream, const char *prefix, const char *line,
                      size_t length)
{
    struct strbuf text;

    strbuf_init(&text, 0);
    if (is_credential_header(line, length)) {
        size_t name_length =
            (size_t)((const char *)memchr(line, ':', length) - line);
        strbuf_append(&text, line, name_length);
        strbuf_append(&text, ": [redacted]", 12);
    } else {
        sanitize_append(&text, line, length, 1024);
    }
    if (text.length > 0)
        fprintf(stream, "check_lgtm: %s %s\n", prefix, strbuf_text(&text));
    strbuf_free(&text);
}

/* Split a block of header or text data into lines. */
static void trace_write_block(const char *prefix, const char *data, size_t size)
{
    while (size > 0) {
        const char *newline = memchr(data, '\n', size);
        size_t length = newline ? (size_t)(newline - data) + 1 : size;

        trace_write_line(stderr, prefix, data, length);
        data += length;
        size -= length;
    }
}

static int trace_callback(CURL *curl, curl_infotype type, char *data,
                          size_t size, void *user_data)
{
    (void)curl;
    (void)user_data;

    switch (type) {
    case CURLINFO_TEXT:
        trace_write_block("*", data, size);
        break;
    case CURLINFO_HEADER_OUT:
        trace_write_block(">", data, size);
        break;
    case CURLINFO_HEADER_IN:
        trace_write_block("<", data, size);
        break;
    case CURLINFO_DATA_IN:
    case CURLINFO_DATA_OUT:
    case CURLINFO_SSL_DATA_IN:
    case CURLINFO_SSL_DATA_OUT:
    case CURLINFO_END:
        break;
    }
    return 0;
}

void trace_enable(CURL *curl)
{
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, trace_callback);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
}
