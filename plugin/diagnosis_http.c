#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"
#include "challenge.h"
#include "diagnosis_internal.h"
#include "sanitize.h"

/* LGTM's error messages, as its v1.0 API sends them. */
#define MESSAGE_NO_TOKEN "An authorization token must be provided"
#define MESSAGE_INVALID_TOKEN "The authorization token you provided was not"
#define MESSAGE_MISSING_SCOPES "Missing required scopes:"

#define TOKEN_PAGE_HINT                                                        \
    "on LGTM's Account settings page (Your authorized applications, "          \
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

    strbuf_printf(buffer, "HTTP %ld%s%s", status, phrase[0] ? " " : "", phrase);
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
    strbuf_printf(buffer, "the token from %s (%zu character%s)", source,
                  token->length, token->length == 1 ? "" : "s");
}

static void explain_missing_scopes(struct strbuf *summary,
                                   const struct token *token, long status,
                                   const char *scopes, size_t length)
{
    bool several = memchr(scopes, ',', length) != NULL ||
                   memchr(scopes, ' ', length) != NULL;

    append_token_source(summary, token);
    strbuf_printf(summary, " lacks the scope%s ", several ? "s" : "");
    sanitize_append(summary, scopes, length, SERVER_TEXT_MAX);
    strbuf_printf(summary, " (HTTP %ld): create a token with %s %s", status,
                  several ? "them" : "it", TOKEN_PAGE_HINT);
}

static void explain_invalid_token(struct strbuf *summary,
                                  const struct token *token, long status)
{
    append_token_source(summary, token);
    strbuf_printf(summary,
                  " was rejected as not valid (HTTP %ld): it is revoked, "
                  "expired or mistyped; create a new one %s",
                  status, TOKEN_PAGE_HINT);
}

/* Explain a 401/403 from the RFC 6750 challenge alone; false when it
 * names no error this plugin knows. */
static bool explain_challenge(struct strbuf *summary, const struct token *token,
                              long status,
                              const struct bearer_challenge *challenge)
{
    if (!challenge->found)
        return false;
    if (strcmp(challenge->error, "insufficient_scope") == 0 &&
        challenge->scope[0] != '\0') {
        explain_missing_scopes(summary, token, status, challenge->scope,
                               strlen(challenge->scope));
        return true;
    }
    if (strcmp(challenge->error, "invalid_token") == 0) {
        explain_invalid_token(summary, token, status);
        return true;
    }
    return false;
}

static void diagnose_auth(const struct outcome *outcome,
                          const struct token *token, const char *message,
                          struct report *report)
{
    struct strbuf *summary = &report->summary;
    long status = outcome->response.status;
    struct bearer_challenge challenge;
    const char *scopes =
        message ? strstr(message, MESSAGE_MISSING_SCOPES) : NULL;

    challenge_parse(outcome->response.www_authenticate, &challenge);
    report->state = STATE_CRITICAL;
    if (scopes != NULL) {
        const char *open = strchr(scopes, '[');
        const char *close = open ? strchr(open, ']') : NULL;
        if (open != NULL && close != NULL)
            explain_missing_scopes(summary, token, status, open + 1,
                                   (size_t)(close - open - 1));
        else
            explain_missing_scopes(summary, token, status, scopes,
                                   strlen(scopes));
    } else if (message != NULL && strstr(message, MESSAGE_INVALID_TOKEN)) {
        explain_invalid_token(summary, token, status);
    } else if (message != NULL && strstr(message, MESSAGE_NO_TOKEN)) {
        strbuf_printf(summary,
                      "LGTM received no token (HTTP %ld): a proxy in front "
                      "of LGTM may strip the Authorization header",
                      status);
    } else if (!explain_challenge(summary, token, status, &challenge)) {
        append_status(summary, status);
        strbuf_printf(summary, " for ");
        append_token_source(summary, token);
        strbuf_printf(summary, ": check that the token is valid and has the "
                               "projects:read scope; the server says: ");
        sanitize_append_string(summary,
                               message ? message
                               : challenge.error_description[0]
                                   ? challenge.error_description
                                   : "no message",
                               SERVER_TEXT_MAX);
    }
}

