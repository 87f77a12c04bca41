/* Monitoring states and their exit codes. */
#ifndef LGTM_STATE_H
#define LGTM_STATE_H

enum lgtm_state {
    STATE_OK = 0,
    STATE_WARNING = 1,
    STATE_CRITICAL = 2,
    STATE_UNKNOWN = 3
};

/* Return "OK", "WARNING", "CRITICAL" or "UNKNOWN". */
const char *state_name(enum lgtm_state state);

/* Return the more severe of two states, ranked OK < WARNING < CRITICAL <
 * UNKNOWN; callers combine only threshold results with it. */
enum lgtm_state state_worst(enum lgtm_state a, enum lgtm_state b);

#endif
