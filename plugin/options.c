#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "number.h"
#include "options.h"

enum long_only_option {
    OPTION_TOKEN = 256,
    OPTION_PROJECTS_WARNING,
    OPTION_PROJECTS_CRITICAL,
    OPTION_CA_FILE,
    OPTION_CA_PATH,
    OPTION_MAX_PAGES,
    OPTION_MAX_BODY_SIZE,
    OPTION_PROXY,
    OPTION_NOPROXY,
    OPTION_EXTRA_OPTS
};

static const char short_options[] = "u:T:w:c:t:kJ:K:C:I:46A:vhV";

static const struct option long_options[] = {
    {"url", required_argument, NULL, 'u'},
    {"token-file", required_argument, NULL, 'T'},
    {"token", required_argument, NULL, OPTION_TOKEN},
    {"warning", required_argument, NULL, 'w'},
    {"critical", required_argument, NULL, 'c'},
    {"projects-warning", required_argument, NULL, OPTION_PROJECTS_WARNING},
    {"projects-critical", required_argument, NULL, OPTION_PROJECTS_CRITICAL},
    {"timeout", required_argument, NULL, 't'},
    {"ca-file", required_argument, NULL, OPTION_CA_FILE},
    {"ca-path", required_argument, NULL, OPTION_CA_PATH},
    {"insecure", no_argument, NULL, 'k'},
    {"client-cert", required_argument, NULL, 'J'},
    {"client-key", required_argument, NULL, 'K'},
    {"certificate", required_argument, NULL, 'C'},
    {"ip-address", required_argument, NULL, 'I'},
    {"proxy", required_argument, NULL, OPTION_PROXY},
    {"noproxy", required_argument, NULL, OPTION_NOPROXY},
    {"max-pages", required_argument, NULL, OPTION_MAX_PAGES},
    {"max-body-size", required_argument, NULL, OPTION_MAX_BODY_SIZE},
    {"user-agent", required_argument, NULL, 'A'},
    {"extra-opts", optional_argument, NULL, OPTION_EXTRA_OPTS},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

static void options_set_defaults(struct lgtm_options *options)
{
    memset(options, 0, sizeof(*options));
    options->timeout = OPTIONS_DEFAULT_TIMEOUT;
    options->timeout_state = STATE_CRITICAL;
    options->max_pages = OPTIONS_DEFAULT_MAX_PAGES;
    options->max_body_size = OPTIONS_DEFAULT_MAX_BODY_SIZE;
    options->certificate_warning_days = -1;
    options->certificate_critical_days = -1;
}

/* Parse a whole decimal integer in [minimum, maximum]; -1 otherwise. */
static int parse_long(const char *text, long minimum, long maximum, long *value)
{
    char *end = NULL;

    if (text[0] == '\0' || text[0] == ' ' || text[0] == '+')
        return -1;
    errno = 0;
    long parsed = strtol(text, &end, 10);
    if (errno != 0 || *end != '\0' || parsed < minimum || parsed > maximum)
        return -1;
    *value = parsed;
    return 0;
}

static int parse_state_name(const char *text, enum lgtm_state *state)
{
    static const struct {
        const char *name;
        enum lgtm_state state;
    } names[] = {{"ok", STATE_OK},
                 {"0", STATE_OK},
                 {"warning", STATE_WARNING},
                 {"1", STATE_WARNING},
                 {"critical", STATE_CRITICAL},
                 {"2", STATE_CRITICAL},
                 {"unknown", STATE_UNKNOWN},
                 {"3", STATE_UNKNOWN}};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcasecmp(text, names[i].name) == 0) {
            *state = names[i].state;
            return 0;
        }
    }
    return -1;
}

