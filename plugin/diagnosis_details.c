#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "diagnosis_internal.h"
#include "sanitize.h"
#include "url.h"

static void describe_server(const struct outcome *outcome,
                            struct strbuf *details)
{
    const struct http_response *response = &outcome->response;

    strbuf_printf(details, "Server: ");
    sanitize_append_string(details, outcome->base_url, 300);
    if (response->primary_ip != NULL)
        strbuf_printf(details, " (%s port %ld)", response->primary_ip,
                      response->primary_port);
    strbuf_printf(details, "\n");
}

static void describe_failure(const struct outcome *outcome,
                             struct strbuf *details)
{
    const struct http_response *response = &outcome->response;

    if (outcome->request_url != NULL)
        strbuf_printf(details, "Request: GET %s\n", outcome->request_url);
    if (response->status != 0)
        strbuf_printf(details, "HTTP status: %ld\n", response->status);
    if (response->error[0] != '\0') {
        strbuf_printf(details, "libcurl: ");
        sanitize_append_string(details, response->error, SERVER_TEXT_MAX);
        strbuf_printf(details, "\n");
    }
    if (response->www_authenticate != NULL) {
        strbuf_printf(details, "WWW-Authenticate: ");
        sanitize_append_string(details, response->www_authenticate,
                               SERVER_TEXT_MAX);
        strbuf_printf(details, "\n");
    }
}

/* Print one stage's time, or "not reached" when a failed request never
 * got there (libcurl reports 0 for such a stage). */
static void describe_stage(struct strbuf *details, const char *name,
                           double seconds, bool failed)
{
    if (seconds <= 0 && failed)
        strbuf_printf(details, "%s not reached", name);
    else
        strbuf_printf(details, "%s %.6f s", name, seconds);
}

static void describe_timings(const struct outcome *outcome,
                             struct strbuf *details)
{
    const struct http_timings *first = &outcome->first;
    bool failed = outcome->kind != OUTCOME_LISTED && outcome->pages == 0;

    strbuf_printf(details, "First request: ");
    describe_stage(details, "connect", first->connect, failed);
    strbuf_printf(details, ", ");
    describe_stage(details, "TLS", first->tls, failed);
    strbuf_printf(details, ", ");
    describe_stage(details, "first byte", first->first_byte, failed);
    strbuf_printf(details, ", total %.6f s\n", first->total);
    strbuf_printf(details, "All requests: %.6f s\n", outcome->total_time);
}

static void describe_token(const struct token *token, struct strbuf *details)
{
    char source[512];

    token_describe_source(token, source, sizeof(source));
    strbuf_printf(details, "Token: from %s, %zu character%s\n", source,
                  token->length, token->length == 1 ? "" : "s");
    if (token->file_group_or_other_readable)
        strbuf_printf(details,
                      "Note: the token file is readable by group or others; "
                      "make it readable by the monitoring user only "
                      "(chmod 600)\n");
}

static bool is_loopback_host(const char *host)
{
    return strcmp(host, "localhost") == 0 || strncmp(host, "127.", 4) == 0 ||
           strcmp(host, "[::1]") == 0;
}

/* Warn that the token crosses the network in clear text. */
static void describe_plain_http(const struct outcome *outcome,
                                struct strbuf *details)
{
    char host[256];
    long port = 0;

    if (strncasecmp(outcome->base_url, "http://", 7) != 0)
        return;
    url_host_port(outcome->base_url, host, sizeof(host), &port);
    if (is_loopback_host(host))
        return;
    strbuf_printf(details,
                  "Note: --url uses plain http to %s, so the token travels "
                  "unencrypted; use https\n",
                  host);
}

void describe_details(const struct outcome *outcome,
                      const struct lgtm_options *options,
                      const struct token *token, struct report *report)
{
    struct strbuf *details = &report->details;

    if (outcome->kind == OUTCOME_LOCAL || outcome->base_url == NULL)
        return;

    describe_server(outcome, details);
    describe_plain_http(outcome, details);
    strbuf_printf(details, "Pages read: %ld, projects counted: %ld\n",
                  outcome->pages, outcome->projects);
    if (outcome->kind != OUTCOME_LISTED)
        describe_failure(outcome, details);
    if (outcome->have_first)
        describe_timings(outcome, details);
    describe_certificate_details(outcome, options, details);
    if (token != NULL && token->value != NULL)
        describe_token(token, details);
    if (options->insecure)
        strbuf_printf(details,
                      "Certificate: not verified, because --insecure was "
                      "given\n");
}
