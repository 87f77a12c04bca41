/* Unit tests of options.c: every option, the -t and limit syntax, and
 * error messages that name the option but never echo a secret. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "suites.h"

#define TEST_URL "https://lgtm.example.com"
#define MAX_WORDS 32

/* A writable argv, because options_parse overwrites the --token value in
 * place. argv[0] is the program name. */
struct arguments {
    int argc;
    char *argv[MAX_WORDS + 1];
};

static void arguments_build(struct arguments *arguments,
                            const char *const *words)
{
    arguments->argc = 0;
    arguments->argv[arguments->argc++] = strdup("check_lgtm");
    for (size_t i = 0; words[i] != NULL; i++) {
        ck_assert_msg(arguments->argc < MAX_WORDS,
                      "test passes more than %d words", MAX_WORDS);
        arguments->argv[arguments->argc++] = strdup(words[i]);
    }
    arguments->argv[arguments->argc] = NULL;
    for (int i = 0; i < arguments->argc; i++)
        ck_assert_msg(arguments->argv[i] != NULL, "strdup failed");
}

static void arguments_free(struct arguments *arguments)
{
    for (int i = 0; i < arguments->argc; i++)
        free(arguments->argv[i]);
    arguments->argc = 0;
}

/* The current test's arguments and options. The teardown frees them,
 * because options such as --url point into the arguments. */
static struct arguments current_arguments;
static struct lgtm_options current_options;
static char current_error[1024];

static void setup(void)
{
    memset(&current_arguments, 0, sizeof(current_arguments));
    memset(&current_options, 0, sizeof(current_options));
    current_error[0] = '\0';
}

static void teardown(void)
{
    options_free(&current_options);
    arguments_free(&current_arguments);
}

/* Parse words (after the program name) into current_options. */
static enum options_result parse_words(const char *const *words)
{
    options_free(&current_options);
    arguments_free(&current_arguments);
    current_error[0] = '\0';
    arguments_build(&current_arguments, words);
    return options_parse(current_arguments.argc, current_arguments.argv,
                         &current_options, current_error,
                         sizeof(current_error));
}

#define PARSE(...) parse_words((const char *const[]){__VA_ARGS__, NULL})

/* Parse words that must be accepted. */
static void parse_valid(const char *const *words)
{
    enum options_result result = parse_words(words);

    ck_assert_msg(result == OPTIONS_OK,
                  "options starting \"%s\" were rejected (result %d): %s",
                  words[0], (int)result, current_error);
}

#define PARSE_VALID(...) parse_valid((const char *const[]){__VA_ARGS__, NULL})

/* Assert that the options are rejected with an error that contains
 * expected and nothing of forbidden (either may be NULL). */
static void assert_invalid(const char *const *words, const char *expected,
                           const char *forbidden)
{
    enum options_result result = parse_words(words);

    ck_assert_msg(result == OPTIONS_INVALID,
                  "options with \"%s\" gave result %d, expected "
                  "OPTIONS_INVALID",
                  expected ? expected : words[0], (int)result);
    ck_assert_msg(current_error[0] != '\0',
                  "options with \"%s\" were rejected without a message",
                  expected ? expected : words[0]);
    if (expected != NULL)
        ck_assert_msg(strstr(current_error, expected) != NULL,
                      "error lacks \"%s\": %s", expected, current_error);
    if (forbidden != NULL)
        ck_assert_msg(strstr(current_error, forbidden) == NULL,
                      "error echoes \"%s\": %s", forbidden, current_error);
    ck_assert_msg(strchr(current_error, '\n') == NULL,
                  "error has a line break: %s", current_error);
}

/* Assert that every byte of the error is printable ASCII. */
static void assert_error_printable(void)
{
    for (const char *p = current_error; *p != '\0'; p++) {
        unsigned char byte = (unsigned char)*p;
        ck_assert_msg(byte >= 0x20 && byte < 0x7F,
                      "error has byte 0x%02x at offset %td: %s", byte,
                      p - current_error, current_error);
    }
}

