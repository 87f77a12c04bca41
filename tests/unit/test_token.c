/* Unit tests of token.c: reading a token file, the order of the sources,
 * and errors that never contain the token. Each test writes its files
 * into its own mkdtemp directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "token.h"
#include "suites.h"

#define MAX_PATHS 8

static char directory[64];
static char paths[MAX_PATHS][128];
static size_t path_count;
static struct token current_token;
static char current_error[1024];

/* Remove what the test created, newest first, so that a directory is
 * empty when its turn comes. Calling it again does nothing. */
static void remove_test_files(void)
{
    while (path_count > 0) {
        const char *path = paths[--path_count];
        if (unlink(path) != 0)
            rmdir(path);
    }
    if (directory[0] != '\0')
        rmdir(directory);
    directory[0] = '\0';
}

static void setup(void)
{
    snprintf(directory, sizeof(directory), "/tmp/check_lgtm_token.XXXXXX");
    ck_assert_msg(mkdtemp(directory) != NULL, "mkdtemp failed");
    path_count = 0;
    memset(&current_token, 0, sizeof(current_token));
    current_error[0] = '\0';
    unsetenv("LGTM_TOKEN");
}

static void teardown(void)
{
    token_free(&current_token);
    remove_test_files();
}

static const char *make_path(const char *name)
{
    ck_assert_msg(path_count < MAX_PATHS, "test creates too many files");
    char *path = paths[path_count++];
    snprintf(path, sizeof(paths[0]), "%s/%s", directory, name);
    return path;
}

/* Write length bytes into a new file of the given mode. */
static const char *write_file(const char *name, const char *content,
                              size_t length, mode_t mode)
{
    const char *path = make_path(name);
    FILE *file = fopen(path, "wb");

    ck_assert_msg(file != NULL, "cannot create %s", path);
    ck_assert_msg(fwrite(content, 1, length, file) == length, "cannot write %s",
                  path);
    ck_assert_msg(fclose(file) == 0, "cannot close %s", path);
    ck_assert_msg(chmod(path, mode) == 0, "cannot chmod %s", path);
    return path;
}

static const char *write_text(const char *name, const char *content)
{
    return write_file(name, content, strlen(content), 0600);
}

static int read_token(const char *path)
{
    token_free(&current_token);
    current_error[0] = '\0';
    return token_read_file(path, &current_token, current_error,
                           sizeof(current_error));
}

/* Assert that content is read as the token "abc123". */
static void assert_reads_abc123(const char *content, const char *description)
{
    const char *path = write_text("token", content);

    ck_assert_msg(read_token(path) == 0, "%s was rejected: %s", description,
                  current_error);
    ck_assert_msg(current_token.value != NULL, "%s: no value although accepted",
                  description);
    ck_assert_msg(strcmp(current_token.value, "abc123") == 0,
                  "%s read as \"%s\", expected \"abc123\"", description,
                  current_token.value);
    ck_assert_msg(current_token.length == 6, "%s: length %zu, expected 6",
                  description, current_token.length);
    ck_assert_msg(current_token.source == TOKEN_FROM_FILE,
                  "%s: source %d, expected TOKEN_FROM_FILE", description,
                  (int)current_token.source);
    ck_assert_msg(current_token.path != NULL &&
                      strcmp(current_token.path, path) == 0,
                  "%s: path not recorded", description);
    unlink(path);
    path_count--;
}

/* Assert that the file is rejected with an error containing expected and
 * without forbidden (which may be NULL), and leaves no value. */
static void assert_file_rejected(const char *path, const char *expected,
                                 const char *forbidden)
{
    ck_assert_msg(read_token(path) == -1,
                  "token file %s was accepted, expected an error", path);
    ck_assert_msg(current_token.value == NULL,
                  "a rejected token file left a value");
    ck_assert_msg(strstr(current_error, expected) != NULL,
                  "error lacks \"%s\": %s", expected, current_error);
    if (forbidden != NULL)
        ck_assert_msg(strstr(current_error, forbidden) == NULL,
                      "error contains the token text \"%s\": %s", forbidden,
                      current_error);
    ck_assert_msg(strchr(current_error, '\n') == NULL,
                  "error has a line break: %s", current_error);
}

START_TEST(test_token_file_with_lf)
{
    assert_reads_abc123("abc123\n", "a line ending in LF");
}
END_TEST

START_TEST(test_token_file_with_crlf)
{
    assert_reads_abc123("abc123\r\n", "a line ending in CRLF");
}
END_TEST

START_TEST(test_token_file_surrounding_white_space)
{
    assert_reads_abc123("  \t abc123 \t \n", "spaces and tabs around");
    assert_reads_abc123("\tabc123\r\n", "a tab before, CRLF after");
}
END_TEST

