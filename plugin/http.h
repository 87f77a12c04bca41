/* One libcurl easy handle for the whole check, so every page reuses the
 * first connection and TLS session. */
#ifndef LGTM_HTTP_H
#define LGTM_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>

#include "options.h"
#include "tls.h"
#include "token.h"

/* Seconds from the start of a request; 0 where a stage did not happen. */
struct http_timings {
    double connect;
    double tls;
    double first_byte;
    double total;
};

struct http_response {
    CURLcode result;
    char error[CURL_ERROR_SIZE]; /* libcurl's error text, may be empty */
    long status;                 /* 0 when no response arrived */
    bool body_too_large;
    char *content_type; /* response headers, NULL when absent */
    char *location;
    char *www_authenticate;
    char *retry_after;
    const char *body; /* owned by the client, valid until its next get */
    size_t body_length;
    struct http_timings timings;
    long ssl_verify_result; /* X509_V_OK (0) or the OpenSSL error */
    char *primary_ip;
    long primary_port;
    long proxy_connect_status; /* a proxy's status for CONNECT, or 0 */
    long new_connections;      /* 0 when the request reused a connection */
};

struct http_client {
    CURL *curl;
    struct curl_slist *headers;
    struct curl_slist *connect_to; /* -I */
    char error[CURL_ERROR_SIZE];
    size_t max_body_size;
    struct http_response *response; /* the one being received */
    struct tls_facts tls;           /* recorded during the handshake */
    bool tls_facts_available;       /* libcurl uses OpenSSL */
    char *body;
    size_t body_length;
    size_t body_capacity;
};

/* Set up the handle from the options; the token goes out through
 * libcurl's bearer support. Returns 0, or -1 with error set. */
int http_client_init(struct http_client *client,
                     const struct lgtm_options *options,
                     const struct token *token, char *error, size_t error_size);

/* GET url within timeout_ms and fill response, which the caller releases
 * with http_response_free. */
void http_client_get(struct http_client *client, const char *url,
                     long timeout_ms, struct http_response *response);

void http_client_free(struct http_client *client);

void http_response_free(struct http_response *response);

/* Move the response's owned strings to another, leaving the source
 * empty; body stays with the client. */
void http_response_move(struct http_response *target,
                        struct http_response *source);

#endif
