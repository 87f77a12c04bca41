/* Check suites of the integration test runner, one per area of the
 * plugin's behaviour seen from outside. */
#ifndef LGTM_IT_SUITES_H
#define LGTM_IT_SUITES_H

#include <check.h>

/* Seconds Check allows each test; generous because the plugin may run
 * under ASan or valgrind on a small machine. */
#define TEST_TIMEOUT 60

Suite *listing_suite(void);
Suite *thresholds_suite(void);
Suite *token_suite(void);
Suite *transport_suite(void);
Suite *faults_suite(void);
Suite *usage_suite(void);
Suite *tls_suite(void);
Suite *auth_suite(void);
Suite *http_suite(void);
Suite *network_suite(void);
Suite *hostile_suite(void);

#endif
