/* Integration test harness: the run directory with the test certificates
 * and token files, and runs of the plugin binary in a controlled
 * environment.
 *
 * main() calls harness_setup() once. It makes a temporary run directory,
 * creates the certificates in its certs/ subdirectory and changes into it,
 * so tests name every fixture by a path relative to the run directory.
 * Each Check test runs in its own forked process (the runner forces
 * CK_FORK) and may start simulators and plugin runs from there. */
#ifndef LGTM_IT_HARNESS_H
#define LGTM_IT_HARNESS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>

/* Certificates and keys written by tests/sim/make-certs.sh. */
#define CERT_DIR "certs"
#define CA_FILE CERT_DIR "/ca.pem"

/* The token that every simulator accepts with the projects:read scope. */
#define TEST_TOKEN "itest-3b8e61d0c47a4f92"
/* A token that the simulator rejects when a test gives it --revoked. */
#define REVOKED_TOKEN "itest-revoked-5c20e9ab"

/* Token files in the run directory. */
#define TOKEN_FILE "lgtm-token.txt"                 /* TEST_TOKEN, LF */
#define TOKEN_FILE_PADDED "lgtm-token-padded.txt"   /* spaces, CRLF */
#define TOKEN_FILE_EMPTY "lgtm-token-empty.txt"     /* zero bytes */
#define TOKEN_FILE_REVOKED "lgtm-token-revoked.txt" /* REVOKED_TOKEN */

/* A NULL-terminated argument list, e.g. ARG_LIST("-t", "1"). */
#define ARG_LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Exit codes and line-1 names of the Monitoring Plugins states. */
enum nagios_state {
    NAGIOS_OK = 0,
    NAGIOS_WARNING = 1,
    NAGIOS_CRITICAL = 2,
    NAGIOS_UNKNOWN = 3
};

/* The run directory, created by harness_setup(). */
struct harness_run {
    char dir[PATH_MAX];
};

/* What one plugin run produced. The strings are NUL-terminated and owned
 * by the result. */
struct plugin_result {
    char *command;     /* the command line, for failure reports */
    char *out;         /* all of stdout */
    size_t out_length; /* bytes in out, which may contain a NUL byte */
    char *err;         /* all of stderr */
    size_t err_length; /* bytes in err */
    char *line1;       /* the first line of stdout, without its newline */
    int exit_code;     /* exit status, or -1 when a signal ended the run */
    int term_signal;   /* the signal that ended the run, or 0 */
    bool timed_out;    /* killed after plugin_run_limit() seconds */
    bool wrapped;      /* run under the CHECK_LGTM_WRAPPER command */
    double elapsed;    /* wall-clock seconds from spawn to exit */
    long max_rss_kib;  /* peak resident set size (ru_maxrss), in KiB */
};

/* Seconds after which a plugin run is killed, without a wrapper. */
#define PLUGIN_RUN_LIMIT 30.0

/* CHECK_LGTM_WRAPPER names a command, split on spaces, that runs the
 * plugin, such as "valgrind --error-exitcode=99 -q". A wrapped run may
 * take WRAPPER_LIMIT_FACTOR times as long, and it fails its test when it
 * exits with WRAPPER_ERROR_EXIT_CODE, the code that make integration
 * VALGRIND=1 gives to --error-exitcode, or when its stderr contains a
 * valgrind report. */
#define WRAPPER_VARIABLE "CHECK_LGTM_WRAPPER"
#define WRAPPER_LIMIT_FACTOR 4.0
#define WRAPPER_ERROR_EXIT_CODE 99

/* How plugin_run_with() runs the plugin, beyond its arguments. Zero
 * fields give what plugin_run() does. */
struct plugin_run_options {
    /* Pass only env, without PATH and the sanitizer variables, as
     * env -i does. */
    bool empty_environment;
    /* Run the plugin itself even when CHECK_LGTM_WRAPPER is set, for a
     * check of the process that a wrapper would replace, such as its
     * /proc/PID/cmdline. */
    bool unwrapped;
    /* Called once the plugin has started, before its output is read, so
     * it must return before the plugin fills a pipe (64 KiB on Linux). */
    void (*while_running)(pid_t pid, void *data);
    void *while_running_data;
};

/* Check the environment (CHECK_LGTM_BIN, PYTHON, LGTM_SOURCE_DIR), make
 * the run directory, create the certificates and token files in it and
 * change into it. Prints the reason to stderr and returns -1 on failure. */
int harness_setup(struct harness_run *run);

/* Leave the run directory and remove it, or keep it for inspection and
 * print where it is. */
void harness_cleanup(const struct harness_run *run, bool keep);

/* Return the value of an environment variable that harness_setup()
 * checked; fail the current test when it is missing. */
const char *harness_getenv(const char *name);

/* Run the plugin with args (NULL-terminated, without argv[0]) and an
 * environment of PATH, the sanitizer and library path variables of this
 * process and the "NAME=value" entries of env (NULL-terminated, or NULL).
 * No proxy variable and no LGTM_TOKEN is passed unless env contains it.
 * When CHECK_LGTM_WRAPPER is set, the wrapper command runs the plugin.
 * Fails the current test when the plugin cannot be started or when its
 * stderr contains a sanitizer or valgrind report. */
void plugin_run(const char *const args[], const char *const env[],
                struct plugin_result *result);

/* Run the plugin as plugin_run() does, changed by options. */
void plugin_run_with(const struct plugin_run_options *options,
                     const char *const args[], const char *const env[],
                     struct plugin_result *result);

/* Return the seconds after which a plugin run is killed: PLUGIN_RUN_LIMIT,
 * times WRAPPER_LIMIT_FACTOR under a wrapper. */
double plugin_run_limit(void);

/* Read up to size - 1 bytes of a file into buffer, or "" if unreadable. */
void harness_read_text(const char *path, char *buffer, size_t size);

/* Return whether CHECK_LGTM_WRAPPER names a wrapper command. */
bool harness_wrapped(void);

/* Return whether the plugin binary is built with AddressSanitizer, found
 * by the __asan_init symbol name in the file. */
bool harness_plugin_uses_asan(void);

void plugin_result_free(struct plugin_result *result);

/* Print the command, exit status, stdout and stderr of a run. */
void plugin_result_print(const struct plugin_result *result, FILE *stream);

/* Join two NULL-terminated argument lists into a new array that the
 * caller frees (the strings are not copied). Either list may be NULL. */
const char **arg_list_join(const char *const first[],
                           const char *const second[]);

/* Copy a NULL-terminated list into writable strings, as exec and spawn
 * functions take them. Free the copy with arg_list_free(). */
char **arg_list_copy(const char *const list[]);
void arg_list_free(char **list);

/* Wait up to limit seconds for the child to exit and store its status.
 * After that, kill it with SIGKILL, reap it and return -1. */
int harness_wait(pid_t pid, double limit, int *status);

/* Wait as harness_wait() does and store the child's resource usage in
 * usage, unless usage is NULL. */
int harness_wait_usage(pid_t pid, double limit, int *status,
                       struct rusage *usage);

/* Sleep for the given number of seconds. */
void harness_sleep(double seconds);

/* Return CLOCK_MONOTONIC in seconds. */
double harness_clock(void);

#endif
