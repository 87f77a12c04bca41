/* The run directory and plugin runs for the integration tests. */

/* wait4(), the one call that returns the resource usage of one child
 * process, is a BSD and Linux extension outside POSIX. */
#define _DEFAULT_SOURCE

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "harness.h"

#define MAKE_CERTS_LIMIT 60.0 /* seconds for make-certs.sh */
#define DRAIN_LIMIT 2.0       /* seconds to read what a killed run wrote */
#define ASAN_SYMBOL "__asan_init"

extern char **environ;

/* Variables passed on to the plugin unchanged. Proxy variables and
 * LGTM_TOKEN are left out, so that no proxy is used and the token comes
 * only from where a test puts it. */
static const char *const passed_variables[] = {
    "PATH", "LD_LIBRARY_PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"};

/* A growing NUL-terminated byte buffer. */
struct text {
    char *data;
    size_t length;
    size_t capacity;
};

static void text_append(struct text *text, const char *data, size_t length)
{
    if (text->length + length + 1 > text->capacity) {
        size_t capacity = text->capacity ? text->capacity : 1024;

        while (capacity < text->length + length + 1)
            capacity *= 2;
        char *grown = realloc(text->data, capacity);
        ck_assert_msg(grown != NULL, "out of memory for %zu bytes", capacity);
        text->data = grown;
        text->capacity = capacity;
    }
    memcpy(text->data + text->length, data, length);
    text->length += length;
    text->data[text->length] = '\0';
}

/* Return the buffer's string, "" when nothing was appended. */
static char *text_take(struct text *text)
{
    if (text->data == NULL)
        text_append(text, "", 0);
    return text->data;
}

double harness_clock(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

void harness_sleep(double seconds)
{
    struct timespec delay;
    int result;

    delay.tv_sec = (time_t)seconds;
    delay.tv_nsec = (long)((seconds - (double)delay.tv_sec) * 1e9);
    do {
        result = nanosleep(&delay, &delay);
    } while (result != 0 && errno == EINTR);
}

int harness_wait_usage(pid_t pid, double limit, int *status,
                       struct rusage *usage)
{
    double deadline = harness_clock() + limit;
    struct rusage ignored;

    if (usage == NULL)
        usage = &ignored;
    while (harness_clock() < deadline) {
        pid_t done = wait4(pid, status, WNOHANG, usage);

        if (done == pid)
            return 0;
        if (done < 0 && errno != EINTR)
            return -1;
        harness_sleep(0.01);
    }
    kill(pid, SIGKILL);

    pid_t done;
    do {
        done = wait4(pid, status, 0, usage);
    } while (done < 0 && errno == EINTR);
    return -1;
}

int harness_wait(pid_t pid, double limit, int *status)
{
    return harness_wait_usage(pid, limit, status, NULL);
}

const char *harness_getenv(const char *name)
{
    const char *value = getenv(name);

    ck_assert_msg(value != NULL && value[0] != '\0',
                  "environment variable %s is not set; run the tests with "
                  "make integration",
                  name);
    return value;
}

/* Make the path in the variable absolute, because the tests run in the
 * run directory. */
static int resolve_variable(const char *name)
{
    const char *value = getenv(name);
    char cwd[PATH_MAX];
    char resolved[2 * PATH_MAX];

    if (value == NULL || value[0] == '\0') {
        fprintf(stderr,
                "integration tests: %s is not set; run them with make "
                "integration\n",
                name);
        return -1;
    }
    if (value[0] == '/')
        return 0;
    if (getcwd(cwd, sizeof(cwd)) == NULL) {
        fprintf(stderr, "integration tests: getcwd failed: %s\n",
                strerror(errno));
        return -1;
    }
    snprintf(resolved, sizeof(resolved), "%s/%s", cwd, value);
    return setenv(name, resolved, 1);
}

static int check_environment(void)
{
    if (resolve_variable("CHECK_LGTM_BIN") != 0 ||
        resolve_variable("LGTM_SOURCE_DIR") != 0)
        return -1;
    if (getenv("PYTHON") == NULL || getenv("PYTHON")[0] == '\0')
        setenv("PYTHON", "python3", 1);

    const char *bin = getenv("CHECK_LGTM_BIN");
    if (access(bin, X_OK) != 0) {
        fprintf(stderr,
                "integration tests: the plugin %s is not executable: %s; "
                "build it with make\n",
                bin, strerror(errno));
        return -1;
    }
    return 0;
}

static int write_file(const char *name, const char *content)
{
    FILE *file = fopen(name, "wb");

    if (file == NULL) {
        fprintf(stderr, "integration tests: cannot create %s: %s\n", name,
                strerror(errno));
        return -1;
    }
    size_t length = strlen(content);
    bool written = fwrite(content, 1, length, file) == length;
    if (fclose(file) != 0 || !written) {
        fprintf(stderr, "integration tests: cannot write %s\n", name);
        return -1;
    }
    return 0;
}

static int write_token_files(void)
{
    if (write_file(TOKEN_FILE, TEST_TOKEN "\n") != 0 ||
        write_file(TOKEN_FILE_PADDED, "  " TEST_TOKEN "  \r\n") != 0 ||
        write_file(TOKEN_FILE_EMPTY, "") != 0 ||
        write_file(TOKEN_FILE_REVOKED, REVOKED_TOKEN "\n") != 0)
        return -1;
    return 0;
}

/* Run make-certs.sh into CERT_DIR. Its messages go to the runner's
 * stderr. */
static int make_certificates(void)
{
    char script[PATH_MAX];
    char *argv[] = {"sh", script, CERT_DIR, NULL};
    pid_t pid;
    int status = 0;

    snprintf(script, sizeof(script), "%s/tests/sim/make-certs.sh",
             getenv("LGTM_SOURCE_DIR"));
    int error = posix_spawnp(&pid, "sh", NULL, NULL, argv, environ);
    if (error != 0) {
        fprintf(stderr, "integration tests: cannot run sh %s: %s\n", script,
                strerror(error));
        return -1;
    }
    if (harness_wait(pid, MAKE_CERTS_LIMIT, &status) != 0 ||
        !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "integration tests: %s %s failed\n", script, CERT_DIR);
        return -1;
    }
    return 0;
}

