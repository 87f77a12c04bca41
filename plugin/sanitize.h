/* One filter for every piece of text that comes from the server or the
 * network before it is printed. */
#ifndef LGTM_SANITIZE_H
#define LGTM_SANITIZE_H

#include <stddef.h>

#include "strbuf.h"

/* Append at most max_bytes of text to buffer, made safe for a plugin's
 * output: control characters and line breaks become spaces and runs of
 * white space shrink to one, '|' becomes '/', bytes that are not valid
 * UTF-8 become '?', and a text cut at max_bytes ends in "...". Leading
 * and trailing white space is dropped. */
void sanitize_append(struct strbuf *buffer, const char *text, size_t length,
                     size_t max_bytes);

/* Same for a NUL-terminated text; NULL appends nothing. */
void sanitize_append_string(struct strbuf *buffer, const char *text,
                            size_t max_bytes);

#endif
