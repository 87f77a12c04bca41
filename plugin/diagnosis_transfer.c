#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "diagnosis_internal.h"
#include "sanitize.h"

void diagnosis_host_port(const char *url, char *host, size_t host_size,
                         long *port)
{
    CURLU *handle = curl_url();
    char *part = NULL;

    snprintf(host, host_size, "?");
    *port = 0;
    if (handle == NULL)
        return;
    if (curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK) {
        if (curl_url_get(handle, CURLUPART_HOST, &part, 0) == CURLUE_OK)
            snprintf(host, host_size, "%s", part);
        curl_free(part);
        part = NULL;
        if (curl_url_get(handle, CURLUPART_PORT, &part,
                         CURLU_DEFAULT_PORT) == CURLUE_OK)
            *port = strtol(part, NULL, 10);
        curl_free(part);
    }
    curl_url_cleanup(handle);
}

/* Append libcurl's error text for the transfer, sanitized. */
static void append_curl_error(struct strbuf *buffer,
                              const struct http_response *response)
{
    const char *text = response->error[0] != '\0'
                           ? response->error
                           : curl_easy_strerror(response->result);

    sanitize_append_string(buffer, text, SERVER_TEXT_MAX);
}

/* Name the stage a timed-out request had reached, from its timings. */
static const char *timeout_stage(const struct outcome *outcome)
{
    const struct http_timings *timings = &outcome->response.timings;
    bool https = strncmp(outcome->base_url, "https", 5) == 0;

    if (timings->connect <= 0)
        return "connecting";
    if (https && timings->tls <= 0)
        return "in the TLS handshake";
    if (timings->first_byte <= 0)
        return "waiting for the first byte";
    return "reading the response body";
}

static void diagnose_timeout(const struct outcome *outcome,
                             const struct lgtm_options *options,
                             struct report *report)
{
    report->state = options->timeout_state;
    strbuf_printf(&report->summary,
                  "timeout after %.1f s %s on page %ld (-t %g); check the "
                  "server's load or raise -t",
                  outcome->response.timings.total, timeout_stage(outcome),
                  outcome->failed_page, options->timeout);
}

static void diagnose_tls(const struct outcome *outcome, const char *host,
                         struct report *report)
{
    report->state = STATE_CRITICAL;
    if (outcome->response.result == CURLE_PEER_FAILED_VERIFICATION) {
        strbuf_printf(&report->summary,
                      "certificate of %s not verified: ", host);
        append_curl_error(&report->summary, &outcome->response);
        strbuf_printf(&report->summary,
                      "; give the issuing CA with --ca-file");
        return;
    }
    strbuf_printf(&report->summary, "TLS handshake with %s failed: ", host);
    append_curl_error(&report->summary, &outcome->response);
}

static void diagnose_local_tls(const struct outcome *outcome,
                               const struct lgtm_options *options,
                               struct report *report)
{
    report->state = STATE_UNKNOWN;
    strbuf_printf(&report->summary, "cannot load the CA certificates from "
                                    "%s %s: ",
                  options->ca_file ? "--ca-file" : "--ca-path",
                  options->ca_file ? options->ca_file
                                   : (options->ca_path ? options->ca_path
                                                       : "(default)"));
    append_curl_error(&report->summary, &outcome->response);
}

void diagnose_transfer(const struct outcome *outcome,
                       const struct lgtm_options *options,
                       struct report *report)
{
    const struct http_response *response = &outcome->response;
    char host[256];
    long port = 0;

    diagnosis_host_port(outcome->base_url, host, sizeof(host), &port);
    report->state = STATE_CRITICAL;

    if (response->body_too_large) {
        strbuf_printf(&report->summary,
                      "page %ld is larger than the maximum body size of %ld "
                      "bytes; raise --max-body-size if the server is right",
                      outcome->failed_page, options->max_body_size);
        return;
    }
    switch (response->result) {
    case CURLE_OPERATION_TIMEDOUT:
        diagnose_timeout(outcome, options, report);
        return;
    case CURLE_COULDNT_RESOLVE_HOST:
        strbuf_printf(&report->summary,
                      "cannot resolve host name %s; check --url and the "
                      "DNS",
                      host);
        return;
    case CURLE_COULDNT_CONNECT:
        strbuf_printf(&report->summary,
                      "cannot connect to %s port %ld: ", host, port);
        append_curl_error(&report->summary, response);
        strbuf_printf(&report->summary,
                      "; check that LGTM runs there and the port is open");
        return;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
        diagnose_tls(outcome, host, report);
        return;
    case CURLE_SSL_CACERT_BADFILE:
        diagnose_local_tls(outcome, options, report);
        return;
    default:
        break;
    }
    strbuf_printf(&report->summary, "request for page %ld to %s port %ld "
                                    "failed: ",
                  outcome->failed_page, host, port);
    append_curl_error(&report->summary, response);
}
