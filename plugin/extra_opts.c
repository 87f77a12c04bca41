/* --extra-opts: reads options from an ini file and inserts them into the
 * argument vector before the command-line arguments.
 *
 * The file format and the lookup follow the Monitoring Plugins'
 * Extra-Opts description (monitoring-plugins.org/doc/extra-opts.html and
 * its Nagios Plugins 1.4.12 predecessor):
 * - [section] headers; the default section is the plugin's name;
 * - "name=value" gives --name=value, "name=" gives --name, and a
 *   one-letter name gives a short option (-k, -t30); white space around
 *   names and values is dropped and values are taken as written, quotes
 *   included;
 * - lines starting with '#' or ';' are comments;
 * - a section may appear several times and its keys may repeat, like
 *   options repeated on a command line;
 * - lines of other sections are skipped unread, because one plugins.ini
 *   serves many plugins.
 * The default file is the first of: plugins.ini, then nagios-plugins.ini,
 * in each directory of NAGIOS_CONFIG_PATH; then the standard files below,
 * the list of the Nagios Plugins and Monitoring::Plugin::Config.
 * NOTE: Monitoring Plugins 2.x also honour MP_CONFIG_FILE and look for
 * monitoring-plugins.ini first; this plugin does not. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extra_opts.h"
#include "strbuf.h"

static const char *const standard_files[] = {
    "/etc/nagios/plugins.ini",           "/usr/local/nagios/etc/plugins.ini",
    "/usr/local/etc/nagios/plugins.ini", "/etc/opt/nagios/plugins.ini",
    "/etc/nagios-plugins.ini",           "/usr/local/etc/nagios-plugins.ini",
    "/etc/opt/nagios-plugins.ini",       NULL};

static const char *const config_path_names[] = {"plugins.ini",
                                                "nagios-plugins.ini", NULL};

/* Arguments made from ini lines, in file order. */
struct arg_list {
    char **items;
    size_t count;
    size_t capacity;
};

/* One file being parsed, for error messages. */
struct ini_source {
    const char *path;
    const char *section;
    long line_number;
};

/* Overwrite memory through a volatile pointer, so that the compiler
 * cannot drop the stores as dead before free(). */
static void wipe(void *memory, size_t size)
{
    volatile unsigned char *bytes = memory;

    while (size-- > 0)
        *bytes++ = 0;
}

static void wipe_string(char *text)
{
    if (text != NULL)
        wipe(text, strlen(text));
}

static int arg_list_append(struct arg_list *list, char *item)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity == 0 ? 16 : list->capacity * 2;
        char **items = realloc(list->items, capacity * sizeof(*items));

        if (items == NULL)
            return -1;
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = item;
    return 0;
}

static void arg_list_free(struct arg_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        wipe_string(list->items[i]);
        free(list->items[i]);
    }
    free(list->items);
    memset(list, 0, sizeof(*list));
}

/* Tell whether name (length bytes) is "extra-opts" or an abbreviation of
 * it that getopt_long would accept. */
static int is_extra_opts_name(const char *name, size_t length)
{
    static const char full_name[] = "extra-opts";

    return length > 0 && length < sizeof(full_name) &&
           strncmp(name, full_name, length) == 0;
}

/* Recognize --extra-opts[=VALUE] in argument. *value becomes NULL when
 * the argument has no '='. */
static int match_extra_opts(const char *argument, const char **value)
{
    if (strncmp(argument, "--", 2) != 0)
        return 0;

    const char *name = argument + 2;
    size_t length = strcspn(name, "=");

    if (!is_extra_opts_name(name, length))
        return 0;
    *value = name[length] == '=' ? name + length + 1 : NULL;
    return 1;
}

/* Store in *path a copy of directory/name when that file exists. */
static int try_file(const char *directory, size_t directory_length,
                    const char *name, char **path)
{
    struct stat status;
    size_t size = directory_length + 1 + strlen(name) + 1;
    char *candidate = malloc(size);

    if (candidate == NULL)
        return -1;
    snprintf(candidate, size, "%.*s/%s", (int)directory_length, directory,
             name);
    if (stat(candidate, &status) == 0) {
        *path = candidate;
        return 1;
    }
    free(candidate);
    return 0;
}

/* Look up plugins.ini, then nagios-plugins.ini, in each directory of a
 * colon-separated list. Returns 1 when found, 0 when not, -1 when out of
 * memory. */
static int search_config_path(const char *config_path, char **path)
{
    const char *directory = config_path;

    while (directory != NULL && *directory != '\0') {
        size_t length = strcspn(directory, ":");

        for (size_t i = 0; length > 0 && config_path_names[i] != NULL; i++) {
            int found = try_file(directory, length, config_path_names[i], path);
            if (found != 0)
                return found;
        }
        directory += length;
        if (*directory == ':')
            directory++;
    }
    return 0;
}