START_TEST(test_options_defaults_without_options)
{
    PARSE_VALID("-u", TEST_URL);

    ck_assert_msg(current_options.timeout == OPTIONS_DEFAULT_TIMEOUT,
                  "default timeout is %g, expected %g", current_options.timeout,
                  OPTIONS_DEFAULT_TIMEOUT);
    ck_assert_msg(current_options.timeout_state == STATE_CRITICAL,
                  "default timeout state is %d, expected CRITICAL",
                  (int)current_options.timeout_state);
    ck_assert_msg(current_options.max_pages == OPTIONS_DEFAULT_MAX_PAGES,
                  "default max_pages is %ld, expected %ld",
                  current_options.max_pages, OPTIONS_DEFAULT_MAX_PAGES);
    ck_assert_msg(current_options.max_body_size ==
                      OPTIONS_DEFAULT_MAX_BODY_SIZE,
                  "default max_body_size is %ld, expected %ld",
                  current_options.max_body_size, OPTIONS_DEFAULT_MAX_BODY_SIZE);
    ck_assert_msg(!current_options.insecure, "insecure is on by default");
    ck_assert_msg(current_options.verbosity == 0,
                  "default verbosity is %d, expected 0",
                  current_options.verbosity);
    ck_assert_msg(current_options.token == NULL,
                  "token is set without --token");
    ck_assert_msg(current_options.token_file == NULL,
                  "token_file is set without --token-file");
    ck_assert_msg(current_options.ca_file == NULL &&
                      current_options.ca_path == NULL,
                  "a CA file or path is set without the options");
    ck_assert_msg(current_options.user_agent == NULL,
                  "user_agent is set without -A");
    ck_assert_msg(!current_options.time_warning.is_set &&
                      !current_options.time_critical.is_set,
                  "a time range is set without -w or -c");
    ck_assert_msg(!current_options.projects_warning.is_set &&
                      !current_options.projects_critical.is_set,
                  "a projects range is set without the options");
    ck_assert_msg(current_options.certificate_warning_days == -1 &&
                      current_options.certificate_critical_days == -1,
                  "certificate days are %ld,%ld without -C, expected -1,-1",
                  current_options.certificate_warning_days,
                  current_options.certificate_critical_days);
    ck_assert_msg(current_options.ip_family == 0,
                  "ip_family is %d without -4 or -6",
                  current_options.ip_family);
    ck_assert_msg(current_options.proxy == NULL &&
                      current_options.noproxy == NULL,
                  "a proxy setting is set without --proxy or --noproxy");
}
END_TEST

START_TEST(test_options_url_short_and_long)
{
    PARSE_VALID("-u", "https://a.example.com");
    ck_assert_msg(strcmp(current_options.url, "https://a.example.com") == 0,
                  "-u set url to \"%s\"", current_options.url);

    PARSE_VALID("--url", "https://b.example.com");
    ck_assert_msg(strcmp(current_options.url, "https://b.example.com") == 0,
                  "--url VALUE set url to \"%s\"", current_options.url);

    PARSE_VALID("--url=https://c.example.com");
    ck_assert_msg(strcmp(current_options.url, "https://c.example.com") == 0,
                  "--url=VALUE set url to \"%s\"", current_options.url);
}
END_TEST

START_TEST(test_options_token_file_short_and_long)
{
    PARSE_VALID("-u", TEST_URL, "-T", "/etc/lgtm/a.token");
    ck_assert_msg(
        current_options.token_file != NULL &&
            strcmp(current_options.token_file, "/etc/lgtm/a.token") == 0,
        "-T set token_file to \"%s\"",
        current_options.token_file ? current_options.token_file : "(null)");

    PARSE_VALID("-u", TEST_URL, "--token-file=/etc/lgtm/b.token");
    ck_assert_msg(
        current_options.token_file != NULL &&
            strcmp(current_options.token_file, "/etc/lgtm/b.token") == 0,
        "--token-file= set token_file to \"%s\"",
        current_options.token_file ? current_options.token_file : "(null)");
}
END_TEST

