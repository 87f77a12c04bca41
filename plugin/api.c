#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "api.h"

/* Return whether the length bytes at text are all JSON white space. */
static bool is_json_white_space(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' &&
            text[i] != '\n')
            return false;
    }
    return true;
}

/* Parse body as exactly one JSON value, allowing white space around it. */
static json_object *parse_json(const char *body, size_t length, char *error,
                               size_t error_size)
{
    json_tokener *tokener = json_tokener_new();
    json_object *value = NULL;

    if (tokener == NULL) {
        snprintf(error, error_size, "out of memory parsing JSON");
        return NULL;
    }
    if (length > (size_t)INT32_MAX) {
        snprintf(error, error_size, "body too large to parse");
        json_tokener_free(tokener);
        return NULL;
    }

    /* Strict mode turns off json-c's comments, which could hide any bytes,
     * and trailing commas. Trailing characters stay allowed so that the
     * check below reports them. */
    json_tokener_set_flags(tokener, JSON_TOKENER_STRICT |
                                        JSON_TOKENER_ALLOW_TRAILING_CHARS);
    value = json_tokener_parse_ex(tokener, body, (int)length);
    enum json_tokener_error status = json_tokener_get_error(tokener);
    size_t offset = json_tokener_get_parse_end(tokener);

    if (value == NULL || status != json_tokener_success) {
        snprintf(error, error_size, "body is not JSON (%s at byte %zu)",
                 status == json_tokener_continue
                     ? "unexpected end"
                     : json_tokener_error_desc(status),
                 offset);
        json_object_put(value);
        value = NULL;
    } else if (!is_json_white_space(body + offset, length - offset)) {
        snprintf(error, error_size,
                 "body has data after its JSON value at byte %zu", offset);
        json_object_put(value);
        value = NULL;
    }
    json_tokener_free(tokener);
    return value;
}

/* Name a JSON value's type for messages: "an array", "a string". */
static const char *json_type_label(json_object *value)
{
    switch (json_object_get_type(value)) {
    case json_type_null:
        return "null";
    case json_type_boolean:
        return "a boolean";
    case json_type_double:
        return "a decimal number";
    case json_type_int:
        return "an integer";
    case json_type_object:
        return "an object";
    case json_type_array:
        return "an array";
    case json_type_string:
        return "a string";
    }
    return "an unknown type";
}

/* Each project must be an object with an integer id (int64 in the API). */
static int check_project(json_object *project, size_t index, char *error,
                         size_t error_size)
{
    json_object *id = NULL;

    if (!json_object_is_type(project, json_type_object)) {
        snprintf(error, error_size,
                 "\"data\"[%zu] is %s, expected a project object", index,
                 json_type_label(project));
        return -1;
    }
    if (!json_object_object_get_ex(project, "id", &id)) {
        snprintf(error, error_size, "\"data\"[%zu] has no \"id\"", index);
        return -1;
    }
    if (!json_object_is_type(id, json_type_int)) {
        snprintf(error, error_size,
                 "\"data\"[%zu].\"id\" is %s, expected an integer", index,
                 json_type_label(id));
        return -1;
    }
    return 0;
}

static int read_projects(json_object *root, struct api_page *page, char *error,
                         size_t error_size)
{
    json_object *data = NULL;

    if (!json_object_object_get_ex(root, "data", &data)) {
        snprintf(error, error_size, "JSON has no \"data\" member");
        return -1;
    }
    if (!json_object_is_type(data, json_type_array)) {
        snprintf(error, error_size, "\"data\" is %s, expected an array",
                 json_type_label(data));
        return -1;
    }

    size_t count = json_object_array_length(data);
    for (size_t i = 0; i < count; i++) {
        if (check_project(json_object_array_get_idx(data, i), i, error,
                          error_size) != 0)
            return -1;
    }
    page->count = count;
    return 0;
}

