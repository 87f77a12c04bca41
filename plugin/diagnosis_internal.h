/* The diagnosis's parts, one file each: transfer and TLS failures, HTTP
 * and body failures, and the long output. */
#ifndef LGTM_DIAGNOSIS_INTERNAL_H
#define LGTM_DIAGNOSIS_INTERNAL_H

#include "diagnosis.h"

/* Server text is cut to this many bytes in line 1. */
#define SERVER_TEXT_MAX 200

void diagnose_transfer(const struct outcome *outcome,
                       const struct lgtm_options *options,
                       struct report *report);

void diagnose_http(const struct outcome *outcome, const struct token *token,
                   struct report *report);

void diagnose_body(const struct outcome *outcome, struct report *report);

void describe_details(const struct outcome *outcome,
                      const struct lgtm_options *options,
                      const struct token *token, struct report *report);

/* Store the host and port of url, or "?" and 0 when it cannot be read. */
void diagnosis_host_port(const char *url, char *host, size_t host_size,
                         long *port);

#endif