int harness_setup(struct harness_run *run)
{
    const char *temporary = getenv("TMPDIR");

    run->dir[0] = '\0';
    if (check_environment() != 0)
        return -1;
    if (temporary == NULL || temporary[0] == '\0')
        temporary = "/tmp";
    snprintf(run->dir, sizeof(run->dir), "%s/check_lgtm-it.XXXXXX", temporary);
    if (mkdtemp(run->dir) == NULL) {
        fprintf(stderr, "integration tests: cannot create %s: %s\n", run->dir,
                strerror(errno));
        run->dir[0] = '\0';
        return -1;
    }
    if (chdir(run->dir) != 0) {
        fprintf(stderr, "integration tests: cannot enter %s: %s\n", run->dir,
                strerror(errno));
        return -1;
    }
    if (make_certificates() != 0 || write_token_files() != 0)
        return -1;
    return 0;
}

static void remove_tree(const char *path)
{
    struct stat info;

    if (lstat(path, &info) != 0)
        return;
    if (!S_ISDIR(info.st_mode)) {
        unlink(path);
        return;
    }

    DIR *directory = opendir(path);
    if (directory != NULL) {
        const struct dirent *entry;

        while ((entry = readdir(directory)) != NULL) {
            char child[PATH_MAX];

            if (strcmp(entry->d_name, ".") == 0 ||
                strcmp(entry->d_name, "..") == 0)
                continue;
            snprintf(child, sizeof(child), "%s/%s", path, entry->d_name);
            remove_tree(child);
        }
        closedir(directory);
    }
    rmdir(path);
}

void harness_cleanup(const struct harness_run *run, bool keep)
{
    if (run->dir[0] == '\0' || chdir("/") != 0)
        return;
    if (keep) {
        fprintf(stderr, "integration tests: kept %s for inspection\n",
                run->dir);
        return;
    }
    remove_tree(run->dir);
}

const char **arg_list_join(const char *const first[],
                           const char *const second[])
{
    size_t first_count = 0;
    size_t second_count = 0;

    while (first != NULL && first[first_count] != NULL)
        first_count++;
    while (second != NULL && second[second_count] != NULL)
        second_count++;

    const char **joined =
        calloc(first_count + second_count + 1, sizeof(*joined));
    ck_assert_msg(joined != NULL, "out of memory for an argument list");
    for (size_t i = 0; i < first_count; i++)
        joined[i] = first[i];
    for (size_t i = 0; i < second_count; i++)
        joined[first_count + i] = second[i];
    return joined;
}

