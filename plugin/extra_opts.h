/* --extra-opts=[SECTION][@FILE]: options read from an ini file, the way
 * the Monitoring Plugins (formerly Nagios Plugins) read them. */
#ifndef LGTM_EXTRA_OPTS_H
#define LGTM_EXTRA_OPTS_H

#include <stdbool.h>
#include <stddef.h>

/* Section read when --extra-opts names none: the plugin's name. */
#define EXTRA_OPTS_DEFAULT_SECTION "check_lgtm"

/* Largest ini file read, in bytes. */
#define EXTRA_OPTS_MAX_FILE_SIZE (1024L * 1024)

/* Places searched for the default ini file when --extra-opts names no
 * file. */
struct extra_opts_search {
    const char *config_path; /* colon-separated directories, or NULL */
    const char *const *standard_files; /* NULL-terminated */
};

/* The argument vector that options_parse reads: argv[0], the options
 * from the ini file, then the other command-line arguments. Those point
 * into the original argv, so that options_parse still overwrites a
 * --token value in the memory that the process list shows. */
struct extra_opts_args {
    int argc;
    char **argv;          /* NULL-terminated; getopt may reorder it */
    char **ini_arguments; /* the strings allocated from the ini file */
    size_t ini_count;
    bool argv_allocated; /* false: argv is the original, not a copy */
};

/* Expand every --extra-opts[=VALUE] argument (also "--extra-opts VALUE"
 * when VALUE does not start with '-', and getopt_long's abbreviations
 * such as --extra) into the options of its ini section, placed before
 * the remaining command-line arguments so that those win. search NULL
 * means NAGIOS_CONFIG_PATH and the standard files. Returns 0, or -1
 * with a one-line error naming the file, section or line number; the
 * error never contains text from the file. Even on -1, args contains the
 * command line without the --extra-opts arguments, ready for
 * options_parse and extra_opts_free. */
int extra_opts_expand(int argc, char **argv,
                      const struct extra_opts_search *search,
                      struct extra_opts_args *args, char *error,
                      size_t error_size);

/* Overwrite the strings read from the ini file, which may contain the
 * token, and free them and the vector. */
void extra_opts_free(struct extra_opts_args *args);

#endif
