#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"
#include "diagnosis_internal.h"
#include "sanitize.h"

/* LGTM's error messages, as its v1.0 API sends them. */
#define MESSAGE_NO_TOKEN "An authorization token must be provided"
#define MESSAGE_INVALID_TOKEN "The authorization token you provided was not"
#define MESSAGE_MISSING_SCOPES "Missing required scopes:"

#define TOKEN_PAGE_HINT                                                       \
    "on LGTM's Account settings page (Your authorized applications, "         \
    "Create token)"

static const char *reason_phrase(long status)
{
    static const struct {
        long status;
        const char *phrase;
    } phrases[] = {{301, "Moved Permanently"},
                   {302, "Found"},
                   {303, "See Other"},
                   {307, "Temporary Redirect"},
                   {308, "Permanent Redirect"},
                   {400, "Bad Request"},
                   {401, "Unauthorized"},
                   {403, "Forbidden"},
                   {404, "Not Found"},
                   {405, "Method Not Allowed"},
                   {407, "Proxy Authentication Required"},
                   {408, "Request Timeout"},
                   {429, "Too Many Requests"},
                   {500, "Internal Server Error"},
                   {502, "Bad Gateway"},
                   {503, "Service Unavailable"},
                   {504, "Gateway Timeout"}};

    for (size_t i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++) {
        if (phrases[i].status == status)
            return phrases[i].phrase;
    }
    return "";
}

static void append_status(struct strbuf *buffer, long status)
{
    const char *phrase = reason_phrase(status);

    strbuf_printf(buffer, "HTTP %ld%s%s", status, phrase[0] ? " " : "",
                  phrase);
}

/* Describe where the token came from and its length, never its value. */
static void append_token_source(struct strbuf *buffer,
                                const struct token *token)
{
    char source[512];

    if (token == NULL || token->value == NULL) {
        strbuf_printf(buffer, "the token");
        return;
    }
    token_describe_source(token, source, sizeof(source));
    strbuf_printf(buffer, "the token from %s (%zu characters)", source,
                  token->length);
}

/* Append the scopes inside "[...]" after the missing-scopes message. */
static void append_scopes(struct strbuf *buffer, const char *message)
{
    const char *open = strchr(message, '[');
    const char *close = open ? strchr(open, ']') : NULL;

    if (open == NULL || close == NULL) {
        sanitize_append_string(buffer, message, SERVER_TEXT_MAX);
        return;
    }
    sanitize_append(buffer, open + 1, (size_t)(close - open - 1),
                    SERVER_TEXT_MAX);
}

static void diagnose_auth(const struct outcome *outcome,
                          const struct token *token, const char *message,
                          struct report *report)
{
    struct strbuf *summary = &report->summary;
    long status = outcome->response.status;

    report->state = STATE_CRITICAL;
    if (message != NULL && strstr(message, MESSAGE_MISSING_SCOPES)) {
        append_token_source(summary, token);
        strbuf_printf(summary, " lacks the scope ");
        append_scopes(summary, message);
        strbuf_printf(summary, " (HTTP %ld): create a token with it %s",
                      status, TOKEN_PAGE_HINT);
    } else if (message != NULL && strstr(message, MESSAGE_INVALID_TOKEN)) {
        append_token_source(summary, token);
        strbuf_printf(summary,
                      " was rejected as not valid (HTTP %ld): it is "
                      "revoked, expired or mistyped; create a new one %s",
                      status, TOKEN_PAGE_HINT);
    } else if (message != NULL && strstr(message, MESSAGE_NO_TOKEN)) {
        strbuf_printf(summary,
                      "LGTM received no token (HTTP %ld): a proxy in front "
                      "of LGTM may strip the Authorization header",
                      status);
    } else {
        append_status(summary, status);
        strbuf_printf(summary, ": access denied: ");
        sanitize_append_string(summary, message ? message : "no message",
                               SERVER_TEXT_MAX);
    }
}

