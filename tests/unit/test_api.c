/* Unit tests of api.c: a page of projects, the start value taken from
 * nextPageUrl, and the message of an error body. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "suites.h"

static struct api_page current_page;
static char current_error[512];

static void setup(void)
{
    memset(&current_page, 0, sizeof(current_page));
    current_error[0] = '\0';
}

static void teardown(void)
{
    api_page_free(&current_page);
}

static int parse_length(const char *body, size_t length)
{
    api_page_free(&current_page);
    current_error[0] = '\0';
    return api_parse_page(body, length, &current_page, current_error,
                          sizeof(current_error));
}

static int parse(const char *body)
{
    return parse_length(body, strlen(body));
}

/* Assert that body is a valid page with count projects and the given
 * next start value (NULL on the last page). */
static void assert_page(const char *body, size_t count, const char *next_start)
{
    ck_assert_msg(parse(body) == 0, "page rejected: %s; body: %s",
                  current_error, body);
    ck_assert_msg(current_page.count == count,
                  "page counted %zu projects, expected %zu; body: %s",
                  current_page.count, count, body);
    if (next_start == NULL) {
        ck_assert_msg(current_page.next_start == NULL,
                      "last page has next start \"%s\"; body: %s",
                      current_page.next_start, body);
        return;
    }
    ck_assert_msg(current_page.next_start != NULL,
                  "page has no next start, expected \"%s\"; body: %s",
                  next_start, body);
    ck_assert_msg(strcmp(current_page.next_start, next_start) == 0,
                  "next start is \"%s\", expected \"%s\"",
                  current_page.next_start, next_start);
}

/* Assert that body is rejected with an error that contains expected. */
static void assert_page_rejected_length(const char *body, size_t length,
                                        const char *expected)
{
    ck_assert_msg(parse_length(body, length) == -1,
                  "invalid page accepted: %.*s", (int)length, body);
    ck_assert_msg(current_page.count == 0 && current_page.next_start == NULL,
                  "a rejected page left count %zu or a next start",
                  current_page.count);
    ck_assert_msg(strstr(current_error, expected) != NULL,
                  "error lacks \"%s\": %s", expected, current_error);
}

static void assert_page_rejected(const char *body, const char *expected)
{
    assert_page_rejected_length(body, strlen(body), expected);
}

START_TEST(test_api_page_large_ids)
{
    assert_page("{\"data\": [{\"id\": 2147483648, \"url-identifier\": "
                "\"g/a\", \"name\": \"a\", \"url\": \"https://h/g/a\"}, "
                "{\"id\": 4294967297, \"name\": \"b\"}, "
                "{\"id\": 9223372036854775807}]}",
                3, NULL);
}
END_TEST

START_TEST(test_api_page_empty_listing)
{
    assert_page("{\"data\": []}", 0, NULL);
}
END_TEST

START_TEST(test_api_page_surrounding_white_space)
{
    assert_page(" \r\n{\"data\": [{\"id\": 1}]}\r\n\t ", 1, NULL);
}
END_TEST

START_TEST(test_api_page_missing_data)
{
    assert_page_rejected("{\"nextPageUrl\": null}", "\"data\"");
}
END_TEST

START_TEST(test_api_page_data_not_array)
{
    assert_page_rejected("{\"data\": {\"id\": 1}}", "array");
    assert_page_rejected("{\"data\": null}", "\"data\"");
}
END_TEST

START_TEST(test_api_page_root_not_object)
{
    assert_page_rejected("[{\"id\": 1}]", "object");
}
END_TEST

START_TEST(test_api_page_element_not_object)
{
    assert_page_rejected("{\"data\": [{\"id\": 1}, 7]}", "[1]");
    assert_page_rejected("{\"data\": [\"p\"]}", "object");
}
END_TEST

START_TEST(test_api_page_id_missing)
{
    assert_page_rejected("{\"data\": [{\"name\": \"a\"}]}", "\"id\"");
}
END_TEST