static void describe_missing_default(const struct extra_opts_search *search,
                                     char *error, size_t error_size)
{
    struct strbuf text;

    strbuf_init(&text, error_size - 1);
    strbuf_printf(&text, "--extra-opts names no file, and no default ini "
                         "file exists (");
    if (search->config_path != NULL)
        strbuf_printf(&text, "plugins.ini or nagios-plugins.ini in a "
                             "directory of NAGIOS_CONFIG_PATH, ");
    for (size_t i = 0; search->standard_files[i] != NULL; i++)
        strbuf_printf(&text, "%s%s", i > 0 ? ", " : "",
                      search->standard_files[i]);
    strbuf_printf(&text, "): give one with --extra-opts=@FILE");
    snprintf(error, error_size, "%s", strbuf_text(&text));
    strbuf_free(&text);
}

/* Store in *path a copy of the first standard file that exists. */
static int search_standard_files(const char *const *files, char **path)
{
    struct stat status;

    for (size_t i = 0; files[i] != NULL; i++) {
        if (stat(files[i], &status) != 0)
            continue;
        *path = strdup(files[i]);
        return *path != NULL ? 1 : -1;
    }
    return 0;
}

static int find_default_file(const struct extra_opts_search *search,
                             char **path, char *error, size_t error_size)
{
    int found = search_config_path(search->config_path, path);

    if (found == 0)
        found = search_standard_files(search->standard_files, path);
    if (found < 0) {
        snprintf(error, error_size, "out of memory finding the ini file");
        return -1;
    }
    if (found == 0) {
        describe_missing_default(search, error, error_size);
        return -1;
    }
    return 0;
}

/* Split [SECTION][@FILE] into a section and a file, with the defaults for
 * the parts left out. */
static int parse_locator(const char *locator,
                         const struct extra_opts_search *search, char **section,
                         char **path, char *error, size_t error_size)
{
    size_t section_length = strcspn(locator, "@");

    *section = section_length > 0 ? strndup(locator, section_length)
                                  : strdup(EXTRA_OPTS_DEFAULT_SECTION);
    *path = NULL;
    if (*section == NULL) {
        snprintf(error, error_size, "out of memory reading --extra-opts");
        return -1;
    }
    if (locator[section_length] != '@')
        return find_default_file(search, path, error, error_size);
    if (locator[section_length + 1] == '\0') {
        snprintf(error, error_size,
                 "--extra-opts=%s names no file after '@': give "
                 "--extra-opts=[SECTION]@FILE, or leave out '@' for the "
                 "default file",
                 locator);
        return -1;
    }
    *path = strdup(locator + section_length + 1);
    if (*path == NULL) {
        snprintf(error, error_size, "out of memory reading --extra-opts");
        return -1;
    }
    return 0;
}

/* Read all of a regular file into a NUL-terminated buffer. Plain read(2)
 * leaves no copy of the contents in a stdio buffer, which matters when
 * the file contains the token. */
static int read_whole_file(const char *path, char **content, size_t *length,
                           char *error, size_t error_size)
{
    struct stat status;
    int descriptor = open(path, O_RDONLY | O_CLOEXEC);

    if (descriptor < 0 || fstat(descriptor, &status) != 0) {
        snprintf(error, error_size,
                 "cannot read the --extra-opts file %s: %s; check the path "
                 "and that the monitoring user may read it",
                 path, strerror(errno));
        if (descriptor >= 0)
            close(descriptor);
        return -1;
    }
    if (!S_ISREG(status.st_mode) || status.st_size > EXTRA_OPTS_MAX_FILE_SIZE) {
        snprintf(error, error_size,
                 "the --extra-opts file %s is %s: give an ini file of at "
                 "most %ld bytes",
                 path,
                 S_ISREG(status.st_mode) ? "too large" : "not a regular file",
                 EXTRA_OPTS_MAX_FILE_SIZE);
        close(descriptor);
        return -1;
    }

    size_t capacity = (size_t)status.st_size;
    char *buffer = malloc(capacity + 1);
    size_t used = 0;

    while (buffer != NULL && used < capacity) {
        ssize_t got = read(descriptor, buffer + used, capacity - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            snprintf(error, error_size,
                     "cannot read the --extra-opts file %s: %s", path,
                     strerror(errno));
            wipe(buffer, used);
            free(buffer);
            close(descriptor);
            return -1;
        }
        if (got == 0)
            break;
        used += (size_t)got;
    }
    close(descriptor);
    if (buffer == NULL) {
        snprintf(error, error_size, "out of memory reading %s", path);
        return -1;
    }
    buffer[used] = '\0';
    *content = buffer;
    *length = used;
    return 0;
}

