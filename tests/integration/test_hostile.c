/* Integration tests against hostile servers and hostile input: links and
 * redirects to another port, server text that forges output, pages too
 * large to hold, stalls, and tokens that must stay out of the output and
 * the process's argument memory. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "expect.h"
#include "listener.h"
#include "suites.h"

/* Long and distinctive, with no 8-byte run that the output could contain
 * for another reason, such as a file name. */
#define SECRET_TOKEN "Qz7Wk2Rv9Xp4Lm8Tn3Bc6Hd1Fj5Gs0Ya7Ue2Wi9Oo4Pk8Nx"
#define SECRET_TOKEN_FILE "secret.txt"

/* Server text with a '|', a line break and a forged status line. */
#define FORGED_STATUS_LINE "LGTM OK: 0 projects | projects=0;;;0"
/* Bytes that are not UTF-8: 0xFF, 0xFE, an overlong '/' (C0 AF), a UTF-16
 * surrogate (ED A0 80) and a sequence cut short (E2 82). The literals are
 * split so that no hexadecimal escape runs into the next character. */
#define INVALID_UTF8                                                           \
    "\xff\xfe"                                                                 \
    "\xc0\xaf"                                                                 \
    "\xed\xa0\x80"                                                             \
    "\xe2\x82"

/* The plugin's peak RSS while it reads a 64 MiB page must stay below
 * this: the page is cut at the maximum body size of 16 MiB. */
#define BIG_PAGE_RSS_LIMIT_KIB (40L * 1024)
/* Peak RSS for 1,000 pages may differ from that for one page by this. */
#define PAGES_RSS_TOLERANCE_KIB 1024L
#define MANY_PAGES_PROJECTS 100000
#define MANY_PAGES "1000"
/* The listing of 1,000 pages must not hit -t, even under valgrind. */
#define MANY_PAGES_TIMEOUT "100"

/* -t 2 against a server that stalls for 10 s after the headers must end
 * within the budget plus 0.5 s of wall-clock time. */
#define STALL_FAULT "stall-headers:10"
#define STALL_BUDGET "2"
#define STALL_ELAPSED_LIMIT (2.0 + 0.5)

/* Seconds the stall keeps the plugin running while a test reads its
 * /proc/PID/cmdline, and the limit on waiting for its request. */
#define CMDLINE_STALL "stall-headers:2"
#define CMDLINE_REQUEST_LIMIT 20.0

/* Write content to a file in the run directory with the given mode. */
static void write_mode_file(const char *name, const char *content, mode_t mode)
{
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    size_t length = strlen(content);

    ck_assert_msg(fd >= 0, "cannot create %s: %s", name, strerror(errno));
    ck_assert_msg(write(fd, content, length) == (ssize_t)length,
                  "cannot write %s: %s", name, strerror(errno));
    ck_assert_msg(fchmod(fd, mode) == 0, "cannot change the mode of %s: %s",
                  name, strerror(errno));
    close(fd);
}

/* The listener saw no connection and no byte, so no request and no
 * token reached its port. */
static void expect_listener_untouched(const struct listener_record *record,
                                      const char *url)
{
    ck_assert_msg(record->connections == 0,
                  "%s: %zu connections to the other port, expected 0", url,
                  record->connections);
    ck_assert_msg(record->received_length == 0,
                  "%s: the other port received %zu bytes, expected 0", url,
                  record->received_length);
    ck_assert_msg(strstr(record->received, "Authorization") == NULL,
                  "%s: the other port received an Authorization header", url);
}

/* Every request went to the listing and carried "Bearer TEST_TOKEN". */
static void expect_listing_requests(const struct sim_log *log)
{
    for (size_t i = 0; i < log->request_count; i++) {
        const struct sim_request *request = &log->requests[i];

        expect_log(log, text_equals(request->path, "/api/v1.0/projects"),
                   "request %zu: path %s, expected /api/v1.0/projects", i + 1,
                   text_or_none(request->path));
        expect_log(log,
                   text_equals(request->authorization, "Bearer " TEST_TOKEN),
                   "request %zu: Authorization \"%s\", expected \"Bearer "
                   "%s\"",
                   i + 1, text_or_none(request->authorization), TEST_TOKEN);
        expect_log(log, i == 0 || text_contains(request->query, "start="),
                   "request %zu: query %s has no start value", i + 1,
                   text_or_none(request->query));
    }
}

