/* The LGTM API simulator (tests/sim/lgtm_sim.py) as a child process of a
 * test, and its JSON-lines event log.
 *
 * The simulator inherits the test's process group, so Check's kill of
 * that group after each test also stops a simulator that a failed
 * assertion left running. */
#ifndef LGTM_IT_SIM_H
#define LGTM_IT_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <json-c/json.h>

#include "harness.h"

/* Seconds to wait for the simulator's port file, and for its exit. */
#define SIM_START_LIMIT 10.0
#define SIM_STOP_LIMIT 5.0
/* The simulator exits by itself after this many seconds. */
#define SIM_LIFETIME "120"

/* What to start. Zero fields mean the defaults. */
struct sim_config {
    int projects;             /* projects listed for TEST_TOKEN */
    const char *bind;         /* "127.0.0.1" (default) or "::1" */
    const char *cert;         /* name in CERT_DIR without .pem, "server" */
    bool plain_http;          /* serve plain HTTP: no certificate at all */
    const char *const *extra; /* more simulator options, NULL-terminated */
};

/* A running simulator. It accepts TEST_TOKEN with the projects:read
 * scope, serves HTTPS (or plain HTTP) and logs to dir/log. */
struct sim {
    pid_t pid;    /* 0 once stopped */
    int port;     /* the TCP port it listens on */
    char dir[64]; /* its directory, relative to the run directory */
    char url[80]; /* https://127.0.0.1:PORT or https://[::1]:PORT, or http */
};

/* One request event from the log. The strings belong to the log, and a
 * header the request did not carry is NULL. */
struct sim_request {
    int conn;
    int status;
    const char *method;
    const char *path;
    const char *query;
    const char *authorization;
    const char *accept;
    const char *user_agent;
    const char *host;
};

/* The parsed event log. */
struct sim_log {
    char *text;           /* the raw file, for failure reports */
    json_object *events;  /* array of all events, owns the strings */
    int connections;      /* "connection" events */
    int tls_errors;       /* "tls-error" events */
    size_t request_count; /* "request" events */
    struct sim_request *requests;
};

/* Start a simulator and wait until it listens. Returns -1 with the reason
 * and the simulator's stderr in error when it does not start. */
int sim_try_start(struct sim *sim, const struct sim_config *config, char *error,
                  size_t error_size);

/* Start a simulator, failing the current test when it does not start. */
void sim_start(struct sim *sim, const struct sim_config *config);

/* Stop the simulator: SIGTERM, then SIGKILL after SIM_STOP_LIMIT. */
void sim_stop(struct sim *sim);

/* Wait up to limit seconds until the running simulator has logged an
 * event of the given type, such as "request". Returns 0 once it has, or
 * -1. Only complete lines of the log count. */
int sim_wait_for_event(const struct sim *sim, const char *type, double limit);

/* Read and parse the event log, failing the current test on a line that
 * is not a JSON object. Call it after sim_stop(), so that no event is
 * still being written. */
void sim_log_read(const struct sim *sim, struct sim_log *log);

void sim_log_free(struct sim_log *log);

/* Start a simulator with config, run the plugin with --url pointing at
 * it, --ca-file CA_FILE and then args, stop the simulator and read its
 * log. env is passed to plugin_run(). */
void sim_run_plugin(const struct sim_config *config, const char *const args[],
                    const char *const env[], struct plugin_result *result,
                    struct sim_log *log);

/* Return whether the query string has the parameter, e.g. "limit=100". */
bool sim_query_has(const char *query, const char *parameter);

/* Return a TCP port on 127.0.0.1 where nothing listens, found by binding
 * a socket to an ephemeral port and closing it. Another process could
 * take the port before the test uses it, which is unlikely. */
int closed_loopback_port(void);

#endif
