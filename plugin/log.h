/* Verbose diagnostics on stderr, so they never mix with the status line. */
#ifndef LGTM_LOG_H
#define LGTM_LOG_H

/* Verbosity from -v: 0 silent, 1 stages, 2 per-page detail, 3 libcurl
 * trace. The plugin's only global. */
extern int log_verbosity;

/* Print "check_lgtm: MESSAGE" on stderr when verbosity >= level. Callers
 * pass only text that contains no token; server text must be sanitized. */
void log_verbose(int level, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

#endif
