/* A plain TCP listener on 127.0.0.1 that records every connection and
 * every byte it receives. Tests use it as a port that must see nothing,
 * such as the target of a nextPageUrl or a redirect. It also serves one
 * canned HTTP response byte for byte, for bytes that are not UTF-8 in a
 * header, which the simulator cannot send.
 *
 * It runs in a forked child of the test, in the test's process group, so
 * Check's kill of that group after each test also stops it. */
#ifndef LGTM_IT_LISTENER_H
#define LGTM_IT_LISTENER_H

#include <stddef.h>
#include <sys/types.h>

/* Seconds a connection may stay silent before the listener closes it. */
#define LISTENER_IDLE_LIMIT 10.0

/* A running listener. */
struct listener {
    pid_t pid;    /* 0 once stopped */
    int port;     /* the TCP port on 127.0.0.1 */
    char dir[64]; /* its record files, relative to the run directory */
    char url[80]; /* http://127.0.0.1:PORT */
};

/* What a listener recorded. */
struct listener_record {
    size_t connections;     /* connections accepted */
    char *received;         /* all bytes received, NUL-terminated */
    size_t received_length; /* bytes in received */
};

/* Start a listener on an ephemeral port. Without a reply (NULL), it reads
 * each connection until the client closes it. With one, it sends the
 * reply_length bytes of reply once the request header has arrived (at the
 * first empty line) and then closes the connection. Fails the current
 * test when it cannot start. */
void listener_start(struct listener *listener, const char *reply,
                    size_t reply_length);

/* Stop the listener with SIGTERM and reap it. */
void listener_stop(struct listener *listener);

/* Read what the listener recorded. Call it after listener_stop(). */
void listener_read(const struct listener *listener,
                   struct listener_record *record);

void listener_record_free(struct listener_record *record);

#endif
