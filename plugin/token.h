/* Finding and loading the access token. The token is never printed; only
 * its source and length are. */
#ifndef LGTM_TOKEN_H
#define LGTM_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

/* The first line of a token file is read up to this many bytes. */
#define TOKEN_MAX_LENGTH 8192

enum token_source {
    TOKEN_FROM_FILE,
    TOKEN_FROM_OPTION,
    TOKEN_FROM_ENVIRONMENT
};

struct token {
    char *value;
    size_t length;
    enum token_source source;
    const char *path; /* the token file, for TOKEN_FROM_FILE */
    bool file_group_or_other_readable;
};

/* Load the token from --token-file, --token or LGTM_TOKEN, in that order.
 * Returns 0, or -1 with a one-line error naming the source and the fix. */
int token_load(const struct lgtm_options *options, struct token *token,
               char *error, size_t error_size);

/* Read the first line of path, without surrounding white space. */
int token_read_file(const char *path, struct token *token, char *error,
                    size_t error_size);

/* Name the token's source for messages: "token file PATH", "--token" or
 * "LGTM_TOKEN". */
void token_describe_source(const struct token *token, char *buffer,
                           size_t size);

/* Overwrite and free the token. */
void token_free(struct token *token);

#endif
