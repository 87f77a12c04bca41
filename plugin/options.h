/* Command line parsing into one options structure. */
#ifndef LGTM_OPTIONS_H
#define LGTM_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "range.h"
#include "state.h"

#define OPTIONS_DEFAULT_TIMEOUT 10.0
#define OPTIONS_DEFAULT_MAX_PAGES 1000L
#define OPTIONS_MAX_MAX_PAGES 1000000L
#define OPTIONS_DEFAULT_MAX_BODY_SIZE (16L * 1024 * 1024)

struct lgtm_options {
    const char *url;        /* -u as given */
    const char *token_file; /* -T */
    char *token;            /* --token, copied; the argument is wiped */
    struct range time_warning;
    struct range time_critical;
    struct range projects_warning;
    struct range projects_critical;
    double timeout;                /* seconds for the whole check */
    enum lgtm_state timeout_state; /* state when the budget runs out */
    const char *ca_file;
    const char *ca_path;
    bool insecure;
    const char *client_cert;        /* -J, PEM */
    const char *client_key;         /* -K, PEM */
    const char *ip_address;         /* -I: connect here, keep the URL's host */
    int ip_family;                  /* 4 or 6 from -4/-6, 0 for either */
    const char *proxy;              /* --proxy; NULL: libcurl's environment */
    const char *noproxy;            /* --noproxy */
    long certificate_warning_days;  /* -C; -1 when not given */
    long certificate_critical_days; /* -1 when not given */
    long max_pages;
    long max_body_size; /* bytes per page */
    const char *user_agent;
    int verbosity;
};

enum options_result {
    OPTIONS_OK,
    OPTIONS_HELP,
    OPTIONS_VERSION,
    OPTIONS_INVALID
};

/* Parse argv into options. On OPTIONS_INVALID, error contains one line that
 * names the option, the value and the valid forms. The value of --token
 * is copied and overwritten in argv, so that it leaves the process list
 * on systems that show the live argument memory. */
enum options_result options_parse(int argc, char **argv,
                                  struct lgtm_options *options, char *error,
                                  size_t error_size);

void options_free(struct lgtm_options *options);

/* Print the help text for --help. */
void options_print_help(void);

#endif
