/* Start, stop and read the log of the LGTM API simulator. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>

#include "harness.h"
#include "sim.h"

#define STDERR_EXCERPT 2048 /* bytes of simulator stderr in a message */

extern char **environ;

static void sim_path(const struct sim *sim, const char *name, char *path,
                     size_t path_size)
{
    snprintf(path, path_size, "%s/%s", sim->dir, name);
}

/* Formatted option values for the simulator's command line. */
struct sim_arguments {
    char script[PATH_MAX];
    char cert[PATH_MAX];
    char key[PATH_MAX];
    char port_file[PATH_MAX];
    char log[PATH_MAX];
    char projects[32];
};

static char **build_sim_argv(const struct sim *sim,
                             const struct sim_config *config)
{
    const char *cert = config->cert ? config->cert : "server";
    struct sim_arguments values;

    snprintf(values.script, sizeof(values.script), "%s/tests/sim/lgtm_sim.py",
             harness_getenv("LGTM_SOURCE_DIR"));
    snprintf(values.cert, sizeof(values.cert), "%s/%s.pem", CERT_DIR, cert);
    snprintf(values.key, sizeof(values.key), "%s/%s.key", CERT_DIR, cert);
    sim_path(sim, "port", values.port_file, sizeof(values.port_file));
    sim_path(sim, "log", values.log, sizeof(values.log));
    snprintf(values.projects, sizeof(values.projects), "%d", config->projects);

    const char *const certificate[] = {"--cert", values.cert, "--key",
                                       values.key, NULL};
    const char *const fixed[] = {harness_getenv("PYTHON"),
                                 values.script,
                                 "--bind",
                                 config->bind ? config->bind : "127.0.0.1",
                                 "--port",
                                 "0",
                                 "--port-file",
                                 values.port_file,
                                 "--log",
                                 values.log,
                                 "--projects",
                                 values.projects,
                                 "--token",
                                 TEST_TOKEN,
                                 "--lifetime",
                                 SIM_LIFETIME,
                                 NULL};
    const char **options =
        arg_list_join(fixed, config->plain_http ? NULL : certificate);
    const char **joined = arg_list_join(options, config->extra);
    char **argv = arg_list_copy(joined);

    free(joined);
    free(options);
    return argv;
}

/* Write the simulator's command line to dir/command, for inspecting a
 * kept run directory. */
static void write_command_file(const struct sim *sim, char *const argv[])
{
    char path[PATH_MAX];

    sim_path(sim, "command", path, sizeof(path));
    FILE *file = fopen(path, "w");
    if (file == NULL)
        return;
    for (size_t i = 0; argv[i] != NULL; i++)
        fprintf(file, "%s%s", i > 0 ? " " : "", argv[i]);
    fputc('\n', file);
    fclose(file);
}

/* Spawn the simulator with stdout and stderr going to dir/stderr. */
static int spawn_sim(struct sim *sim, const struct sim_config *config,
                     char *error, size_t error_size)
{
    char output[PATH_MAX];
    posix_spawn_file_actions_t actions;

    char **argv = build_sim_argv(sim, config);
    write_command_file(sim, argv);
    sim_path(sim, "stderr", output, sizeof(output));
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null",
                                     O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    int spawn_error =
        posix_spawnp(&sim->pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawn_error != 0) {
        snprintf(error, error_size, "cannot start the simulator with %s: %s",
                 argv[0], strerror(spawn_error));
        sim->pid = 0;
    }
    arg_list_free(argv);
    return spawn_error == 0 ? 0 : -1;
}

static int read_port(const struct sim *sim)
{
    char path[PATH_MAX];
    int port = 0;

    sim_path(sim, "port", path, sizeof(path));
    FILE *file = fopen(path, "r");
    if (file == NULL)
        return 0;
    if (fscanf(file, "%d", &port) != 1)
        port = 0;
    fclose(file);
    return port;
}

/* Describe why the simulator did not start, with its stderr. */
static void describe_start_failure(const struct sim *sim, const char *reason,
                                   char *error, size_t error_size)
{
    char path[PATH_MAX];
    char output[STDERR_EXCERPT];

    sim_path(sim, "stderr", path, sizeof(path));
    harness_read_text(path, output, sizeof(output));
    snprintf(error, error_size,
             "the simulator did not start: %s; its stderr:\n%s", reason,
             output);
}