/* nextPageUrl names another port, with either scheme: the plugin takes
 * only the start value from it and requests the next page from --url. */
START_TEST(test_hostile_next_page_other_port)
{
    static const char *const schemes[] = {"https", "http"};

    for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
        struct listener listener;
        struct listener_record record;
        struct plugin_result result;
        struct sim_log log;
        char external[80];

        listener_start(&listener, NULL, 0);
        snprintf(external, sizeof(external), "%s://127.0.0.1:%d", schemes[i],
                 listener.port);
        struct sim_config config = {
            .projects = 250, .extra = ARG_LIST("--external-url", external)};
        sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, &result,
                       &log);
        listener_stop(&listener);
        listener_read(&listener, &record);

        expect_status_line(&result, NAGIOS_OK);
        expect_perfdata(&result, "projects", "250");
        expect_perfdata(&result, "pages", "3");
        expect_log(&log, log.request_count == 3,
                   "%zu requests with nextPageUrl at %s, expected 3",
                   log.request_count, external);
        expect_listing_requests(&log);
        expect_listener_untouched(&record, external);
        plugin_result_free(&result);
        sim_log_free(&log);
        listener_record_free(&record);
    }
}
END_TEST

/* A 302 to another port, with either scheme, is reported, not followed. */
START_TEST(test_hostile_redirect_other_port)
{
    static const char *const schemes[] = {"https", "http"};

    for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
        struct listener listener;
        struct listener_record record;
        struct plugin_result result;
        struct sim_log log;
        char target[96];
        char fault[128];

        listener_start(&listener, NULL, 0);
        snprintf(target, sizeof(target), "%s://127.0.0.1:%d/api/v1.0/projects",
                 schemes[i], listener.port);
        snprintf(fault, sizeof(fault), "redirect:%s", target);
        struct sim_config config = {.projects = 250,
                                    .extra = ARG_LIST("--fault", fault)};
        sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, &result,
                       &log);
        listener_stop(&listener);
        listener_read(&listener, &record);

        expect_status_line(&result, NAGIOS_CRITICAL);
        expect_summary_contains(&result, target);
        expect_log(&log, log.request_count == 1,
                   "%zu requests, expected 1: the redirect to %s was "
                   "followed",
                   log.request_count, target);
        expect_listener_untouched(&record, target);
        plugin_result_free(&result);
        sim_log_free(&log);
        listener_record_free(&record);
    }
}
END_TEST

/* Line 1 keeps its form, no line forges a status, and stdout is valid
 * UTF-8, whatever text the server sent. */
static void expect_output_unforged(const struct plugin_result *result,
                                   enum nagios_state state)
{
    expect_status_line(result, state);
    expect_one_status_line(result);
    expect_no_control_chars(result);
    expect_stdout_valid_utf8(result);
}

/* A server message with a '|', line breaks, a forged status line and
 * bytes that are not UTF-8, which the simulator sends from --fault-body as
 * given, in a JSON error body and in a plain-text one. The JSON escapes
 * add a lone UTF-16 surrogate, a NUL and a C1 control. */
START_TEST(test_hostile_server_message_forgery)
{
    static const char *const bodies[][2] = {
        {"application/json",
         "{\"code\": 500, \"error\": \"db | down\\n" FORGED_STATUS_LINE
         "\\r\\n" INVALID_UTF8 " \\udcff\\ud800 \\u0085 \\u001b[31m "
         "end\\u0000hidden\"}"},
        {"text/plain; charset=utf-8", "db | down\n" FORGED_STATUS_LINE
                                      "\r\n" INVALID_UTF8 " \xc2\x85 \x1b[31m "
                                      "end\n"},
    };

    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        struct plugin_result result;
        struct sim_log log;
        struct sim_config config = {
            .projects = 250,
            .extra = ARG_LIST("--fault", "status:500", "--fault-content-type",
                              bodies[i][0], "--fault-body", bodies[i][1])};

        sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, &result,
                       &log);

        expect_output_unforged(&result, NAGIOS_CRITICAL);
        expect_summary_contains(&result, "500");
        expect_summary_contains(&result, "down");
        plugin_result_free(&result);
        sim_log_free(&log);
    }
}
END_TEST