static char *copy_string(const char *text)
{
    char *copy = strdup(text);

    ck_assert_msg(copy != NULL, "out of memory copying \"%s\"", text);
    return copy;
}

char **arg_list_copy(const char *const list[])
{
    size_t count = 0;

    while (list[count] != NULL)
        count++;
    char **copy = calloc(count + 1, sizeof(*copy));
    ck_assert_msg(copy != NULL, "out of memory for an argument list");
    for (size_t i = 0; i < count; i++)
        copy[i] = copy_string(list[i]);
    return copy;
}

void arg_list_free(char **list)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        free(list[i]);
    free(list);
}

bool harness_wrapped(void)
{
    const char *wrapper = getenv(WRAPPER_VARIABLE);

    return wrapper != NULL && wrapper[strspn(wrapper, " ")] != '\0';
}

double plugin_run_limit(void)
{
    return harness_wrapped() ? PLUGIN_RUN_LIMIT * WRAPPER_LIMIT_FACTOR
                             : PLUGIN_RUN_LIMIT;
}

/* Return whether the file contains the bytes of text. */
static bool file_contains(const char *path, const char *text)
{
    FILE *file = fopen(path, "rb");
    size_t length = strlen(text);
    size_t matched = 0;
    int c;

    ck_assert_msg(file != NULL, "cannot open %s: %s", path, strerror(errno));
    while (matched < length && (c = getc(file)) != EOF) {
        if (c == (unsigned char)text[matched])
            matched++;
        else
            matched = c == (unsigned char)text[0] ? 1 : 0;
    }
    fclose(file);
    return matched == length;
}

bool harness_plugin_uses_asan(void)
{
    static int uses_asan = -1; /* not yet known */

    if (uses_asan < 0)
        uses_asan =
            file_contains(harness_getenv("CHECK_LGTM_BIN"), ASAN_SYMBOL);
    return uses_asan == 1;
}

/* Split the wrapper command on spaces into a list that the caller frees
 * with arg_list_free(), or return NULL without a wrapper. */
static char **split_wrapper(void)
{
    if (!harness_wrapped())
        return NULL;

    char *words = copy_string(getenv(WRAPPER_VARIABLE));
    size_t count = 0;
    char **list = calloc(strlen(words) / 2 + 2, sizeof(*list));
    ck_assert_msg(list != NULL, "out of memory for the wrapper command");
    for (char *word = strtok(words, " "); word != NULL;
         word = strtok(NULL, " "))
        list[count++] = copy_string(word);
    free(words);
    return list;
}

/* Build the plugin's argv: the wrapper's words, if any, the binary, then
 * args. */
static char **build_argv(const char *const args[], bool wrapped)
{
    char **wrapper = wrapped ? split_wrapper() : NULL;
    const char *const binary[] = {harness_getenv("CHECK_LGTM_BIN"), NULL};
    const char **command = arg_list_join((const char *const *)wrapper, binary);
    const char **joined = arg_list_join(command, args);
    char **argv = arg_list_copy(joined);

    free(joined);
    free(command);
    arg_list_free(wrapper);
    return argv;
}

static char **build_envp(const char *const env[], bool empty_environment)
{
    size_t passed = empty_environment ? 0
                                      : sizeof(passed_variables) /
                                            sizeof(passed_variables[0]);
    size_t extra = 0;
    size_t count = 0;

    while (env != NULL && env[extra] != NULL)
        extra++;
    char **envp = calloc(passed + extra + 1, sizeof(*envp));
    ck_assert_msg(envp != NULL, "out of memory for the environment");

    for (size_t i = 0; i < passed; i++) {
        const char *value = getenv(passed_variables[i]);
        struct text entry = {0};

        if (value == NULL)
            continue;
        text_append(&entry, passed_variables[i], strlen(passed_variables[i]));
        text_append(&entry, "=", 1);
        text_append(&entry, value, strlen(value));
        envp[count++] = text_take(&entry);
    }
    for (size_t i = 0; i < extra; i++)
        envp[count++] = copy_string(env[i]);
    return envp;
}