START_TEST(test_token_file_without_final_newline)
{
    assert_reads_abc123("abc123", "a file without a final newline");
}
END_TEST

START_TEST(test_token_file_first_line_only)
{
    assert_reads_abc123("abc123\nsecond-line\nthird\n", "several lines");
}
END_TEST

START_TEST(test_token_file_empty_rejected)
{
    const char *path = write_text("empty", "");

    assert_file_rejected(path, "empty", NULL);
    ck_assert_msg(strstr(current_error, path) != NULL,
                  "error does not name the file: %s", current_error);
}
END_TEST

START_TEST(test_token_file_white_space_rejected)
{
    assert_file_rejected(write_text("blank", " \t \r\n"), "empty", NULL);
}
END_TEST

START_TEST(test_token_file_blank_first_line)
{
    /* Only the first line counts, even when a later one contains a token. */
    assert_file_rejected(write_text("blank-first", "\nabc123\n"), "empty",
                         NULL);
}
END_TEST

/* Tests run as root, where chmod 000 does not stop reading, so the
 * unreadable cases are a path that does not exist and a directory. */
START_TEST(test_token_file_missing_rejected)
{
    const char *path = make_path("does-not-exist");

    assert_file_rejected(path, path, NULL);
    path_count--;
}
END_TEST

START_TEST(test_token_file_directory_rejected)
{
    const char *path = make_path("a-directory");

    ck_assert_msg(mkdir(path, 0700) == 0, "cannot create %s", path);
    assert_file_rejected(path, path, NULL);
}
END_TEST

START_TEST(test_token_file_nul_byte_rejected)
{
    static const char content[] = "abc\0def\n";

    assert_file_rejected(write_file("nul", content, sizeof(content) - 1, 0600),
                         "NUL", NULL);
}
END_TEST

START_TEST(test_token_file_overlong_line_rejected)
{
    size_t length = TOKEN_MAX_LENGTH + 1;
    char *content = malloc(length + 1);

    ck_assert_msg(content != NULL, "out of memory");
    memset(content, 'a', length);
    content[length] = '\n';
    const char *path = write_file("long", content, length + 1, 0600);
    free(content);

    assert_file_rejected(path, "longer", "aaaaaaaaaaaaaaaa");
}
END_TEST

START_TEST(test_token_file_maximum_length_accepted)
{
    /* TOKEN_MAX_LENGTH is the longest first line read, so a token of
     * exactly that length is whole. */
    size_t length = TOKEN_MAX_LENGTH;
    char *content = malloc(length + 1);

    ck_assert_msg(content != NULL, "out of memory");
    memset(content, 'a', length);
    content[length] = '\n';
    const char *path = write_file("max", content, length + 1, 0600);
    free(content);

    /* Check skips the teardown of a failed test, so the file goes before
     * the checks. */
    int result = read_token(path);
    remove_test_files();
    ck_assert_msg(result == 0,
                  "a token of exactly TOKEN_MAX_LENGTH (%d) bytes was "
                  "rejected: %s",
                  TOKEN_MAX_LENGTH, current_error);
    ck_assert_msg(current_token.length == TOKEN_MAX_LENGTH,
                  "token length %zu, expected %d", current_token.length,
                  TOKEN_MAX_LENGTH);
}
END_TEST

START_TEST(test_token_inner_space_not_echoed)
{
    assert_file_rejected(write_text("space", "SECRETabc SECRETdef\n"),
                         "white space", "SECRET");
}
END_TEST

START_TEST(test_token_control_character_not_echoed)
{
    assert_file_rejected(write_text("control", "SECRETabc\x01"
                                               "def\n"),
                         "control character", "SECRET");
    assert_file_rejected(write_text("escape", "SECRETabc\x1b[0m\n"),
                         "control character", "SECRET");
}
END_TEST

START_TEST(test_token_non_ascii_rejected)
{
    assert_file_rejected(write_text("utf8", "SECRET\xc3\xa9t\xc3\xa9\n"),
                         "non-ASCII", "SECRET");
}
END_TEST

START_TEST(test_token_file_mode_0600_private)
{
    const char *path = write_file("private", "abc123\n", 7, 0600);

    ck_assert_msg(read_token(path) == 0, "mode 0600 file rejected: %s",
                  current_error);
    ck_assert_msg(!current_token.file_group_or_other_readable,
                  "a mode 0600 file is flagged as readable by others");
}
END_TEST

