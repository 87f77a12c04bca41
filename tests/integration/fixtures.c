/* Helpers of the failure-class tests. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <check.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "fixtures.h"

void sim_url(const struct sim *sim, const char *scheme, const char *host,
             const char *path, char *url, size_t url_size)
{
    int length =
        snprintf(url, url_size, "%s://%s:%d%s", scheme, host, sim->port, path);

    ck_assert_msg(length > 0 && (size_t)length < url_size,
                  "the URL for %s%s does not fit in %zu bytes", host, path,
                  url_size);
}

void run_plugin_then_stop(struct sim *sim, const char *const args[],
                          const char *const env[], struct plugin_result *result,
                          struct sim_log *log)
{
    plugin_run(args, env, result);
    sim_stop(sim);
    sim_log_read(sim, log);
}

void fixture_write_file(const char *path, const char *content)
{
    FILE *file = fopen(path, "wb");

    ck_assert_msg(file != NULL, "cannot create %s: %s", path, strerror(errno));
    size_t length = strlen(content);
    bool written = fwrite(content, 1, length, file) == length;
    ck_assert_msg(fclose(file) == 0 && written, "cannot write %s", path);
}

void certificate_not_after(const char *path, char *date, size_t date_size)
{
    FILE *file = fopen(path, "r");
    struct tm expiry;

    ck_assert_msg(file != NULL, "cannot open %s: %s", path, strerror(errno));
    X509 *certificate = PEM_read_X509(file, NULL, NULL, NULL);
    fclose(file);
    ck_assert_msg(certificate != NULL, "%s is not a PEM certificate", path);

    int converted = ASN1_TIME_to_tm(X509_get0_notAfter(certificate), &expiry);
    X509_free(certificate);
    ck_assert_msg(converted == 1, "cannot read the notAfter date of %s", path);
    ck_assert_msg(strftime(date, date_size, "%Y-%m-%dT%H:%M:%SZ", &expiry) > 0,
                  "the date of %s does not fit in %zu bytes", path, date_size);
}

/* Return the perfdata item "label=..." on line, after its '|', with its
 * length in item_length, or NULL. */
static const char *find_perfdata_item(const char *line, const char *label,
                                      size_t *item_length)
{
    const char *item = strchr(line, '|');
    size_t label_length = strlen(label);

    if (item == NULL)
        return NULL;
    for (item++; *item != '\0'; item += *item_length) {
        item += strspn(item, " ");
        *item_length = strcspn(item, " ");
        if (*item_length > label_length && item[label_length] == '=' &&
            strncmp(item, label, label_length) == 0)
            return item;
    }
    return NULL;
}

bool perfdata_field(const char *line, const char *label,
                    enum perfdata_position position, char *field,
                    size_t field_size)
{
    size_t item_length = 0;
    const char *item = find_perfdata_item(line, label, &item_length);

    if (item == NULL)
        return false;
    const char *end = item + item_length;
    const char *start = item + strlen(label) + 1;
    for (int skipped = 0; skipped < (int)position; skipped++) {
        const char *separator = memchr(start, ';', (size_t)(end - start));

        if (separator == NULL)
            return false;
        start = separator + 1;
    }

    const char *separator = memchr(start, ';', (size_t)(end - start));
    size_t length = (size_t)((separator ? separator : end) - start);
    if (length >= field_size)
        return false;
    memcpy(field, start, length);
    field[length] = '\0';
    return true;
}