/* Drop white space at both ends of [*start, *end). */
static void trim(char **start, char **end)
{
    while (*start < *end && isspace((unsigned char)**start))
        (*start)++;
    while (*end > *start && isspace((unsigned char)(*end)[-1]))
        (*end)--;
}

static int is_valid_name(const char *name, size_t length)
{
    if (length == 0 || !isalnum((unsigned char)name[0]))
        return 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!isalnum(c) && c != '-' && c != '_')
            return 0;
    }
    return 1;
}

/* Format a line error. Only the file, the line number and the section
 * appear, never the line's text, which may be the token. */
static int line_error(const struct ini_source *source, const char *problem,
                      char *error, size_t error_size)
{
    snprintf(error, error_size, "%s line %ld: %s", source->path,
             source->line_number, problem);
    return -1;
}

/* Turn "name=value" into --name=value, --name, -nVALUE or -n. */
static char *make_argument(const char *name, size_t name_length,
                           const char *value, size_t value_length)
{
    int is_short = name_length == 1;
    size_t size = 2 + name_length + 1 + value_length + 1;
    char *argument = malloc(size);

    if (argument == NULL)
        return NULL;
    if (is_short)
        snprintf(argument, size, "-%.*s%.*s", (int)name_length, name,
                 (int)value_length, value);
    else if (value_length > 0)
        snprintf(argument, size, "--%.*s=%.*s", (int)name_length, name,
                 (int)value_length, value);
    else
        snprintf(argument, size, "--%.*s", (int)name_length, name);
    return argument;
}

static int parse_option_line(char *start, char *end,
                             const struct ini_source *source,
                             struct arg_list *list, char *error,
                             size_t error_size)
{
    char *equals = memchr(start, '=', (size_t)(end - start));

    if (equals == NULL)
        return line_error(source,
                          "expected NAME=VALUE, or NAME= for an option "
                          "without a value",
                          error, error_size);

    char *name_end = equals;
    char *value = equals + 1;

    trim(&start, &name_end);
    trim(&value, &end);
    size_t name_length = (size_t)(name_end - start);
    if (!is_valid_name(start, name_length))
        return line_error(source,
                          "invalid option name: give a long option name "
                          "without dashes, e.g. url=https://lgtm.example.com",
                          error, error_size);
    if (is_extra_opts_name(start, name_length))
        return line_error(source,
                          "extra-opts cannot be nested: list the options "
                          "themselves",
                          error, error_size);

    char *argument =
        make_argument(start, name_length, value, (size_t)(end - value));
    if (argument == NULL || arg_list_append(list, argument) != 0) {
        wipe_string(argument);
        free(argument);
        return line_error(source, "out of memory", error, error_size);
    }
    return 0;
}

enum section_state { BEFORE_ANY_SECTION, OTHER_SECTION, WANTED_SECTION };

/* Parse a "[name]" line and compare the name with the wanted section. */
static int parse_header(char *start, char *end, const struct ini_source *source,
                        enum section_state *state, char *error,
                        size_t error_size)
{
    if (end[-1] != ']')
        return line_error(source, "section header without a closing ']'", error,
                          error_size);

    char *name = start + 1;
    char *name_end = end - 1;

    trim(&name, &name_end);
    if (name == name_end)
        return line_error(source, "empty section name", error, error_size);
    if ((size_t)(name_end - name) == strlen(source->section) &&
        strncmp(name, source->section, strlen(source->section)) == 0)
        *state = WANTED_SECTION;
    else
        *state = OTHER_SECTION;
    return 0;
}

/* Parse one line. *found becomes 1 once the wanted section starts. */
static int parse_line(char *start, char *end, const struct ini_source *source,
                      enum section_state *state, int *found,
                      struct arg_list *list, char *error, size_t error_size)
{
    trim(&start, &end);
    if (start == end || *start == '#' || *start == ';')
        return 0;
    if (memchr(start, '\0', (size_t)(end - start)) != NULL)
        return line_error(source, "contains a NUL byte", error, error_size);
    if (*start == '[') {
        if (parse_header(start, end, source, state, error, error_size) != 0)
            return -1;
        *found |= *state == WANTED_SECTION;
        return 0;
    }
    if (*state == BEFORE_ANY_SECTION)
        return line_error(source, "option before the first [section] header",
                          error, error_size);
    if (*state == OTHER_SECTION)
        return 0;
    return parse_option_line(start, end, source, list, error, error_size);
}

/* Append the options of one section of the file's content to list. */
static int parse_ini(char *content, size_t length, struct ini_source *source,
                     struct arg_list *list, char *error, size_t error_size)
{
    enum section_state state = BEFORE_ANY_SECTION;
    int found = 0;
    char *line = content;
    char *content_end = content + length;

