/* Unit tests of extra_opts.c: --extra-opts locators, the ini format, the
 * default file lookup, the order of the expanded arguments, and errors
 * that name the file, section or line but never the file's text. Each
 * test writes its files into its own mkdtemp directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extra_opts.h"
#include "options.h"
#include "suites.h"

#define MAX_PATHS 8
#define MAX_ARGS 16

static char directory[64];
static char paths[MAX_PATHS][160];
static size_t path_count;
static char locators[MAX_PATHS][200];
static struct extra_opts_args current_args;
static char current_error[1024];

/* The search of the tests: no NAGIOS_CONFIG_PATH and no standard file,
 * so that files on this host never take part. */
static const char *const no_files[] = {NULL};
static const struct extra_opts_search empty_search = {NULL, no_files};

static void setup(void)
{
    snprintf(directory, sizeof(directory), "/tmp/check_lgtm_extra.XXXXXX");
    ck_assert_msg(mkdtemp(directory) != NULL, "mkdtemp failed");
    path_count = 0;
    memset(&current_args, 0, sizeof(current_args));
    current_error[0] = '\0';
}

/* Remove what the test created, newest first, so that a directory is
 * empty when its turn comes. */
static void teardown(void)
{
    extra_opts_free(&current_args);
    while (path_count > 0) {
        const char *path = paths[--path_count];
        if (unlink(path) != 0)
            rmdir(path);
    }
    rmdir(directory);
}

static const char *make_path(const char *name)
{
    ck_assert_msg(path_count < MAX_PATHS, "test creates too many files");
    char *path = paths[path_count++];
    snprintf(path, sizeof(paths[0]), "%s/%s", directory, name);
    return path;
}

static const char *write_bytes(const char *name, const char *content,
                               size_t length)
{
    const char *path = make_path(name);
    FILE *file = fopen(path, "wb");

    ck_assert_msg(file != NULL, "cannot create %s", path);
    ck_assert_msg(fwrite(content, 1, length, file) == length, "cannot write %s",
                  path);
    ck_assert_msg(fclose(file) == 0, "cannot close %s", path);
    return path;
}

static const char *write_ini(const char *name, const char *content)
{
    return write_bytes(name, content, strlen(content));
}

/* Return "--extra-opts=SECTION@PATH" in a buffer that lives as long as
 * the test. */
static char *locator_argument(size_t slot, const char *section,
                              const char *path)
{
    snprintf(locators[slot], sizeof(locators[0]), "--extra-opts=%s@%s", section,
             path);
    return locators[slot];
}

static int expand(int argc, char **argv, const struct extra_opts_search *search)
{
    extra_opts_free(&current_args);
    current_error[0] = '\0';
    return extra_opts_expand(argc, argv, search, &current_args, current_error,
                             sizeof(current_error));
}

/* Assert that the expanded vector is exactly expected (NULL-terminated). */
static void assert_args(const char *const *expected)
{
    int count = 0;

    while (expected[count] != NULL)
        count++;
    ck_assert_msg(current_args.argc == count, "argc %d, expected %d",
                  current_args.argc, count);
    for (int i = 0; i < count; i++)
        ck_assert_msg(current_args.argv[i] != NULL &&
                          strcmp(current_args.argv[i], expected[i]) == 0,
                      "argv[%d] is \"%s\", expected \"%s\"", i,
                      current_args.argv[i] ? current_args.argv[i] : "(null)",
                      expected[i]);
    ck_assert_msg(current_args.argv[count] == NULL,
                  "argv is not NULL-terminated");
}

/* Assert that expansion fails with an error that contains every string
 * of expected and none of forbidden (NULL-terminated lists). */
static void assert_rejected(int argc, char **argv,
                            const struct extra_opts_search *search,
                            const char *const *expected,
                            const char *const *forbidden)
{
    ck_assert_msg(expand(argc, argv, search) == -1,
                  "expansion succeeded, expected an error");
    for (size_t i = 0; expected[i] != NULL; i++)
        ck_assert_msg(strstr(current_error, expected[i]) != NULL,
                      "error lacks \"%s\": %s", expected[i], current_error);
    for (size_t i = 0; forbidden != NULL && forbidden[i] != NULL; i++)
        ck_assert_msg(strstr(current_error, forbidden[i]) == NULL,
                      "error contains file text \"%s\": %s", forbidden[i],
                      current_error);
    ck_assert_msg(strchr(current_error, '\n') == NULL,
                  "error has a line break: %s", current_error);
}

