/* The plugin's output: line 1 with the state, summary and performance
 * data, then the long output. */
#ifndef LGTM_OUTPUT_H
#define LGTM_OUTPUT_H

#include <stdio.h>

#include "diagnosis.h"
#include "options.h"
#include "outcome.h"
#include "strbuf.h"

/* Append the performance data of what was measured, space-separated. */
void output_perfdata(const struct outcome *outcome,
                     const struct lgtm_options *options,
                     struct strbuf *perfdata);

/* Write "LGTM STATE: summary | perfdata" and the long output. Every part
 * passes the sanitizer, so line 1 contains exactly one '|'. */
void output_write(FILE *stream, const struct report *report,
                  const struct outcome *outcome,
                  const struct lgtm_options *options);

#endif
