#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "diagnosis_internal.h"
#include "proxy.h"
#include "sanitize.h"
#include "url.h"

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
    bool https = strncasecmp(outcome->base_url, "https:", 6) == 0;

    /* A reused connection has no connect or TLS stage of its own. */
    bool reused =
        outcome->response.new_connections == 0 && outcome->failed_page > 1;

    /* libcurl 7.88 reports no connect time until TLS is done too, but it
     * records the peer's address once TCP is up.
     * NOTE: a TCP connect that times out may also leave that address set,
     * which would name the TLS stage; untested, as loopback cannot drop
     * SYNs. */
    bool tcp_up = timings->connect > 0 || outcome->response.primary_ip;

    if (!reused && !tcp_up)
        return "connecting";
    if (!reused && https && timings->tls <= 0)
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
                  outcome->total_time, timeout_stage(outcome),
                  outcome->failed_page, options->timeout);
}

static void diagnose_local_tls(const struct outcome *outcome,
                               const struct lgtm_options *options,
                               struct report *report)
{
    report->state = STATE_UNKNOWN;
    strbuf_printf(&report->summary,
                  "cannot load the CA certificates from "
                  "%s %s: ",
                  options->ca_file ? "--ca-file" : "--ca-path",
                  options->ca_file
                      ? options->ca_file
                      : (options->ca_path ? options->ca_path : "(default)"));
    append_curl_error(&report->summary, &outcome->response);
}

static void diagnose_client_certificate(const struct outcome *outcome,
                                        const struct lgtm_options *options,
                                        struct report *report)
{
    report->state = STATE_UNKNOWN;
    strbuf_printf(&report->summary,
                  "cannot use the client certificate --client-cert %s with "
                  "--client-key %s: ",
                  options->client_cert ? options->client_cert : "(none)",
                  options->client_key ? options->client_key
                                      : "(in the certificate file)");
    append_curl_error(&report->summary, &outcome->response);
    strbuf_printf(&report->summary,
                  "; check that both are PEM files and belong together");
}

/* Store the proxy's host and port; a proxy given without a scheme is
 * read as http, as libcurl reads it. */
static void proxy_host_port(const char *proxy, char *host, size_t size,
                            long *port)
{
    char url[512];

    if (strstr(proxy, "://") != NULL)
        snprintf(url, sizeof(url), "%s", proxy);
    else
        snprintf(url, sizeof(url), "http://%s", proxy);
    url_host_port(url, host, size, port);
}

/* Name the proxy as the failing party when it is one: it could not be
 * resolved or reached, or it refused the tunnel. Returns false when the
 * failure does not involve a proxy. */
static bool diagnose_proxy(const struct outcome *outcome,
                           const struct lgtm_options *options, const char *host,
                           struct report *report)
{
    const struct http_response *response = &outcome->response;
    const char *proxy = proxy_in_use(options, outcome->base_url);
    const char *source =
        options->proxy ? "--proxy" : "the proxy environment variables";
    char proxy_host[256] = "?";
    long proxy_port = 0;

    if (proxy == NULL)
        return false;
    proxy_host_port(proxy, proxy_host, sizeof(proxy_host), &proxy_port);
    if (response->result == CURLE_COULDNT_RESOLVE_PROXY) {
        strbuf_printf(&report->summary,
                      "cannot resolve the proxy's host name %s; check %s",
                      proxy_host, source);
        return true;
    }
    if (response->proxy_connect_status >= 300) {
        strbuf_printf(&report->summary,
                      "the proxy %s port %ld refused the tunnel to %s "
                      "(CONNECT answered HTTP %ld); check the proxy's rules, "
                      "or bypass it with --noproxy",
                      proxy_host, proxy_port, host,
                      response->proxy_connect_status);
        return true;
    }
    if (response->result == CURLE_COULDNT_CONNECT) {
        strbuf_printf(&report->summary,
                      "cannot connect to the proxy %s port %ld: ", proxy_host,
                      proxy_port);
        append_curl_error(&report->summary, response);
        strbuf_printf(&report->summary, "; check %s", source);
        return true;
    }
    return false;
}

/* Explain the failure by libcurl's result code; returns false for a code
 * with no explanation of its own. */
static bool diagnose_by_result(const struct outcome *outcome,
                               const struct lgtm_options *options,
                               const char *host, long port,
                               struct report *report)
{
    const struct http_response *response = &outcome->response;

    switch (response->result) {
    case CURLE_OPERATION_TIMEDOUT:
        diagnose_timeout(outcome, options, report);
        return true;
    case CURLE_COULDNT_RESOLVE_HOST:
        strbuf_printf(&report->summary,
                      "cannot resolve host name %s; check --url and the DNS",
                      host);
        return true;
    case CURLE_COULDNT_CONNECT:
        strbuf_printf(&report->summary, "cannot connect to %s port %ld: ", host,
                      port);
        append_curl_error(&report->summary, response);
        strbuf_printf(&report->summary,
                      "; check that LGTM runs there and the port is open");
        return true;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
        diagnose_tls(outcome, options, host, port, report);
        return true;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        if (!diagnosis_is_handshake_error(response))
            return false;
        diagnose_tls(outcome, options, host, port, report);
        return true;
    case CURLE_SSL_CACERT_BADFILE:
        diagnose_local_tls(outcome, options, report);
        return true;
    case CURLE_SSL_CERTPROBLEM:
        diagnose_client_certificate(outcome, options, report);
        return true;
    default:
        return false;
    }
}

void diagnose_transfer(const struct outcome *outcome,
                       const struct lgtm_options *options,
                       struct report *report)
{
    char host[256];
    long port = 0;

    url_host_port(outcome->base_url, host, sizeof(host), &port);
    report->state = STATE_CRITICAL;

    if (outcome->response.body_too_large) {
        strbuf_printf(&report->summary,
                      "page %ld is larger than the maximum body size of %ld "
                      "bytes; raise --max-body-size if the server is right",
                      outcome->failed_page, options->max_body_size);
        return;
    }
    if (diagnose_proxy(outcome, options, host, report))
        return;
    /* TLS 1.3 servers reject a missing client certificate after the
     * handshake, so the failure shows as a read error. */
    if (outcome->tls.client_certificate_requested &&
        options->client_cert == NULL) {
        diagnose_tls(outcome, options, host, port, report);
        return;
    }
    if (diagnose_by_result(outcome, options, host, port, report))
        return;

    strbuf_printf(&report->summary,
                  "request for page %ld to %s port %ld "
                  "failed: ",
                  outcome->failed_page, host, port);
    append_curl_error(&report->summary, &outcome->response);
}
