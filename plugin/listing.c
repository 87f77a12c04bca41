#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "listing.h"
#include "log.h"
#include "url.h"

/* Bytes of a failed response's body kept for the diagnosis. */
#define BODY_EXCERPT_MAX 16384

/* Start values seen so far, stored as 64-bit FNV-1a hashes so that memory
 * stays small for any number of pages. */
struct seen_starts {
    uint64_t *hashes;
    size_t count;
    size_t capacity;
};

double listing_clock(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static uint64_t hash_start(const char *start)
{
    uint64_t hash = 14695981039346656037ULL;

    for (const unsigned char *p = (const unsigned char *)start; *p; p++) {
        hash ^= *p;
        hash *= 1099511628211ULL;
    }
    return hash;
}

/* Add start; returns 1 if it was seen before, 0 if new, -1 when out of
 * memory. */
static int seen_starts_add(struct seen_starts *seen, const char *start)
{
    uint64_t hash = hash_start(start);

    for (size_t i = 0; i < seen->count; i++) {
        if (seen->hashes[i] == hash)
            return 1;
    }
    if (seen->count == seen->capacity) {
        size_t capacity = seen->capacity ? seen->capacity * 2 : 64;
        uint64_t *hashes = realloc(seen->hashes, capacity * sizeof(*hashes));
        if (hashes == NULL)
            return -1;
        seen->hashes = hashes;
        seen->capacity = capacity;
    }
    seen->hashes[seen->count++] = hash;
    return 0;
}

static void keep_body_excerpt(struct outcome *outcome,
                              const struct http_response *response)
{
    size_t length = response->body_length < BODY_EXCERPT_MAX
                        ? response->body_length
                        : BODY_EXCERPT_MAX;

    free(outcome->body_excerpt);
    outcome->body_excerpt = malloc(length + 1);
    if (outcome->body_excerpt == NULL) {
        outcome->body_excerpt_length = 0;
        return;
    }
    memcpy(outcome->body_excerpt, response->body, length);
    outcome->body_excerpt[length] = '\0';
    outcome->body_excerpt_length = length;
}

/* Keep the response as the outcome's last one. */
static void record_response(struct outcome *outcome, long page,
                            struct http_response *response)
{
    if (page == 1) {
        outcome->have_first = true;
        outcome->first = response->timings;
    }
    outcome->total_time += response->timings.total;
    http_response_free(&outcome->response);
    http_response_move(&outcome->response, response);
}

/* Classify one response; returns 0 when the page was read and counted. */
static int read_page(struct outcome *outcome, long page,
                     struct http_response *response, struct api_page *parsed)
{
    outcome->failed_page = page;
    if (response->result != CURLE_OK) {
        outcome->kind = OUTCOME_TRANSFER;
        return -1;
    }
    if (response->status != 200) {
        outcome->kind = OUTCOME_HTTP;
        keep_body_excerpt(outcome, response);
        return -1;
    }
    if (api_parse_page(response->body, response->body_length, parsed,
                       outcome->message, sizeof(outcome->message)) != 0) {
        outcome->kind = OUTCOME_BODY;
        keep_body_excerpt(outcome, response);
        return -1;
    }
    outcome->failed_page = 0;
    outcome->projects += (long)parsed->count;
    outcome->pages = page;
    return 0;
}

/* Milliseconds left of the budget, at least 1 while any is left. */
static long remaining_ms(const struct lgtm_options *options, double started)
{
    double left = options->timeout - (listing_clock() - started);

    if (left <= 0)
        return 0;
    return left * 1000 < 1 ? 1 : (long)(left * 1000);
}

/* Request one page; returns 0 to go on with *start set to the next start
 * value, 1 when the listing is complete, -1 when the outcome is final. */
static int fetch_page(struct http_client *client, struct outcome *outcome,
                      long page, long timeout_ms, char **start)
{
    struct http_response response;
    struct api_page parsed;

    free(outcome->request_url);
    outcome->request_url = url_projects(outcome->base_url, *start);
    if (outcome->request_url == NULL) {
        outcome_set_local(outcome, "out of memory building a request URL");
        return -1;
    }
    log_verbose(2, "page %ld: GET %s", page, outcome->request_url);

    http_client_get(client, outcome->request_url, timeout_ms, &response);
    int read = read_page(outcome, page, &response, &parsed);
    record_response(outcome, page, &response);
    if (read != 0)
        return -1;

    log_verbose(2, "page %ld: %zu projects in %.3f s", page, parsed.count,
                outcome->response.timings.total);
    free(*start);
    *start = parsed.next_start;
    return *start == NULL ? 1 : 0;
}

void listing_fetch(struct http_client *client,
                   const struct lgtm_options *options, double started,
                   struct outcome *outcome)
{
    struct seen_starts seen = {NULL, 0, 0};
    char *start = NULL;
    int status = 0;

    outcome->kind = OUTCOME_LISTED;
    for (long page = 1; status == 0; page++) {
        if (page > options->max_pages) {
            outcome->truncated = true;
            break;
        }
        long timeout_ms = remaining_ms(options, started);
        if (timeout_ms == 0) {
            outcome->kind = OUTCOME_BUDGET;
            outcome->failed_page = page;
            break;
        }

        status = fetch_page(client, outcome, page, timeout_ms, &start);
        if (status != 0)
            break;

        int repeated = seen_starts_add(&seen, start);
        if (repeated != 0) {
            outcome->kind = repeated > 0 ? OUTCOME_LOOP : OUTCOME_LOCAL;
            if (repeated < 0)
                outcome_set_local(outcome, "out of memory");
            outcome->failed_page = page + 1;
            break;
        }
    }
    free(start);
    free(seen.hashes);
}