START_TEST(test_options_token_copied_and_wiped)
{
    PARSE_VALID("-u", TEST_URL, "--token", "SECRET42");

    ck_assert_msg(current_options.token != NULL, "--token was not stored");
    ck_assert_msg(strcmp(current_options.token, "SECRET42") == 0,
                  "--token stored \"%s\", expected SECRET42",
                  current_options.token);
    ck_assert_msg(current_options.token != current_arguments.argv[4],
                  "--token points into argv instead of a copy");
    ck_assert_msg(strcmp(current_arguments.argv[4], "xxxxxxxx") == 0,
                  "argv still shows \"%s\" after --token",
                  current_arguments.argv[4]);
}
END_TEST

START_TEST(test_options_token_equals_form_wiped)
{
    PARSE_VALID("-u", TEST_URL, "--token=SECRET42");

    ck_assert_msg(current_options.token != NULL &&
                      strcmp(current_options.token, "SECRET42") == 0,
                  "--token=SECRET42 stored \"%s\"",
                  current_options.token ? current_options.token : "(null)");
    ck_assert_msg(strcmp(current_arguments.argv[3], "--token=xxxxxxxx") == 0,
                  "argv shows \"%s\", expected --token=xxxxxxxx",
                  current_arguments.argv[3]);
}
END_TEST

START_TEST(test_options_repeated_token_keeps_last)
{
    PARSE_VALID("-u", TEST_URL, "--token", "FIRST1", "--token", "SECOND2");

    ck_assert_msg(current_options.token != NULL &&
                      strcmp(current_options.token, "SECOND2") == 0,
                  "repeated --token stored \"%s\", expected SECOND2",
                  current_options.token ? current_options.token : "(null)");
    ck_assert_msg(strcmp(current_arguments.argv[4], "xxxxxx") == 0,
                  "first --token value still shows as \"%s\"",
                  current_arguments.argv[4]);
    ck_assert_msg(strcmp(current_arguments.argv[6], "xxxxxxx") == 0,
                  "second --token value still shows as \"%s\"",
                  current_arguments.argv[6]);
}
END_TEST

START_TEST(test_options_time_ranges_set)
{
    PARSE_VALID("-u", TEST_URL, "-w", "1.5", "-c", "3");
    ck_assert_msg(current_options.time_warning.is_set &&
                      current_options.time_warning.end == 1.5,
                  "-w 1.5 gave is_set %d end %g",
                  current_options.time_warning.is_set,
                  current_options.time_warning.end);
    ck_assert_msg(current_options.time_critical.is_set &&
                      current_options.time_critical.end == 3,
                  "-c 3 gave is_set %d end %g",
                  current_options.time_critical.is_set,
                  current_options.time_critical.end);

    PARSE_VALID("-u", TEST_URL, "--warning=2", "--critical", "4:");
    ck_assert_msg(current_options.time_warning.is_set &&
                      current_options.time_warning.end == 2,
                  "--warning=2 gave is_set %d end %g",
                  current_options.time_warning.is_set,
                  current_options.time_warning.end);
    ck_assert_msg(current_options.time_critical.is_set &&
                      current_options.time_critical.start == 4 &&
                      current_options.time_critical.end_infinite,
                  "--critical 4: gave start %g, end_infinite %d",
                  current_options.time_critical.start,
                  current_options.time_critical.end_infinite);
}
END_TEST

START_TEST(test_options_projects_ranges_set)
{
    PARSE_VALID("-u", TEST_URL, "--projects-warning",
                "10:", "--projects-critical=@0:5");

    ck_assert_msg(current_options.projects_warning.is_set &&
                      current_options.projects_warning.start == 10 &&
                      current_options.projects_warning.end_infinite,
                  "--projects-warning 10: gave start %g, end_infinite %d",
                  current_options.projects_warning.start,
                  current_options.projects_warning.end_infinite);
    ck_assert_msg(current_options.projects_critical.is_set &&
                      current_options.projects_critical.alert_inside,
                  "--projects-critical=@0:5 is not an inside range");
    ck_assert_msg(current_options.projects_critical.end == 5,
                  "--projects-critical=@0:5 ends at %g",
                  current_options.projects_critical.end);
    ck_assert_msg(!current_options.time_warning.is_set,
                  "--projects-warning also set the time warning range");
}
END_TEST

