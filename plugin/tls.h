/* Facts about the server's certificate chain, recorded during the TLS
 * handshake by an OpenSSL verify callback, so that a failure can name the
 * certificate, its issuer, its dates and its names. The callback only
 * records: it returns OpenSSL's own verdict, and libcurl still decides. */
#ifndef LGTM_TLS_H
#define LGTM_TLS_H

#include <stdbool.h>

#include <curl/curl.h>

#define TLS_NAME_MAX 256
#define TLS_DATE_MAX 32
#define TLS_NAMES_MAX 512

struct tls_certificate {
    bool present;
    char subject[TLS_NAME_MAX]; /* "CN=..., O=..." */
    char issuer[TLS_NAME_MAX];
    char not_before[TLS_DATE_MAX]; /* ISO 8601, UTC */
    char not_after[TLS_DATE_MAX];
    long days_left; /* whole days until notAfter */
    bool self_signed;
};

struct tls_facts {
    bool verified_chain_seen;      /* the verify callback ran */
    int error;                     /* first X509_V_ERR_* seen, 0 for none */
    int error_depth;               /* chain depth of that certificate, 0 leaf */
    char error_text[128];          /* OpenSSL's text for error */
    struct tls_certificate failed; /* the certificate with the error */
    struct tls_certificate leaf;
    char leaf_names[TLS_NAMES_MAX]; /* subjectAltName DNS and IP, else CN */
    char version[16];               /* "TLSv1.3" */
    char expected_host[256];        /* --url's host, set before a transfer */
    bool host_checked;              /* the leaf was compared with it */
    bool host_matches;
    bool client_certificate_requested;
    int client_min_version; /* the client's TLS range, 0 for no limit */
    int client_max_version;
    /* Under --insecure libcurl loads no trust anchors, so the callback
     * loads these itself to learn whether verification would pass. */
    bool load_trust_anchors;
    const char *ca_file;
    const char *ca_path;
};

/* Initialize OpenSSL before libcurl does, without its exit-time cleanup:
 * the process ends right after the check, and the kernel frees the
 * memory faster than OpenSSL's atexit handler (about 4 % of a one-page
 * check's instructions, measured with callgrind). Returns 0 or -1. */
int tls_library_init(void);

/* Install the recording callbacks on the handle when libcurl uses
 * OpenSSL; returns false with another TLS backend, where only libcurl's
 * error text is available. facts must outlive every transfer. */
bool tls_facts_install(CURL *curl, struct tls_facts *facts);

/* Set the host name or IP address the leaf certificate must match, so
 * the facts can say so even under --insecure, where libcurl skips it. */
void tls_facts_expect_host(struct tls_facts *facts, const char *host);

/* Name a TLS protocol version ("TLSv1.2"), or fallback for 0. */
const char *tls_version_name(int version, const char *fallback);

/* Return OpenSSL's short text for a verify error code. */
const char *tls_verify_error_text(long error);

#endif