START_TEST(test_api_page_id_not_integer)
{
    assert_page_rejected("{\"data\": [{\"id\": \"12\"}]}", "string");
    assert_page_rejected("{\"data\": [{\"id\": 1.5}]}", "\"id\"");
    assert_page_rejected("{\"data\": [{\"id\": null}]}", "\"id\"");
}
END_TEST

START_TEST(test_api_page_next_absent_or_null)
{
    assert_page("{\"data\": [{\"id\": 1}]}", 1, NULL);
    assert_page("{\"data\": [{\"id\": 1}], \"nextPageUrl\": null}", 1, NULL);
}
END_TEST

START_TEST(test_api_page_next_present)
{
    assert_page("{\"data\": [{\"id\": 1}, {\"id\": 2}], \"nextPageUrl\": "
                "\"https://lgtm.example.com/api/v1.0/projects?limit=100&"
                "start=abc123\"}",
                2, "abc123");
}
END_TEST

START_TEST(test_api_page_next_not_string)
{
    assert_page_rejected("{\"data\": [], \"nextPageUrl\": 5}",
                         "\"nextPageUrl\"");
    assert_page_rejected("{\"data\": [], \"nextPageUrl\": {}}",
                         "\"nextPageUrl\"");
}
END_TEST

START_TEST(test_api_page_next_without_start)
{
    assert_page_rejected("{\"data\": [], \"nextPageUrl\": "
                         "\"https://h/api/v1.0/projects?limit=100\"}",
                         "start");
}
END_TEST

START_TEST(test_api_page_trailing_garbage)
{
    assert_page_rejected("{\"data\": []} x", "after");
    assert_page_rejected("{\"data\": []}{\"data\": []}", "after");
}
END_TEST

START_TEST(test_api_page_garbage_after_nul)
{
    /* The length, not a NUL byte, ends the body. */
    static const char body[] = "{\"data\": []}\0garbage";

    assert_page_rejected_length(body, sizeof(body) - 1, "JSON");
}
END_TEST

START_TEST(test_api_page_truncated_json)
{
    assert_page_rejected("{\"data\": [{\"id\": 1}", "not JSON");
    assert_page_rejected("{\"data\": [{\"id\": 1}], \"nextPa", "not JSON");
}
END_TEST

START_TEST(test_api_page_empty_body)
{
    assert_page_rejected("", "not JSON");
}
END_TEST

START_TEST(test_api_page_not_json)
{
    assert_page_rejected("<html><title>Sign in</title></html>", "not JSON");
}
END_TEST

static char *current_start;

static void start_teardown(void)
{
    free(current_start);
    current_start = NULL;
}

static int extract(const char *url)
{
    free(current_start);
    current_start = NULL;
    current_error[0] = '\0';
    return api_extract_start(url, &current_start, current_error,
                             sizeof(current_error));
}

static void assert_start(const char *url, const char *expected)
{
    ck_assert_msg(extract(url) == 0, "no start from \"%s\": %s", url,
                  current_error);
    ck_assert_msg(current_start != NULL, "start from \"%s\" is NULL", url);
    ck_assert_msg(strcmp(current_start, expected) == 0,
                  "start from \"%s\" is \"%s\", expected \"%s\"", url,
                  current_start, expected);
}

static void assert_no_start(const char *url)
{
    ck_assert_msg(extract(url) == -1, "start \"%s\" taken from \"%s\"",
                  current_start ? current_start : "(null)", url);
    ck_assert_msg(current_start == NULL,
                  "start left set after an error for \"%s\"", url);
    ck_assert_msg(current_error[0] != '\0', "no error for \"%s\"", url);
}

START_TEST(test_api_start_absolute_url)
{
    assert_start("https://lgtm.example.com/api/v1.0/projects?limit=100&"
                 "start=CAESBggBEgJpZA",
                 "CAESBggBEgJpZA");
}
END_TEST

START_TEST(test_api_start_relative_url)
{
    assert_start("/api/v1.0/projects?limit=100&start=abc", "abc");
    assert_start("?start=abc", "abc");
}
END_TEST