/* One canned response of the listener and the state it must give. */
struct raw_response {
    const char *name;
    const char *status_line;
    const char *headers; /* each ending in CRLF */
    const char *body;
    enum nagios_state state;
};

/* Each response carries INVALID_UTF8, a '|' and, where the field allows a
 * line break, a forged status line, in a place the summary quotes. */
static const struct raw_response raw_responses[] = {
    {"JSON error", "500 Internal Server Error",
     "Content-Type: application/json\r\n",
     "{\"code\": 500, \"error\": \"db | down\\n" FORGED_STATUS_LINE
     "\\n" INVALID_UTF8 "\"}",
     NAGIOS_CRITICAL},
    {"JSON error with raw line break", "500 Internal Server Error",
     "Content-Type: application/json\r\n",
     "{\"code\": 500, \"error\": \"db | down\n" FORGED_STATUS_LINE
     "\n" INVALID_UTF8 "\"}",
     NAGIOS_CRITICAL},
    {"plain-text error", "503 Service Unavailable",
     "Content-Type: text/plain\r\n",
     "db | down\n" FORGED_STATUS_LINE "\n" INVALID_UTF8 "\n", NAGIOS_CRITICAL},
    {"redirect", "302 Found",
     "Location: https://127.0.0.1:1/a|b" INVALID_UTF8 "\r\n", "",
     NAGIOS_CRITICAL},
    {"scope challenge", "401 Unauthorized",
     "WWW-Authenticate: Bearer error=\"insufficient_scope\", "
     "scope=\"projects:read|" INVALID_UTF8 "\"\r\n",
     "", NAGIOS_CRITICAL},
    {"HTML title", "200 OK", "Content-Type: text/html\r\n",
     "<html><head><title>Sign in | " INVALID_UTF8 "\n" FORGED_STATUS_LINE
     "</title></head></html>\n",
     NAGIOS_CRITICAL},
    {"rate limit", "429 Too Many Requests",
     "Retry-After: 12|" INVALID_UTF8 "\r\n", "", NAGIOS_WARNING},
};

/* Build the whole HTTP response into buffer and return its length. */
static size_t format_raw_response(const struct raw_response *response,
                                  char *buffer, size_t size)
{
    int length = snprintf(buffer, size,
                          "HTTP/1.1 %s\r\nContent-Length: %zu\r\n"
                          "Connection: close\r\n%s\r\n%s",
                          response->status_line, strlen(response->body),
                          response->headers, response->body);

    ck_assert_msg(length > 0 && (size_t)length < size,
                  "the %s response does not fit in %zu bytes", response->name,
                  size);
    return (size_t)length;
}

/* Bytes that are not UTF-8 in headers and bodies, sent over plain HTTP on
 * loopback by the listener, byte for byte. The simulator cannot send them
 * in a header, because Python's http.server encodes headers as Latin-1. */
START_TEST(test_hostile_invalid_utf8_server_text)
{
    size_t count = sizeof(raw_responses) / sizeof(raw_responses[0]);

    for (size_t i = 0; i < count; i++) {
        const struct raw_response *response = &raw_responses[i];
        struct listener listener;
        struct listener_record record;
        struct plugin_result result;
        char reply[2048];

        size_t reply_length =
            format_raw_response(response, reply, sizeof(reply));
        listener_start(&listener, reply, reply_length);
        plugin_run(ARG_LIST("--url", listener.url, "-T", TOKEN_FILE), NULL,
                   &result);
        listener_stop(&listener);
        listener_read(&listener, &record);

        ck_assert_msg(record.connections == 1,
                      "%s: %zu connections to the listener, expected 1",
                      response->name, record.connections);
        expect_output_unforged(&result, response->state);
        plugin_result_free(&result);
        listener_record_free(&record);
    }
}
END_TEST

/* A 64 MiB page, with and without a Content-Length, is cut at the maximum
 * body size without holding it in memory. */
