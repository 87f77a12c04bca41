/* The diagnosis's parts, one file each: transfer and TLS failures, HTTP
 * and body failures, and the long output. */
#ifndef LGTM_DIAGNOSIS_INTERNAL_H
#define LGTM_DIAGNOSIS_INTERNAL_H

#include <stdbool.h>

#include "diagnosis.h"

/* Server text is cut to this many bytes in line 1. */
#define SERVER_TEXT_MAX 200

void diagnose_transfer(const struct outcome *outcome,
                       const struct lgtm_options *options,
                       struct report *report);

void diagnose_http(const struct outcome *outcome, const struct token *token,
                   struct report *report);

void diagnose_body(const struct outcome *outcome, struct report *report);

/* Explain a TLS failure from the recorded chain facts, falling back to
 * libcurl's error text. */
void diagnose_tls(const struct outcome *outcome,
                  const struct lgtm_options *options, const char *host,
                  long port, struct report *report);

/* Whether libcurl's error text shows a TLS alert or a peer that does not
 * speak TLS, which TLS 1.3 reports only when reading. */
bool diagnosis_is_handshake_error(const struct http_response *response);

/* Whether the facts show a verification problem, and its explanation;
 * used also under --insecure to say why verification would fail. */
bool diagnosis_tls_problem(const struct tls_facts *tls);
void diagnosis_append_tls_problem(const struct tls_facts *tls,
                                  struct strbuf *summary);

void describe_certificate_details(const struct outcome *outcome,
                                  const struct lgtm_options *options,
                                  struct strbuf *details);

void describe_details(const struct outcome *outcome,
                      const struct lgtm_options *options,
                      const struct token *token, struct report *report);

#endif