START_TEST(test_api_start_position_in_query)
{
    assert_start("https://h/p?start=first&limit=100", "first");
    assert_start("https://h/p?limit=100&start=middle&x=1", "middle");
    assert_start("https://h/p?limit=100&x=1&start=last", "last");
}
END_TEST

START_TEST(test_api_start_other_host_port)
{
    assert_start("https://lgtm-internal.corp:8443/api/v1.0/projects?"
                 "limit=100&start=s1",
                 "s1");
    assert_start("http://10.0.0.7:8080/api/v1.0/projects?start=s2", "s2");
    assert_start("https://evil.example.net/steal?start=s3", "s3");
}
END_TEST

START_TEST(test_api_start_keeps_percent_escapes)
{
    assert_start("https://h/p?limit=100&start=ab%2Bcd%3D%3d", "ab%2Bcd%3D%3d");
}
END_TEST

START_TEST(test_api_start_ignores_fragment)
{
    assert_start("https://h/p?limit=100&start=abc#frag", "abc");
    assert_no_start("https://h/p?limit=100#start=abc");
}
END_TEST

START_TEST(test_api_start_question_mark_in_fragment)
{
    /* RFC 3986: a '?' after '#' belongs to the fragment. */
    assert_no_start("https://h/p#section?start=abc");
}
END_TEST

START_TEST(test_api_start_parameter_name_exact)
{
    assert_start("https://h/p?restart=bad&start=good", "good");
    assert_no_start("https://h/p?restart=bad&starts=bad");
}
END_TEST

START_TEST(test_api_start_missing_or_empty)
{
    assert_no_start("https://h/api/v1.0/projects?limit=100");
    assert_no_start("https://h/api/v1.0/projects");
    assert_no_start("https://h/api/v1.0/projects?limit=100&start=");
    assert_no_start("https://h/api/v1.0/projects?start=&limit=100");
    assert_no_start("");
}
END_TEST

START_TEST(test_api_start_invalid_characters)
{
    assert_no_start("https://h/p?start=a b");
    assert_no_start("https://h/p?start=a\"b");
    assert_no_start("https://h/p?start=ab%4");
    assert_no_start("https://h/p?start=ab%4g");
    assert_no_start("https://h/p?start=ab%");
    assert_no_start("https://h/p?start=caf\xc3\xa9");
    assert_no_start("https://h/p?start=a<b");
    assert_no_start("https://h/p?start=a\r\nb");
}
END_TEST

static char *current_message;

static void message_teardown(void)
{
    free(current_message);
    current_message = NULL;
}

static void assert_message(const char *body, const char *expected)
{
    free(current_message);
    current_message = api_error_message(body, strlen(body));
    ck_assert_msg(current_message != NULL, "no message from body: %s", body);
    ck_assert_msg(strcmp(current_message, expected) == 0,
                  "message is \"%s\", expected \"%s\"", current_message,
                  expected);
}

START_TEST(test_api_message_error_member)
{
    assert_message("{\"code\": 403, \"error\": \"Missing required scopes: "
                   "[projects:read]\"}",
                   "Missing required scopes: [projects:read]");
}
END_TEST

START_TEST(test_api_message_message_member)
{
    assert_message("{\"code\": 401, \"message\": \"The authorization token "
                   "you provided was not valid.\"}",
                   "The authorization token you provided was not valid.");
}
END_TEST

START_TEST(test_api_message_error_wins)
{
    assert_message("{\"message\": \"second\", \"error\": \"first\"}", "first");
    assert_message("{\"error\": 42, \"message\": \"fallback\"}", "fallback");
}
END_TEST

START_TEST(test_api_message_plain_text)
{
    assert_message("Forbidden: token rejected", "Forbidden: token rejected");
}
END_TEST

START_TEST(test_api_message_html_body)
{
    const char *html = "<html><head><title>403 Forbidden</title></head>"
                       "<body>nginx</body></html>";

    assert_message(html, html);
}
END_TEST