START_TEST(test_hostile_huge_page_bounded_memory)
{
    static const char *const faults[] = {"big-page:64M",
                                         "big-page-chunked:64M"};

    for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
        struct plugin_result result;
        struct sim_log log;
        struct sim_config config = {.projects = 250,
                                    .extra = ARG_LIST("--fault", faults[i])};

        sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, &result,
                       &log);

        expect_status_line(&result, NAGIOS_CRITICAL);
        expect_summary_contains(&result, "maximum body size");
        expect_peak_rss_below(&result, BIG_PAGE_RSS_LIMIT_KIB);
        expect_log(&log, log.request_count == 1,
                   "%zu requests with %s, expected 1", log.request_count,
                   faults[i]);
        plugin_result_free(&result);
        sim_log_free(&log);
    }
}
END_TEST

/* Run a listing of projects with --max-pages MANY_PAGES and check that it
 * was read completely. */
static void run_listing(int projects, const char *pages,
                        struct plugin_result *result)
{
    struct sim_log log;
    char expected[32];

    snprintf(expected, sizeof(expected), "%d", projects);
    sim_run_plugin(&(struct sim_config){.projects = projects},
                   ARG_LIST("-T", TOKEN_FILE, "--max-pages", MANY_PAGES, "-t",
                            MANY_PAGES_TIMEOUT),
                   NULL, result, &log);

    expect_status_line(result, NAGIOS_OK);
    expect_perfdata(result, "projects", expected);
    expect_perfdata(result, "pages", pages);
    sim_log_free(&log);
}

/* Memory does not grow with the number of pages: the plugin keeps one
 * page at a time and 8 bytes per start value. */
START_TEST(test_hostile_pages_flat_memory)
{
    struct plugin_result one;
    struct plugin_result many;

    run_listing(100, "1", &one);
    run_listing(MANY_PAGES_PROJECTS, MANY_PAGES, &many);

    if (!measurement_skipped(MEASURE_MEMORY, "peak RSS growth", __FILE__,
                             __LINE__)) {
        long growth = many.max_rss_kib - one.max_rss_kib;

        expect_run(&many, labs(growth) <= PAGES_RSS_TOLERANCE_KIB,
                   "peak RSS %ld KiB for %s pages, %ld KiB for one page: "
                   "they differ by more than %ld KiB",
                   many.max_rss_kib, MANY_PAGES, one.max_rss_kib,
                   PAGES_RSS_TOLERANCE_KIB);
    }
    plugin_result_free(&one);
    plugin_result_free(&many);
}
END_TEST

/* Headers and then a stall of 10 s: -t ends the check within its budget
 * plus 0.5 s, in the state -t names. */
START_TEST(test_hostile_stall_within_budget)
{
    static const struct {
        const char *timeout;
        enum nagios_state state;
    } cases[] = {
        {STALL_BUDGET, NAGIOS_CRITICAL},
        {STALL_BUDGET ":unknown", NAGIOS_UNKNOWN},
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct plugin_result result;
        struct sim_log log;
        struct sim_config config = {.projects = 250,
                                    .extra = ARG_LIST("--fault", STALL_FAULT)};

        sim_run_plugin(&config,
                       ARG_LIST("-T", TOKEN_FILE, "-t", cases[i].timeout), NULL,
                       &result, &log);

        expect_status_line(&result, cases[i].state);
        expect_summary_contains(&result, "timeout");
        expect_elapsed_below(&result, STALL_ELAPSED_LIMIT);
        plugin_result_free(&result);
        sim_log_free(&log);
    }
}
END_TEST

/* -vvv prints no TOKEN_WINDOW bytes in a row of the token, wherever the
 * token comes from. */
