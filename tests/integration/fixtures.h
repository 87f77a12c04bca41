/* Helpers of the failure-class tests (test_tls.c, test_auth.c,
 * test_http.c, test_network.c): simulator URLs with a host name and path
 * of the test's choice, fixture files, certificate dates and perfdata
 * thresholds. */
#ifndef LGTM_IT_FIXTURES_H
#define LGTM_IT_FIXTURES_H

#include <stdbool.h>
#include <stddef.h>

#include "expect.h"
#include "harness.h"
#include "sim.h"

/* No request reached the simulator, so the token never left the plugin. */
#define expect_no_request(log)                                                 \
    expect_log((log), (log)->request_count == 0,                               \
               "%zu requests reached the simulator, expected none",            \
               (log)->request_count)

/* Format "SCHEME://HOST:PORT" and then path (may be "") for the
 * simulator's port, e.g. "https://localhost:40123/lgtm". */
void sim_url(const struct sim *sim, const char *scheme, const char *host,
             const char *path, char *url, size_t url_size);

/* Run the plugin with args and env against a running simulator, then
 * stop the simulator and read its log. */
void run_plugin_then_stop(struct sim *sim, const char *const args[],
                          const char *const env[], struct plugin_result *result,
                          struct sim_log *log);

/* Write content to path, failing the current test on error. */
void fixture_write_file(const char *path, const char *content);

/* Store the notAfter date of the PEM certificate at path in the form
 * line 1 uses, "YYYY-MM-DDTHH:MM:SSZ". Fails the current test when the
 * certificate cannot be read. */
void certificate_not_after(const char *path, char *date, size_t date_size);

/* Field positions in a perfdata item "label=value;warn;crit;min;max". */
enum perfdata_position {
    PERFDATA_VALUE = 0,
    PERFDATA_WARN = 1,
    PERFDATA_CRIT = 2
};

/* Copy one field of the perfdata item label on line 1 into field.
 * Returns false when the item or the field is missing or does not fit. */
bool perfdata_field(const char *line, const char *label,
                    enum perfdata_position position, char *field,
                    size_t field_size);

/* The perfdata item label on line 1 has text at position. */
#define expect_perfdata_field(result, label, position, text)                   \
    do {                                                                       \
        char perfdata_field_[64];                                              \
        expect_run((result),                                                   \
                   perfdata_field((result)->line1, (label), (position),        \
                                  perfdata_field_, sizeof(perfdata_field_)),   \
                   "line 1 has no field %d in perfdata \"%s\": %s",            \
                   (int)(position), (label), (result)->line1);                 \
        expect_run((result), strcmp(perfdata_field_, (text)) == 0,             \
                   "perfdata %s has \"%s\" at field %d, expected \"%s\"",      \
                   (label), perfdata_field_, (int)(position), (text));         \
    } while (0)

#endif