START_TEST(test_api_message_empty_body)
{
    ck_assert_msg(api_error_message("", 0) == NULL,
                  "an empty body gave a message");
    ck_assert_msg(api_error_message(NULL, 0) == NULL,
                  "a NULL body gave a message");
}
END_TEST

START_TEST(test_api_message_json_without_text)
{
    static const char body[] = "{\"code\": 500}";

    current_message = api_error_message(body, strlen(body));
    ck_assert_msg(current_message == NULL,
                  "JSON without error or message gave \"%s\"", current_message);
}
END_TEST

START_TEST(test_api_message_json_string_body)
{
    assert_message("\"Forbidden\"", "Forbidden");
}
END_TEST

START_TEST(test_api_page_comment_rejected)
{
    static const char bodies[][32] = {"{\"data\":[]}// x\n",
                                      "{\"data\":[] /* x */}",
                                      "{\"data\":[{\"id\":1},]}"};
    struct api_page page;
    char error[256];

    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        ck_assert_msg(api_parse_page(bodies[i], strlen(bodies[i]), &page, error,
                                     sizeof(error)) == -1,
                      "a page that is not strict JSON was accepted: %s",
                      bodies[i]);
    }
}
END_TEST

Suite *api_suite(void)
{
    Suite *suite = suite_create("api");
    TCase *page = tcase_create("page");
    TCase *start = tcase_create("start");
    TCase *message = tcase_create("error message");

    tcase_add_checked_fixture(page, setup, teardown);
    tcase_add_test(page, test_api_page_large_ids);
    tcase_add_test(page, test_api_page_empty_listing);
    tcase_add_test(page, test_api_page_surrounding_white_space);
    tcase_add_test(page, test_api_page_missing_data);
    tcase_add_test(page, test_api_page_data_not_array);
    tcase_add_test(page, test_api_page_root_not_object);
    tcase_add_test(page, test_api_page_element_not_object);
    tcase_add_test(page, test_api_page_id_missing);
    tcase_add_test(page, test_api_page_id_not_integer);
    tcase_add_test(page, test_api_page_next_absent_or_null);
    tcase_add_test(page, test_api_page_next_present);
    tcase_add_test(page, test_api_page_next_not_string);
    tcase_add_test(page, test_api_page_next_without_start);
    tcase_add_test(page, test_api_page_trailing_garbage);
    tcase_add_test(page, test_api_page_garbage_after_nul);
    tcase_add_test(page, test_api_page_truncated_json);
    tcase_add_test(page, test_api_page_empty_body);
    tcase_add_test(page, test_api_page_not_json);
    suite_add_tcase(suite, page);

    tcase_add_checked_fixture(start, setup, start_teardown);
    tcase_add_test(start, test_api_start_absolute_url);
    tcase_add_test(start, test_api_start_relative_url);
    tcase_add_test(start, test_api_start_position_in_query);
    tcase_add_test(start, test_api_start_other_host_port);
    tcase_add_test(start, test_api_start_keeps_percent_escapes);
    tcase_add_test(start, test_api_start_ignores_fragment);
    tcase_add_test(start, test_api_start_question_mark_in_fragment);
    tcase_add_test(start, test_api_start_parameter_name_exact);
    tcase_add_test(start, test_api_start_missing_or_empty);
    tcase_add_test(start, test_api_start_invalid_characters);
    suite_add_tcase(suite, start);

    tcase_add_checked_fixture(message, NULL, message_teardown);
    tcase_add_test(message, test_api_message_error_member);
    tcase_add_test(message, test_api_message_message_member);
    tcase_add_test(message, test_api_message_error_wins);
    tcase_add_test(message, test_api_message_plain_text);
    tcase_add_test(message, test_api_message_html_body);
    tcase_add_test(message, test_api_message_empty_body);
    tcase_add_test(message, test_api_message_json_without_text);
    tcase_add_test(message, test_api_message_json_string_body);
    tcase_add_test(message, test_api_page_comment_rejected);
    suite_add_tcase(suite, message);
    return suite;
}