START_TEST(test_hostile_verbose_hides_token)
{
    const struct {
        const char *source;
        const char *const *args;
        const char *const *env;
    } cases[] = {
        {"--token-file", ARG_LIST("-T", SECRET_TOKEN_FILE, "-vvv"), NULL},
        {"--token", ARG_LIST("--token", SECRET_TOKEN, "-vvv"), NULL},
        {"LGTM_TOKEN", ARG_LIST("-vvv"), ARG_LIST("LGTM_TOKEN=" SECRET_TOKEN)},
    };

    write_mode_file(SECRET_TOKEN_FILE, SECRET_TOKEN "\n", 0600);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct plugin_result result;
        struct sim_log log;
        struct sim_config config = {.projects = 250,
                                    .extra = ARG_LIST("--token", SECRET_TOKEN)};

        sim_run_plugin(&config, cases[i].args, cases[i].env, &result, &log);

        expect_status_line(&result, NAGIOS_OK);
        expect_run(&result, text_contains(result.err, "/api/v1.0/projects"),
                   "%s: -vvv printed no request URL on stderr",
                   cases[i].source);
        expect_log(
            &log,
            log.request_count > 0 && text_equals(log.requests[0].authorization,
                                                 "Bearer " SECRET_TOKEN),
            "%s: the token did not reach the simulator", cases[i].source);
        expect_output_lacks_token(&result, SECRET_TOKEN);
        plugin_result_free(&result);
        sim_log_free(&log);
    }
}
END_TEST

/* No HOME, no PATH, nothing at all in the environment. */
START_TEST(test_hostile_empty_environment_works)
{
    const struct plugin_run_options options = {.empty_environment = true};
    struct plugin_result result;
    struct sim_log log;
    struct sim sim;

    sim_start(&sim, &(struct sim_config){.projects = 250});
    plugin_run_with(
        &options,
        ARG_LIST("--url", sim.url, "--ca-file", CA_FILE, "-T", TOKEN_FILE),
        NULL, &result);
    sim_stop(&sim);
    sim_log_read(&sim, &log);

    expect_status_line(&result, NAGIOS_OK);
    expect_perfdata(&result, "projects", "250");
    expect_listing_requests(&log);
    plugin_result_free(&result);
    sim_log_free(&log);
}
END_TEST

/* The /proc/PID/cmdline of a running plugin, read once its request has
 * reached the simulator, that is after option parsing. */
struct cmdline_probe {
    const struct sim *sim;
    bool request_seen;
    char cmdline[8192];
    size_t length;
};

static void read_cmdline(pid_t pid, void *data)
{
    struct cmdline_probe *probe = data;
    char path[64];

    probe->request_seen =
        sim_wait_for_event(probe->sim, "request", CMDLINE_REQUEST_LIMIT) == 0;
    snprintf(path, sizeof(path), "/proc/%ld/cmdline", (long)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;

    ssize_t count;
    while (probe->length < sizeof(probe->cmdline) &&
           (count = read(fd, probe->cmdline + probe->length,
                         sizeof(probe->cmdline) - probe->length)) > 0)
        probe->length += (size_t)count;
    close(fd);
}

/* Return whether the NUL-separated cmdline has an argument that starts
 * with prefix. */
static bool cmdline_has_argument(const struct cmdline_probe *probe,
                                 const char *prefix)
{
    for (size_t i = 0; i < probe->length;) {
        const char *argument = probe->cmdline + i;
        size_t length = strnlen(argument, probe->length - i);

        if (strncmp(argument, prefix, strlen(prefix)) == 0)
            return true;
        i += length + 1;
    }
    return false;
}

/* The plugin overwrites the --token value in its argv, so the process
 * list shows no part of it while the check runs. Under a wrapper such as
 * valgrind, /proc/PID/cmdline is the wrapper's, so the plugin runs
 * unwrapped here. */
START_TEST(test_hostile_token_wiped_from_cmdline)
{
    const char *const *const forms[] = {
        ARG_LIST("--token", SECRET_TOKEN),
        ARG_LIST("--token=" SECRET_TOKEN),
    };

    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        struct cmdline_probe probe = {0};
        const struct plugin_run_options options = {
            .unwrapped = true,
            .while_running = read_cmdline,
            .while_running_data = &probe};
        struct plugin_result result;
        struct sim_log log;
        struct sim sim;

        sim_start(&sim, &(struct sim_config){
                            .projects = 250,
                            .extra = ARG_LIST("--token", SECRET_TOKEN,
                                              "--fault", CMDLINE_STALL)});
        probe.sim = &sim;
        const char *const target[] = {"--url", sim.url, "--ca-file", CA_FILE,
                                      NULL};
        const char **args = arg_list_join(target, forms[i]);
        plugin_run_with(&options, args, NULL, &result);
        free(args);
        sim_stop(&sim);
        sim_log_read(&sim, &log);

        expect_status_line(&result, NAGIOS_OK);
        expect_run(&result, probe.request_seen,
                   "%s: no request reached the simulator within %.0f s",
                   forms[i][0], CMDLINE_REQUEST_LIMIT);
        expect_run(&result, cmdline_has_argument(&probe, "--token"),
                   "%s: /proc/PID/cmdline (%zu bytes) lacks the --token "
                   "argument, so it was not read from the plugin",
                   forms[i][0], probe.length);
        long at = token_window_at(probe.cmdline, probe.length, SECRET_TOKEN,
                                  TOKEN_WINDOW);
        expect_run(&result, at < 0,
                   "%s: /proc/PID/cmdline contains the token's bytes %ld to "
                   "%ld while the plugin runs",
                   forms[i][0], at, at + TOKEN_WINDOW - 1);
        expect_log(
            &log,
            log.request_count > 0 && text_equals(log.requests[0].authorization,
                                                 "Bearer " SECRET_TOKEN),
            "%s: the token did not reach the simulator intact", forms[i][0]);
        plugin_result_free(&result);
        sim_log_free(&log);
    }
}
END_TEST

