/* The recording TCP listener of listener.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "harness.h"
#include "listener.h"

#define LISTENER_STOP_LIMIT 5.0 /* seconds to wait for the child's exit */
#define HEADER_END "\r\n\r\n"

/* The record files: one byte in connections per accepted connection,
 * and every received byte in received. */
#define CONNECTIONS_FILE "connections"
#define RECEIVED_FILE "received"

static void listener_path(const struct listener *listener, const char *name,
                          char *path, size_t path_size)
{
    snprintf(path, path_size, "%s/%s", listener->dir, name);
}

/* Write all bytes, or return -1. Runs in the child. */
static int write_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t count = write(fd, data, length);

        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            return -1;
        data += count;
        length -= (size_t)count;
    }
    return 0;
}

/* Advance the count of HEADER_END bytes matched so far over data. The
 * fallback to 0 or 1 on a mismatch is right for this pattern, because
 * only its first byte repeats at the start of a suffix. */
static size_t match_header_end(size_t matched, const char *data, size_t length)
{
    for (size_t i = 0; i < length && matched < strlen(HEADER_END); i++) {
        if (data[i] == HEADER_END[matched])
            matched++;
        else
            matched = data[i] == HEADER_END[0] ? 1 : 0;
    }
    return matched;
}

/* Record one connection until the client closes it or stays silent for
 * LISTENER_IDLE_LIMIT, replying once its header is complete. Runs in the
 * child. */
static void serve_client(int client, int received, const char *reply,
                         size_t reply_length)
{
    struct pollfd poll_client = {client, POLLIN, 0};
    bool replied = reply == NULL;
    size_t matched = 0;
    char chunk[8192];

    for (;;) {
        int ready = poll(&poll_client, 1, (int)(LISTENER_IDLE_LIMIT * 1000));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return;

        ssize_t count = read(client, chunk, sizeof(chunk));
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            return;
        if (write_all(received, chunk, (size_t)count) != 0)
            _exit(EXIT_FAILURE);

        matched = match_header_end(matched, chunk, (size_t)count);
        if (!replied && matched == strlen(HEADER_END)) {
            if (write_all(client, reply, reply_length) != 0)
                return;
            shutdown(client, SHUT_WR);
            replied = true;
        }
    }
}

/* Accept and record connections, one at a time, until a signal ends the
 * process. Runs in the child and never returns. */
static void serve_forever(const struct listener *listener, int server,
                          const char *reply, size_t reply_length)
{
    char path[PATH_MAX];

    listener_path(listener, CONNECTIONS_FILE, path, sizeof(path));
    int connections = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
    listener_path(listener, RECEIVED_FILE, path, sizeof(path));
    int received = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
    if (connections < 0 || received < 0)
        _exit(EXIT_FAILURE);

    for (;;) {
        int client = accept(server, NULL, NULL);

        if (client < 0 && errno == EINTR)
            continue;
        if (client < 0)
            _exit(EXIT_FAILURE);
        if (write_all(connections, "C", 1) != 0)
            _exit(EXIT_FAILURE);
        serve_client(client, received, reply, reply_length);
        close(client);
    }
}

/* Return a socket listening on an ephemeral 127.0.0.1 port, and the port
 * in *port. */
static int listen_on_loopback(int *port)
{
    struct sockaddr_in address;
    socklen_t length = sizeof(address);
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    ck_assert_msg(fd >= 0, "socket failed: %s", strerror(errno));
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_msg(bind(fd, (struct sockaddr *)&address, sizeof(address)) == 0,
                  "bind to 127.0.0.1 failed: %s", strerror(errno));
    ck_assert_msg(listen(fd, 16) == 0, "listen failed: %s", strerror(errno));
    ck_assert_msg(getsockname(fd, (struct sockaddr *)&address, &length) == 0,
                  "getsockname failed: %s", strerror(errno));
    *port = ntohs(address.sin_port);
    return fd;
}

static void create_empty_file(const struct listener *listener, const char *name)
{
    char path[PATH_MAX];

    listener_path(listener, name, path, sizeof(path));
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    ck_assert_msg(fd >= 0, "cannot create %s: %s", path, strerror(errno));
    close(fd);
}

void listener_start(struct listener *listener, const char *reply,
                    size_t reply_length)
{
    memset(listener, 0, sizeof(*listener));
    snprintf(listener->dir, sizeof(listener->dir), "listener-XXXXXX");
    ck_assert_msg(mkdtemp(listener->dir) != NULL, "cannot create %s: %s",
                  listener->dir, strerror(errno));
    create_empty_file(listener, CONNECTIONS_FILE);
    create_empty_file(listener, RECEIVED_FILE);

    int server = listen_on_loopback(&listener->port);
    snprintf(listener->url, sizeof(listener->url), "http://127.0.0.1:%d",
             listener->port);

    /* Output that the test buffered would otherwise be written twice. */
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_msg(pid >= 0, "fork failed: %s", strerror(errno));
    if (pid == 0) {
        /* The child inherits the runner's SIGTERM handler, which Check
         * (0.15, check_run.c) installs to kill the whole process group,
         * so listener_stop() would end the test as well. */
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        serve_forever(listener, server, reply, reply_length);
    }
    listener->pid = pid;
    close(server);
}

void listener_stop(struct listener *listener)
{
    int status = 0;

    if (listener->pid <= 0)
        return;
    kill(listener->pid, SIGTERM);
    harness_wait(listener->pid, LISTENER_STOP_LIMIT, &status);
    listener->pid = 0;
}

/* Read a whole file into a NUL-terminated buffer and store its length. */
static char *read_record_file(const struct listener *listener, const char *name,
                              size_t *length)
{
    char path[PATH_MAX];
    struct stat info;

    listener_path(listener, name, path, sizeof(path));
    FILE *file = fopen(path, "rb");
    ck_assert_msg(file != NULL, "cannot open %s: %s", path, strerror(errno));
    ck_assert_msg(fstat(fileno(file), &info) == 0, "cannot stat %s: %s", path,
                  strerror(errno));

    char *data = malloc((size_t)info.st_size + 1);
    ck_assert_msg(data != NULL, "out of memory reading %s", path);
    *length = fread(data, 1, (size_t)info.st_size, file);
    data[*length] = '\0';
    fclose(file);
    return data;
}

void listener_read(const struct listener *listener,
                   struct listener_record *record)
{
    memset(record, 0, sizeof(*record));
    free(read_record_file(listener, CONNECTIONS_FILE, &record->connections));
    record->received =
        read_record_file(listener, RECEIVED_FILE, &record->received_length);
}

void listener_record_free(struct listener_record *record)
{
    free(record->received);
    memset(record, 0, sizeof(*record));
}