START_TEST(test_token_file_mode_0644_flagged)
{
    const char *path = write_file("shared", "abc123\n", 7, 0644);

    ck_assert_msg(read_token(path) == 0, "mode 0644 file rejected: %s",
                  current_error);
    ck_assert_msg(current_token.file_group_or_other_readable,
                  "a mode 0644 file is not flagged as readable by others");

    const char *group = write_file("group", "abc123\n", 7, 0640);
    ck_assert_msg(read_token(group) == 0, "mode 0640 file rejected: %s",
                  current_error);
    ck_assert_msg(current_token.file_group_or_other_readable,
                  "a mode 0640 file is not flagged as readable by the "
                  "group");
}
END_TEST

static int load_token(const struct lgtm_options *options)
{
    token_free(&current_token);
    current_error[0] = '\0';
    return token_load(options, &current_token, current_error,
                      sizeof(current_error));
}

START_TEST(test_token_load_prefers_file)
{
    struct lgtm_options options;
    char option_token[] = "from-option";

    memset(&options, 0, sizeof(options));
    options.token_file = write_text("token", "from-file\n");
    options.token = option_token;
    setenv("LGTM_TOKEN", "from-environment", 1);

    ck_assert_msg(load_token(&options) == 0, "token_load failed: %s",
                  current_error);
    ck_assert_msg(current_token.source == TOKEN_FROM_FILE,
                  "source %d, expected the file", (int)current_token.source);
    ck_assert_msg(strcmp(current_token.value, "from-file") == 0,
                  "value \"%s\", expected from-file", current_token.value);
    unsetenv("LGTM_TOKEN");
}
END_TEST

START_TEST(test_token_load_option_before_environment)
{
    struct lgtm_options options;
    char option_token[] = "from-option";

    memset(&options, 0, sizeof(options));
    options.token = option_token;
    setenv("LGTM_TOKEN", "from-environment", 1);

    ck_assert_msg(load_token(&options) == 0, "token_load failed: %s",
                  current_error);
    ck_assert_msg(current_token.source == TOKEN_FROM_OPTION,
                  "source %d, expected --token", (int)current_token.source);
    ck_assert_msg(strcmp(current_token.value, "from-option") == 0,
                  "value \"%s\", expected from-option", current_token.value);
    ck_assert_msg(current_token.value != option_token,
                  "the token points at the option instead of a copy");
    unsetenv("LGTM_TOKEN");
}
END_TEST

START_TEST(test_token_load_environment_last)
{
    struct lgtm_options options;

    memset(&options, 0, sizeof(options));
    setenv("LGTM_TOKEN", "from-environment", 1);

    ck_assert_msg(load_token(&options) == 0, "token_load failed: %s",
                  current_error);
    ck_assert_msg(current_token.source == TOKEN_FROM_ENVIRONMENT,
                  "source %d, expected LGTM_TOKEN", (int)current_token.source);
    ck_assert_msg(strcmp(current_token.value, "from-environment") == 0,
                  "value \"%s\", expected from-environment",
                  current_token.value);
    ck_assert_msg(current_token.length == strlen("from-environment"),
                  "length %zu, expected %zu", current_token.length,
                  strlen("from-environment"));
    unsetenv("LGTM_TOKEN");
}
END_TEST

START_TEST(test_token_load_none_names_sources)
{
    struct lgtm_options options;

    memset(&options, 0, sizeof(options));
    unsetenv("LGTM_TOKEN");

    ck_assert_msg(load_token(&options) == -1,
                  "token_load succeeded without any token");
    ck_assert_msg(current_token.value == NULL,
                  "token_load left a value without any token");
    ck_assert_msg(strstr(current_error, "--token-file") != NULL,
                  "error does not mention --token-file: %s", current_error);
    ck_assert_msg(strstr(current_error, "LGTM_TOKEN") != NULL,
                  "error does not mention LGTM_TOKEN: %s", current_error);
}
END_TEST

START_TEST(test_token_load_empty_environment_rejected)
{
    struct lgtm_options options;

    memset(&options, 0, sizeof(options));
    setenv("LGTM_TOKEN", "", 1);

    ck_assert_msg(load_token(&options) == -1,
                  "an empty LGTM_TOKEN was accepted");
    ck_assert_msg(strstr(current_error, "LGTM_TOKEN is empty") != NULL,
                  "error does not say LGTM_TOKEN is empty: %s", current_error);
    ck_assert_msg(strstr(current_error, "--token-file") != NULL,
                  "error does not offer --token-file: %s", current_error);
    unsetenv("LGTM_TOKEN");
}
END_TEST

START_TEST(test_token_load_option_space_not_echoed)
{
    struct lgtm_options options;
    char option_token[] = "SECRETabc SECRETdef";

    memset(&options, 0, sizeof(options));
    options.token = option_token;

    ck_assert_msg(load_token(&options) == -1,
                  "a --token with a space was accepted");
    ck_assert_msg(strstr(current_error, "--token") != NULL,
                  "error does not name --token: %s", current_error);
    ck_assert_msg(strstr(current_error, "SECRET") == NULL,
                  "error contains the token text: %s", current_error);
}
END_TEST