/* Parse -t SECONDS[:STATE]; SECONDS is positive and at most a day. */
static int parse_timeout(const char *text, struct lgtm_options *options,
                         char *error, size_t error_size)
{
    char seconds_text[64];
    const char *colon = strchr(text, ':');
    size_t seconds_length = colon ? (size_t)(colon - text) : strlen(text);
    double seconds = 0;

    if (seconds_length < sizeof(seconds_text)) {
        memcpy(seconds_text, text, seconds_length);
        seconds_text[seconds_length] = '\0';
    }
    if (seconds_length >= sizeof(seconds_text) ||
        number_parse(seconds_text, &seconds) != 0 || seconds <= 0 ||
        seconds > 86400) {
        snprintf(error, error_size,
                 "invalid --timeout \"%s\": expected SECONDS[:STATE] with "
                 "SECONDS above 0 and at most 86400, e.g. 10 or 10:unknown",
                 text);
        return -1;
    }
    if (colon != NULL &&
        parse_state_name(colon + 1, &options->timeout_state) != 0) {
        snprintf(error, error_size,
                 "invalid state \"%s\" in --timeout: expected ok, warning, "
                 "critical or unknown",
                 colon + 1);
        return -1;
    }
    options->timeout = seconds;
    return 0;
}

/* Parse -C DAYS[,DAYS]: warning days, then optional critical days. */
static int parse_certificate_days(const char *text,
                                  struct lgtm_options *options, char *error,
                                  size_t error_size)
{
    char warning_text[32];
    const char *comma = strchr(text, ',');
    size_t warning_length = comma ? (size_t)(comma - text) : strlen(text);
    long warning = 0;
    long critical = -1;
    bool valid = warning_length < sizeof(warning_text);

    if (valid) {
        memcpy(warning_text, text, warning_length);
        warning_text[warning_length] = '\0';
        valid = parse_long(warning_text, 0, 36500, &warning) == 0;
    }
    if (valid && comma != NULL)
        valid = parse_long(comma + 1, 0, 36500, &critical) == 0;
    if (valid && critical > warning) {
        snprintf(error, error_size,
                 "invalid --certificate \"%s\": the critical days (%ld) "
                 "exceed the warning days (%ld), so the warning could never "
                 "fire; give e.g. 30,14",
                 text, critical, warning);
        return -1;
    }
    if (!valid) {
        snprintf(error, error_size,
                 "invalid --certificate \"%s\": expected DAYS[,DAYS] "
                 "(warning, then critical), whole days from 0 to 36500, "
                 "e.g. 30,14",
                 text);
        return -1;
    }
    options->certificate_warning_days = warning;
    options->certificate_critical_days = critical;
    return 0;
}

/* Copy the --token value and overwrite it in argv. */
static int take_token_argument(char *argument, struct lgtm_options *options,
                               char *error, size_t error_size)
{
    options_free(options);
    options->token = strdup(argument);
    if (options->token == NULL) {
        snprintf(error, error_size, "out of memory reading --token");
        return -1;
    }
    memset(argument, 'x', strlen(argument));
    return 0;
}

static int parse_range_option(const char *name, const char *text,
                              struct range *range, char *error,
                              size_t error_size)
{
    char detail[256];

    if (range_parse(text, range, detail, sizeof(detail)) == 0)
        return 0;
    snprintf(error, error_size, "%s: %s", name, detail);
    return -1;
}

static int parse_limit_option(const char *name, const char *text, long minimum,
                              long maximum, long *value, char *error,
                              size_t error_size)
{
    if (parse_long(text, minimum, maximum, value) == 0)
        return 0;
    snprintf(error, error_size,
             "invalid %s \"%s\": expected a whole number from %ld to %ld", name,
             text, minimum, maximum);
    return -1;
}

