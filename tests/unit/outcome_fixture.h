/* A hand-built check result shared by the diagnosis and output suites:
 * options parsed from words, an outcome, a token and a report. */
#ifndef LGTM_TEST_OUTCOME_FIXTURE_H
#define LGTM_TEST_OUTCOME_FIXTURE_H

#include <curl/curl.h>

#include "diagnosis.h"
#include "options.h"
#include "outcome.h"
#include "token.h"

#define FIXTURE_URL "https://lgtm.example.com"
#define FIXTURE_REQUEST_URL FIXTURE_URL "/api/v1.0/projects?limit=100"
#define FIXTURE_TOKEN_VALUE "SECRETtoken0123456789"
#define FIXTURE_TOKEN_PATH "/etc/nagios/lgtm.token"
#define FIXTURE_WORDS_MAX 16

struct outcome_fixture {
    int argc;
    char *argv[FIXTURE_WORDS_MAX + 4];
    struct lgtm_options options;
    struct outcome outcome;
    struct token token;
    struct report report;
    char output[16384]; /* text written by output_write */
    size_t output_length;
};

extern struct outcome_fixture fixture;

/* Set up default options, an empty outcome and no token. The teardown
 * frees everything. */
void fixture_setup(void);
void fixture_teardown(void);

/* Parse "-u FIXTURE_URL" followed by the NULL-terminated words. */
void fixture_use_options(const char *const *words);
#define FIXTURE_OPTIONS(...)                                                   \
    fixture_use_options((const char *const[]){__VA_ARGS__, NULL})

/* Replace the outcome's base URL with a malloc'd copy of url. */
void fixture_set_base(const char *url);

/* Make the outcome a complete listing whose first request took seconds. */
void fixture_listed(long projects, long pages, double seconds);

/* Make the outcome a libcurl failure on page 1 with the error text. */
void fixture_transfer(CURLcode result, const char *error);

/* Make the outcome a response with status and body (NULL for none) on
 * page 1. */
void fixture_http(long status, const char *body);

/* Set the token to one read from FIXTURE_TOKEN_PATH. */
void fixture_file_token(void);

/* Run diagnose() on the fixture and return the summary. */
const char *fixture_diagnose(void);

/* Run diagnose() and output_write() to a tmpfile(), and return the
 * output. */
const char *fixture_write_output(void);

#endif
