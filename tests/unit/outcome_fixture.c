#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outcome_fixture.h"
#include "output.h"

struct outcome_fixture fixture;

static char *copy_text(const char *text)
{
    char *copy = strdup(text);

    ck_assert_msg(copy != NULL, "out of memory copying \"%s\"", text);
    return copy;
}

static void free_arguments(void)
{
    for (int i = 0; i < fixture.argc; i++)
        free(fixture.argv[i]);
    fixture.argc = 0;
}

void fixture_setup(void)
{
    memset(&fixture, 0, sizeof(fixture));
    outcome_init(&fixture.outcome);
    report_init(&fixture.report);
    fixture_use_options((const char *const[]){NULL});
    fixture_set_base(FIXTURE_URL);
}

void fixture_teardown(void)
{
    report_free(&fixture.report);
    outcome_free(&fixture.outcome);
    token_free(&fixture.token);
    options_free(&fixture.options);
    free_arguments();
}

void fixture_use_options(const char *const *words)
{
    char error[512] = "";

    options_free(&fixture.options);
    free_arguments();
    fixture.argv[fixture.argc++] = copy_text("check_lgtm");
    fixture.argv[fixture.argc++] = copy_text("-u");
    fixture.argv[fixture.argc++] = copy_text(FIXTURE_URL);
    for (size_t i = 0; words[i] != NULL; i++) {
        ck_assert_msg(i < FIXTURE_WORDS_MAX, "too many option words");
        fixture.argv[fixture.argc++] = copy_text(words[i]);
    }
    fixture.argv[fixture.argc] = NULL;

    enum options_result result = options_parse(
        fixture.argc, fixture.argv, &fixture.options, error, sizeof(error));
    ck_assert_msg(result == OPTIONS_OK, "test options rejected: %s", error);
}

void fixture_set_base(const char *url)
{
    free(fixture.outcome.base_url);
    fixture.outcome.base_url = copy_text(url);
}

void fixture_listed(long projects, long pages, double seconds)
{
    struct outcome *outcome = &fixture.outcome;

    outcome->kind = OUTCOME_LISTED;
    outcome->projects = projects;
    outcome->pages = pages;
    outcome->have_first = true;
    outcome->first.connect = 0.002;
    outcome->first.tls = 0.011;
    outcome->first.first_byte = 0.040;
    outcome->first.total = seconds;
    outcome->total_time = seconds * (double)pages;
    outcome->response.status = 200;
    outcome->response.timings = outcome->first;
    outcome->response.new_connections = pages == 1 ? 1 : 0;
}

void fixture_transfer(CURLcode result, const char *error)
{
    struct outcome *outcome = &fixture.outcome;

    outcome->kind = OUTCOME_TRANSFER;
    outcome->failed_page = 1;
    outcome->have_first = true;
    outcome->response.result = result;
    outcome->response.new_connections = 1;
    snprintf(outcome->response.error, sizeof(outcome->response.error), "%s",
             error);
    free(outcome->request_url);
    outcome->request_url = copy_text(FIXTURE_REQUEST_URL);
}

void fixture_http(long status, const char *body)
{
    struct outcome *outcome = &fixture.outcome;

    outcome->kind = OUTCOME_HTTP;
    outcome->failed_page = 1;
    outcome->have_first = true;
    outcome->first.connect = 0.002;
    outcome->first.tls = 0.011;
    outcome->first.first_byte = 0.030;
    outcome->first.total = 0.031;
    outcome->total_time = 0.031;
    outcome->response.status = status;
    outcome->response.timings = outcome->first;
    outcome->response.new_connections = 1;
    free(outcome->request_url);
    outcome->request_url = copy_text(FIXTURE_REQUEST_URL);
    free(outcome->body_excerpt);
    outcome->body_excerpt = NULL;
    outcome->body_excerpt_length = 0;
    if (body != NULL) {
        outcome->body_excerpt = copy_text(body);
        outcome->body_excerpt_length = strlen(body);
    }
}

void fixture_file_token(void)
{
    token_free(&fixture.token);
    memset(&fixture.token, 0, sizeof(fixture.token));
    fixture.token.value = copy_text(FIXTURE_TOKEN_VALUE);
    fixture.token.length = strlen(FIXTURE_TOKEN_VALUE);
    fixture.token.source = TOKEN_FROM_FILE;
    fixture.token.path = FIXTURE_TOKEN_PATH;
}

const char *fixture_diagnose(void)
{
    report_free(&fixture.report);
    report_init(&fixture.report);
    diagnose(&fixture.outcome, &fixture.options, &fixture.token,
             &fixture.report);
    return strbuf_text(&fixture.report.summary);
}

const char *fixture_write_output(void)
{
    FILE *stream = tmpfile();

    ck_assert_msg(stream != NULL, "tmpfile() failed");
    fixture_diagnose();
    output_write(stream, &fixture.report, &fixture.outcome, &fixture.options);
    rewind(stream);
    fixture.output_length =
        fread(fixture.output, 1, sizeof(fixture.output) - 1, stream);
    fixture.output[fixture.output_length] = '\0';
    ck_assert_msg(!ferror(stream), "cannot read the output back");
    fclose(stream);
    return fixture.output;
}
