#include <stdarg.h>
#include <stdio.h>

#include "log.h"

int log_verbosity = 0;

void log_verbose(int level, const char *format, ...)
{
    va_list arguments;

    if (log_verbosity < level)
        return;

    fputs("check_lgtm: ", stderr);
    va_start(arguments, format);
    vfprintf(stderr, format, arguments);
    va_end(arguments);
    fputc('\n', stderr);
}