/* Poll for the port file until SIM_START_LIMIT passes or the simulator
 * exits. */
static int wait_for_port(struct sim *sim, char *error, size_t error_size)
{
    double deadline = harness_clock() + SIM_START_LIMIT;
    int status = 0;

    while (harness_clock() < deadline) {
        sim->port = read_port(sim);
        if (sim->port > 0)
            return 0;
        if (waitpid(sim->pid, &status, WNOHANG) == sim->pid) {
            char reason[64];

            snprintf(reason, sizeof(reason), "it exited with status %d",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            sim->pid = 0;
            describe_start_failure(sim, reason, error, error_size);
            return -1;
        }
        harness_sleep(0.02);
    }
    char reason[64];
    snprintf(reason, sizeof(reason), "no port file after %g s",
             SIM_START_LIMIT);
    describe_start_failure(sim, reason, error, error_size);
    return -1;
}

int sim_try_start(struct sim *sim, const struct sim_config *config, char *error,
                  size_t error_size)
{
    memset(sim, 0, sizeof(*sim));
    snprintf(sim->dir, sizeof(sim->dir), "sim-XXXXXX");
    if (mkdtemp(sim->dir) == NULL) {
        snprintf(error, error_size, "cannot create %s: %s", sim->dir,
                 strerror(errno));
        return -1;
    }
    if (spawn_sim(sim, config, error, error_size) != 0)
        return -1;
    if (wait_for_port(sim, error, error_size) != 0) {
        sim_stop(sim);
        return -1;
    }

    const char *bind = config->bind ? config->bind : "127.0.0.1";
    const char *scheme = config->plain_http ? "http" : "https";
    if (strchr(bind, ':') != NULL)
        snprintf(sim->url, sizeof(sim->url), "%s://[%s]:%d", scheme, bind,
                 sim->port);
    else
        snprintf(sim->url, sizeof(sim->url), "%s://%s:%d", scheme, bind,
                 sim->port);
    return 0;
}

void sim_start(struct sim *sim, const struct sim_config *config)
{
    char error[4096];

    if (sim_try_start(sim, config, error, sizeof(error)) != 0)
        ck_abort_msg("%s", error);
}

void sim_stop(struct sim *sim)
{
    int status = 0;

    if (sim->pid <= 0)
        return;
    kill(sim->pid, SIGTERM);
    harness_wait(sim->pid, SIM_STOP_LIMIT, &status);
    sim->pid = 0;
}

void sim_run_plugin(const struct sim_config *config, const char *const args[],
                    const char *const env[], struct plugin_result *result,
                    struct sim_log *log)
{
    struct sim sim;

    sim_start(&sim, config);
    const char *const target[] = {"--url", sim.url, "--ca-file", CA_FILE, NULL};
    const char **joined = arg_list_join(target, args);
    plugin_run(joined, env, result);
    free(joined);
    sim_stop(&sim);
    sim_log_read(&sim, log);
}

static char *read_whole_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    char *text = NULL;
    size_t length = 0;
    char chunk[8192];
    size_t count;

    ck_assert_msg(file != NULL, "cannot open the simulator log %s: %s", path,
                  strerror(errno));
    while ((count = fread(chunk, 1, sizeof(chunk), file)) > 0) {
        char *grown = realloc(text, length + count + 1);

        ck_assert_msg(grown != NULL, "out of memory reading %s", path);
        text = grown;
        memcpy(text + length, chunk, count);
        length += count;
    }
    fclose(file);
    if (text == NULL) {
        text = malloc(1);
        ck_assert_msg(text != NULL, "out of memory reading %s", path);
    }
    text[length] = '\0';
    return text;
}

/* Return whether a complete line of the log file is an event of the
 * given type. */
static bool log_has_event(const char *path, const char *type)
{
    FILE *file = fopen(path, "rb");
    char line[8192];
    bool found = false;

    if (file == NULL)
        return false;
    while (!found && fgets(line, sizeof(line), file) != NULL) {
        if (strchr(line, '\n') == NULL)
            continue; /* a long or unfinished line, not an event to wait for */
        json_object *event = json_tokener_parse(line);
        json_object *value = NULL;

        found = event != NULL &&
                json_object_object_get_ex(event, "event", &value) &&
                json_object_is_type(value, json_type_string) &&
                strcmp(json_object_get_string(value), type) == 0;
        json_object_put(event);
    }
    fclose(file);
    return found;
}

