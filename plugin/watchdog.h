/* A backstop for the -t budget: if the check is still running shortly
 * after the budget, print a proper line 1 with the timeout state and
 * exit, whatever libcurl or the resolver is doing. */
#ifndef LGTM_WATCHDOG_H
#define LGTM_WATCHDOG_H

#include <stdbool.h>
#include <time.h>

#include "state.h"

/* Seconds the backstop waits after the budget, leaving libcurl's own
 * CURLOPT_TIMEOUT_MS the first chance to end the transfer. */
#define WATCHDOG_GRACE 0.25

struct watchdog {
    bool armed;
    timer_t timer;
    int state;         /* exit code on expiry */
    char message[256]; /* line 1, written with write(2) on expiry */
    size_t length;
};

/* Arm a one-shot timer for seconds + WATCHDOG_GRACE. Returns 0, or -1
 * when the timer cannot be created (the check then relies on libcurl's
 * timeout alone). */
int watchdog_arm(struct watchdog *watchdog, double seconds,
                 enum lgtm_state state);

/* Stop the timer before the real output is written. */
void watchdog_disarm(struct watchdog *watchdog);

#endif