START_TEST(test_token_load_overlong_option_rejected)
{
    struct lgtm_options options;
    size_t length = TOKEN_MAX_LENGTH + 1;
    char *option_token = malloc(length + 1);

    ck_assert_msg(option_token != NULL, "out of memory");
    memset(option_token, 'a', length);
    option_token[length] = '\0';
    memset(&options, 0, sizeof(options));
    options.token = option_token;

    int result = load_token(&options);
    free(option_token);
    ck_assert_msg(result == -1, "a --token of %zu bytes was accepted", length);
    ck_assert_msg(strstr(current_error, "--token") != NULL,
                  "error does not name --token: %s", current_error);
    ck_assert_msg(strstr(current_error, "aaaaaaaaaaaaaaaa") == NULL,
                  "error contains the token text: %.200s", current_error);
}
END_TEST

START_TEST(test_token_describe_each_source)
{
    struct token token;
    char text[256];

    memset(&token, 0, sizeof(token));
    token.source = TOKEN_FROM_FILE;
    token.path = "/etc/nagios/lgtm.token";
    token_describe_source(&token, text, sizeof(text));
    ck_assert_msg(strcmp(text, "token file /etc/nagios/lgtm.token") == 0,
                  "file source described as \"%s\"", text);

    token.source = TOKEN_FROM_OPTION;
    token_describe_source(&token, text, sizeof(text));
    ck_assert_msg(strcmp(text, "--token") == 0,
                  "option source described as \"%s\"", text);

    token.source = TOKEN_FROM_ENVIRONMENT;
    token_describe_source(&token, text, sizeof(text));
    ck_assert_msg(strcmp(text, "LGTM_TOKEN") == 0,
                  "environment source described as \"%s\"", text);
}
END_TEST

START_TEST(test_token_free_clears_token)
{
    const char *path = write_text("token", "abc123\n");

    ck_assert_msg(read_token(path) == 0, "token file rejected: %s",
                  current_error);
    token_free(&current_token);
    /* Reading freed memory would be needed to see the wipe itself, so
     * the test checks that nothing points at the old value. */
    ck_assert_msg(current_token.value == NULL,
                  "token_free left the value pointer");
    ck_assert_msg(current_token.length == 0, "token_free left length %zu",
                  current_token.length);
    token_free(&current_token);
    ck_assert_msg(current_token.value == NULL,
                  "a second token_free changed the token");
}
END_TEST

Suite *token_suite(void)
{
    Suite *suite = suite_create("token");
    TCase *file = tcase_create("file");
    TCase *load = tcase_create("load");

    tcase_add_checked_fixture(file, setup, teardown);
    tcase_add_test(file, test_token_file_with_lf);
    tcase_add_test(file, test_token_file_with_crlf);
    tcase_add_test(file, test_token_file_surrounding_white_space);
    tcase_add_test(file, test_token_file_without_final_newline);
    tcase_add_test(file, test_token_file_first_line_only);
    tcase_add_test(file, test_token_file_empty_rejected);
    tcase_add_test(file, test_token_file_white_space_rejected);
    tcase_add_test(file, test_token_file_blank_first_line);
    tcase_add_test(file, test_token_file_missing_rejected);
    tcase_add_test(file, test_token_file_directory_rejected);
    tcase_add_test(file, test_token_file_nul_byte_rejected);
    tcase_add_test(file, test_token_file_overlong_line_rejected);
    tcase_add_test(file, test_token_file_maximum_length_accepted);
    tcase_add_test(file, test_token_inner_space_not_echoed);
    tcase_add_test(file, test_token_control_character_not_echoed);
    tcase_add_test(file, test_token_non_ascii_rejected);
    tcase_add_test(file, test_token_file_mode_0600_private);
    tcase_add_test(file, test_token_file_mode_0644_flagged);
    tcase_add_test(file, test_token_free_clears_token);
    suite_add_tcase(suite, file);

    tcase_add_checked_fixture(load, setup, teardown);
    tcase_add_test(load, test_token_load_prefers_file);
    tcase_add_test(load, test_token_load_option_before_environment);
    tcase_add_test(load, test_token_load_environment_last);
    tcase_add_test(load, test_token_load_none_names_sources);
    tcase_add_test(load, test_token_load_empty_environment_rejected);
    tcase_add_test(load, test_token_load_option_space_not_echoed);
    tcase_add_test(load, test_token_load_overlong_option_rejected);
    tcase_add_test(load, test_token_describe_each_source);
    suite_add_tcase(suite, load);
    return suite;
}
