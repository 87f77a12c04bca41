/* Runs the plugin binary against the LGTM API simulator over HTTPS on
 * loopback: every integration suite in one Check runner. The Makefile's
 * integration target sets CHECK_LGTM_BIN, PYTHON and LGTM_SOURCE_DIR. */
#include <stdlib.h>

#include "harness.h"
#include "suites.h"

int main(void)
{
    struct harness_run run;

    if (harness_setup(&run) != 0) {
        harness_cleanup(&run, true);
        return EXIT_FAILURE;
    }

    SRunner *runner = srunner_create(listing_suite());
    srunner_add_suite(runner, thresholds_suite());
    srunner_add_suite(runner, token_suite());
    srunner_add_suite(runner, transport_suite());
    srunner_add_suite(runner, faults_suite());
    srunner_add_suite(runner, usage_suite());
    srunner_add_suite(runner, tls_suite());
    srunner_add_suite(runner, auth_suite());
    srunner_add_suite(runner, http_suite());
    srunner_add_suite(runner, network_suite());
    srunner_add_suite(runner, hostile_suite());

    /* Fork mode is required, because Check (0.15, check_run.c) kills each
     * test's process group after the test. That stops the simulators that
     * a failed assertion left running. */
    srunner_set_fork_status(runner, CK_FORK);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);

    harness_cleanup(&run, failed != 0);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
