#include <string.h>

#include "output.h"
#include "perfdata.h"
#include "sanitize.h"

/* Cap on the whole output, as Nagios stores about 4 KB of it. */
#define OUTPUT_MAX 4000
#define PERFDATA_ITEM_MAX 256

static void append_item(struct strbuf *perfdata,
                        const struct perfdata_item *item)
{
    char text[PERFDATA_ITEM_MAX];
    int length = perfdata_format(item, text, sizeof(text));

    if (length <= 0 || (size_t)length >= sizeof(text))
        return;
    if (perfdata->length > 0)
        strbuf_append(perfdata, " ", 1);
    strbuf_append(perfdata, text, (size_t)length);
}

static void append_seconds(struct strbuf *perfdata, const char *label,
                           double value, const struct range *warning,
                           const struct range *critical)
{
    struct perfdata_item item = {
        .label = label,
        .value = value,
        .decimals = 6,
        .unit = "s",
        .warning = warning,
        .critical = critical,
        .has_min = true,
        .min = 0,
    };

    append_item(perfdata, &item);
}

static void append_count(struct strbuf *perfdata, const char *label, long value,
                         const struct range *warning,
                         const struct range *critical)
{
    struct perfdata_item item = {
        .label = label,
        .value = (double)value,
        .decimals = 0,
        .unit = "",
        .warning = warning,
        .critical = critical,
        .has_min = true,
        .min = 0,
    };

    append_item(perfdata, &item);
}

/* cert_days, with -C as "DAYS:" ranges that alert below DAYS. */
static void append_certificate_days(struct strbuf *perfdata,
                                    const struct outcome *outcome,
                                    const struct lgtm_options *options)
{
    struct range warning = {0};
    struct range critical = {0};

    if (!outcome->tls_facts_available || !outcome->tls.leaf.present)
        return;
    if (options->certificate_warning_days >= 0) {
        warning.is_set = true;
        warning.end_infinite = true;
        warning.start = (double)options->certificate_warning_days;
    }
    if (options->certificate_critical_days >= 0) {
        critical.is_set = true;
        critical.end_infinite = true;
        critical.start = (double)options->certificate_critical_days;
    }

    struct perfdata_item item = {
        .label = "cert_days",
        .value = (double)outcome->tls.leaf.days_left,
        .decimals = 0,
        .unit = "",
        .warning = &warning,
        .critical = &critical,
    };
    append_item(perfdata, &item);
}

void output_perfdata(const struct outcome *outcome,
                     const struct lgtm_options *options,
                     struct strbuf *perfdata)
{
    const struct http_timings *first = &outcome->first;

    if (outcome->kind == OUTCOME_LISTED)
        append_count(perfdata, "projects", outcome->projects,
                     &options->projects_warning, &options->projects_critical);
    if (outcome->have_first)
        append_seconds(perfdata, "time", first->total, &options->time_warning,
                       &options->time_critical);
    if (outcome->have_first)
        append_seconds(perfdata, "time_total", outcome->total_time, NULL, NULL);
    append_count(perfdata, "pages", outcome->pages, NULL, NULL);
    append_certificate_days(perfdata, outcome, options);
    if (!outcome->have_first)
        return;

    /* A stage the first request did not reach, or TLS on plain http, has
     * no measurement, so it gets no value rather than a false 0. */
    if (first->connect > 0)
        append_seconds(perfdata, "time_connect", first->connect, NULL, NULL);
    if (first->tls > 0)
        append_seconds(perfdata, "time_tls", first->tls, NULL, NULL);
    if (first->first_byte > 0)
        append_seconds(perfdata, "time_firstbyte", first->first_byte, NULL,
                       NULL);
}

/* Append each line of details, sanitized, until the cap. */
static void append_details(struct strbuf *output, const char *details)
{
    while (*details != '\0') {
        size_t length = strcspn(details, "\n");

        if (length > 0) {
            strbuf_append(output, "\n", 1);
            sanitize_append(output, details, length, 512);
        }
        details += length;
        if (*details == '\n')
            details++;
    }
}

void output_write(FILE *stream, const struct report *report,
                  const struct outcome *outcome,
                  const struct lgtm_options *options)
{
    struct strbuf output;
    struct strbuf perfdata;

    strbuf_init(&output, OUTPUT_MAX - 1); /* room for the final newline */
    strbuf_init(&perfdata, 0);
    output_perfdata(outcome, options, &perfdata);

    strbuf_printf(&output, "LGTM %s: ", state_name(report->state));
    sanitize_append_string(&output, strbuf_text(&report->summary),
                           REPORT_SUMMARY_MAX);
    strbuf_printf(&output, " | ");
    sanitize_append_string(&output, strbuf_text(&perfdata), 1024);
    append_details(&output, strbuf_text(&report->details));

    fputs(strbuf_text(&output), stream);
    fputc('\n', stream);
    strbuf_free(&output);
    strbuf_free(&perfdata);
}