/* Quote an argument for a failure report when it is not plain. */
static void append_shell_word(struct text *text, const char *word)
{
    bool plain = word[0] != '\0' &&
                 strspn(word, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrst"
                              "uvwxyz0123456789_./:=@,+-[]") == strlen(word);

    if (plain) {
        text_append(text, word, strlen(word));
        return;
    }
    text_append(text, "'", 1);
    for (const char *c = word; *c != '\0'; c++) {
        if (*c == '\'')
            text_append(text, "'\\''", 4);
        else
            text_append(text, c, 1);
    }
    text_append(text, "'", 1);
}

static char *describe_command(char *const argv[], char *const envp[])
{
    struct text command = {0};

    for (size_t i = 0; envp[i] != NULL; i++) {
        if (strncmp(envp[i], "PATH=", 5) == 0)
            continue;
        append_shell_word(&command, envp[i]);
        text_append(&command, " ", 1);
    }
    for (size_t i = 0; argv[i] != NULL; i++) {
        if (i > 0)
            text_append(&command, " ", 1);
        append_shell_word(&command, argv[i]);
    }
    return text_take(&command);
}

static void make_pipe(int ends[2])
{
    ck_assert_msg(pipe(ends) == 0, "pipe failed: %s", strerror(errno));
    fcntl(ends[0], F_SETFD, FD_CLOEXEC);
    fcntl(ends[1], F_SETFD, FD_CLOEXEC);
}

/* Read both pipes into the buffers until both reach end of file or the
 * deadline passes. Returns whether both reached end of file. */
static bool read_pipes(struct pollfd fds[2], struct text buffers[2],
                       double deadline)
{
    char chunk[8192];

    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        double remaining = deadline - harness_clock();

        if (remaining <= 0)
            return false;
        int ready = poll(fds, 2, (int)(remaining * 1000) + 1);
        if (ready < 0 && errno == EINTR)
            continue;
        ck_assert_msg(ready >= 0, "poll failed: %s", strerror(errno));

        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            ssize_t count = read(fds[i].fd, chunk, sizeof(chunk));
            if (count > 0) {
                text_append(&buffers[i], chunk, (size_t)count);
            } else if (count == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
            }
        }
    }
    return true;
}

static void close_pipes(struct pollfd fds[2])
{
    for (int i = 0; i < 2; i++) {
        if (fds[i].fd >= 0)
            close(fds[i].fd);
        fds[i].fd = -1;
    }
}

/* Start argv[0], searched in this process's PATH when wrapped, since a
 * wrapper such as valgrind is named without its directory. */