START_TEST(test_options_invalid_ranges_name_option)
{
    static const struct {
        const char *option;
        const char *value;
    } cases[] = {{"--warning", "abc"},
                 {"--critical", "5:1"},
                 {"--projects-warning", "1,5"},
                 {"--projects-critical", "~"}};

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_invalid((const char *const[]){"-u", TEST_URL, cases[i].option,
                                             cases[i].value, NULL},
                       cases[i].option, NULL);
        ck_assert_msg(strstr(current_error, cases[i].value) != NULL,
                      "error for %s %s does not quote the value: %s",
                      cases[i].option, cases[i].value, current_error);
    }
    assert_invalid((const char *const[]){"-u", TEST_URL, "-w", "x", NULL},
                   "--warning", NULL);
    assert_invalid((const char *const[]){"-u", TEST_URL, "-c", "x", NULL},
                   "--critical", NULL);
}
END_TEST

START_TEST(test_options_timeout_plain_seconds)
{
    PARSE_VALID("-u", TEST_URL, "-t", "10");

    ck_assert_msg(current_options.timeout == 10, "-t 10 set timeout %g",
                  current_options.timeout);
    ck_assert_msg(current_options.timeout_state == STATE_CRITICAL,
                  "-t 10 changed the timeout state to %d",
                  (int)current_options.timeout_state);
}
END_TEST

START_TEST(test_options_timeout_with_state)
{
    PARSE_VALID("-u", TEST_URL, "-t", "2.5:unknown");
    ck_assert_msg(current_options.timeout == 2.5,
                  "-t 2.5:unknown set timeout %g", current_options.timeout);
    ck_assert_msg(current_options.timeout_state == STATE_UNKNOWN,
                  "-t 2.5:unknown set state %d",
                  (int)current_options.timeout_state);

    PARSE_VALID("-u", TEST_URL, "--timeout=10:WARNING");
    ck_assert_msg(current_options.timeout == 10,
                  "--timeout=10:WARNING set timeout %g",
                  current_options.timeout);
    ck_assert_msg(current_options.timeout_state == STATE_WARNING,
                  "--timeout=10:WARNING set state %d",
                  (int)current_options.timeout_state);

    PARSE_VALID("-u", TEST_URL, "-t", "86400:ok");
    ck_assert_msg(current_options.timeout == 86400,
                  "-t 86400:ok set timeout %g", current_options.timeout);
    ck_assert_msg(current_options.timeout_state == STATE_OK,
                  "-t 86400:ok set state %d",
                  (int)current_options.timeout_state);
}
END_TEST

START_TEST(test_options_invalid_timeouts_rejected)
{
    static const char *const values[] = {"0",   "-1",      "abc", "86401",
                                         "1e3", "10:",     "",    "10:maybe",
                                         "nan", "5:critic"};

    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        const char *value = values[i];
        const char *colon = strchr(value, ':');
        /* An invalid state is quoted on its own and an invalid number
         * with the whole value. An empty state leaves nothing to find. */
        const char *named = colon != NULL ? colon + 1 : value;

        assert_invalid((const char *const[]){"-u", TEST_URL, "-t", value, NULL},
                       "--timeout", NULL);
        ck_assert_msg(named[0] == '\0' || strstr(current_error, named),
                      "error for -t \"%s\" does not name \"%s\": %s", value,
                      named, current_error);
    }
}
END_TEST

START_TEST(test_options_max_pages_limits)
{
    PARSE_VALID("-u", TEST_URL, "--max-pages", "1");
    ck_assert_msg(current_options.max_pages == 1, "--max-pages 1 set %ld",
                  current_options.max_pages);

    PARSE_VALID("-u", TEST_URL, "--max-pages=1000000");
    ck_assert_msg(current_options.max_pages == 1000000,
                  "--max-pages=1000000 set %ld", current_options.max_pages);

    static const char *const invalid[] = {"0",  "1000001", "12x",
                                          "-5", "",        "+3"};
    for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
        assert_invalid((const char *const[]){"-u", TEST_URL, "--max-pages",
                                             invalid[i], NULL},
                       "--max-pages", NULL);
        ck_assert_msg(strstr(current_error, invalid[i]) != NULL,
                      "error for --max-pages \"%s\" does not quote it: %s",
                      invalid[i], current_error);
    }
}
END_TEST