int sim_wait_for_event(const struct sim *sim, const char *type, double limit)
{
    char path[PATH_MAX];
    double deadline = harness_clock() + limit;

    sim_path(sim, "log", path, sizeof(path));
    while (harness_clock() < deadline) {
        if (log_has_event(path, type))
            return 0;
        harness_sleep(0.02);
    }
    return -1;
}

static const char *string_field(json_object *object, const char *name)
{
    json_object *value = NULL;

    if (!json_object_object_get_ex(object, name, &value))
        return NULL;
    return json_object_get_string(value);
}

static int int_field(json_object *object, const char *name)
{
    json_object *value = NULL;

    if (!json_object_object_get_ex(object, name, &value))
        return -1;
    return json_object_get_int(value);
}

static void add_request(struct sim_log *log, json_object *event)
{
    struct sim_request *request = &log->requests[log->request_count++];
    json_object *headers = NULL;

    request->conn = int_field(event, "conn");
    request->status = int_field(event, "status");
    request->method = string_field(event, "method");
    request->path = string_field(event, "path");
    request->query = string_field(event, "query");
    if (json_object_object_get_ex(event, "headers", &headers)) {
        request->authorization = string_field(headers, "authorization");
        request->accept = string_field(headers, "accept");
        request->user_agent = string_field(headers, "user-agent");
        request->host = string_field(headers, "host");
    }
}

static void add_event(struct sim_log *log, const char *line)
{
    json_object *event = json_tokener_parse(line);

    ck_assert_msg(event != NULL && json_object_is_type(event, json_type_object),
                  "simulator log line is not a JSON object: %s", line);
    json_object_array_add(log->events, event);

    const char *type = string_field(event, "event");
    if (type == NULL)
        return;
    if (strcmp(type, "connection") == 0)
        log->connections++;
    else if (strcmp(type, "tls-error") == 0)
        log->tls_errors++;
    else if (strcmp(type, "request") == 0)
        add_request(log, event);
}

void sim_log_read(const struct sim *sim, struct sim_log *log)
{
    char path[PATH_MAX];
    size_t lines = 0;

    memset(log, 0, sizeof(*log));
    sim_path(sim, "log", path, sizeof(path));
    log->text = read_whole_file(path);
    for (const char *c = log->text; *c != '\0'; c++)
        lines += *c == '\n';

    log->events = json_object_new_array();
    log->requests = calloc(lines + 1, sizeof(*log->requests));
    ck_assert_msg(log->events != NULL && log->requests != NULL,
                  "out of memory for the simulator log");

    char *copy = strdup(log->text);
    ck_assert_msg(copy != NULL, "out of memory for the simulator log");
    for (char *line = copy; *line != '\0';) {
        char *end = strchr(line, '\n');

        if (end == NULL)
            end = line + strlen(line);
        else
            *end++ = '\0';
        if (line[0] != '\0')
            add_event(log, line);
        line = end;
    }
    free(copy);
}

void sim_log_free(struct sim_log *log)
{
    free(log->text);
    free(log->requests);
    json_object_put(log->events);
    memset(log, 0, sizeof(*log));
}

bool sim_query_has(const char *query, const char *parameter)
{
    size_t length = strlen(parameter);

    for (const char *item = query; item != NULL && *item != '\0';) {
        const char *end = strchr(item, '&');
        size_t item_length = end ? (size_t)(end - item) : strlen(item);

        if (item_length == length && strncmp(item, parameter, length) == 0)
            return true;
        item = end ? end + 1 : NULL;
    }
    return false;
}

int closed_loopback_port(void)
{
    struct sockaddr_in address;
    socklen_t length = sizeof(address);
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    ck_assert_msg(fd >= 0, "socket failed: %s", strerror(errno));
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ck_assert_msg(bind(fd, (struct sockaddr *)&address, sizeof(address)) == 0,
                  "bind to 127.0.0.1 failed: %s", strerror(errno));
    ck_assert_msg(getsockname(fd, (struct sockaddr *)&address, &length) == 0,
                  "getsockname failed: %s", strerror(errno));
    close(fd);
    return ntohs(address.sin_port);
}