    while (line < content_end) {
        char *newline = memchr(line, '\n', (size_t)(content_end - line));
        char *line_end = newline != NULL ? newline : content_end;

        source->line_number++;
        if (parse_line(line, line_end, source, &state, &found, list, error,
                       error_size) != 0)
            return -1;
        line = line_end + 1;
    }
    if (!found) {
        snprintf(error, error_size,
                 "section [%s] not found in the --extra-opts file %s: add "
                 "it, or name the section with --extra-opts=SECTION@FILE",
                 source->section, source->path);
        return -1;
    }
    return 0;
}

/* Append the options that one --extra-opts value refers to. */
static int expand_locator(const char *locator,
                          const struct extra_opts_search *search,
                          struct arg_list *list, char *error, size_t error_size)
{
    char *section = NULL;
    char *path = NULL;
    char *content = NULL;
    size_t length = 0;
    int result =
        parse_locator(locator, search, &section, &path, error, error_size);

    if (result == 0)
        result = read_whole_file(path, &content, &length, error, error_size);
    if (result == 0) {
        struct ini_source source = {path, section, 0};
        /* Editors on Windows start a UTF-8 file with a byte-order mark. */
        size_t skip =
            length >= 3 && memcmp(content, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        result = parse_ini(content + skip, length - skip, &source, list, error,
                           error_size);
        wipe(content, length);
    }
    free(content);
    free(path);
    free(section);
    return result;
}

/* Split argv into the --extra-opts values and the other arguments.
 * Scanning stops at "--", after which every argument is an operand. */
static void split_arguments(int argc, char **argv, const char **locators,
                            int *locator_count, char **remaining,
                            int *remaining_count)
{
    int i = 1;

    *locator_count = 0;
    *remaining_count = 0;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *value = NULL;

        if (!match_extra_opts(argv[i], &value)) {
            remaining[(*remaining_count)++] = argv[i];
            continue;
        }
        if (value == NULL && i + 1 < argc && argv[i + 1][0] != '-')
            value = argv[++i];
        locators[(*locator_count)++] = value != NULL ? value : "";
    }
    for (; i < argc; i++)
        remaining[(*remaining_count)++] = argv[i];
}

/* Build args from argv[0], the ini arguments (taken over from list) and
 * the remaining command-line arguments. */
static int build_args(char *program, struct arg_list *list, char **remaining,
                      int remaining_count, struct extra_opts_args *args)
{
    size_t total = 1 + list->count + (size_t)remaining_count;
    char **argv = malloc((total + 1) * sizeof(*argv));

    if (argv == NULL)
        return -1;
    argv[0] = program;
    for (size_t i = 0; i < list->count; i++)
        argv[1 + i] = list->items[i];
    for (int i = 0; i < remaining_count; i++)
        argv[1 + list->count + (size_t)i] = remaining[i];
    argv[total] = NULL;

    args->argc = (int)total;
    args->argv = argv;
    args->ini_arguments = list->items;
    args->ini_count = list->count;
    args->argv_allocated = true;
    memset(list, 0, sizeof(*list));
    return 0;
}

int extra_opts_expand(int argc, char **argv,
                      const struct extra_opts_search *search,
                      struct extra_opts_args *args, char *error,
                      size_t error_size)
{
    struct extra_opts_search default_search = {getenv("NAGIOS_CONFIG_PATH"),
                                               standard_files};
    size_t slots = argc > 0 ? (size_t)argc : 1;
    const char **locators = malloc(slots * sizeof(*locators));
    char **remaining = malloc(slots * sizeof(*remaining));
    struct arg_list list = {NULL, 0, 0};
    int locator_count = 0;
    int remaining_count = 0;
    int result = 0;

    /* Without memory for a copy, options_parse reads the original argv,
     * where it ignores --extra-opts. */
    *args = (struct extra_opts_args){argc, argv, NULL, 0, false};
    if (locators == NULL || remaining == NULL) {
        free(locators);
        free(remaining);
        snprintf(error, error_size, "out of memory reading --extra-opts");
        return -1;
    }
    if (search == NULL)
        search = &default_search;
    split_arguments(argc, argv, locators, &locator_count, remaining,
                    &remaining_count);
    for (int i = 0; i < locator_count && result == 0; i++)
        result = expand_locator(locators[i], search, &list, error, error_size);
    if (result != 0)
        arg_list_free(&list);
    if (build_args(argc > 0 ? argv[0] : NULL, &list, remaining, remaining_count,
                   args) != 0) {
        arg_list_free(&list);
        snprintf(error, error_size, "out of memory reading --extra-opts");
        result = -1;
    }
    free(locators);
    free(remaining);
    return result;
}

void extra_opts_free(struct extra_opts_args *args)
{
    for (size_t i = 0; i < args->ini_count; i++) {
        wipe_string(args->ini_arguments[i]);
        free(args->ini_arguments[i]);
    }
    free(args->ini_arguments);
    if (args->argv_allocated)
        free(args->argv);
    memset(args, 0, sizeof(*args));
}
