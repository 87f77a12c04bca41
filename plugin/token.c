#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "token.h"

static bool is_token_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
           c == '\f';
}

/* Cut text at its first line break and strip surrounding white space;
 * returns the start of what is left. */
static char *trim_first_line(char *text, size_t *length)
{
    char *end = text + strcspn(text, "\n");

    *end = '\0';
    while (end > text && is_token_space(end[-1]))
        *--end = '\0';
    while (is_token_space(*text))
        text++;
    *length = (size_t)(end - text);
    return text;
}

/* A bearer token is one word of printable ASCII (RFC 6750 allows even
 * less), so a space or control character inside means a wrong file. */
static int validate_token(const char *value, size_t length, const char *source,
                          char *error, size_t error_size)
{
    if (length == 0) {
        snprintf(error, error_size, "the token from %s is empty: %s", source,
                 strncmp(source, "token file", 10) == 0
                     ? "put the access token on its first line"
                     : "give the access token itself");
        return -1;
    }
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c <= 0x20 || c >= 0x7F) {
            snprintf(error, error_size,
                     "the token from %s contains white space, a control "
                     "character or a non-ASCII byte at character %zu: a "
                     "token is one word of printable ASCII",
                     source, i + 1);
            return -1;
        }
    }
    return 0;
}

static int store_token(const char *value, size_t length, struct token *token,
                       const char *source, char *error, size_t error_size)
{
    if (length > TOKEN_MAX_LENGTH) {
        snprintf(error, error_size,
                 "the token from %s is longer than %d characters: it does "
                 "not look like an LGTM access token",
                 source, TOKEN_MAX_LENGTH);
        return -1;
    }
    if (validate_token(value, length, source, error, error_size) != 0)
        return -1;

    token->value = malloc(length + 1);
    if (token->value == NULL) {
        snprintf(error, error_size, "out of memory storing the token");
        return -1;
    }
    memcpy(token->value, value, length);
    token->value[length] = '\0';
    token->length = length;
    return 0;
}

/* Return the length of the first line of text without its CR LF or LF. */
static size_t first_line_length(const char *text)
{
    size_t length = strcspn(text, "\n");

    if (length > 0 && text[length - 1] == '\r')
        length--;
    return length;
}

/* Read up to size bytes, stopping early at a line break. */
static ssize_t read_first_line(int fd, char *buffer, size_t size)
{
    size_t total = 0;

    while (total < size) {
        ssize_t count = read(fd, buffer + total, size - total);
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0)
            return -1;
        if (count == 0)
            break;
        if (memchr(buffer + total, '\n', (size_t)count) != NULL) {
            total += (size_t)count;
            break;
        }
        total += (size_t)count;
    }
    return (ssize_t)total;
}

/* Accept a regular file, or a pipe (read in blocking mode, within the -t
 * budget); a directory or a device cannot hold a token. */
static int check_file_type(int fd, const char *path, struct stat *status,
                           char *error, size_t error_size)
{
    if (fstat(fd, status) != 0) {
        snprintf(error, error_size, "cannot read token file %s: %s", path,
                 strerror(errno));
        return -1;
    }
    if (S_ISFIFO(status->st_mode))
        return fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (!S_ISREG(status->st_mode)) {
        snprintf(error, error_size,
                 "token file %s is %s, not a file: give the path of a file "
                 "whose first line is the token",
                 path, S_ISDIR(status->st_mode) ? "a directory" : "a device");
        return -1;
    }
    return 0;
}

int token_read_file(const char *path, struct token *token, char *error,
                    size_t error_size)
{
    char buffer[TOKEN_MAX_LENGTH + 3]; /* the maximum line, CR, LF, NUL */
    char source[512];
    struct stat status;
    size_t length = 0;
    int result = -1;

    memset(token, 0, sizeof(*token));
    token->source = TOKEN_FROM_FILE;
    token->path = path;
    token_describe_source(token, source, sizeof(source));

    /* O_NONBLOCK keeps open() from waiting for a writer on a pipe. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        snprintf(error, error_size,
                 "cannot open token file %s: %s; check the path and that "
                 "the monitoring user may read it",
                 path, strerror(errno));
        return -1;
    }
    if (check_file_type(fd, path, &status, error, error_size) != 0) {
        close(fd);
        return -1;
    }
    token->file_group_or_other_readable =
        (status.st_mode & (S_IRGRP | S_IROTH)) != 0;

    ssize_t count = read_first_line(fd, buffer, sizeof(buffer) - 1);
    if (count < 0) {
        snprintf(error, error_size, "cannot read token file %s: %s", path,
                 strerror(errno));
    } else {
        buffer[count] = '\0';
        if (memchr(buffer, '\0', (size_t)count) != NULL) {
            snprintf(error, error_size,
                     "token file %s contains a NUL byte: it does not look "
                     "like a text file with a token",
                     path);
        } else if (first_line_length(buffer) > TOKEN_MAX_LENGTH) {
            snprintf(error, error_size,
                     "the first line of token file %s is longer than %d "
                     "bytes: it does not look like a token",
                     path, TOKEN_MAX_LENGTH);
        } else {
            char *value = trim_first_line(buffer, &length);
            result =
                store_token(value, length, token, source, error, error_size);
        }
    }
    memset(buffer, 0, sizeof(buffer));
    close(fd);
    return result;
}

static int token_from_text(const char *text, enum token_source source,
                           struct token *token, char *error, size_t error_size)
{
    char name[64];

    memset(token, 0, sizeof(*token));
    token->source = source;
    token_describe_source(token, name, sizeof(name));
    return store_token(text, strlen(text), token, name, error, error_size);
}

int token_load(const struct lgtm_options *options, struct token *token,
               char *error, size_t error_size)
{
    if (options->token_file != NULL)
        return token_read_file(options->token_file, token, error, error_size);
    if (options->token != NULL)
        return token_from_text(options->token, TOKEN_FROM_OPTION, token, error,
                               error_size);

    /* Icinga 2 sets LGTM_TOKEN to "" when the lgtm_token macro is
     * unset, so an empty variable counts as no token. */
    const char *environment = getenv("LGTM_TOKEN");
    if (environment != NULL && environment[0] != '\0')
        return token_from_text(environment, TOKEN_FROM_ENVIRONMENT, token,
                               error, error_size);

    memset(token, 0, sizeof(*token));
    snprintf(error, error_size,
             "no token%s: give --token-file FILE, set LGTM_TOKEN, or give "
             "--token; create a token with the projects:read scope on "
             "LGTM's Account settings page",
             environment != NULL ? " (LGTM_TOKEN is empty)" : "");
    return -1;
}

void token_describe_source(const struct token *token, char *buffer, size_t size)
{
    switch (token->source) {
    case TOKEN_FROM_FILE:
        snprintf(buffer, size, "token file %s", token->path);
        return;
    case TOKEN_FROM_OPTION:
        snprintf(buffer, size, "--token");
        return;
    case TOKEN_FROM_ENVIRONMENT:
        snprintf(buffer, size, "LGTM_TOKEN");
        return;
    }
    snprintf(buffer, size, "an unknown source");
}

void token_free(struct token *token)
{
    if (token->value != NULL) {
        memset(token->value, 0, token->length);
        free(token->value);
    }
    token->value = NULL;
    token->length = 0;
}