START_TEST(test_options_max_body_size_limits)
{
    PARSE_VALID("-u", TEST_URL, "--max-body-size", "1024");
    ck_assert_msg(current_options.max_body_size == 1024,
                  "--max-body-size 1024 set %ld",
                  current_options.max_body_size);

    assert_invalid(
        (const char *const[]){"-u", TEST_URL, "--max-body-size", "1023", NULL},
        "--max-body-size", NULL);
    assert_invalid((const char *const[]){"-u", TEST_URL, "--max-body-size",
                                         "1073741825", NULL},
                   "1073741825", NULL);
}
END_TEST

START_TEST(test_options_trust_and_agent_set)
{
    PARSE_VALID("-u", TEST_URL, "--ca-file", "/etc/ssl/lgtm-ca.pem",
                "--ca-path=/etc/ssl/certs", "-k", "-A", "probe/1.0");

    ck_assert_msg(current_options.ca_file != NULL &&
                      strcmp(current_options.ca_file, "/etc/ssl/lgtm-ca.pem") ==
                          0,
                  "--ca-file was not stored");
    ck_assert_msg(current_options.ca_path != NULL &&
                      strcmp(current_options.ca_path, "/etc/ssl/certs") == 0,
                  "--ca-path was not stored");
    ck_assert_msg(current_options.insecure, "-k did not set insecure");
    ck_assert_msg(current_options.user_agent != NULL &&
                      strcmp(current_options.user_agent, "probe/1.0") == 0,
                  "-A was not stored");

    PARSE_VALID("-u", TEST_URL, "--insecure", "--user-agent=probe/2.0");
    ck_assert_msg(current_options.insecure, "--insecure did not set insecure");
    ck_assert_msg(current_options.user_agent != NULL &&
                      strcmp(current_options.user_agent, "probe/2.0") == 0,
                  "--user-agent= was not stored");
}
END_TEST

START_TEST(test_options_client_certificate_set)
{
    PARSE_VALID("-u", TEST_URL, "-J", "/etc/lgtm/client.pem", "-K",
                "/etc/lgtm/client.key");
    ck_assert_msg(
        current_options.client_cert != NULL &&
            strcmp(current_options.client_cert, "/etc/lgtm/client.pem") == 0,
        "-J was not stored");
    ck_assert_msg(
        current_options.client_key != NULL &&
            strcmp(current_options.client_key, "/etc/lgtm/client.key") == 0,
        "-K was not stored");

    PARSE_VALID("-u", TEST_URL, "--client-cert=/c.pem", "--client-key=/c.key");
    ck_assert_msg(current_options.client_cert != NULL &&
                      strcmp(current_options.client_cert, "/c.pem") == 0,
                  "--client-cert= was not stored");
    ck_assert_msg(current_options.client_key != NULL &&
                      strcmp(current_options.client_key, "/c.key") == 0,
                  "--client-key= was not stored");
}
END_TEST

START_TEST(test_options_client_key_needs_cert)
{
    assert_invalid((const char *const[]){"-u", TEST_URL, "-K", "/c.key", NULL},
                   "--client-cert", NULL);
}
END_TEST

START_TEST(test_options_certificate_days_parsed)
{
    PARSE_VALID("-u", TEST_URL, "-C", "30");
    ck_assert_msg(current_options.certificate_warning_days == 30,
                  "-C 30 set warning days %ld",
                  current_options.certificate_warning_days);
    ck_assert_msg(current_options.certificate_critical_days == -1,
                  "-C 30 set critical days %ld, expected none (-1)",
                  current_options.certificate_critical_days);

    PARSE_VALID("-u", TEST_URL, "--certificate=30,14");
    ck_assert_msg(current_options.certificate_warning_days == 30,
                  "--certificate=30,14 set warning days %ld",
                  current_options.certificate_warning_days);
    ck_assert_msg(current_options.certificate_critical_days == 14,
                  "--certificate=30,14 set critical days %ld",
                  current_options.certificate_critical_days);
}
END_TEST

