/* The Bearer challenge of a WWW-Authenticate header (RFC 6750 section 3),
 * which LGTM or a proxy in front of it may send with a 401 or 403. */
#ifndef LGTM_CHALLENGE_H
#define LGTM_CHALLENGE_H

#include <stdbool.h>

#define CHALLENGE_VALUE_MAX 256

struct bearer_challenge {
    bool found;                      /* a Bearer challenge */
    char error[CHALLENGE_VALUE_MAX]; /* "insufficient_scope" */
    char error_description[CHALLENGE_VALUE_MAX];
    char scope[CHALLENGE_VALUE_MAX]; /* space-separated scopes */
};

/* Parse header for a Bearer challenge and its error, error_description
 * and scope parameters, quoted or as tokens. Values are raw server text,
 * cut at CHALLENGE_VALUE_MAX - 1 bytes, so sanitize them before printing. */
void challenge_parse(const char *header, struct bearer_challenge *challenge);

#endif
