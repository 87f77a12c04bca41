/* The facts of one check, which the diagnosis turns into a state and an
 * explanation. */
#ifndef LGTM_OUTCOME_H
#define LGTM_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"
#include "tls.h"

enum outcome_kind {
    OUTCOME_LISTED,   /* every page read, or --max-pages reached */
    OUTCOME_LOCAL,    /* a usage, token or file problem on this host */
    OUTCOME_TRANSFER, /* libcurl failed: DNS, connect, TLS, time, size */
    OUTCOME_BUDGET,   /* the -t budget ran out between two pages */
    OUTCOME_HTTP,     /* a status other than 200 */
    OUTCOME_BODY,     /* a 200 whose body is not a page of projects */
    OUTCOME_LOOP      /* nextPageUrl repeated an earlier start value */
};

struct outcome {
    enum outcome_kind kind;
    char message[512];             /* LOCAL: the error; BODY: what is wrong */
    long projects;                 /* counted on the pages read */
    long pages;                    /* pages read completely */
    bool truncated;                /* stopped by --max-pages */
    long failed_page;              /* the page whose request failed, from 1 */
    char *base_url;                /* normalized --url */
    char *request_url;             /* the last request; it contains no token */
    struct http_response response; /* the last response */
    char *body_excerpt;            /* start of a failed response's body */
    size_t body_excerpt_length;
    bool have_first; /* the first request ran, so its timings exist */
    struct http_timings first;
    double total_time;        /* seconds for all requests */
    bool tls_facts_available; /* tls contains what the handshake showed */
    struct tls_facts tls;
};

void outcome_init(struct outcome *outcome);
void outcome_free(struct outcome *outcome);

/* Record a local fault (usage, token, file) with its message. */
void outcome_set_local(struct outcome *outcome, const char *message);

#endif