START_TEST(test_options_invalid_certificate_days)
{
    static const char *const values[] = {"abc", "-1",   "36501", "30,",
                                         ",14", "30,x", "30;14", "1.5"};

    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        assert_invalid(
            (const char *const[]){"-u", TEST_URL, "-C", values[i], NULL},
            "--certificate", NULL);
        ck_assert_msg(strstr(current_error, values[i]) != NULL,
                      "error for -C \"%s\" does not quote it: %s", values[i],
                      current_error);
    }
}
END_TEST

START_TEST(test_options_connection_settings_set)
{
    PARSE_VALID("-u", TEST_URL, "-I", "192.0.2.7", "-4", "--proxy",
                "http://proxy.example.com:3128", "--noproxy=localhost,.corp");
    ck_assert_msg(current_options.ip_address != NULL &&
                      strcmp(current_options.ip_address, "192.0.2.7") == 0,
                  "-I was not stored");
    ck_assert_msg(current_options.ip_family == 4, "-4 set ip_family %d",
                  current_options.ip_family);
    ck_assert_msg(
        current_options.proxy != NULL &&
            strcmp(current_options.proxy, "http://proxy.example.com:3128") == 0,
        "--proxy was not stored");
    ck_assert_msg(current_options.noproxy != NULL &&
                      strcmp(current_options.noproxy, "localhost,.corp") == 0,
                  "--noproxy= was not stored");

    PARSE_VALID("-u", TEST_URL, "--ip-address=2001:db8::7", "-6");
    ck_assert_msg(current_options.ip_address != NULL &&
                      strcmp(current_options.ip_address, "2001:db8::7") == 0,
                  "--ip-address= was not stored");
    ck_assert_msg(current_options.ip_family == 6, "-6 set ip_family %d",
                  current_options.ip_family);
}
END_TEST

START_TEST(test_options_verbosity_counts_repeats)
{
    PARSE_VALID("-u", TEST_URL, "-vvv");
    ck_assert_msg(current_options.verbosity == 3,
                  "-vvv set verbosity %d, expected 3",
                  current_options.verbosity);

    PARSE_VALID("-v", "-u", TEST_URL, "--verbose");
    ck_assert_msg(current_options.verbosity == 2,
                  "-v --verbose set verbosity %d, expected 2",
                  current_options.verbosity);
}
END_TEST

START_TEST(test_options_help_and_version)
{
    ck_assert_msg(PARSE("-h") == OPTIONS_HELP, "-h is not OPTIONS_HELP");
    ck_assert_msg(PARSE("--help") == OPTIONS_HELP,
                  "--help is not OPTIONS_HELP");
    ck_assert_msg(PARSE("-V") == OPTIONS_VERSION, "-V is not OPTIONS_VERSION");
    ck_assert_msg(PARSE("--version") == OPTIONS_VERSION,
                  "--version is not OPTIONS_VERSION");
}
END_TEST

START_TEST(test_options_missing_url_rejected)
{
    assert_invalid((const char *const[]){"-T", "/etc/lgtm.token", NULL},
                   "--url", NULL);
    assert_invalid((const char *const[]){"-u", "", NULL}, "--url", NULL);
}
END_TEST

START_TEST(test_options_token_and_file_rejected)
{
    assert_invalid((const char *const[]){"-u", TEST_URL, "--token", "SECRET42",
                                         "-T", "/etc/t", NULL},
                   "--token-file", "SECRET42");
}
END_TEST

START_TEST(test_options_unknown_option_rejected)
{
    assert_invalid((const char *const[]){"-u", TEST_URL, "--bogus", NULL},
                   "--bogus", NULL);
    assert_invalid((const char *const[]){"-u", TEST_URL, "-x", NULL}, "-x",
                   NULL);
}
END_TEST

