#include <stdio.h>
#include <string.h>

#include <openssl/x509_vfy.h>

#include "diagnosis_internal.h"
#include "sanitize.h"

static void append_text(struct strbuf *buffer, const char *text)
{
    sanitize_append_string(buffer, text, SERVER_TEXT_MAX);
}

/* Name the certificate that failed: the server's own, or a CA above it. */
static void append_which(struct strbuf *buffer, const struct tls_facts *tls)
{
    if (tls->error_depth == 0)
        strbuf_printf(buffer, "the server certificate ");
    else
        strbuf_printf(buffer, "the CA certificate at chain depth %d ",
                      tls->error_depth);
    append_text(buffer, tls->failed.subject);
}

static void describe_untrusted_issuer(const struct tls_facts *tls,
                                      struct strbuf *summary)
{
    strbuf_printf(summary, "issuer ");
    append_text(summary, tls->failed.issuer);
    strbuf_printf(summary, " of ");
    append_which(summary, tls);
    strbuf_printf(summary,
                  " is not trusted and its certificate was not sent by the "
                  "server: give that CA with --ca-file, or, if it is an "
                  "intermediate CA, make the server send the complete "
                  "chain");
}

static void describe_self_signed(const struct tls_facts *tls,
                                 struct strbuf *summary)
{
    strbuf_printf(summary, "the server certificate ");
    append_text(summary, tls->failed.subject);
    strbuf_printf(summary, " is self-signed (as after a default LGTM install): "
                           "give that certificate with --ca-file, or install a "
                           "certificate signed by a trusted CA on the server");
}

static void describe_dates(const struct tls_facts *tls, bool expired,
                           struct strbuf *summary)
{
    append_which(summary, tls);
    if (expired) {
        strbuf_printf(summary, " expired on ");
        append_text(summary, tls->failed.not_after);
        strbuf_printf(summary, ": renew it on the server");
        return;
    }
    strbuf_printf(summary, " is not valid before ");
    append_text(summary, tls->failed.not_before);
    strbuf_printf(summary, ": check the clocks of both hosts or the "
                           "certificate's dates");
}

/* Explain a chain verification error that the verify callback saw. */
static void describe_verify_error(const struct tls_facts *tls,
                                  struct strbuf *summary)
{
    switch (tls->error) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        describe_untrusted_issuer(tls, summary);
        return;
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        describe_self_signed(tls, summary);
        return;
    case X509_V_ERR_CERT_HAS_EXPIRED:
        describe_dates(tls, true, summary);
        return;
    case X509_V_ERR_CERT_NOT_YET_VALID:
        describe_dates(tls, false, summary);
        return;
    default:
        break;
    }
    append_which(summary, tls);
    strbuf_printf(summary, " failed verification: ");
    append_text(summary, tls->error_text);
}

static void describe_host_mismatch(const struct tls_facts *tls,
                                   struct strbuf *summary)
{
    strbuf_printf(summary, "the server certificate is valid for ");
    append_text(summary,
                tls->leaf_names[0] ? tls->leaf_names : "no names at all");
    strbuf_printf(summary, ", not for ");
    append_text(summary, tls->expected_host);
    strbuf_printf(summary, ": use one of those names in --url");
}

bool diagnosis_tls_problem(const struct tls_facts *tls)
{
    return tls->error != 0 || (tls->host_checked && !tls->host_matches);
}

void diagnosis_append_tls_problem(const struct tls_facts *tls,
                                  struct strbuf *summary)
{
    if (tls->error != 0)
        describe_verify_error(tls, summary);
    else if (tls->host_checked && !tls->host_matches)
        describe_host_mismatch(tls, summary);
}

/* Append libcurl's error text without OpenSSL's "error:0A00042E:SSL
 * routines::" prefix, which names no cause. */
static void append_handshake_error(struct strbuf *summary,
                                   const struct http_response *response)
{
    const char *text = response->error[0]
                           ? response->error
                           : curl_easy_strerror(response->result);
    const char *reason = strstr(text, "routines::");

    append_text(summary, reason ? reason + 10 : text);
}

static void describe_versions(struct strbuf *summary,
                              const struct tls_facts *tls)
{
    strbuf_printf(summary,
                  "; the server accepts none of the TLS versions this client "
                  "allows (%s to %s, from the OpenSSL configuration): check "
                  "the server's TLS settings and OPENSSL_CONF",
                  tls_version_name(tls->client_min_version, "any version"),
                  tls_version_name(tls->client_max_version, "TLSv1.3"));
}

