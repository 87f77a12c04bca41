#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http.h"
#include "log.h"
#include "trace.h"
#include "url.h"

/* Captured header values are cut at this length; they only feed
 * diagnostics. */
#define HEADER_VALUE_MAX 2048

static char *copy_header_value(const char *value, size_t length)
{
    while (length > 0 && (*value == ' ' || *value == '\t')) {
        value++;
        length--;
    }
    while (length > 0 &&
           (value[length - 1] == '\r' || value[length - 1] == '\n' ||
            value[length - 1] == ' ' || value[length - 1] == '\t'))
        length--;
    if (length > HEADER_VALUE_MAX)
        length = HEADER_VALUE_MAX;

    char *copy = malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, value, length);
        copy[length] = '\0';
    }
    return copy;
}

static void clear_captured_headers(struct http_response *response)
{
    free(response->content_type);
    free(response->location);
    free(response->www_authenticate);
    free(response->retry_after);
    response->content_type = NULL;
    response->location = NULL;
    response->www_authenticate = NULL;
    response->retry_after = NULL;
}

/* Return the slot for a header this plugin reads, or NULL. */
static char **captured_header_slot(struct http_response *response,
                                   const char *line, size_t name_length)
{
    static const char *const names[] = {"Content-Type", "Location",
                                        "WWW-Authenticate", "Retry-After"};
    char **slots[] = {&response->content_type, &response->location,
                      &response->www_authenticate, &response->retry_after};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strlen(names[i]) == name_length &&
            strncasecmp(line, names[i], name_length) == 0)
            return slots[i];
    }
    return NULL;
}

static size_t receive_header(char *line, size_t size, size_t count,
                             void *user_data)
{
    struct http_client *client = user_data;
    struct http_response *response = client->response;
    size_t length = size * count;
    const char *colon = memchr(line, ':', length);

    /* A new status line starts a new response (after a 1xx, say), so
     * only the final response's headers are kept. */
    if (length >= 5 && strncmp(line, "HTTP/", 5) == 0) {
        clear_captured_headers(response);
        return length;
    }
    if (colon == NULL)
        return length;

    char **slot = captured_header_slot(response, line, (size_t)(colon - line));
    if (slot != NULL && *slot == NULL)
        *slot =
            copy_header_value(colon + 1, length - (size_t)(colon - line) - 1);
    return length;
}

/* Grow the body buffer to hold `needed` bytes plus a NUL, doubling but
 * never past the maximum body size, so a page at the cap costs no more
 * than the cap. */
static bool reserve_body(struct http_client *client, size_t needed)
{
    size_t capacity = client->body_capacity ? client->body_capacity : 65536;
    size_t limit = client->max_body_size + 1;

    if (needed + 1 <= client->body_capacity)
        return true;
    while (capacity < needed + 1)
        capacity *= 2;
    if (capacity > limit)
        capacity = limit;

    char *body = realloc(client->body, capacity);
    if (body == NULL)
        return false;
    client->body = body;
    client->body_capacity = capacity;
    return true;
}

static size_t receive_body(char *data, size_t size, size_t count,
                           void *user_data)
{
    struct http_client *client = user_data;
    size_t length = size * count;

    /* Returning less than length makes libcurl stop the transfer. */
    if (client->body_length + length > client->max_body_size) {
        client->response->body_too_large = true;
        return 0;
    }
    if (!reserve_body(client, client->body_length + length))
        return 0;

    memcpy(client->body + client->body_length, data, length);
    client->body_length += length;
    client->body[client->body_length] = '\0';
    return length;
}

/* -I: libcurl's connect-to rule "::ADDRESS:" sends every connection to
 * ADDRESS on the URL's port while the URL's host stays for SNI, Host and
 * the certificate check. */