/* Find the text of an HTML <title> element in body, or NULL. */
static const char *find_html_title(const char *body, size_t *length)
{
    for (const char *p = body; p != NULL && *p != '\0';
         p = strchr(p + 1, '<')) {
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

static bool contains_nocase(const char *text, const char *word)
{
    size_t length = strlen(word);

    for (; *text != '\0'; text++) {
        if (strncasecmp(text, word, length) == 0)
            return true;
    }
    return false;
}

static bool looks_like_sign_in(const char *location)
{
    static const char *const words[] = {"login",   "signin", "sign_in",
                                        "sign-in", "/auth",  "sso",
                                        "saml",    "oauth",  "openid"};

    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (contains_nocase(location, words[i]))
            return true;
    }
    return false;
}

/* Append the https origin of location (scheme, host and port) followed
 * by the path of the plain-http base URL. */
static void append_https_base(struct strbuf *summary, const char *base_url,
                              const char *location)
{
    const char *authority = location + 8;
    size_t authority_length = strcspn(authority, "/?#");
    const char *base_path = strchr(base_url + 7, '/');

    strbuf_printf(summary, "https://");
    sanitize_append(summary, authority, authority_length, SERVER_TEXT_MAX);
    if (base_path != NULL)
        sanitize_append_string(summary, base_path, SERVER_TEXT_MAX);
}

/* Suggest the --url that avoids the redirect, as the action to take. */
static void suggest_redirect_fix(const struct outcome *outcome,
                                 const char *location, struct strbuf *summary)
{
    const char *api = strstr(location, "/api/v1.0");

    if (looks_like_sign_in(location)) {
        strbuf_printf(summary, "; it looks like a sign-in page, so a proxy "
                               "or single sign-on answers for the API: "
                               "point --url at LGTM itself");
    } else if (strncasecmp(outcome->base_url, "http://", 7) == 0 &&
               strncasecmp(location, "https://", 8) == 0) {
        strbuf_printf(summary, "; the server redirects to https: use --url ");
        append_https_base(summary, outcome->base_url, location);
    } else if (api != NULL && strncasecmp(location, "http", 4) == 0) {
        strbuf_printf(summary, "; use --url ");
        sanitize_append(summary, location, (size_t)(api - location),
                        SERVER_TEXT_MAX);
    } else {
        strbuf_printf(summary, "; set --url to the server's final address");
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
                  " not followed, because that could send the token "
                  "elsewhere");
    if (location != NULL)
        suggest_redirect_fix(outcome, location, &report->summary);
}

static void diagnose_status(const struct outcome *outcome, const char *message,
                            struct report *report)
{
    long status = outcome->response.status;
    struct strbuf *summary = &report->summary;

    report->state = status == 429 ? STATE_WARNING : STATE_CRITICAL;
    append_status(summary, status);
    if (status == 404) {
        strbuf_printf(summary,
                      " for %s: no LGTM API there; give the "
                      "server's base URL, e.g. "
                      "https://lgtm.example.com",
                      outcome->request_url);
        return;
    }
    if (status == 429) {
        strbuf_printf(summary, ": LGTM limits the request rate");
        if (outcome->response.retry_after != NULL) {
            strbuf_printf(summary, "; retry after ");
            sanitize_append_string(summary, outcome->response.retry_after, 64);
        }
        return;
    }
    size_t title_length = 0;
    const char *title =
        message != NULL ? find_html_title(message, &title_length) : NULL;
    if (title != NULL) {
        strbuf_printf(summary, " from the server, page titled \"");
        sanitize_append(summary, title, title_length, SERVER_TEXT_MAX);
        strbuf_printf(summary, "\"");
    } else if (message != NULL) {
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
    const char *title =
        outcome->body_excerpt
            ? find_html_title(outcome->body_excerpt, &title_length)
            : NULL;

    report->state = STATE_CRITICAL;
    strbuf_printf(summary, "page %ld is not an LGTM project list: ",
                  outcome->failed_page);
    if (!is_json_type(content_type)) {
        strbuf_printf(summary, "received ");
        sanitize_append_string(summary,
                               content_type ? content_type : "no Content-Type",
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
