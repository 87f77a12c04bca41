/* Start, stop and read the log of rejecting_proxy.py. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>

#include "harness.h"
#include "rejecting_proxy.h"
#include "sim.h"

#define PROXY_LIFETIME "120" /* seconds after which the proxy exits */

extern char **environ;

static void proxy_path(const struct rejecting_proxy *proxy, const char *name,
                       char *path, size_t path_size)
{
    snprintf(path, path_size, "%s/%s", proxy->dir, name);
}

static void spawn_proxy(struct rejecting_proxy *proxy)
{
    char script[PATH_MAX];
    char port_file[PATH_MAX];
    char log[PATH_MAX];
    char output[PATH_MAX];
    posix_spawn_file_actions_t actions;

    snprintf(script, sizeof(script), "%s/tests/integration/rejecting_proxy.py",
             harness_getenv("LGTM_SOURCE_DIR"));
    proxy_path(proxy, "port", port_file, sizeof(port_file));
    proxy_path(proxy, "log", log, sizeof(log));
    proxy_path(proxy, "stderr", output, sizeof(output));

    const char *const args[] = {harness_getenv("PYTHON"),
                                script,
                                "--port-file",
                                port_file,
                                "--log",
                                log,
                                "--lifetime",
                                PROXY_LIFETIME,
                                NULL};
    char **argv = arg_list_copy(args);
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null",
                                     O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    int error =
        posix_spawnp(&proxy->pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    arg_list_free(argv);
    if (error != 0)
        proxy->pid = 0;
    ck_assert_msg(error == 0, "cannot start %s with %s: %s", script,
                  harness_getenv("PYTHON"), strerror(error));
}

/* Poll for the port file until SIM_START_LIMIT passes or the proxy
 * exits; fail the test with the proxy's stderr if it does not listen. */
static void wait_for_port(struct rejecting_proxy *proxy)
{
    char path[PATH_MAX];
    double deadline = harness_clock() + SIM_START_LIMIT;
    int status = 0;

    proxy_path(proxy, "port", path, sizeof(path));
    while (harness_clock() < deadline) {
        char text[32];
        char *end = NULL;

        harness_read_text(path, text, sizeof(text));
        long port = strtol(text, &end, 10);
        if (end != text && port > 0 && port <= 65535) {
            proxy->port = (int)port;
            return;
        }
        if (waitpid(proxy->pid, &status, WNOHANG) == proxy->pid) {
            proxy->pid = 0;
            break;
        }
        harness_sleep(0.02);
    }

    char output[2048];
    proxy_path(proxy, "stderr", path, sizeof(path));
    harness_read_text(path, output, sizeof(output));
    rejecting_proxy_stop(proxy);
    ck_abort_msg("the rejecting proxy did not start listening; its "
                 "stderr:\n%s",
                 output);
}

void rejecting_proxy_start(struct rejecting_proxy *proxy)
{
    memset(proxy, 0, sizeof(*proxy));
    snprintf(proxy->dir, sizeof(proxy->dir), "proxy-XXXXXX");
    ck_assert_msg(mkdtemp(proxy->dir) != NULL, "cannot create %s: %s",
                  proxy->dir, strerror(errno));
    spawn_proxy(proxy);
    wait_for_port(proxy);
    snprintf(proxy->url, sizeof(proxy->url), "http://127.0.0.1:%d",
             proxy->port);
}

void rejecting_proxy_stop(struct rejecting_proxy *proxy)
{
    int status = 0;

    if (proxy->pid <= 0)
        return;
    kill(proxy->pid, SIGTERM);
    harness_wait(proxy->pid, SIM_STOP_LIMIT, &status);
    proxy->pid = 0;
}

void rejecting_proxy_read_log(const struct rejecting_proxy *proxy, char *log,
                              size_t log_size)
{
    char path[PATH_MAX];

    proxy_path(proxy, "log", path, sizeof(path));
    harness_read_text(path, log, log_size);
}
