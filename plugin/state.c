#include "state.h"

const char *state_name(enum lgtm_state state)
{
    switch (state) {
    case STATE_OK:
        return "OK";
    case STATE_WARNING:
        return "WARNING";
    case STATE_CRITICAL:
        return "CRITICAL";
    case STATE_UNKNOWN:
        break;
    }
    return "UNKNOWN";
}

enum lgtm_state state_worst(enum lgtm_state a, enum lgtm_state b)
{
    return a > b ? a : b;
}