START_TEST(test_without_extra_opts_unchanged)
{
    char *argv[] = {"check_lgtm", "-u", "https://lgtm.example.com", NULL};

    ck_assert_int_eq(expand(3, argv, &empty_search), 0);
    assert_args((const char *const[]){"check_lgtm", "-u",
                                      "https://lgtm.example.com", NULL});
    ck_assert_msg(current_args.ini_count == 0, "ini_count %zu, expected 0",
                  current_args.ini_count);
    ck_assert_msg(current_args.argv[2] == argv[2],
                  "command-line argument was copied, not borrowed");
}
END_TEST

START_TEST(test_default_section_before_command_line)
{
    const char *path =
        write_ini("a.ini", "[other]\nurl=https://other.example.com\n"
                           "[check_lgtm]\nurl=https://ini.example.com\n"
                           "token-file=/etc/lgtm.token\n");
    char *argv[] = {"check_lgtm", "-w", "2", locator_argument(0, "", path),
                    "-c",         "5",  NULL};

    ck_assert_msg(expand(6, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args((const char *const[]){
        "check_lgtm", "--url=https://ini.example.com",
        "--token-file=/etc/lgtm.token", "-w", "2", "-c", "5", NULL});
    ck_assert_msg(current_args.ini_count == 2, "ini_count %zu, expected 2",
                  current_args.ini_count);
    ck_assert_msg(current_args.argv[3] == argv[1],
                  "command-line argument was copied, not borrowed");
}
END_TEST

START_TEST(test_named_section)
{
    const char *path = write_ini("a.ini", "[check_lgtm]\nurl=https://a\n"
                                          "[staging]\nurl=https://b\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "staging", path), NULL};

    ck_assert_msg(expand(2, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args((const char *const[]){"check_lgtm", "--url=https://b", NULL});
}
END_TEST

START_TEST(test_repeated_section_and_keys)
{
    const char *path = write_ini("a.ini", "[check_lgtm]\nverbose=\n"
                                          "[other]\nverbose=\n"
                                          "[check_lgtm]\nverbose=\n"
                                          "url=https://a\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), NULL};

    ck_assert_msg(expand(2, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args((const char *const[]){"check_lgtm", "--verbose", "--verbose",
                                      "--url=https://a", NULL});
}
END_TEST

START_TEST(test_comments_blanks_and_white_space)
{
    const char *path = write_ini("a.ini", "# comment\n; comment\n\n"
                                          "  [ check_lgtm ]  \r\n"
                                          "   # indented comment\n"
                                          "\t url \t=\t https://a b \r\n"
                                          "ca-file=/etc/ca#1.pem\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), NULL};

    ck_assert_msg(expand(2, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args((const char *const[]){"check_lgtm", "--url=https://a b",
                                      "--ca-file=/etc/ca#1.pem", NULL});
}
END_TEST

START_TEST(test_value_kept_as_written)
{
    const char *path = write_ini(
        "a.ini", "[check_lgtm]\nuser-agent=\"quoted agent\"\nw=a=b\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), NULL};

    ck_assert_msg(expand(2, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args((const char *const[]){
        "check_lgtm", "--user-agent=\"quoted agent\"", "-wa=b", NULL});
}
END_TEST

START_TEST(test_flags_and_short_names)
{
    const char *path = write_ini("a.ini", "[check_lgtm]\ninsecure=\n"
                                          "k=\nt=30:unknown\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), NULL};

    ck_assert_msg(expand(2, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args((const char *const[]){"check_lgtm", "--insecure", "-k",
                                      "-t30:unknown", NULL});
}
END_TEST

START_TEST(test_separate_value_form)
{
    const char *path = write_ini("a.ini", "[check_lgtm]\nurl=https://a\n");
    char value[200];
    snprintf(value, sizeof(value), "@%s", path);
    char *argv[] = {"check_lgtm", "--extra-opts", value, "-v", NULL};

    ck_assert_msg(expand(4, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args(
        (const char *const[]){"check_lgtm", "--url=https://a", "-v", NULL});
}
END_TEST

START_TEST(test_abbreviated_option_name)
{
    const char *path = write_ini("a.ini", "[check_lgtm]\nurl=https://a\n");
    char argument[200];
    snprintf(argument, sizeof(argument), "--extra=@%s", path);
    char *argv[] = {"check_lgtm", argument, NULL};

    ck_assert_msg(expand(2, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args((const char *const[]){"check_lgtm", "--url=https://a", NULL});
}
END_TEST

START_TEST(test_several_extra_opts_in_order)
{
    const char *first = write_ini("a.ini", "[check_lgtm]\nurl=https://a\n");
    const char *second = write_ini("b.ini", "[x]\nurl=https://b\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "", first), "-v",
                    locator_argument(1, "x", second), NULL};

    ck_assert_msg(expand(4, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args((const char *const[]){"check_lgtm", "--url=https://a",
                                      "--url=https://b", "-v", NULL});
    ck_assert_msg(current_args.ini_count == 2, "ini_count %zu, expected 2",
                  current_args.ini_count);
}
END_TEST

START_TEST(test_double_dash_ends_scan)
{
    char *argv[] = {"check_lgtm", "-v", "--", "--extra-opts=@/nonexistent",
                    NULL};

    ck_assert_msg(expand(4, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args((const char *const[]){"check_lgtm", "-v", "--",
                                      "--extra-opts=@/nonexistent", NULL});
}
END_TEST

START_TEST(test_empty_section_accepted)
{
    const char *path = write_ini("a.ini", "[check_lgtm]\n# nothing yet\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), "-v", NULL};

    ck_assert_msg(expand(3, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args((const char *const[]){"check_lgtm", "-v", NULL});
}
END_TEST

START_TEST(test_other_sections_not_validated)
{
    const char *path = write_ini("a.ini", "[check_disk]\nthis is not ini\n"
                                          "[check_lgtm]\nurl=https://a\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), NULL};

    ck_assert_msg(expand(2, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    assert_args((const char *const[]){"check_lgtm", "--url=https://a", NULL});
}
END_TEST

START_TEST(test_config_path_plugins_ini_first)
{
    const char *first_directory = make_path("one");
    const char *second_directory = make_path("two");

    ck_assert_int_eq(mkdir(first_directory, 0700), 0);
    ck_assert_int_eq(mkdir(second_directory, 0700), 0);
    write_ini("two/nagios-plugins.ini", "[check_lgtm]\nurl=https://np\n");
    write_ini("two/plugins.ini", "[check_lgtm]\nurl=https://p\n");

    char config_path[400];
    snprintf(config_path, sizeof(config_path), "::%s:%s:", first_directory,
             second_directory);
    const struct extra_opts_search search = {config_path, no_files};
    char *argv[] = {"check_lgtm", "--extra-opts", "-v", NULL};

    ck_assert_msg(expand(3, argv, &search) == 0, "rejected: %s", current_error);
    assert_args(
        (const char *const[]){"check_lgtm", "--url=https://p", "-v", NULL});
}
END_TEST

START_TEST(test_config_path_nagios_plugins_ini)
{
    write_ini("nagios-plugins.ini", "[check_lgtm]\nurl=https://np\n");
    const struct extra_opts_search search = {directory, no_files};
    char *argv[] = {"check_lgtm", "--extra-opts=", NULL};

    ck_assert_msg(expand(2, argv, &search) == 0, "rejected: %s", current_error);
    assert_args((const char *const[]){"check_lgtm", "--url=https://np", NULL});
}
END_TEST

START_TEST(test_standard_files_in_order)
{
    const char *second = write_ini("second.ini", "[s]\nurl=https://second\n");
    const char *third = write_ini("third.ini", "[s]\nurl=https://third\n");
    const char *missing = make_path("missing.ini");
    const char *const files[] = {missing, second, third, NULL};
    const struct extra_opts_search search = {NULL, files};
    char *argv[] = {"check_lgtm", "--extra-opts=s", NULL};

    ck_assert_msg(expand(2, argv, &search) == 0, "rejected: %s", current_error);
    assert_args(
        (const char *const[]){"check_lgtm", "--url=https://second", NULL});
    path_count--;
}
END_TEST

START_TEST(test_config_path_before_standard_files)
{
    const char *standard = write_ini("standard.ini", "[check_lgtm]\nk=\n");
    write_ini("plugins.ini", "[check_lgtm]\nv=\n");
    const char *const files[] = {standard, NULL};
    const struct extra_opts_search search = {directory, files};
    char *argv[] = {"check_lgtm", "--extra-opts", NULL};

    ck_assert_msg(expand(2, argv, &search) == 0, "rejected: %s", current_error);
    assert_args((const char *const[]){"check_lgtm", "-v", NULL});
}
END_TEST

START_TEST(test_missing_file_rejected)
{
    const char *path = make_path("missing.ini");
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), "-v", NULL};

    assert_rejected(3, argv, &empty_search, (const char *const[]){path, NULL},
                    NULL);
    assert_args((const char *const[]){"check_lgtm", "-v", NULL});
    path_count--;
}
END_TEST

START_TEST(test_directory_rejected)
{
    char *argv[] = {"check_lgtm", locator_argument(0, "", directory), NULL};

    assert_rejected(
        2, argv, &empty_search,
        (const char *const[]){directory, "not a regular file", NULL}, NULL);
}
END_TEST

START_TEST(test_missing_section_rejected)
{
    const char *path = write_ini("a.ini", "[check_lgtm]\nurl=https://a\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "prod", path), NULL};

    assert_rejected(2, argv, &empty_search,
                    (const char *const[]){"[prod]", path, NULL},
                    (const char *const[]){"https://a", NULL});
    assert_args((const char *const[]){"check_lgtm", NULL});
}
END_TEST

START_TEST(test_no_default_file_rejected)
{
    const char *missing = make_path("missing.ini");
    const char *const files[] = {missing, NULL};
    const struct extra_opts_search search = {directory, files};
    char *argv[] = {"check_lgtm", "--extra-opts", NULL};

    assert_rejected(2, argv, &search,
                    (const char *const[]){"NAGIOS_CONFIG_PATH", missing,
                                          "--extra-opts=@FILE", NULL},
                    NULL);
    path_count--;
}
END_TEST

START_TEST(test_empty_file_after_at_rejected)
{
    char *argv[] = {"check_lgtm", "--extra-opts=prod@", NULL};

    assert_rejected(2, argv, &empty_search,
                    (const char *const[]){"prod@", "no file", NULL}, NULL);
}
END_TEST

START_TEST(test_line_without_equals_rejected)
{
    const char *path =
        write_ini("a.ini", "[check_lgtm]\nurl=https://a\nsecret-value-42\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), NULL};

    assert_rejected(2, argv, &empty_search,
                    (const char *const[]){path, "line 3", "NAME=VALUE", NULL},
                    (const char *const[]){"secret", "https://a", NULL});
}
END_TEST

START_TEST(test_option_before_section_rejected)
{
    const char *path = write_ini("a.ini", "token=s3cr3t\n[check_lgtm]\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), NULL};

    assert_rejected(
        2, argv, &empty_search,
        (const char *const[]){path, "line 1", "before the first", NULL},
        (const char *const[]){"s3cr3t", NULL});
}
END_TEST

START_TEST(test_bad_headers_rejected)
{
    const char *unclosed = write_ini("a.ini", "[check_lgtm\nurl=x\n");
    const char *empty = write_ini("b.ini", "\n[  ]\n");
    char *argv_unclosed[] = {"check_lgtm", locator_argument(0, "", unclosed),
                             NULL};
    char *argv_empty[] = {"check_lgtm", locator_argument(1, "", empty), NULL};

    assert_rejected(2, argv_unclosed, &empty_search,
                    (const char *const[]){"line 1", "']'", NULL}, NULL);
    assert_rejected(2, argv_empty, &empty_search,
                    (const char *const[]){"line 2", "empty section", NULL},
                    NULL);
}
END_TEST

START_TEST(test_invalid_names_rejected)
{
    static const char *const contents[] = {
        "[check_lgtm]\n=s3cr3t\n", "[check_lgtm]\n--url=s3cr3t\n",
        "[check_lgtm]\nmy url=s3cr3t\n", "[check_lgtm]\nur!l=s3cr3t\n"};

    for (size_t i = 0; i < sizeof(contents) / sizeof(contents[0]); i++) {
        char name[16];
        snprintf(name, sizeof(name), "%zu.ini", i);
        const char *path = write_ini(name, contents[i]);
        char *argv[] = {"check_lgtm", locator_argument(i, "", path), NULL};

        assert_rejected(
            2, argv, &empty_search,
            (const char *const[]){"line 2", "invalid option name", NULL},
            (const char *const[]){"s3cr3t", NULL});
    }
}
END_TEST

START_TEST(test_nested_extra_opts_rejected)
{
    const char *path = write_ini("a.ini", "[check_lgtm]\nextra-opts=x@y\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), NULL};

    assert_rejected(2, argv, &empty_search,
                    (const char *const[]){"line 2", "nested", NULL}, NULL);
}
END_TEST

START_TEST(test_nul_byte_rejected)
{
    static const char content[] = "[check_lgtm]\ntoken=tok3nA\0B\n";
    const char *path = write_bytes("a.ini", content, sizeof(content) - 1);
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), NULL};

    assert_rejected(2, argv, &empty_search,
                    (const char *const[]){"line 2", "NUL", NULL},
                    (const char *const[]){"tok3n", NULL});
}
END_TEST

START_TEST(test_token_reaches_options_parse)
{
    const char *path =
        write_ini("a.ini", "[check_lgtm]\nurl=https://lgtm.example.com\n"
                           "token=t0ken-value\n");
    char *argv[] = {"check_lgtm", locator_argument(0, "", path), NULL};
    struct lgtm_options options;
    char error[512];

    ck_assert_msg(expand(2, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    enum options_result parsed = options_parse(
        current_args.argc, current_args.argv, &options, error, sizeof(error));
    ck_assert_msg(parsed == OPTIONS_OK, "options_parse failed: %s", error);
    ck_assert_msg(options.token != NULL &&
                      strcmp(options.token, "t0ken-value") == 0,
                  "token not taken from the ini file");
    ck_assert_msg(strstr(current_args.ini_arguments[1], "t0ken") == NULL,
                  "the expanded --token argument was not overwritten");
    options_free(&options);
}
END_TEST

START_TEST(test_command_line_wins)
{
    const char *path = write_ini("a.ini", "[check_lgtm]\nurl=https://ini\n"
                                          "t=5\n");
    char *argv[] = {"check_lgtm", "-u", "https://cli",
                    locator_argument(0, "", path), NULL};
    struct lgtm_options options;
    char error[512];

    ck_assert_msg(expand(4, argv, &empty_search) == 0, "rejected: %s",
                  current_error);
    enum options_result parsed = options_parse(
        current_args.argc, current_args.argv, &options, error, sizeof(error));
    ck_assert_msg(parsed == OPTIONS_OK, "options_parse failed: %s", error);
    ck_assert_str_eq(options.url, "https://cli");
    ck_assert_msg(options.timeout == 5.0, "timeout %g, expected 5 from ini",
                  options.timeout);
    options_free(&options);
}
END_TEST

START_TEST(test_options_parse_ignores_extra_opts)
{
    char *argv[] = {"check_lgtm", "--extra-opts=@/nonexistent", "-u",
                    "https://lgtm.example.com", NULL};
    struct lgtm_options options;
    char error[512];

    enum options_result parsed =
        options_parse(4, argv, &options, error, sizeof(error));
    ck_assert_msg(parsed == OPTIONS_OK, "options_parse failed: %s", error);
    options_free(&options);
}
END_TEST

Suite *extra_opts_suite(void)
{
    Suite *suite = suite_create("extra_opts");
    TCase *format = tcase_create("format");
    TCase *lookup = tcase_create("lookup");
    TCase *errors = tcase_create("errors");
    TCase *parse = tcase_create("options_parse");

    tcase_add_checked_fixture(format, setup, teardown);
    tcase_add_test(format, test_without_extra_opts_unchanged);
    tcase_add_test(format, test_default_section_before_command_line);
    tcase_add_test(format, test_named_section);
    tcase_add_test(format, test_repeated_section_and_keys);
    tcase_add_test(format, test_comments_blanks_and_white_space);
    tcase_add_test(format, test_value_kept_as_written);
    tcase_add_test(format, test_flags_and_short_names);
    tcase_add_test(format, test_separate_value_form);
    tcase_add_test(format, test_abbreviated_option_name);
    tcase_add_test(format, test_several_extra_opts_in_order);
    tcase_add_test(format, test_double_dash_ends_scan);
    tcase_add_test(format, test_empty_section_accepted);
    tcase_add_test(format, test_other_sections_not_validated);
    suite_add_tcase(suite, format);

    tcase_add_checked_fixture(lookup, setup, teardown);
    tcase_add_test(lookup, test_config_path_plugins_ini_first);
    tcase_add_test(lookup, test_config_path_nagios_plugins_ini);
    tcase_add_test(lookup, test_standard_files_in_order);
    tcase_add_test(lookup, test_config_path_before_standard_files);
    suite_add_tcase(suite, lookup);

    tcase_add_checked_fixture(errors, setup, teardown);
    tcase_add_test(errors, test_missing_file_rejected);
    tcase_add_test(errors, test_directory_rejected);
    tcase_add_test(errors, test_missing_section_rejected);
    tcase_add_test(errors, test_no_default_file_rejected);
    tcase_add_test(errors, test_empty_file_after_at_rejected);
    tcase_add_test(errors, test_line_without_equals_rejected);
    tcase_add_test(errors, test_option_before_section_rejected);
    tcase_add_test(errors, test_bad_headers_rejected);
    tcase_add_test(errors, test_invalid_names_rejected);
    tcase_add_test(errors, test_nested_extra_opts_rejected);
    tcase_add_test(errors, test_nul_byte_rejected);
    suite_add_tcase(suite, errors);

    tcase_add_checked_fixture(parse, setup, teardown);
    tcase_add_test(parse, test_token_reaches_options_parse);
    tcase_add_test(parse, test_command_line_wins);
    tcase_add_test(parse, test_options_parse_ignores_extra_opts);
    suite_add_tcase(suite, parse);
    return suite;
}
