#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"

/* Name what a path is when it is not the expected kind. */
static const char *describe_type(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISFIFO(mode))
        return "a pipe";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

int files_check(const char *option, const char *path, enum file_kind kind,
                const char *hint, char *error, size_t error_size)
{
    struct stat status;
    bool directory = kind == FILE_DIRECTORY;

    if (path == NULL)
        return 0;
    if (stat(path, &status) != 0) {
        snprintf(error, error_size, "cannot read %s %s: %s; %s", option, path,
                 strerror(errno), hint);
        return -1;
    }
    if (directory ? !S_ISDIR(status.st_mode) : !S_ISREG(status.st_mode)) {
        snprintf(error, error_size, "%s %s is %s, not a %s; %s", option, path,
                 directory
                     ? (S_ISREG(status.st_mode) ? "a file"
                                                : describe_type(status.st_mode))
                     : describe_type(status.st_mode),
                 directory ? "directory" : "file", hint);
        return -1;
    }
    if (access(path, directory ? R_OK | X_OK : R_OK) != 0) {
        snprintf(error, error_size, "cannot read %s %s: %s; %s", option, path,
                 strerror(errno), hint);
        return -1;
    }
    return 0;
}