START_TEST(test_options_misspelled_token_not_echoed)
{
    assert_invalid(
        (const char *const[]){"-u", TEST_URL, "--tokn=SECRET42", NULL},
        "--tokn", "SECRET42");
    /* "--tok" abbreviates both --token and --token-file. */
    assert_invalid(
        (const char *const[]){"-u", TEST_URL, "--tok=SECRET42", NULL}, NULL,
        "SECRET42");
}
END_TEST

START_TEST(test_options_positional_argument_not_echoed)
{
    assert_invalid((const char *const[]){"-u", TEST_URL, "SECRET42", NULL},
                   NULL, "SECRET42");
}
END_TEST

START_TEST(test_options_missing_value_names_option)
{
    /* An option with a short form may be named by either form. */
    static const struct {
        const char *typed;
        const char *short_form;
    } cases[] = {{"--token", NULL},
                 {"--projects-warning", NULL},
                 {"--projects-critical", NULL},
                 {"--ca-file", NULL},
                 {"--ca-path", NULL},
                 {"--max-pages", NULL},
                 {"--max-body-size", NULL},
                 {"--url", "-u"},
                 {"--timeout", "-t"},
                 {"--user-agent", "-A"},
                 {"--proxy", NULL},
                 {"--noproxy", NULL},
                 {"--client-cert", "-J"},
                 {"--certificate", "-C"},
                 {"--ip-address", "-I"}};

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *typed = cases[i].typed;
        const char *short_form = cases[i].short_form;

        assert_invalid((const char *const[]){"-u", TEST_URL, typed, NULL}, NULL,
                       NULL);
        assert_error_printable();
        ck_assert_msg(strstr(current_error, typed) != NULL ||
                          (short_form != NULL &&
                           strstr(current_error, short_form) != NULL),
                      "error for %s without a value does not name it: %s",
                      typed, current_error);
    }
}
END_TEST

START_TEST(test_options_short_missing_value_named)
{
    assert_invalid((const char *const[]){"-u", TEST_URL, "-t", NULL}, "-t",
                   NULL);
    assert_error_printable();
}
END_TEST

START_TEST(test_options_flag_value_rejected_clearly)
{
    assert_invalid(
        (const char *const[]){"-u", TEST_URL, "--insecure=yes", NULL},
        "--insecure", "yes");
    ck_assert_msg(strstr(current_error, "requires a value") == NULL,
                  "--insecure takes no value, but the error says: %s",
                  current_error);
    assert_invalid((const char *const[]){"-u", TEST_URL, "--verbose=2", NULL},
                   "--verbose", NULL);
}
END_TEST

START_TEST(test_options_reparse_starts_fresh)
{
    PARSE_VALID("-u", TEST_URL, "-vv", "-k", "-t", "5:warning");
    assert_invalid((const char *const[]){"-u", TEST_URL, "--bogus", NULL},
                   "--bogus", NULL);
    PARSE_VALID("-u", TEST_URL);

    ck_assert_msg(current_options.verbosity == 0,
                  "verbosity %d survived into a new parse",
                  current_options.verbosity);
    ck_assert_msg(!current_options.insecure,
                  "insecure survived into a new parse");
    ck_assert_msg(current_options.timeout == OPTIONS_DEFAULT_TIMEOUT &&
                      current_options.timeout_state == STATE_CRITICAL,
                  "-t survived into a new parse: %g, state %d",
                  current_options.timeout, (int)current_options.timeout_state);
}
END_TEST

START_TEST(test_options_certificate_days_order)
{
    assert_invalid(
        (const char *const[]){"-u", "https://h", "-C", "14,30", NULL},
        "exceed the warning days", NULL);
    PARSE_VALID("-u", "https://h", "-C", "30,30");
    ck_assert_int_eq(current_options.certificate_warning_days, 30);
    ck_assert_int_eq(current_options.certificate_critical_days, 30);
}
END_TEST