/* Apply a threshold or limit option; returns 0, or -1 with error set. */
static int apply_check_option(int option, char *argument,
                              struct lgtm_options *options, char *error,
                              size_t error_size)
{
    switch (option) {
    case 'w':
        return parse_range_option("--warning", argument, &options->time_warning,
                                  error, error_size);
    case 'c':
        return parse_range_option("--critical", argument,
                                  &options->time_critical, error, error_size);
    case OPTION_PROJECTS_WARNING:
        return parse_range_option("--projects-warning", argument,
                                  &options->projects_warning, error,
                                  error_size);
    case OPTION_PROJECTS_CRITICAL:
        return parse_range_option("--projects-critical", argument,
                                  &options->projects_critical, error,
                                  error_size);
    case 'C':
        return parse_certificate_days(argument, options, error, error_size);
    case 't':
        return parse_timeout(argument, options, error, error_size);
    case OPTION_MAX_PAGES:
        return parse_limit_option("--max-pages", argument, 1,
                                  OPTIONS_MAX_MAX_PAGES, &options->max_pages,
                                  error, error_size);
    case OPTION_MAX_BODY_SIZE:
        return parse_limit_option("--max-body-size", argument, 1024,
                                  1024L * 1024 * 1024, &options->max_body_size,
                                  error, error_size);
    }
    snprintf(error, error_size, "internal error: unhandled option %d", option);
    return -1;
}

/* Apply one option; returns 0, or -1 with error set. */
static int apply_option(int option, char *argument,
                        struct lgtm_options *options, char *error,
                        size_t error_size)
{
    switch (option) {
    case 'u':
        options->url = argument;
        return 0;
    case 'T':
        options->token_file = argument;
        return 0;
    case OPTION_TOKEN:
        return take_token_argument(argument, options, error, error_size);
    case OPTION_CA_FILE:
        options->ca_file = argument;
        return 0;
    case OPTION_CA_PATH:
        options->ca_path = argument;
        return 0;
    case 'k':
        options->insecure = true;
        return 0;
    case 'J':
        options->client_cert = argument;
        return 0;
    case 'K':
        options->client_key = argument;
        return 0;
    case 'I':
        options->ip_address = argument;
        return 0;
    case '4':
    case '6':
        if (options->ip_family != 0 && options->ip_family != option - '0') {
            snprintf(error, error_size,
                     "-4 and -6 exclude each other: give only one");
            return -1;
        }
        options->ip_family = option - '0';
        return 0;
    case OPTION_PROXY:
        options->proxy = argument;
        return 0;
    case OPTION_NOPROXY:
        options->noproxy = argument;
        return 0;
    case 'A':
        options->user_agent = argument;
        return 0;
    case 'v':
        options->verbosity++;
        return 0;
    case OPTION_EXTRA_OPTS:
        /* Already expanded by extra_opts_expand before parsing. */
        return 0;
    }
    return apply_check_option(option, argument, options, error, error_size);
}

/* Describe an option getopt rejected: unknown, or missing its value.
 * Only the option's name is quoted, never a value after '=', because a
 * mistyped --token=VALUE must not print the token. */
static void describe_getopt_error(int argc, char **argv, char *error,
                                  size_t error_size)
{
    const char *word = optind > 0 && optind <= argc ? argv[optind - 1] : "";
    int name_length = (int)strcspn(word, "=");
    bool long_option = strncmp(word, "--", 2) == 0;

    /* getopt_long sets optopt to a long option's value when the option
     * is known but its value is missing or not allowed, and to 0 when
     * the name is unknown or ambiguous. */
    if (long_option && optopt != 0 && word[name_length] == '=')
        snprintf(error, error_size, "option %.*s takes no value; see --help",
                 name_length, word);
    else if (long_option && optopt != 0)
        snprintf(error, error_size, "option %.*s requires a value; see --help",
                 name_length, word);
    else if (long_option)
        snprintf(error, error_size,
                 "unknown or ambiguous option %.*s; see --help", name_length,
                 word);
    else if (optopt != 0 && strchr(short_options, optopt) != NULL)
        snprintf(error, error_size, "option -%c requires a value; see --help",
                 optopt);
    else if (optopt != 0)
        snprintf(error, error_size, "unknown option -%c; see --help", optopt);
    else
        snprintf(error, error_size,
                 "unknown option or missing value: \"%.*s\"; see --help",
                 name_length, word);
}

static bool has_control_character(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            return true;
    }
    return false;
}

/* -I takes an address, never a name, so it triggers no DNS lookup; its
 * family must agree with -4 or -6. */
