/* check_lgtm: counts the projects an access token can see on an LGTM
 * Enterprise server, and reports one Nagios/Icinga state. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "diagnosis.h"
#include "extra_opts.h"
#include "files.h"
#include "http.h"
#include "listing.h"
#include "log.h"
#include "options.h"
#include "outcome.h"
#include "output.h"
#include "state.h"
#include "tls.h"
#include "token.h"
#include "url.h"
#include "watchdog.h"

static void print_version(void)
{
    printf("check_lgtm %s (libcurl %s, json-c %s)\n", LGTM_VERSION,
           curl_version_info(CURLVERSION_NOW)->version, json_c_version());
}

/* Check the TLS files before any request, so a wrong path gives UNKNOWN
 * naming it rather than a TLS failure. */
static int check_tls_files(const struct lgtm_options *options, char *error,
                           size_t error_size)
{
    if (files_check("--ca-file", options->ca_file, FILE_REGULAR,
                    "give a PEM file with the CA that issued the server's "
                    "certificate",
                    error, error_size) != 0 ||
        files_check("--ca-path", options->ca_path, FILE_DIRECTORY,
                    "give a directory of hashed PEM certificates (see "
                    "openssl rehash), or a single file with --ca-file",
                    error, error_size) != 0 ||
        files_check("--client-cert", options->client_cert, FILE_REGULAR,
                    "give the PEM file of the client certificate", error,
                    error_size) != 0 ||
        files_check("--client-key", options->client_key, FILE_REGULAR,
                    "give the PEM file of the client key", error,
                    error_size) != 0)
        return -1;
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

/* Stages 2 and 3 under the watchdog, which ends the process if the budget
 * runs out where libcurl's timeout does not reach: a token file that is
 * a pipe without a writer, a CA file on a hung network share, the resolver. */
static void run_within_budget(const struct lgtm_options *options,
                              struct token *token, double started,
                              struct outcome *outcome)
{
    struct watchdog watchdog = {0};

    if (watchdog_arm(&watchdog, options->timeout, options->timeout_state))
        log_verbose(1, "cannot arm the timeout backstop; relying on "
                       "libcurl's timeout");
    prepare(options, token, outcome);
    if (outcome->kind != OUTCOME_LOCAL)
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

    /* Nagios reads the state from the exit code and the text from stdout;
     * when the text cannot be written, the state must not claim OK. */
    if (fflush(stdout) != 0 || ferror(stdout))
        return STATE_UNKNOWN;
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
        if (tls_library_init() != 0 ||
            curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            outcome_set_local(&outcome, "cannot initialize libcurl");
        else if (parsed == OPTIONS_INVALID)
            outcome_set_local(&outcome, error);
        else
            run_within_budget(&options, &token, started, &outcome);
        state = report(&outcome, &options, &token);
        curl_global_cleanup();
    }

    outcome_free(&outcome);
    token_free(&token);
    options_free(&options);
    extra_opts_free(&args);
    return (int)state;
}