/* Line 1 and stdout of a usage error keep their form. The form comes
 * first, so that a wrong state does not hide a broken output. */
static void expect_usage_error(const struct plugin_result *result)
{
    expect_stdout_valid_utf8(result);
    expect_one_status_line(result);
    expect_no_control_chars(result);
    expect_status_line(result, NAGIOS_UNKNOWN);
}

/* A byte that is not UTF-8 makes --url invalid, because a URL carries
 * such bytes percent-encoded (RFC 3986). The URL names a closed port on
 * loopback, so a plugin that wrongly accepts it connects nowhere else. */
START_TEST(test_hostile_invalid_utf8_url_unknown)
{
    struct plugin_result result;
    char url[80];

    snprintf(url, sizeof(url), "https://127.0.0.1:%d/lgtm\xff",
             closed_loopback_port());
    plugin_run(ARG_LIST("--url", url, "-T", TOKEN_FILE), NULL, &result);

    expect_usage_error(&result);
    plugin_result_free(&result);
}
END_TEST

/* One option with a byte that is not UTF-8 in its value. */
struct invalid_argument {
    const char *option;
    const char *value;
    bool gives_token; /* the option replaces -T TOKEN_FILE */
};

static const struct invalid_argument invalid_arguments[] = {
    {"-w", "1\xfe", false},
    {"-c", "\xfe:2", false},
    {"--projects-warning",
     "\xff"
     "10",
     false},
    {"--projects-critical", "@1:\xff", false},
    {"-t", "5\xff", false},
    {"-C", "30,\xfe", false},
    {"--max-pages",
     "\xfe"
     "1",
     false},
    {"-T", "token-\xff.txt", true},
    {"--token",
     "abc\xff"
     "def",
     true},
    {"--ca-file", "ca-\xfe.pem", false},
    {"--extra-opts", "lgtm@\xff.ini", false},
    {"--\xff", NULL, false}, /* an unknown option */
};

/* Build the arguments of one case: --url, -T TOKEN_FILE unless the case
 * gives the token, then the option and its value. The strings point into
 * url and the table. */
static void build_invalid_case(const struct invalid_argument *argument,
                               const char *url, const char *args[7])
{
    size_t count = 0;

    args[count++] = "--url";
    args[count++] = url;
    if (!argument->gives_token) {
        args[count++] = "-T";
        args[count++] = TOKEN_FILE;
    }
    args[count++] = argument->option;
    if (argument->value != NULL)
        args[count++] = argument->value;
    args[count] = NULL;
}

/* Bytes that are not UTF-8 in option values give UNKNOWN and valid UTF-8
 * on stdout. The URL names a closed port on loopback, so a value that the
 * plugin wrongly accepts sends nothing anywhere else. */