static int check_ip_address(const struct lgtm_options *options, char *error,
                            size_t error_size)
{
    unsigned char address[sizeof(struct in6_addr)];
    int family = 0;

    if (options->ip_address == NULL)
        return 0;
    if (inet_pton(AF_INET, options->ip_address, address) == 1)
        family = 4;
    else if (inet_pton(AF_INET6, options->ip_address, address) == 1)
        family = 6;
    if (family == 0) {
        snprintf(error, error_size,
                 "invalid --ip-address \"%s\": expected an IPv4 or IPv6 "
                 "address such as 192.0.2.10 or 2001:db8::10",
                 options->ip_address);
        return -1;
    }
    if (options->ip_family != 0 && options->ip_family != family) {
        snprintf(error, error_size,
                 "--ip-address %s is an IPv%d address but -%d was given: "
                 "drop one of them",
                 options->ip_address, family, options->ip_family);
        return -1;
    }
    return 0;
}

/* Values that go into request headers or libcurl settings as they are
 * must not carry control characters, which could add a header. */
static int check_values(const struct lgtm_options *options, char *error,
                        size_t error_size)
{
    if (options->user_agent != NULL &&
        has_control_character(options->user_agent)) {
        snprintf(error, error_size,
                 "invalid --user-agent: it contains a control character "
                 "such as a line break; give one line of text");
        return -1;
    }
    if (options->proxy != NULL &&
        (options->proxy[0] == '\0' || has_control_character(options->proxy))) {
        snprintf(error, error_size,
                 "invalid --proxy: give a URL such as "
                 "http://proxy.example.com:3128");
        return -1;
    }
    if (options->noproxy != NULL && has_control_character(options->noproxy)) {
        snprintf(error, error_size,
                 "invalid --noproxy: give a comma-separated list of hosts");
        return -1;
    }
    return check_ip_address(options, error, error_size);
}

static int check_required(const struct lgtm_options *options, char *error,
                          size_t error_size)
{
    if (options->url == NULL || options->url[0] == '\0') {
        snprintf(error, error_size,
                 "missing --url: give the LGTM server's base URL, e.g. "
                 "-u https://lgtm.example.com");
        return -1;
    }
    if (options->client_key != NULL && options->client_cert == NULL) {
        snprintf(error, error_size,
                 "--client-key given without --client-cert: give both");
        return -1;
    }
    if (options->token != NULL && options->token_file != NULL) {
        snprintf(error, error_size,
                 "both --token and --token-file given: use only one, "
                 "preferably --token-file");
        return -1;
    }
    return 0;
}

enum options_result options_parse(int argc, char **argv,
                                  struct lgtm_options *options, char *error,
                                  size_t error_size)
{
    int option;

    options_set_defaults(options);
    opterr = 0;
    optind = 0;

    while ((option = getopt_long(argc, argv, short_options, long_options,
                                 NULL)) != -1) {
        if (option == 'h')
            return OPTIONS_HELP;
        if (option == 'V')
            return OPTIONS_VERSION;
        if (option == '?' || option == ':') {
            describe_getopt_error(argc, argv, error, error_size);
            return OPTIONS_INVALID;
        }
        if (apply_option(option, optarg, options, error, error_size) != 0)
            return OPTIONS_INVALID;
    }
    if (optind < argc) {
        /* The value is not quoted: it may be a token given without
         * --token. */
        snprintf(error, error_size,
                 "unexpected argument in position %d: every value belongs "
                 "to an option; see --help",
                 optind);
        return OPTIONS_INVALID;
    }
    if (check_required(options, error, error_size) != 0 ||
        check_values(options, error, error_size) != 0)
        return OPTIONS_INVALID;
    return OPTIONS_OK;
}

void options_free(struct lgtm_options *options)
{
    if (options->token != NULL) {
        memset(options->token, 0, strlen(options->token));
        free(options->token);
        options->token = NULL;
    }
}

