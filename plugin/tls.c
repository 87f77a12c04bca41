#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "log.h"
#include "tls.h"

/* Print a name as "CN=..., O=..." in one line (RFC 2253 order). */
static void format_name(const X509_NAME *name, char *buffer, size_t size)
{
    BIO *bio = BIO_new(BIO_s_mem());
    char *data = NULL;

    buffer[0] = '\0';
    if (bio == NULL)
        return;
    if (X509_NAME_print_ex(bio, name, 0,
                           XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
        long length = BIO_get_mem_data(bio, &data);
        if (length > 0)
            snprintf(buffer, size, "%.*s", (int)length, data);
    }
    BIO_free(bio);
}

/* Print an ASN.1 time as ISO 8601 UTC: 2021-01-01T00:00:00Z. */
static void format_time(const ASN1_TIME *time, char *buffer, size_t size)
{
    struct tm parts;

    buffer[0] = '\0';
    if (time == NULL || ASN1_TIME_to_tm(time, &parts) != 1)
        return;
    if (strftime(buffer, size, "%Y-%m-%dT%H:%M:%SZ", &parts) == 0)
        buffer[0] = '\0';
}

static long days_until(const ASN1_TIME *time)
{
    int days = 0;
    int seconds = 0;

    if (time == NULL || ASN1_TIME_diff(&days, &seconds, NULL, time) != 1)
        return 0;
    /* Round toward minus infinity, so an expired certificate is below 0. */
    if (seconds < 0 && days <= 0)
        days -= 1;
    return days;
}

static void describe_certificate(X509 *certificate,
                                 struct tls_certificate *facts)
{
    facts->present = true;
    format_name(X509_get_subject_name(certificate), facts->subject,
                sizeof(facts->subject));
    format_name(X509_get_issuer_name(certificate), facts->issuer,
                sizeof(facts->issuer));
    format_time(X509_get0_notBefore(certificate), facts->not_before,
                sizeof(facts->not_before));
    format_time(X509_get0_notAfter(certificate), facts->not_after,
                sizeof(facts->not_after));
    facts->days_left = days_until(X509_get0_notAfter(certificate));
    facts->self_signed =
        X509_check_issued(certificate, certificate) == X509_V_OK;
}

static void append_name(char *buffer, size_t size, const char *prefix,
                        const char *name, size_t length)
{
    size_t used = strlen(buffer);

    if (used + length + 8 >= size)
        return;
    snprintf(buffer + used, size - used, "%s%s%.*s", used ? ", " : "", prefix,
             (int)length, name);
}

static void append_ip(char *buffer, size_t size,
                      const ASN1_OCTET_STRING *address)
{
    const unsigned char *bytes = ASN1_STRING_get0_data(address);
    int length = ASN1_STRING_length(address);
    char text[INET6_ADDRSTRLEN] = "";

    if (length == 4)
        inet_ntop(AF_INET, bytes, text, sizeof(text));
    else if (length == 16)
        inet_ntop(AF_INET6, bytes, text, sizeof(text));
    if (text[0] != '\0')
        append_name(buffer, size, "IP:", text, strlen(text));
}

/* List the names a certificate is valid for: its subjectAltName DNS and
 * IP entries, or its CN when it has none (as RFC 6125 allows). */
static void describe_names(X509 *certificate, char *buffer, size_t size)
{
    GENERAL_NAMES *names =
        X509_get_ext_d2i(certificate, NID_subject_alt_name, NULL, NULL);

    buffer[0] = '\0';
    for (int i = 0; names != NULL && i < sk_GENERAL_NAME_num(names); i++) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        if (name->type == GEN_DNS)
            append_name(buffer, size, "",
                        (const char *)ASN1_STRING_get0_data(name->d.dNSName),
                        (size_t)ASN1_STRING_length(name->d.dNSName));
        else if (name->type == GEN_IPADD)
            append_ip(buffer, size, name->d.iPAddress);
    }
    GENERAL_NAMES_free(names);
    if (buffer[0] != '\0')
        return;

    char common_name[TLS_NAME_MAX];
    if (X509_NAME_get_text_by_NID(X509_get_subject_name(certificate),
                                  NID_commonName, common_name,
                                  sizeof(common_name)) > 0)
        append_name(buffer, size, "", common_name, strlen(common_name));
}

/* Compare the leaf with the expected host as libcurl would: an IP
 * literal against IP entries, a name against DNS entries or the CN. */
static void check_host(X509 *certificate, struct tls_facts *facts)
{
    const char *host = facts->expected_host;

    if (host[0] == '\0')
        return;
    facts->host_checked = true;
    if (X509_check_ip_asc(certificate, host, 0) == 1)
        facts->host_matches = true;
    else
        facts->host_matches =
            X509_check_host(certificate, host, 0, 0, NULL) == 1;
}

