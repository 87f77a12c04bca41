#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proxy.h"
#include "url.h"

static const char *environment_value(const char *name)
{
    const char *value = getenv(name);

    return value != NULL && value[0] != '\0' ? value : NULL;
}

static bool entry_matches(const char *host, size_t host_length,
                          const char *entry, size_t entry_length)
{
    if (entry_length == 1 && entry[0] == '*')
        return true;
    if (entry_length > 0 && entry[0] == '.') {
        entry++;
        entry_length--;
    }
    if (entry_length == 0 || entry_length > host_length)
        return false;
    if (strncasecmp(host + host_length - entry_length, entry, entry_length) !=
        0)
        return false;
    return entry_length == host_length ||
           host[host_length - entry_length - 1] == '.';
}

bool proxy_host_excluded(const char *host, const char *list)
{
    size_t host_length = strlen(host);

    /* libcurl compares an IPv6 literal without its brackets. */
    if (host_length > 2 && host[0] == '[' && host[host_length - 1] == ']') {
        host++;
        host_length -= 2;
    }
    while (list != NULL && *list != '\0') {
        list += strspn(list, ", \t");
        size_t length = strcspn(list, ", \t");
        if (length > 0 && entry_matches(host, host_length, list, length))
            return true;
        list += length;
    }
    return false;
}

static const char *proxy_from_environment(const char *url)
{
    const char *proxy = NULL;

    if (strncasecmp(url, "https:", 6) == 0) {
        proxy = environment_value("https_proxy");
        if (proxy == NULL)
            proxy = environment_value("HTTPS_PROXY");
    } else {
        /* Only the lower-case name, as in libcurl and other tools, since
         * HTTP_PROXY can be set by a CGI request's Proxy header. */
        proxy = environment_value("http_proxy");
    }
    if (proxy == NULL)
        proxy = environment_value("all_proxy");
    if (proxy == NULL)
        proxy = environment_value("ALL_PROXY");
    return proxy;
}

const char *proxy_in_use(const struct lgtm_options *options, const char *url)
{
    char host[256];
    long port = 0;

    if (options->proxy != NULL)
        return options->proxy;

    const char *proxy = proxy_from_environment(url);
    if (proxy == NULL)
        return NULL;

    const char *exclusions = options->noproxy;
    if (exclusions == NULL)
        exclusions = environment_value("no_proxy");
    if (exclusions == NULL)
        exclusions = environment_value("NO_PROXY");
    url_host_port(url, host, sizeof(host), &port);
    return proxy_host_excluded(host, exclusions) ? NULL : proxy;
}
