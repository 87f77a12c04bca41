/* A growable text buffer with a size cap, for output that must stay small
 * however much text the server sends. */
#ifndef LGTM_STRBUF_H
#define LGTM_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
    char *data;      /* NUL-terminated; NULL until the first append */
    size_t length;   /* bytes before the NUL */
    size_t capacity; /* bytes allocated */
    size_t max;      /* appends stop at this length; 0 means no cap */
    bool truncated;  /* an append was cut at max */
    bool failed;     /* an allocation failed; the text is incomplete */
};

void strbuf_init(struct strbuf *buffer, size_t max);
void strbuf_free(struct strbuf *buffer);
void strbuf_reset(struct strbuf *buffer);

/* Append formatted text, cut at the cap. Never prints server text: pass
 * that through sanitize_append() instead. */
void strbuf_printf(struct strbuf *buffer, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

void strbuf_append(struct strbuf *buffer, const char *text, size_t length);

/* Shorten the text to length bytes. A length at or beyond the text's
 * length changes nothing. */
void strbuf_truncate(struct strbuf *buffer, size_t length);

/* Return the text, or "" when nothing was appended. */
const char *strbuf_text(const struct strbuf *buffer);

#endif
