/* Runs every unit suite in one Check runner, so one summary line ends
 * the run. */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
    SRunner *runner = srunner_create(range_suite());

    srunner_add_suite(runner, number_suite());
    srunner_add_suite(runner, perfdata_suite());
    srunner_add_suite(runner, options_suite());
    srunner_add_suite(runner, token_suite());
    srunner_add_suite(runner, api_suite());
    srunner_add_suite(runner, sanitize_suite());
    srunner_add_suite(runner, diagnosis_suite());
    srunner_add_suite(runner, output_suite());
    srunner_add_suite(runner, url_suite());
    srunner_add_suite(runner, trace_suite());
    srunner_add_suite(runner, watchdog_suite());
    srunner_add_suite(runner, extra_opts_suite());
    srunner_add_suite(runner, challenge_suite());
    srunner_add_suite(runner, proxy_suite());
    srunner_add_suite(runner, files_suite());

    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
