#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "watchdog.h"

/* Runs in signal context, so it uses only async-signal-safe calls. The
 * watchdog arrives through the timer's sigev_value, so no global state
 * is needed. This is the one exit outside main(): the process must end
 * here, since the code it interrupted may never return. */
static void watchdog_expired(int signal_number, siginfo_t *info, void *context)
{
    const struct watchdog *watchdog = info->si_value.sival_ptr;

    (void)signal_number;
    (void)context;
    if (watchdog == NULL)
        _exit(3);
    ssize_t written = write(STDOUT_FILENO, watchdog->message, watchdog->length);
    (void)written;
    _exit(watchdog->state);
}

int watchdog_arm(struct watchdog *watchdog, double seconds,
                 enum lgtm_state state)
{
    struct sigaction action;
    struct sigevent event;
    struct itimerspec expiry;
    double total = seconds + WATCHDOG_GRACE;

    memset(watchdog, 0, sizeof(*watchdog));
    watchdog->state = (int)state;
    int length = snprintf(watchdog->message, sizeof(watchdog->message),
                          "LGTM %s: timeout: the check did not finish "
                          "within the -t budget of %.3g s; raise -t, or check "
                          "the server, the DNS and the token and CA files "
                          "| pages=0\n",
                          state_name(state), seconds);
    watchdog->length = length > 0 ? (size_t)length : 0;

    memset(&action, 0, sizeof(action));
    action.sa_sigaction = watchdog_expired;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGALRM, &action, NULL) != 0)
        return -1;

    memset(&event, 0, sizeof(event));
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGALRM;
    event.sigev_value.sival_ptr = watchdog;
    if (timer_create(CLOCK_MONOTONIC, &event, &watchdog->timer) != 0)
        return -1;

    memset(&expiry, 0, sizeof(expiry));
    expiry.it_value.tv_sec = (time_t)total;
    expiry.it_value.tv_nsec = (long)((total - (double)(time_t)total) * 1e9);
    if (timer_settime(watchdog->timer, 0, &expiry, NULL) != 0) {
        timer_delete(watchdog->timer);
        return -1;
    }
    watchdog->armed = true;
    return 0;
}

void watchdog_disarm(struct watchdog *watchdog)
{
    if (!watchdog->armed)
        return;
    timer_delete(watchdog->timer);
    watchdog->armed = false;
}