START_TEST(test_hostile_invalid_utf8_options_unknown)
{
    size_t count = sizeof(invalid_arguments) / sizeof(invalid_arguments[0]);
    char url[64];

    snprintf(url, sizeof(url), "https://127.0.0.1:%d", closed_loopback_port());
    for (size_t i = 0; i < count; i++) {
        const char *args[7];
        struct plugin_result result;

        build_invalid_case(&invalid_arguments[i], url, args);
        plugin_run(args, NULL, &result);

        expect_usage_error(&result);
        plugin_result_free(&result);
    }
}
END_TEST

/* A token file that group or others may read gets a note in the long
 * output; one only its owner may read gets none. */
START_TEST(test_hostile_token_file_mode_note)
{
    static const struct {
        mode_t mode;
        bool note;
    } cases[] = {
        {0644, true}, {0640, true}, {0604, true}, {0600, false}, {0400, false},
    };
    struct sim sim;

    sim_start(&sim, &(struct sim_config){.projects = 250});
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct plugin_result result;
        char name[32];

        snprintf(name, sizeof(name), "token-%04o.txt", (unsigned)cases[i].mode);
        write_mode_file(name, TEST_TOKEN "\n", cases[i].mode);
        plugin_run(ARG_LIST("--url", sim.url, "--ca-file", CA_FILE, "-T", name),
                   NULL, &result);

        expect_status_line(&result, NAGIOS_OK);
        bool noted = text_contains(result.out, "readable by group or others");
        expect_run(&result, noted == cases[i].note,
                   "token file mode %04o: the note on group or other read "
                   "access is %s, expected %s",
                   (unsigned)cases[i].mode, noted ? "present" : "absent",
                   cases[i].note ? "present" : "absent");
        plugin_result_free(&result);
    }
    sim_stop(&sim);
}
END_TEST

/* Plain http to a loopback address keeps the token on this host, so it
 * gets no note about an unencrypted token. A host elsewhere would get
 * one, but a test must not send a token off this host. */
START_TEST(test_hostile_plain_http_loopback_no_note)
{
    static const char *const binds[] = {"127.0.0.1", "::1"};

    for (size_t i = 0; i < sizeof(binds) / sizeof(binds[0]); i++) {
        struct plugin_result result;
        struct sim_log log;
        struct sim_config config = {
            .projects = 250, .bind = binds[i], .plain_http = true};

        sim_run_plugin(&config, ARG_LIST("-T", TOKEN_FILE), NULL, &result,
                       &log);

        expect_status_line(&result, NAGIOS_OK);
        expect_perfdata(&result, "projects", "250");
        expect_run(&result, !text_contains(result.out, "unencrypted"),
                   "plain http to %s: the output has a note on an "
                   "unencrypted token",
                   binds[i]);
        expect_listing_requests(&log);
        plugin_result_free(&result);
        sim_log_free(&log);
    }
}
END_TEST

Suite *hostile_suite(void)
{
    Suite *suite = suite_create("hostile");
    TCase *test_case = tcase_create("hostile servers and input");

    tcase_set_timeout(test_case, TEST_TIMEOUT);
    tcase_add_test(test_case, test_hostile_next_page_other_port);
    tcase_add_test(test_case, test_hostile_redirect_other_port);
    tcase_add_test(test_case, test_hostile_server_message_forgery);
    tcase_add_test(test_case, test_hostile_invalid_utf8_server_text);
    tcase_add_test(test_case, test_hostile_huge_page_bounded_memory);
    tcase_add_test(test_case, test_hostile_pages_flat_memory);
    tcase_add_test(test_case, test_hostile_stall_within_budget);
    tcase_add_test(test_case, test_hostile_verbose_hides_token);
    tcase_add_test(test_case, test_hostile_empty_environment_works);
    tcase_add_test(test_case, test_hostile_token_wiped_from_cmdline);
    tcase_add_test(test_case, test_hostile_invalid_utf8_url_unknown);
    tcase_add_test(test_case, test_hostile_invalid_utf8_options_unknown);
    tcase_add_test(test_case, test_hostile_token_file_mode_note);
    tcase_add_test(test_case, test_hostile_plain_http_loopback_no_note);
    suite_add_tcase(suite, test_case);
    return suite;
}
