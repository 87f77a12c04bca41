#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "suites.h"
#include "watchdog.h"

/* The process must end on its own with the timeout state; Check fails
 * the test if it still runs after the test's time limit. */
START_TEST(test_watchdog_exits_with_state)
{
    struct watchdog watchdog;

    /* The line the watchdog writes is not part of the test log. */
    ck_assert_msg(freopen("/dev/null", "w", stdout) != NULL,
                  "cannot silence stdout");
    ck_assert_int_eq(watchdog_arm(&watchdog, 0.05, STATE_CRITICAL), 0);
    for (;;)
        pause();
}
END_TEST

START_TEST(test_watchdog_exits_unknown_state)
{
    struct watchdog watchdog;

    ck_assert_msg(freopen("/dev/null", "w", stdout) != NULL,
                  "cannot silence stdout");
    ck_assert_int_eq(watchdog_arm(&watchdog, 0.05, STATE_UNKNOWN), 0);
    for (;;)
        pause();
}
END_TEST

START_TEST(test_watchdog_disarm_stops_timer)
{
    struct watchdog watchdog;

    ck_assert_int_eq(watchdog_arm(&watchdog, 0.05, STATE_CRITICAL), 0);
    watchdog_disarm(&watchdog);
    struct timespec wait = {0, 500000000};
    nanosleep(&wait, NULL);
    ck_assert_msg(!watchdog.armed, "the watchdog is still marked armed");
}
END_TEST

START_TEST(test_watchdog_message_names_state)
{
    struct watchdog watchdog;

    ck_assert_int_eq(watchdog_arm(&watchdog, 10, STATE_WARNING), 0);
    watchdog_disarm(&watchdog);
    ck_assert_msg(strncmp(watchdog.message, "LGTM WARNING: timeout", 21) == 0,
                  "unexpected message: %s", watchdog.message);
    ck_assert_msg(strchr(watchdog.message, '|') != NULL,
                  "no perfdata separator: %s", watchdog.message);
}
END_TEST

Suite *watchdog_suite(void)
{
    Suite *suite = suite_create("watchdog");
    TCase *expiry = tcase_create("expiry");

    tcase_add_exit_test(expiry, test_watchdog_exits_with_state, STATE_CRITICAL);
    tcase_add_exit_test(expiry, test_watchdog_exits_unknown_state,
                        STATE_UNKNOWN);
    tcase_add_test(expiry, test_watchdog_disarm_stops_timer);
    tcase_add_test(expiry, test_watchdog_message_names_state);
    suite_add_tcase(suite, expiry);
    return suite;
}