static pid_t spawn_plugin(char *const argv[], char *const envp[], bool wrapped,
                          int out, int err)
{
    posix_spawn_file_actions_t actions;
    pid_t pid = 0;

    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null",
                                     O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
    int error = wrapped
                    ? posix_spawnp(&pid, argv[0], &actions, NULL, argv, envp)
                    : posix_spawn(&pid, argv[0], &actions, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    ck_assert_msg(error == 0, "cannot start %s: %s", argv[0], strerror(error));
    return pid;
}

static void set_exit_status(struct plugin_result *result, int status)
{
    result->exit_code = -1;
    result->term_signal = 0;
    if (WIFEXITED(status))
        result->exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result->term_signal = WTERMSIG(status);
}

static char *first_line(const char *out)
{
    size_t length = strcspn(out, "\n");
    char *line = malloc(length + 1);

    ck_assert_msg(line != NULL, "out of memory for line 1");
    memcpy(line, out, length);
    line[length] = '\0';
    return line;
}

/* Fail the test when a sanitizer (ASan, LSan, UBSan) reported an error,
 * whatever the exit code was. */
static void reject_sanitizer_report(const struct plugin_result *result)
{
    bool report = strstr(result->err, "Sanitizer") != NULL ||
                  strstr(result->err, "runtime error:") != NULL;

    if (report) {
        plugin_result_print(result, stderr);
        ck_abort_msg("the plugin's stderr contains a sanitizer report");
    }
}

/* Return whether a line of text starts with "==PID==", as each line of a
 * valgrind report does. */
static bool has_valgrind_report(const char *text)
{
    for (const char *line = text; line != NULL && *line != '\0';) {
        if (strncmp(line, "==", 2) == 0) {
            size_t digits = strspn(line + 2, "0123456789");

            if (digits > 0 && strncmp(line + 2 + digits, "==", 2) == 0)
                return true;
        }
        line = strchr(line, '\n');
        if (line != NULL)
            line++;
    }
    return false;
}

/* Fail the test when the wrapper reported an error: by its error exit
 * code or by a report on stderr. */
static void reject_wrapper_report(const struct plugin_result *result)
{
    if (!result->wrapped)
        return;
    if (result->exit_code == WRAPPER_ERROR_EXIT_CODE) {
        plugin_result_print(result, stderr);
        ck_abort_msg("the wrapper exited with its error exit code %d",
                     WRAPPER_ERROR_EXIT_CODE);
    }
    if (has_valgrind_report(result->err)) {
        plugin_result_print(result, stderr);
        ck_abort_msg("the plugin's stderr contains a valgrind report");
    }
}

/* Read the plugin's stdout and stderr until it exits, killing it after
 * plugin_run_limit() seconds, and store what it produced in result. */
static void collect_output(pid_t pid, int out, int err, double started,
                           struct plugin_result *result)
{
    struct pollfd fds[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
    struct text buffers[2] = {{0}, {0}};
    double deadline = started + plugin_run_limit();
    struct rusage usage;
    int status = 0;

    if (!read_pipes(fds, buffers, deadline)) {
        result->timed_out = true;
        kill(pid, SIGKILL);
        read_pipes(fds, buffers, harness_clock() + DRAIN_LIMIT);
    }
    close_pipes(fds);

    double remaining = deadline - harness_clock();
    memset(&usage, 0, sizeof(usage));
    if (harness_wait_usage(pid, remaining > 0 ? remaining : 0, &status,
                           &usage) != 0)
        result->timed_out = true;
    result->elapsed = harness_clock() - started;
    result->max_rss_kib = usage.ru_maxrss; /* KiB on Linux */
    set_exit_status(result, status);
    result->out_length = buffers[0].length;
    result->out = text_take(&buffers[0]);
    result->err_length = buffers[1].length;
    result->err = text_take(&buffers[1]);
    result->line1 = first_line(result->out);
}

void plugin_run_with(const struct plugin_run_options *options,
                     const char *const args[], const char *const env[],
                     struct plugin_result *result)
{
    bool wrapped = harness_wrapped() && !options->unwrapped;
    char **argv = build_argv(args, wrapped);
    char **envp = build_envp(env, options->empty_environment);
    int out[2];
    int err[2];

    memset(result, 0, sizeof(*result));
    result->wrapped = wrapped;
    result->command = describe_command(argv, envp);
    make_pipe(out);
    make_pipe(err);

    double started = harness_clock();
    pid_t pid = spawn_plugin(argv, envp, wrapped, out[1], err[1]);
    close(out[1]);
    close(err[1]);
    if (options->while_running != NULL)
        options->while_running(pid, options->while_running_data);
    collect_output(pid, out[0], err[0], started, result);

    arg_list_free(argv);
    arg_list_free(envp);
    reject_sanitizer_report(result);
    reject_wrapper_report(result);
}

void plugin_run(const char *const args[], const char *const env[],
                struct plugin_result *result)
{
    const struct plugin_run_options defaults = {0};

    plugin_run_with(&defaults, args, env, result);
}

void plugin_result_free(struct plugin_result *result)
{
    free(result->command);
    free(result->out);
    free(result->err);
    free(result->line1);
    memset(result, 0, sizeof(*result));
}

void plugin_result_print(const struct plugin_result *result, FILE *stream)
{
    fprintf(stream, "--- plugin run ---\n$ %s\n", result->command);
    if (result->timed_out)
        fprintf(stream, "killed after the limit of %.0f s\n",
                plugin_run_limit());
    if (result->term_signal != 0)
        fprintf(stream, "ended by signal %d\n", result->term_signal);
    else
        fprintf(stream, "exit code %d after %.2f s, peak RSS %ld KiB%s\n",
                result->exit_code, result->elapsed, result->max_rss_kib,
                result->wrapped ? ", under the wrapper" : "");
    fprintf(stream, "--- stdout ---\n%s", result->out);
    fprintf(stream, "--- stderr ---\n%s--- end ---\n", result->err);
}

void harness_read_text(const char *path, char *buffer, size_t size)
{
    FILE *file = fopen(path, "rb");
    size_t length = 0;

    if (file != NULL) {
        length = fread(buffer, 1, size - 1, file);
        fclose(file);
    }
    buffer[length] = '\0';
}