static void diagnose_handshake(const struct outcome *outcome,
                               const struct lgtm_options *options,
                               const char *host, long port,
                               struct report *report)
{
    const char *error = outcome->response.error;
    struct strbuf *summary = &report->summary;

    if (outcome->tls.client_certificate_requested &&
        options->client_cert == NULL) {
        strbuf_printf(summary,
                      "%s port %ld requires a TLS client certificate: give "
                      "it with -J/--client-cert and its key with "
                      "-K/--client-key",
                      host, port);
        return;
    }
    if (strstr(error, "wrong version number") != NULL) {
        strbuf_printf(summary,
                      "%s port %ld does not speak TLS: if it serves plain "
                      "HTTP, use an http:// --url, else check the port",
                      host, port);
        return;
    }
    if (options->client_cert != NULL && strstr(error, "alert") != NULL &&
        (strstr(error, "unknown ca") || strstr(error, "bad certificate") ||
         strstr(error, "certificate unknown"))) {
        strbuf_printf(summary,
                      "%s port %ld rejected the client certificate %s (", host,
                      port, options->client_cert);
        append_handshake_error(summary, &outcome->response);
        strbuf_printf(summary, "): use a certificate issued by a CA that "
                               "the server trusts");
        return;
    }
    strbuf_printf(summary, "TLS handshake with %s port %ld failed: ", host,
                  port);
    append_handshake_error(summary, &outcome->response);
    if (strstr(error, "protocol version") ||
        strstr(error, "unsupported "
                      "protocol") ||
        strstr(error, "no protocols available"))
        describe_versions(summary, &outcome->tls);
    else if (strstr(error, "no shared cipher") ||
             strstr(error, "handshake failure"))
        strbuf_printf(summary, "; client and server share no cipher suite, "
                               "check the server's TLS settings");
}

bool diagnosis_is_handshake_error(const struct http_response *response)
{
    return strstr(response->error, "alert") != NULL ||
           strstr(response->error, "wrong version number") != NULL;
}

void diagnose_tls(const struct outcome *outcome,
                  const struct lgtm_options *options, const char *host,
                  long port, struct report *report)
{
    const struct tls_facts *tls = &outcome->tls;

    report->state = STATE_CRITICAL;
    if (outcome->tls.client_certificate_requested &&
        options->client_cert == NULL) {
        diagnose_handshake(outcome, options, host, port, report);
        return;
    }
    if (outcome->tls_facts_available && diagnosis_tls_problem(tls)) {
        diagnosis_append_tls_problem(tls, &report->summary);
        return;
    }
    if (outcome->response.result == CURLE_PEER_FAILED_VERIFICATION) {
        strbuf_printf(&report->summary,
                      "certificate of %s not verified: ", host);
        append_text(&report->summary, outcome->response.error);
        strbuf_printf(&report->summary, "; give the issuing CA with --ca-file");
        return;
    }
    diagnose_handshake(outcome, options, host, port, report);
}

void describe_certificate_details(const struct outcome *outcome,
                                  const struct lgtm_options *options,
                                  struct strbuf *details)
{
    const struct tls_facts *tls = &outcome->tls;
    const struct tls_certificate *leaf = &tls->leaf;

    if (!outcome->tls_facts_available || !leaf->present)
        return;
    strbuf_printf(details, "Certificate subject: %s\n", leaf->subject);
    strbuf_printf(details, "Certificate issuer: %s\n", leaf->issuer);
    strbuf_printf(details, "Certificate valid: %s to %s (%ld days left)\n",
                  leaf->not_before, leaf->not_after, leaf->days_left);
    strbuf_printf(details, "Certificate names: %s\n", tls->leaf_names);
    if (tls->error != 0)
        strbuf_printf(details, "Failed at chain depth %d: %s (%s)\n",
                      tls->error_depth, tls->failed.subject, tls->error_text);
    if (tls->version[0] != '\0')
        strbuf_printf(details, "TLS version: %s\n", tls->version);
    strbuf_printf(details, "Trust anchors: %s\n",
                  options->ca_file   ? options->ca_file
                  : options->ca_path ? options->ca_path
                                     : "the system's default store");
}