static void diagnose_redirect(const struct outcome *outcome,
                              struct report *report)
{
    const char *location = outcome->response.location;

    report->state = STATE_CRITICAL;
    append_status(&report->summary, outcome->response.status);
    strbuf_printf(&report->summary, ": redirect to ");
    sanitize_append_string(&report->summary, location ? location : "nowhere",
                           SERVER_TEXT_MAX);
    strbuf_printf(&report->summary,
                  " not followed, because that would send the token "
                  "elsewhere; set --url to the server's final address");
}

static void diagnose_status(const struct outcome *outcome,
                            const char *message, struct report *report)
{
    long status = outcome->response.status;
    struct strbuf *summary = &report->summary;

    report->state = status == 429 ? STATE_WARNING : STATE_CRITICAL;
    append_status(summary, status);
    if (status == 404) {
        strbuf_printf(summary, " for %s: no LGTM API there; give the "
                               "server's base URL, e.g. "
                               "https://lgtm.example.com",
                      outcome->request_url);
        return;
    }
    if (status == 429) {
        strbuf_printf(summary, ": LGTM limits the request rate");
        if (outcome->response.retry_after != NULL) {
            strbuf_printf(summary, "; retry after ");
            sanitize_append_string(summary, outcome->response.retry_after,
                                   64);
        }
        return;
    }
    if (message != NULL) {
        strbuf_printf(summary, " from LGTM: ");
        sanitize_append_string(summary, message, SERVER_TEXT_MAX);
    }
}

void diagnose_http(const struct outcome *outcome, const struct token *token,
                   struct report *report)
{
    long status = outcome->response.status;
    char *message =
        api_error_message(outcome->body_excerpt, outcome->body_excerpt_length);

    if (status == 401 || status == 403)
        diagnose_auth(outcome, token, message, report);
    else if (status >= 300 && status < 400)
        diagnose_redirect(outcome, report);
    else
        diagnose_status(outcome, message, report);
    free(message);
}

/* Find the text of an HTML <title> element in body, or NULL. */
static const char *find_html_title(const char *body, size_t *length)
{
    for (const char *p = body; p != NULL && *p != '\0'; p = strchr(p + 1, '<')) {
        if (strncasecmp(p, "<title", 6) != 0)
            continue;
        const char *start = strchr(p, '>');
        if (start == NULL)
            return NULL;
        start++;
        const char *end = start;
        while (*end != '\0' && strncasecmp(end, "</title", 7) != 0)
            end++;
        *length = (size_t)(end - start);
        return start;
    }
    return NULL;
}

static bool is_json_type(const char *content_type)
{
    return content_type != NULL &&
           (strncasecmp(content_type, "application/json", 16) == 0 ||
            strstr(content_type, "+json") != NULL);
}

void diagnose_body(const struct outcome *outcome, struct report *report)
{
    const char *content_type = outcome->response.content_type;
    struct strbuf *summary = &report->summary;
    size_t title_length = 0;
    const char *title = outcome->body_excerpt
                            ? find_html_title(outcome->body_excerpt,
                                              &title_length)
                            : NULL;

    report->state = STATE_CRITICAL;
    strbuf_printf(summary, "page %ld is not an LGTM project list: ",
                  outcome->failed_page);
    if (!is_json_type(content_type)) {
        strbuf_printf(summary, "received ");
        sanitize_append_string(summary,
                               content_type ? content_type
                                            : "no Content-Type",
                               SERVER_TEXT_MAX);
        strbuf_printf(summary, " instead of JSON");
        if (title != NULL) {
            strbuf_printf(summary, ", a page titled \"");
            sanitize_append(summary, title, title_length, SERVER_TEXT_MAX);
            strbuf_printf(summary, "\"");
        }
        strbuf_printf(summary, "; a proxy or sign-in page may answer for "
                               "LGTM, check --url");
        return;
    }
    sanitize_append_string(summary, outcome->message, SERVER_TEXT_MAX);
}
