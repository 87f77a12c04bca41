/* check_lgtm: counts the projects an access token can see on an LGTM
 * Enterprise server, and reports one Nagios/Icinga state. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "diagnosis.h"
#include "extra_opts.h"
#include "http.h"
#include "listing.h"
#include "log.h"
#include "options.h"
#include "outcome.h"
#include "output.h"
#include "state.h"
#include "token.h"
#include "url.h"
#include "watchdog.h"

static void print_version(void)
{
    printf("check_lgtm %s (libcurl %s, json-c %s)\n", LGTM_VERSION,
           curl_version_info(CURLVERSION_NOW)->version, json_c_version());
}

static int check_readable(const char *option, const char *path,
                          const char *hint, char *error, size_t error_size)
{
    if (path == NULL || access(path, R_OK) == 0)
        return 0;
    snprintf(error, error_size, "cannot read %s %s: %s; %s", option, path,
             strerror(errno), hint);
    return -1;
}

/* Check that the TLS files can be read before any request, so a typo
 * gives UNKNOWN naming the file rather than a TLS failure. */
static int check_tls_files(const struct lgtm_options *options, char *error,
                           size_t error_size)
{
    if (check_readable("--client-cert", options->client_cert,
                       "give the PEM file of the client certificate", error,
                       error_size) != 0 ||
        check_readable("--client-key", options->client_key,
                       "give the PEM file of the client key", error,
                       error_size) != 0)
        return -1;
    if (options->ca_file != NULL && access(options->ca_file, R_OK) != 0) {
        snprintf(error, error_size,
                 "cannot read --ca-file %s: %s; give a PEM file with the "
                 "CA that issued the server's certificate",
                 options->ca_file, strerror(errno));
        return -1;
    }
    if (options->ca_path != NULL && access(options->ca_path, R_OK | X_OK)) {
        snprintf(error, error_size,
                 "cannot read --ca-path %s: %s; give a directory of "
                 "hashed PEM certificates (see openssl rehash)",
                 options->ca_path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Stage 2: everything that can fail on this host before a request. */
static void prepare(const struct lgtm_options *options, struct token *token,
                    struct outcome *outcome)
{
    char error[512];

    if (url_normalize_base(options->url, &outcome->base_url, error,
                           sizeof(error)) != 0 ||
        token_load(options, token, error, sizeof(error)) != 0 ||
        check_tls_files(options, error, sizeof(error)) != 0)
        outcome_set_local(outcome, error);
}

/* Stage 3: the listing, over one libcurl handle. */
static void fetch(const struct lgtm_options *options, const struct token *token,
                  double started, struct outcome *outcome)
{
    struct http_client client;
    char error[512];

    if (http_client_init(&client, options, token, error, sizeof(error)) != 0)
        outcome_set_local(outcome, error);
    else
        listing_fetch(&client, options, started, outcome);
    outcome->tls_facts_available = client.tls_facts_available;
    outcome->tls = client.tls;
    http_client_free(&client);
}

/* Stage 1: options from --extra-opts files, then the command line. */
static enum options_result parse(int argc, char **argv,
                                 struct extra_opts_args *args,
                                 struct lgtm_options *options, char *error,
                                 size_t error_size)
{
    char extra_error[512];
    int extra_status = extra_opts_expand(argc, argv, NULL, args, extra_error,
                                         sizeof(extra_error));
    enum options_result parsed =
        options_parse(args->argc, args->argv, options, error, error_size);

    if (extra_status != 0 && parsed != OPTIONS_HELP &&
        parsed != OPTIONS_VERSION) {
        snprintf(error, error_size, "%s", extra_error);
        return OPTIONS_INVALID;
    }
    return parsed;
}

/* Stage 3 under the watchdog, which ends the process if the budget runs
 * out in a place libcurl's timeout does not reach. */
static void fetch_within_budget(const struct lgtm_options *options,
                                const struct token *token, double started,
                                struct outcome *outcome)
{
    struct watchdog watchdog = {0};

    if (watchdog_arm(&watchdog, options->timeout, options->timeout_state))
        log_verbose(1, "cannot arm the timeout backstop; relying on "
                       "libcurl's timeout");
    fetch(options, token, started, outcome);
    watchdog_disarm(&watchdog);
}

/* Stages 4 and 5: decide the state and print it. */
static enum lgtm_state report(const struct outcome *outcome,
                              const struct lgtm_options *options,
                              const struct token *token)
{
    struct report report;

    report_init(&report);
    diagnose(outcome, options, token, &report);
    output_write(stdout, &report, outcome, options);
    enum lgtm_state state = report.state;
    report_free(&report);
    return state;
}

int main(int argc, char **argv)
{
    double started = listing_clock();
    struct extra_opts_args args;
    struct lgtm_options options;
    struct token token = {0};
    struct outcome outcome;
    enum lgtm_state state = STATE_UNKNOWN;
    char error[512];

    outcome_init(&outcome);
    enum options_result parsed =
        parse(argc, argv, &args, &options, error, sizeof(error));
    log_verbosity = options.verbosity;

    if (parsed == OPTIONS_HELP) {
        options_print_help();
    } else if (parsed == OPTIONS_VERSION) {
        print_version();
    } else {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            outcome_set_local(&outcome, "cannot initialize libcurl");
        else if (parsed == OPTIONS_INVALID)
            outcome_set_local(&outcome, error);
        else
            prepare(&options, &token, &outcome);
        if (outcome.kind != OUTCOME_LOCAL)
            fetch_within_budget(&options, &token, started, &outcome);
        state = report(&outcome, &options, &token);
        curl_global_cleanup();
    }

    outcome_free(&outcome);
    token_free(&token);
    options_free(&options);
    extra_opts_free(&args);
    return (int)state;
}
