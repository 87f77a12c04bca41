#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "diagnosis.h"
#include "diagnosis_internal.h"
#include "range.h"
#include "sanitize.h"

void report_init(struct report *report)
{
    report->state = STATE_UNKNOWN;
    strbuf_init(&report->summary, REPORT_SUMMARY_MAX);
    strbuf_init(&report->details, REPORT_DETAILS_MAX);
}

void report_free(struct report *report)
{
    strbuf_free(&report->summary);
    strbuf_free(&report->details);
}

/* Name the first range that fired, as "time 2.1 s is outside the
 * critical range ~:2". */
static void describe_threshold(struct strbuf *summary, const char *what,
                               const char *value, const char *severity,
                               const struct range *range)
{
    char text[128];

    range_format(range, text, sizeof(text));
    strbuf_printf(summary, "%s %s is %s the %s range %s; ", what, value,
                  range->alert_inside ? "inside" : "outside", severity, text);
}

/* Evaluate one value against its ranges and name the range that fired. */
static enum lgtm_state evaluate(struct strbuf *summary, const char *what,
                                const char *value, double number,
                                const struct range *warning,
                                const struct range *critical)
{
    enum lgtm_state state = range_state(warning, critical, number);

    if (state == STATE_CRITICAL)
        describe_threshold(summary, what, value, "critical", critical);
    else if (state == STATE_WARNING)
        describe_threshold(summary, what, value, "warning", warning);
    return state;
}

/* Apply -C to the server certificate's remaining days; the range form
 * "DAYS:" alerts below DAYS, so a certificate with exactly DAYS left is
 * still fine. */
static enum lgtm_state evaluate_certificate(const struct outcome *outcome,
                                            const struct lgtm_options *options,
                                            struct strbuf *summary)
{
    const struct tls_certificate *leaf = &outcome->tls.leaf;
    enum lgtm_state state = STATE_OK;

    if (!outcome->tls_facts_available || !leaf->present)
        return STATE_OK;
    if (options->certificate_critical_days >= 0 &&
        leaf->days_left < options->certificate_critical_days)
        state = STATE_CRITICAL;
    else if (options->certificate_warning_days >= 0 &&
             leaf->days_left < options->certificate_warning_days)
        state = STATE_WARNING;
    if (state == STATE_OK)
        return STATE_OK;

    if (leaf->days_left < 0)
        strbuf_printf(summary,
                      "the server certificate expired %ld day%s ago, on ",
                      -leaf->days_left, leaf->days_left == -1 ? "" : "s");
    else
        strbuf_printf(summary,
                      "the server certificate expires in %ld day%s, on ",
                      leaf->days_left, leaf->days_left == 1 ? "" : "s");
    sanitize_append_string(summary, leaf->not_after, 64);
    if (state == STATE_CRITICAL)
        strbuf_printf(summary, " (critical below %ld days): renew it; ",
                      options->certificate_critical_days);
    else
        strbuf_printf(summary, " (warning below %ld days): renew it; ",
                      options->certificate_warning_days);
    return state;
}

static void diagnose_listed(const struct outcome *outcome,
                            const struct lgtm_options *options,
                            struct report *report)
{
    char time_text[32];
    char count_text[32];
    double time = outcome->first.total;

    snprintf(time_text, sizeof(time_text), "%.3f s", time);
    snprintf(count_text, sizeof(count_text), "%ld", outcome->projects);

    enum lgtm_state time_state =
        evaluate(&report->summary, "time", time_text, time,
                 &options->time_warning, &options->time_critical);
    enum lgtm_state count_state =
        evaluate(&report->summary, "project count", count_text,
                 (double)outcome->projects, &options->projects_warning,
                 &options->projects_critical);
    enum lgtm_state certificate_state =
        evaluate_certificate(outcome, options, &report->summary);
    report->state =
        state_worst(state_worst(time_state, count_state), certificate_state);

    strbuf_printf(&report->summary, "%s%ld project%s in %ld page%s",
                  outcome->truncated ? "at least " : "", outcome->projects,
                  outcome->projects == 1 ? "" : "s", outcome->pages,
                  outcome->pages == 1 ? "" : "s");
    if (outcome->truncated)
        strbuf_printf(&report->summary, " (stopped by --max-pages %ld)",
                      options->max_pages);
    strbuf_printf(&report->summary, ", first page in %s", time_text);
}

/* Say that --insecure skipped verification, and why it would fail. */
static void describe_insecure(const struct outcome *outcome,
                              struct strbuf *summary)
{
    strbuf_printf(summary, "; certificate not verified (--insecure)");
    if (!outcome->tls_facts_available || !diagnosis_tls_problem(&outcome->tls))
        return;
    strbuf_printf(summary, ", and verification would fail: ");
    diagnosis_append_tls_problem(&outcome->tls, summary);
}

void diagnose(const struct outcome *outcome, const struct lgtm_options *options,
              const struct token *token, struct report *report)
{
    switch (outcome->kind) {
    case OUTCOME_LISTED:
        diagnose_listed(outcome, options, report);
        break;
    case OUTCOME_LOCAL:
        report->state = STATE_UNKNOWN;
        strbuf_printf(&report->summary, "%s", outcome->message);
        break;
    case OUTCOME_TRANSFER:
        diagnose_transfer(outcome, options, report);
        break;
    case OUTCOME_BUDGET:
        report->state = options->timeout_state;
        strbuf_printf(&report->summary,
                      "timeout: the -t budget of %g s ran out before page "
                      "%ld; raise -t or check the server's load",
                      options->timeout, outcome->failed_page);
        break;
    case OUTCOME_HTTP:
        diagnose_http(outcome, token, report);
        break;
    case OUTCOME_BODY:
        diagnose_body(outcome, report);
        break;
    case OUTCOME_LOOP:
        report->state = STATE_CRITICAL;
        strbuf_printf(&report->summary,
                      "pagination loop: page %ld repeats the start value of "
                      "an earlier page, so the listing would never end; "
                      "the server's nextPageUrl does not advance",
                      outcome->failed_page);
        break;
    }
    if (options->insecure && outcome->kind != OUTCOME_LOCAL)
        describe_insecure(outcome, &report->summary);
    describe_details(outcome, options, token, report);
}
