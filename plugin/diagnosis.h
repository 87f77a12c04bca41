/* The one place that maps what happened to a monitoring state and an
 * explanation an on-call engineer can act on. */
#ifndef LGTM_DIAGNOSIS_H
#define LGTM_DIAGNOSIS_H

#include "options.h"
#include "outcome.h"
#include "state.h"
#include "strbuf.h"
#include "token.h"

/* Caps that keep the output within what Nagios and Icinga store. */
#define REPORT_SUMMARY_MAX 1024
#define REPORT_DETAILS_MAX 3000

struct report {
    enum lgtm_state state;
    struct strbuf summary; /* line 1 after "LGTM STATE: " */
    struct strbuf details; /* long output, one fact per line */
};

void report_init(struct report *report);
void report_free(struct report *report);

/* Decide the state and write the explanation. token may be NULL when no
 * token was loaded. */
void diagnose(const struct outcome *outcome, const struct lgtm_options *options,
              const struct token *token, struct report *report);

#endif