START_TEST(test_options_header_injection_rejected)
{
    assert_invalid((const char *const[]){"-u", "https://h", "-A",
                                         "x\r\nX-Injected: 1", NULL},
                   "--user-agent", "X-Injected");
    assert_invalid((const char *const[]){"-u", "https://h", "--proxy",
                                         "http://p\n:1", NULL},
                   "--proxy", NULL);
}
END_TEST

START_TEST(test_options_ip_address_validated)
{
    assert_invalid(
        (const char *const[]){"-u", "https://h", "-I", "999.1.1.1", NULL},
        "expected an IPv4 or IPv6 address", NULL);
    assert_invalid((const char *const[]){"-u", "https://h", "-I",
                                         "lgtm.example.com", NULL},
                   "--ip-address", NULL);
    assert_invalid(
        (const char *const[]){"-u", "https://h", "-I", "::1", "-4", NULL},
        "IPv6 address but -4", NULL);
    PARSE_VALID("-u", "https://h", "-I", "192.0.2.10", "-4");
    PARSE_VALID("-u", "https://h", "-I", "2001:db8::10", "-6");
}
END_TEST

START_TEST(test_options_both_families_rejected)
{
    assert_invalid((const char *const[]){"-u", "https://h", "-4", "-6", NULL},
                   "exclude each other", NULL);
    PARSE_VALID("-u", "https://h", "-6", "-6");
    ck_assert_int_eq(current_options.ip_family, 6);
}
END_TEST

Suite *options_suite(void)
{
    Suite *suite = suite_create("options");
    TCase *test_case = tcase_create("parse");

    tcase_add_checked_fixture(test_case, setup, teardown);
    tcase_add_test(test_case, test_options_defaults_without_options);
    tcase_add_test(test_case, test_options_url_short_and_long);
    tcase_add_test(test_case, test_options_token_file_short_and_long);
    tcase_add_test(test_case, test_options_token_copied_and_wiped);
    tcase_add_test(test_case, test_options_token_equals_form_wiped);
    tcase_add_test(test_case, test_options_repeated_token_keeps_last);
    tcase_add_test(test_case, test_options_time_ranges_set);
    tcase_add_test(test_case, test_options_projects_ranges_set);
    tcase_add_test(test_case, test_options_invalid_ranges_name_option);
    tcase_add_test(test_case, test_options_timeout_plain_seconds);
    tcase_add_test(test_case, test_options_timeout_with_state);
    tcase_add_test(test_case, test_options_invalid_timeouts_rejected);
    tcase_add_test(test_case, test_options_max_pages_limits);
    tcase_add_test(test_case, test_options_max_body_size_limits);
    tcase_add_test(test_case, test_options_trust_and_agent_set);
    tcase_add_test(test_case, test_options_client_certificate_set);
    tcase_add_test(test_case, test_options_client_key_needs_cert);
    tcase_add_test(test_case, test_options_certificate_days_parsed);
    tcase_add_test(test_case, test_options_invalid_certificate_days);
    tcase_add_test(test_case, test_options_connection_settings_set);
    tcase_add_test(test_case, test_options_verbosity_counts_repeats);
    tcase_add_test(test_case, test_options_help_and_version);
    tcase_add_test(test_case, test_options_missing_url_rejected);
    tcase_add_test(test_case, test_options_token_and_file_rejected);
    tcase_add_test(test_case, test_options_unknown_option_rejected);
    tcase_add_test(test_case, test_options_misspelled_token_not_echoed);
    tcase_add_test(test_case, test_options_positional_argument_not_echoed);
    tcase_add_test(test_case, test_options_missing_value_names_option);
    tcase_add_test(test_case, test_options_short_missing_value_named);
    tcase_add_test(test_case, test_options_flag_value_rejected_clearly);
    tcase_add_test(test_case, test_options_reparse_starts_fresh);
    tcase_add_test(test_case, test_options_certificate_days_order);
    tcase_add_test(test_case, test_options_header_injection_rejected);
    tcase_add_test(test_case, test_options_ip_address_validated);
    tcase_add_test(test_case, test_options_both_families_rejected);
    suite_add_tcase(suite, test_case);
    return suite;
}