static CURLcode set_network_options(struct http_client *client,
                                    const struct lgtm_options *options)
{
    CURL *curl = client->curl;
    CURLcode result = CURLE_OK;

    if (options->ip_address != NULL) {
        char rule[300];
        bool ipv6 = strchr(options->ip_address, ':') != NULL &&
                    options->ip_address[0] != '[';
        snprintf(rule, sizeof(rule), "::%s%s%s:", ipv6 ? "[" : "",
                 options->ip_address, ipv6 ? "]" : "");
        client->connect_to = curl_slist_append(NULL, rule);
        if (client->connect_to == NULL)
            return CURLE_OUT_OF_MEMORY;
        result = curl_easy_setopt(curl, CURLOPT_CONNECT_TO, client->connect_to);
    }
    if (result == CURLE_OK && options->ip_family != 0)
        result =
            curl_easy_setopt(curl, CURLOPT_IPRESOLVE,
                             options->ip_family == 4 ? (long)CURL_IPRESOLVE_V4
                                                     : (long)CURL_IPRESOLVE_V6);
    if (result == CURLE_OK && options->proxy != NULL)
        result = curl_easy_setopt(curl, CURLOPT_PROXY, options->proxy);
    if (result == CURLE_OK && options->noproxy != NULL)
        result = curl_easy_setopt(curl, CURLOPT_NOPROXY, options->noproxy);
    return result;
}

static void set_trust_anchors(CURL *curl, const struct lgtm_options *options)
{
    /* --ca-file and --ca-path replace the system's trust store rather
     * than add to it, so a check trusts exactly the anchors it names. */
    if (options->ca_file != NULL || options->ca_path != NULL) {
        curl_easy_setopt(curl, CURLOPT_CAINFO, options->ca_file);
        curl_easy_setopt(curl, CURLOPT_CAPATH, options->ca_path);
        return;
    }

    /* Without them, trust the system's hashed directory alone when
     * libcurl has one: OpenSSL then reads only the issuer it needs,
     * where the default bundle file costs ~35 ms of parsing per check
     * (measured in BENCHMARKS.md). Both hold the same anchors on Debian. */
    char *default_path = NULL;
    if (curl_easy_getinfo(curl, CURLINFO_CAPATH, &default_path) == CURLE_OK &&
        default_path != NULL && default_path[0] != '\0')
        curl_easy_setopt(curl, CURLOPT_CAINFO, (char *)NULL);
}

static void set_tls_options(CURL *curl, const struct lgtm_options *options)
{
    set_trust_anchors(curl, options);
    if (options->client_cert != NULL)
        curl_easy_setopt(curl, CURLOPT_SSLCERT, options->client_cert);
    if (options->client_key != NULL)
        curl_easy_setopt(curl, CURLOPT_SSLKEY, options->client_key);
    if (options->insecure) {
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    }
}

static CURLcode first_failure(CURLcode first, CURLcode next)
{
    return first != CURLE_OK ? first : next;
}

/* Options that keep the token with the configured origin: only http and
 * https, and no redirect is ever followed. Returns the first failure. */
static CURLcode set_request_options(struct http_client *client,
                                    const struct lgtm_options *options,
                                    const struct token *token)
{
    CURL *curl = client->curl;
    CURLcode r = CURLE_OK;
    const char *agent =
        options->user_agent ? options->user_agent : "check_lgtm/" LGTM_VERSION;

    r = first_failure(
        r, curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https"));
    r = first_failure(
        r, curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"));
    r = first_failure(r, curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L));
    r = first_failure(
        r, curl_easy_setopt(curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_BEARER));
    r = first_failure(
        r, curl_easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, token->value));
    r = first_failure(
        r, curl_easy_setopt(curl, CURLOPT_HTTPHEADER, client->headers));
    r = first_failure(r, curl_easy_setopt(curl, CURLOPT_USERAGENT, agent));
    r = first_failure(r, curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L));
    r = first_failure(
        r, curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, client->error));
    r = first_failure(r, curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                                          (curl_off_t)client->max_body_size));
    r = first_failure(
        r, curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, receive_body));
    r = first_failure(r, curl_easy_setopt(curl, CURLOPT_WRITEDATA, client));
    r = first_failure(
        r, curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, receive_header));
    r = first_failure(r, curl_easy_setopt(curl, CURLOPT_HEADERDATA, client));
    return r;
}

