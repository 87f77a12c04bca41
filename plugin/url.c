#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "api.h"
#include "url.h"

static bool has_prefix_nocase(const char *text, const char *prefix)
{
    return strncasecmp(text, prefix, strlen(prefix)) == 0;
}

static bool strip_suffix(char *text, const char *suffix)
{
    size_t length = strlen(text);
    size_t suffix_length = strlen(suffix);

    if (length < suffix_length ||
        strcmp(text + length - suffix_length, suffix) != 0)
        return false;
    text[length - suffix_length] = '\0';
    return true;
}

static void strip_trailing_slashes(char *text)
{
    size_t length = strlen(text);

    while (length > 0 && text[length - 1] == '/')
        text[--length] = '\0';
}

static bool has_port_zero(CURLU *url)
{
    char *port = NULL;
    bool zero = false;

    if (curl_url_get(url, CURLUPART_PORT, &port, 0) == CURLUE_OK)
        zero = strtol(port, NULL, 10) == 0;
    curl_free(port);
    return zero;
}

/* Check the syntax with libcurl's own parser, as libcurl will read it. */
static int check_with_libcurl(const char *base, const char *input, char *error,
                              size_t error_size)
{
    CURLU *url = curl_url();
    char *user = NULL;
    int result = 0;

    if (url == NULL) {
        snprintf(error, error_size, "out of memory parsing --url");
        return -1;
    }
    CURLUcode status = curl_url_set(url, CURLUPART_URL, base, 0);
    if (status != CURLUE_OK) {
        snprintf(error, error_size,
                 "invalid --url \"%s\": %s; expected a form like "
                 "https://lgtm.example.com",
                 input, curl_url_strerror(status));
        result = -1;
    } else if (has_port_zero(url)) {
        snprintf(error, error_size,
                 "invalid --url \"%s\": port 0 cannot be connected to; give "
                 "the server's port or none for the scheme's default",
                 input);
        result = -1;
    } else if (curl_url_get(url, CURLUPART_USER, &user, 0) == CURLUE_OK) {
        snprintf(error, error_size,
                 "invalid --url: it contains a user name; give the token "
                 "with --token-file instead");
        result = -1;
    }
    curl_free(user);
    curl_url_cleanup(url);
    return result;
}

/* Copy input for a message, with any user information before '@' in the
 * authority replaced by "***", so a password is never printed. */
static void mask_user_info(const char *input, char *masked, size_t size)
{
    const char *authority = strstr(input, "://");
    const char *start = authority ? authority + 3 : input;
    size_t authority_length = strcspn(start, "/?#");
    const char *at = memchr(start, '@', authority_length);

    if (at == NULL) {
        snprintf(masked, size, "%s", input);
        return;
    }
    snprintf(masked, size, "%.*s***%s", (int)(start - input), input, at);
}

/* Check the parts this plugin needs before libcurl parses the rest:
 * http or https, a host, and no query or fragment. shown is the input
 * with any password masked, for the messages. */
static int check_form(const char *input, const char *shown, char *error,
                      size_t error_size)
{
    if (!has_prefix_nocase(input, "https://") &&
        !has_prefix_nocase(input, "http://")) {
        snprintf(error, error_size,
                 "invalid --url \"%s\": expected https:// or http:// "
                 "followed by the server, e.g. https://lgtm.example.com",
                 shown);
        return -1;
    }
    const char *host = strstr(input, "://") + 3;
    if (*host == '/' || *host == '\0') {
        snprintf(error, error_size,
                 "invalid --url \"%s\": the host name is missing, e.g. "
                 "https://lgtm.example.com",
                 shown);
        return -1;
    }
    for (const unsigned char *p = (const unsigned char *)input; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7F) {
            snprintf(error, error_size,
                     "invalid --url: it contains a space, a control "
                     "character or a non-ASCII byte at position %zu; "
                     "percent-encode it (RFC 3986)",
                     (size_t)(p - (const unsigned char *)input) + 1);
            return -1;
        }
    }
    if (strpbrk(input, "?#") != NULL) {
        snprintf(error, error_size,
                 "invalid --url \"%s\": give the base URL without a query "
                 "or fragment, e.g. https://lgtm.example.com",
                 shown);
        return -1;
    }
    return 0;
}

int url_normalize_base(const char *input, char **base, char *error,
                       size_t error_size)
{
    char shown[512];

    *base = NULL;
    mask_user_info(input, shown, sizeof(shown));
    if (check_form(input, shown, error, error_size) != 0)
        return -1;

    char *copy = strdup(input);
    if (copy == NULL) {
        snprintf(error, error_size, "out of memory reading --url");
        return -1;
    }
    strip_trailing_slashes(copy);
    if (strip_suffix(copy, "/api/v1.0/projects") ||
        strip_suffix(copy, "/api/v1.0"))
        strip_trailing_slashes(copy);

    if (check_with_libcurl(copy, shown, error, error_size) != 0) {
        free(copy);
        return -1;
    }
    *base = copy;
    return 0;
}

char *url_projects(const char *base, const char *start)
{
    const char *separator = start != NULL ? "&start=" : "";
    const char *value = start != NULL ? start : "";
    size_t size = strlen(base) + strlen(separator) + strlen(value) + 64;
    char *url = malloc(size);

    if (url != NULL)
        snprintf(url, size, "%s/api/v1.0/projects?limit=%d%s%s", base,
                 API_PAGE_LIMIT, separator, value);
    return url;
}

void url_host_port(const char *url, char *host, size_t host_size, long *port)
{
    CURLU *handle = curl_url();
    char *part = NULL;

    snprintf(host, host_size, "?");
    *port = 0;
    if (handle == NULL)
        return;
    if (curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK) {
        if (curl_url_get(handle, CURLUPART_HOST, &part, 0) == CURLUE_OK)
            snprintf(host, host_size, "%s", part);
        curl_free(part);
        part = NULL;
        if (curl_url_get(handle, CURLUPART_PORT, &part, CURLU_DEFAULT_PORT) ==
            CURLUE_OK)
            *port = strtol(part, NULL, 10);
        curl_free(part);
    }
    curl_url_cleanup(handle);
}
