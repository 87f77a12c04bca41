/* Check suites of the unit test runner, one per plugin module. */
#ifndef LGTM_TEST_SUITES_H
#define LGTM_TEST_SUITES_H

#include <check.h>

Suite *range_suite(void);
Suite *number_suite(void);
Suite *perfdata_suite(void);
Suite *options_suite(void);
Suite *token_suite(void);
Suite *api_suite(void);
Suite *sanitize_suite(void);
Suite *diagnosis_suite(void);
Suite *output_suite(void);
Suite *url_suite(void);
Suite *trace_suite(void);
Suite *watchdog_suite(void);
Suite *extra_opts_suite(void);
Suite *challenge_suite(void);
Suite *proxy_suite(void);
Suite *files_suite(void);

#endif