int http_client_init(struct http_client *client,
                     const struct lgtm_options *options,
                     const struct token *token, char *error, size_t error_size)
{
    char host[256];
    long port = 0;

    memset(client, 0, sizeof(*client));
    client->max_body_size = (size_t)options->max_body_size;
    client->curl = curl_easy_init();
    client->headers = curl_slist_append(NULL, "Accept: application/json");
    if (client->curl == NULL || client->headers == NULL) {
        snprintf(error, error_size, "cannot initialize libcurl");
        return -1;
    }

    CURLcode result = set_request_options(client, options, token);
    if (result == CURLE_OK)
        result = set_network_options(client, options);
    if (result != CURLE_OK) {
        snprintf(error, error_size,
                 "this libcurl (%s) lacks a required feature: %s",
                 curl_version_info(CURLVERSION_NOW)->version,
                 curl_easy_strerror(result));
        return -1;
    }
    set_tls_options(client->curl, options);
    client->tls_facts_available = tls_facts_install(client->curl, &client->tls);
    url_host_port(options->url, host, sizeof(host), &port);
    tls_facts_expect_host(&client->tls, host);
    client->tls.load_trust_anchors = options->insecure;
    client->tls.ca_file = options->ca_file;
    client->tls.ca_path = options->ca_path;
    if (log_verbosity >= 3)
        trace_enable(client->curl);
    return 0;
}

static double microseconds_to_seconds(curl_off_t microseconds)
{
    return (double)microseconds / 1e6;
}

static void read_transfer_info(CURL *curl, struct http_response *response)
{
    curl_off_t value = 0;
    char *ip = NULL;

    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response->status);
    if (curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &value) == CURLE_OK)
        response->timings.connect = microseconds_to_seconds(value);
    if (curl_easy_getinfo(curl, CURLINFO_APPCONNECT_TIME_T, &value) == CURLE_OK)
        response->timings.tls = microseconds_to_seconds(value);
    if (curl_easy_getinfo(curl, CURLINFO_STARTTRANSFER_TIME_T, &value) ==
        CURLE_OK)
        response->timings.first_byte = microseconds_to_seconds(value);
    if (curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME_T, &value) == CURLE_OK)
        response->timings.total = microseconds_to_seconds(value);
    curl_easy_getinfo(curl, CURLINFO_SSL_VERIFYRESULT,
                      &response->ssl_verify_result);
    if (curl_easy_getinfo(curl, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK &&
        ip != NULL && ip[0] != '\0')
        response->primary_ip = strdup(ip);
    curl_easy_getinfo(curl, CURLINFO_PRIMARY_PORT, &response->primary_port);
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &response->new_connections);
    curl_easy_getinfo(curl, CURLINFO_HTTP_CONNECTCODE,
                      &response->proxy_connect_status);
}

void http_client_get(struct http_client *client, const char *url,
                     long timeout_ms, struct http_response *response)
{
    memset(response, 0, sizeof(*response));
    client->response = response;
    client->body_length = 0;
    client->error[0] = '\0';
    if (client->body != NULL)
        client->body[0] = '\0';

    curl_easy_setopt(client->curl, CURLOPT_URL, url);
    curl_easy_setopt(client->curl, CURLOPT_TIMEOUT_MS,
                     timeout_ms > 0 ? timeout_ms : 1L);
    response->result = curl_easy_perform(client->curl);

    /* The Content-Length check rejects a large page before its body. */
    if (response->result == CURLE_FILESIZE_EXCEEDED)
        response->body_too_large = true;
    memcpy(response->error, client->error, sizeof(response->error));
    read_transfer_info(client->curl, response);
    response->body = client->body != NULL ? client->body : "";
    response->body_length = client->body_length;
    client->response = NULL;
}

void http_client_free(struct http_client *client)
{
    if (client->curl != NULL)
        curl_easy_cleanup(client->curl);
    curl_slist_free_all(client->headers);
    curl_slist_free_all(client->connect_to);
    free(client->body);
    memset(client, 0, sizeof(*client));
}

void http_response_free(struct http_response *response)
{
    clear_captured_headers(response);
    free(response->primary_ip);
    response->primary_ip = NULL;
}

void http_response_move(struct http_response *target,
                        struct http_response *source)
{
    *target = *source;
    source->content_type = NULL;
    source->location = NULL;
    source->www_authenticate = NULL;
    source->retry_after = NULL;
    source->primary_ip = NULL;
}
