#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outcome.h"

void outcome_init(struct outcome *outcome)
{
    memset(outcome, 0, sizeof(*outcome));
}

void outcome_free(struct outcome *outcome)
{
    free(outcome->base_url);
    free(outcome->request_url);
    free(outcome->body_excerpt);
    http_response_free(&outcome->response);
    outcome_init(outcome);
}

void outcome_set_local(struct outcome *outcome, const char *message)
{
    outcome->kind = OUTCOME_LOCAL;
    snprintf(outcome->message, sizeof(outcome->message), "%s", message);
}