void options_print_help(void)
{
    fputs("check_lgtm " LGTM_VERSION "\n"
          "Checks an LGTM Enterprise server: lists the projects an access "
          "token can see\n"
          "through GET {url}/api/v1.0/projects, follows the pagination and "
          "times it.\n"
          "\n"
          "Usage: check_lgtm -u URL [-T FILE | --token TOKEN] [-w RANGE] "
          "[-c RANGE]\n"
          "       [--projects-warning RANGE] [--projects-critical RANGE]\n"
          "       [-t SECONDS[:STATE]] [--ca-file FILE] [--ca-path DIR] [-k]\n"
          "       [-C DAYS[,DAYS]] [-J FILE -K FILE] [-I ADDRESS] [-4|-6]\n"
          "       [--proxy URL] [--noproxy LIST]\n"
          "       [--max-pages N] [--max-body-size BYTES] [-A STRING] [-v]\n"
          "\n"
          "Options:\n"
          " -u, --url=URL\n"
          "    Base URL of the LGTM server, e.g. https://lgtm.example.com\n"
          " -T, --token-file=FILE\n"
          "    Read the access token from the first line of FILE (preferred)\n"
          " --token=TOKEN\n"
          "    The access token itself; it shows in the process list, so "
          "prefer\n"
          "    --token-file or the environment variable LGTM_TOKEN, which is "
          "used\n"
          "    when neither option is given\n"
          " -w, --warning=RANGE, -c, --critical=RANGE\n"
          "    Thresholds on the time of the first request, in seconds\n"
          " --projects-warning=RANGE, --projects-critical=RANGE\n"
          "    Thresholds on the number of projects the token can see\n"
          " -t, --timeout=SECONDS[:STATE]\n"
          "    Budget for the whole check, all pages together (default 10);\n"
          "    STATE on expiry: ok, warning, critical (default) or unknown\n"
          " --ca-file=FILE, --ca-path=DIR\n"
          "    Trust anchors (PEM) for the server certificate; they replace "
          "the\n"
          "    system's trust store\n"
          " -k, --insecure\n"
          "    Do not verify the server certificate; the output says so\n"
          " -C, --certificate=DAYS[,DAYS]\n"
          "    WARNING (first DAYS) or CRITICAL (second DAYS) when the server\n"
          "    certificate expires within that many days\n"
          " -J, --client-cert=FILE, -K, --client-key=FILE\n"
          "    Client certificate and key (PEM) for servers that require "
          "one\n"
          " -I, --ip-address=ADDRESS\n"
          "    Connect to ADDRESS but keep the URL's host name for SNI, Host "
          "and\n"
          "    the certificate check\n"
          " -4, -6\n"
          "    Use only IPv4 or only IPv6 addresses\n"
          " --proxy=URL, --noproxy=LIST\n"
          "    Proxy to use, and hosts to reach without it; without them the\n"
          "    usual https_proxy, http_proxy and no_proxy variables apply\n"
          " --max-pages=N\n"
          "    Stop after N pages (default 1000); the count is then a lower "
          "bound\n"
          " --max-body-size=BYTES\n"
          "    Largest page accepted, in bytes (default 16777216)\n"
          " -A, --user-agent=STRING\n"
          "    User-Agent header (default check_lgtm/" LGTM_VERSION ")\n"
          " --extra-opts=[SECTION][@FILE]\n"
          "    Read options from SECTION (default check_lgtm) of an ini file\n"
          " -v, --verbose\n"
          "    Detail on stderr, up to -vvv for libcurl's trace; the token is "
          "never\n"
          "    printed\n"
          " -h, --help, -V, --version\n"
          "    Print this help or the version; both exit 3 (UNKNOWN)\n"
          "\n"
          "RANGE is the Monitoring Plugins syntax: 10 (alert outside 0..10), "
          "10: (below\n"
          "10), ~:10 (above 10), 10:20 (outside 10..20), @10:20 (inside "
          "10..20);\n"
          "bounds are inclusive and use a decimal point.\n"
          "\n"
          "States: OK when every page was read and no threshold fired; "
          "WARNING or\n"
          "CRITICAL when a threshold fired; WARNING when the certificate "
          "expires within\n"
          "the -C warning days or LGTM answers 429; CRITICAL when the server, "
          "the\n"
          "network, TLS or the token fails; UNKNOWN for usage errors and "
          "local files.\n",
          stdout);
}