static int read_next_start(json_object *root, struct api_page *page,
                           char *error, size_t error_size)
{
    json_object *next = NULL;

    if (!json_object_object_get_ex(root, "nextPageUrl", &next) ||
        json_object_is_type(next, json_type_null))
        return 0;
    if (!json_object_is_type(next, json_type_string)) {
        snprintf(error, error_size, "\"nextPageUrl\" is %s, expected a string",
                 json_type_label(next));
        return -1;
    }
    return api_extract_start(json_object_get_string(next), &page->next_start,
                             error, error_size);
}

int api_parse_page(const char *body, size_t length, struct api_page *page,
                   char *error, size_t error_size)
{
    int result = -1;

    memset(page, 0, sizeof(*page));
    json_object *root = parse_json(body, length, error, error_size);
    if (root == NULL)
        return -1;

    if (!json_object_is_type(root, json_type_object))
        snprintf(error, error_size, "JSON is %s, expected an object",
                 json_type_label(root));
    else if (read_projects(root, page, error, error_size) == 0 &&
             read_next_start(root, page, error, error_size) == 0)
        result = 0;

    json_object_put(root);
    if (result != 0)
        api_page_free(page);
    return result;
}

void api_page_free(struct api_page *page)
{
    free(page->next_start);
    page->next_start = NULL;
    page->count = 0;
}

static bool is_hex_digit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

/* A start value is sent back as it came, so it may hold only characters
 * that RFC 3986 allows in a query, other than the '&' and '#' that would
 * end it, plus complete percent-escapes. */
static bool is_valid_start(const char *value, size_t length)
{
    static const char allowed[] = "-._~!$'()*+,;=:@/?";

    if (length == 0)
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = value[i];
        if (c == '%') {
            if (i + 2 >= length)
                return false;
            if (!is_hex_digit(value[i + 1]) || !is_hex_digit(value[i + 2]))
                return false;
            i += 2;
        } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                     (c >= '0' && c <= '9') ||
                     (c != '\0' && strchr(allowed, c) != NULL))) {
            return false;
        }
    }
    return true;
}

int api_extract_start(const char *next_page_url, char **start, char *error,
                      size_t error_size)
{
    /* A '?' after the '#' belongs to the fragment (RFC 3986). */
    size_t before_fragment = strcspn(next_page_url, "#");
    const char *query = memchr(next_page_url, '?', before_fragment);
    size_t query_length = 0;

    *start = NULL;
    if (query != NULL) {
        query++;
        query_length = (size_t)(next_page_url + before_fragment - query);
    }

    for (size_t offset = 0; offset < query_length;) {
        const char *parameter = query + offset;
        size_t length = strcspn(parameter, "&#");

        if (length > query_length - offset)
            length = query_length - offset;
        if (length > 6 && strncmp(parameter, "start=", 6) == 0) {
            if (!is_valid_start(parameter + 6, length - 6))
                break;
            *start = strndup(parameter + 6, length - 6);
            if (*start == NULL) {
                snprintf(error, error_size, "out of memory");
                return -1;
            }
            return 0;
        }
        offset += length + 1;
    }
    snprintf(error, error_size, "\"nextPageUrl\" has no valid start parameter");
    return -1;
}

/* Read a string member of an error object, or NULL. */
static const char *string_member(json_object *object, const char *name)
{
    json_object *member = NULL;

    if (!json_object_object_get_ex(object, name, &member) ||
        !json_object_is_type(member, json_type_string))
        return NULL;
    return json_object_get_string(member);
}

char *api_error_message(const char *body, size_t length)
{
    char error[128];
    char *message = NULL;

    if (body == NULL || length == 0)
        return NULL;

    json_object *root = parse_json(body, length, error, sizeof(error));
    if (root == NULL)
        return strndup(body, length);

    if (json_object_is_type(root, json_type_string)) {
        message = strdup(json_object_get_string(root));
    } else if (json_object_is_type(root, json_type_object)) {
        const char *text = string_member(root, "error");
        if (text == NULL)
            text = string_member(root, "message");
        if (text != NULL)
            message = strdup(text);
    }
    json_object_put(root);
    return message;
}
