/* Checks of the local files and directories named by options, so that a
 * wrong path gives UNKNOWN naming it before any request is made. */
#ifndef LGTM_FILES_H
#define LGTM_FILES_H

#include <stdbool.h>
#include <stddef.h>

enum file_kind {
    FILE_REGULAR,  /* a readable regular file */
    FILE_DIRECTORY /* a readable and searchable directory */
};

/* Check that path is of the expected kind and readable. Returns 0, or -1
 * with error naming the option, the path, what is wrong and hint. A NULL
 * path passes. */
int files_check(const char *option, const char *path, enum file_kind kind,
                const char *hint, char *error, size_t error_size);

#endif
