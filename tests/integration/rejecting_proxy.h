/* rejecting_proxy.py as a child process of a test: an HTTP proxy on
 * 127.0.0.1 that rejects every request, CONNECT included, with 403
 * Forbidden and logs each request line. Like the simulator, it stays in
 * the test's process group, so Check's kill after a failed test stops it
 * too. */
#ifndef LGTM_IT_REJECTING_PROXY_H
#define LGTM_IT_REJECTING_PROXY_H

#include <stddef.h>
#include <sys/types.h>

struct rejecting_proxy {
    pid_t pid;    /* 0 once stopped */
    int port;     /* the TCP port it listens on */
    char dir[64]; /* its directory, relative to the run directory */
    char url[64]; /* http://127.0.0.1:PORT, for --proxy */
};

/* Start the proxy and wait until it listens, failing the current test
 * when it does not start. */
void rejecting_proxy_start(struct rejecting_proxy *proxy);

/* Stop the proxy: SIGTERM, then SIGKILL after SIM_STOP_LIMIT. */
void rejecting_proxy_stop(struct rejecting_proxy *proxy);

/* Store the proxy's log, one JSON object with the request line per
 * request, in log (cut to log_size - 1 bytes). Call it after
 * rejecting_proxy_stop(). */
void rejecting_proxy_read_log(const struct rejecting_proxy *proxy, char *log,
                              size_t log_size);

#endif