void tls_facts_expect_host(struct tls_facts *facts, const char *host)
{
    size_t length = strlen(host);

    /* libcurl's host part keeps an IPv6 literal's brackets. */
    if (length > 2 && host[0] == '[' && host[length - 1] == ']')
        snprintf(facts->expected_host, sizeof(facts->expected_host), "%.*s",
                 (int)(length - 2), host + 1);
    else
        snprintf(facts->expected_host, sizeof(facts->expected_host), "%s",
                 host);
}

const char *tls_version_name(int version, const char *fallback)
{
    switch (version) {
    case TLS1_VERSION:
        return "TLSv1.0";
    case TLS1_1_VERSION:
        return "TLSv1.1";
    case TLS1_2_VERSION:
        return "TLSv1.2";
    case TLS1_3_VERSION:
        return "TLSv1.3";
    default:
        return fallback;
    }
}

const char *tls_verify_error_text(long error)
{
    return X509_verify_cert_error_string(error);
}

/* Reach the facts from inside an OpenSSL callback: they hang off the
 * SSL_CTX's application data, which libcurl leaves unused. */
/* Return the SSL connection that a certificate check belongs to. */
static SSL *ssl_from_store(X509_STORE_CTX *store)
{
    return X509_STORE_CTX_get_ex_data(store,
                                      SSL_get_ex_data_X509_STORE_CTX_idx());
}

static int record_certificate(int preverify_ok, X509_STORE_CTX *store)
{
    SSL *ssl = ssl_from_store(store);
    /* The facts hang off the SSL_CTX's application data, which libcurl
     * leaves unused. */
    struct tls_facts *facts =
        ssl != NULL ? SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)) : NULL;
    X509 *certificate = X509_STORE_CTX_get_current_cert(store);
    int depth = X509_STORE_CTX_get_error_depth(store);
    int error = X509_STORE_CTX_get_error(store);

    if (facts == NULL || certificate == NULL)
        return preverify_ok;

    facts->verified_chain_seen = true;
    snprintf(facts->version, sizeof(facts->version), "%s",
             SSL_get_version(ssl));
    if (depth == 0 && !facts->leaf.present) {
        describe_certificate(certificate, &facts->leaf);
        describe_names(certificate, facts->leaf_names,
                       sizeof(facts->leaf_names));
        check_host(certificate, facts);
    }
    if (!preverify_ok && facts->error == 0) {
        facts->error = error;
        facts->error_depth = depth;
        snprintf(facts->error_text, sizeof(facts->error_text), "%s",
                 X509_verify_cert_error_string(error));
        describe_certificate(certificate, &facts->failed);
        log_verbose(1, "certificate at depth %d failed verification: %s", depth,
                    facts->error_text);
    }
    return preverify_ok;
}

/* Record that the server requested a client certificate while none is
 * configured, so that the diagnosis can name the fix. */
static int record_client_certificate_request(SSL *ssl, X509 **certificate,
                                             EVP_PKEY **key)
{
    struct tls_facts *facts = SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl));

    (void)certificate;
    (void)key;
    if (facts != NULL)
        facts->client_certificate_requested = true;
    return 0;
}

/* Load the trust anchors libcurl skipped under --insecure; a failure
 * only means the facts will name an untrusted issuer. */
static void load_trust_anchors(SSL_CTX *ssl_context,
                               const struct tls_facts *facts)
{
    int loaded = 0;

    /* The default directory, not the default bundle file: the same
     * anchors as a verified check, without parsing the whole bundle. */
    if (facts->ca_file != NULL || facts->ca_path != NULL)
        loaded = SSL_CTX_load_verify_locations(ssl_context, facts->ca_file,
                                               facts->ca_path);
    else
        loaded = SSL_CTX_load_verify_locations(ssl_context, NULL,
                                               X509_get_default_cert_dir());
    if (loaded != 1)
        log_verbose(1, "cannot load trust anchors to check the certificate "
                       "under --insecure");
}

static CURLcode install_on_context(CURL *curl, void *context, void *data)
{
    SSL_CTX *ssl_context = context;
    struct tls_facts *facts = data;

    (void)curl;
    facts->client_min_version = (int)SSL_CTX_get_min_proto_version(ssl_context);
    facts->client_max_version = (int)SSL_CTX_get_max_proto_version(ssl_context);
    if (facts->load_trust_anchors)
        load_trust_anchors(ssl_context, facts);
    SSL_CTX_set_app_data(ssl_context, data);
    SSL_CTX_set_verify(ssl_context, SSL_CTX_get_verify_mode(ssl_context),
                       record_certificate);
    SSL_CTX_set_client_cert_cb(ssl_context, record_client_certificate_request);
    return CURLE_OK;
}

int tls_library_init(void)
{
    return OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, NULL) == 1 ? 0 : -1;
}

bool tls_facts_install(CURL *curl, struct tls_facts *facts)
{
    const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);

    if (info->ssl_version == NULL ||
        strncmp(info->ssl_version, "OpenSSL", 7) != 0)
        return false;
    if (curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, install_on_context) !=
            CURLE_OK ||
        curl_easy_setopt(curl, CURLOPT_SSL_CTX_DATA, facts) != CURLE_OK)
        return false;
    return true;
}
