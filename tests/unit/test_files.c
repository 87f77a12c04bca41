/* Unit tests of files.c: the checks of paths named by options. Tests run
 * as root, where permission bits do not stop reading, so they cover
 * missing paths and wrong kinds of file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files.h"
#include "suites.h"

static char directory[64];
static char regular[96];
static char error[512];

static void setup(void)
{
    snprintf(directory, sizeof(directory), "/tmp/check_lgtm-files.XXXXXX");
    ck_assert_msg(mkdtemp(directory) != NULL, "cannot make a temp dir");
    snprintf(regular, sizeof(regular), "%s/ca.pem", directory);
    FILE *file = fopen(regular, "w");
    ck_assert_msg(file != NULL, "cannot write %s", regular);
    fputs("not really PEM\n", file);
    fclose(file);
}

static void teardown(void)
{
    unlink(regular);
    rmdir(directory);
}

START_TEST(test_files_regular_file_passes)
{
    ck_assert_int_eq(files_check("--ca-file", regular, FILE_REGULAR, "hint",
                                 error, sizeof(error)),
                     0);
    ck_assert_int_eq(files_check("--ca-path", directory, FILE_DIRECTORY, "hint",
                                 error, sizeof(error)),
                     0);
    ck_assert_int_eq(files_check("--ca-file", NULL, FILE_REGULAR, "hint", error,
                                 sizeof(error)),
                     0);
}
END_TEST

START_TEST(test_files_missing_path_named)
{
    ck_assert_int_eq(files_check("--ca-file", "/nonexistent/ca.pem",
                                 FILE_REGULAR, "give a PEM file", error,
                                 sizeof(error)),
                     -1);
    ck_assert_msg(strstr(error, "/nonexistent/ca.pem") != NULL,
                  "the path is not named: %s", error);
    ck_assert_msg(strstr(error, "give a PEM file") != NULL,
                  "the hint is missing: %s", error);
}
END_TEST

START_TEST(test_files_directory_for_file)
{
    ck_assert_int_eq(files_check("--ca-file", directory, FILE_REGULAR, "h",
                                 error, sizeof(error)),
                     -1);
    ck_assert_msg(strstr(error, "is a directory, not a file") != NULL,
                  "a directory is not called one: %s", error);
}
END_TEST

START_TEST(test_files_file_for_directory)
{
    ck_assert_int_eq(files_check("--ca-path", regular, FILE_DIRECTORY, "h",
                                 error, sizeof(error)),
                     -1);
    ck_assert_msg(strstr(error, "is a file, not a directory") != NULL,
                  "a file is not called one: %s", error);
}
END_TEST

START_TEST(test_files_device_rejected)
{
    ck_assert_int_eq(files_check("--client-key", "/dev/null", FILE_REGULAR, "h",
                                 error, sizeof(error)),
                     -1);
    ck_assert_msg(strstr(error, "is a device") != NULL,
                  "a device is not called one: %s", error);
}
END_TEST

Suite *files_suite(void)
{
    Suite *suite = suite_create("files");
    TCase *test_case = tcase_create("files_check");

    tcase_add_checked_fixture(test_case, setup, teardown);
    tcase_add_test(test_case, test_files_regular_file_passes);
    tcase_add_test(test_case, test_files_missing_path_named);
    tcase_add_test(test_case, test_files_directory_for_file);
    tcase_add_test(test_case, test_files_file_for_directory);
    tcase_add_test(test_case, test_files_device_rejected);
    suite_add_tcase(suite, test_case);
    return suite;
}
