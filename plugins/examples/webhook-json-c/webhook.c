/*
 * webhook — send an HTTP request when a mapping fires (JSON ABI, `network` capability).
 *
 * Freestanding C: no libc. It exports what the JSON ABI asks for (docs/plugin-abi.md):
 *
 *     memory, alloc(len) -> ptr, dealloc(ptr, len), init() -> i64, execute(ptr, len) -> i32
 *
 * and imports `midimon.log` and `midimon.http_request`, the host's HTTP client, which
 * needs the `network` capability (low risk: requesting it in plugin.toml grants it).
 *
 * Action `send`, params:
 *     url           required: http:// or https://
 *     method        default POST (any method the host accepts; GET sends no body)
 *     body          default {"action":"send","velocity":V,"current_mode":M,"timestamp":T}
 *     content_type  default application/json (sent as Content-Type when there is a body)
 * In `url` and `body`, {velocity}, {current_mode} and {timestamp} are replaced by the
 * request's context values (null when absent), so one mapping can say
 * body = '{"text": "pad hit at velocity {velocity}"}'.
 *
 * It logs "METHOD URL -> STATUS (N bytes)" (info) and the start of the response (debug).
 *
 * execute returns:
 *     0  the server answered 2xx
 *     1  no request (a null pointer or a length <= 0)
 *     2  the request is not a JSON object with a string "action"
 *     3  unknown action (logged as a warning)
 *     4  a parameter is missing or wrong: no url, a value too long (logged as an error)
 *     5  the server answered, but not 2xx (logged as a warning, with the start of its reply)
 *     6  no answer: refused, timed out, or not allowed (the host logs why; so does the plugin)
 *
 * The host function (midimon_http_request in plugins/sdk/midimon.h):
 *     i64 http_request(method_ptr, method_len, url_ptr, url_len, headers_ptr, headers_len,
 *                      body_ptr, body_len, response_ptr, response_capacity)
 * returns status << 32 | the full response body's length (at most response_capacity bytes
 * of it are copied), or a negative MIDIMON_HTTP_* code: no `network` capability, a request
 * the host refuses, failed, timed out, no HTTP client in this host. Headers are
 * "Name: value" lines separated by "\n"; an empty method means GET.
 *
 * Build flags: -nostdlib -Wl,--no-entry
 * (plugins/build reads the line above and adds it to
 * `clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug`.)
 */

#include "../../sdk/midimon.h"
#include "../../sdk/midimon_json.h"

#define EXPORT(name) __attribute__((export_name(name)))

enum {
    OK = 0,
    ERROR_NO_REQUEST = 1,
    ERROR_BAD_REQUEST = 2,
    ERROR_UNKNOWN_ACTION = 3,
    ERROR_BAD_PARAMETER = 4,
    ERROR_HTTP_STATUS = 5,
    ERROR_NO_ANSWER = 6,
};
enum { LOG_ERROR, LOG_WARNING, LOG_INFO, LOG_DEBUG };

static const char metadata[] =
    "{\"name\":\"webhook\",\"version\":\"0.1.0\","
    "\"description\":\"Sends an HTTP request (a webhook) when a mapping fires\","
    "\"author\":\"midimon developers\",\"license\":\"MIT\",\"type\":\"action\","
    "\"actions\":[{\"name\":\"send\",\"description\":\"Sends the request; succeeds on a 2xx answer\",\"parameters\":["
    "{\"name\":\"url\",\"type\":\"string\",\"required\":true,\"description\":\"Where to send it (http:// or https://)\"},"
    "{\"name\":\"method\",\"type\":\"string\",\"required\":false,\"description\":\"HTTP method (default POST)\"},"
    "{\"name\":\"body\",\"type\":\"string\",\"required\":false,\"description\":\"Body; {velocity}, {current_mode}, {timestamp} are filled in\"},"
    "{\"name\":\"content_type\",\"type\":\"string\",\"required\":false,\"description\":\"Content-Type of the body (default application/json)\"}]}],"
    "\"capabilities\":[\"network\"]}";

/* alloc, dealloc and init: the SDK's (one reused buffer at the heap's start). */
MIDIMON_JSON_EXPORTS(metadata)

/* ---- text buffers --------------------------------------------------------------------- */

typedef struct {
    char *text;
    int32_t length, capacity;
    int overflow; /* something did not fit */
} buffer;

static void put_bytes(buffer *b, const char *s, int32_t n) {
    for (int32_t i = 0; i < n; i++) {
        if (b->length >= b->capacity) { b->overflow = 1; return; }
        b->text[b->length++] = s[i];
    }
}

static void put(buffer *b, const char *s) {
    int32_t n = 0;
    while (s[n]) n++;
    put_bytes(b, s, n);
}

static void put_int(buffer *b, int64_t value) {
    char digits[24];
    int n = 0;
    uint64_t v = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    do digits[n++] = (char)('0' + v % 10); while ((v /= 10) && n < 24);
    if (value < 0) put(b, "-");
    while (n > 0) put_bytes(b, &digits[--n], 1);
}

static void log_buffer(int32_t level, const buffer *b) { midimon_log(level, b->text, b->length); }

static void log_text(int32_t level, const char *text) {
    int32_t n = 0;
    while (text[n]) n++;
    midimon_log(level, text, n);
}

/* ---- the action ----------------------------------------------------------------------- */

typedef struct {
    int has_velocity, has_mode;
    int64_t velocity, mode, timestamp;
} trigger;

static int starts_with(const char *s, int32_t n, const char *prefix) {
    int32_t i = 0;
    for (; prefix[i]; i++)
        if (i >= n || s[i] != prefix[i]) return 0;
    return 1;
}

/* Copies `text` into `out`, replacing {velocity}, {current_mode} and {timestamp}. */
static void fill_in(buffer *out, const char *text, int32_t n, const trigger *t) {
    for (int32_t i = 0; i < n;) {
        if (starts_with(text + i, n - i, "{velocity}")) {
            if (t->has_velocity) put_int(out, t->velocity); else put(out, "null");
            i += 10;
        } else if (starts_with(text + i, n - i, "{current_mode}")) {
            if (t->has_mode) put_int(out, t->mode); else put(out, "null");
            i += 14;
        } else if (starts_with(text + i, n - i, "{timestamp}")) {
            put_int(out, t->timestamp);
            i += 11;
        } else {
            put_bytes(out, text + i, 1);
            i++;
        }
    }
}

static char url_template[1024], url[2048];
static char method[16];
static char body_template[4096], body[8192];
static char content_type[128];
static char headers[160];
static char response[1024];
static char log_line[1024];

/* A string parameter into `out` (NUL-terminated): 1 found, 0 absent, -1 wrong or too long. */
static int string_param(mj_value params, const char *name, char *out, int32_t capacity, int32_t *length) {
    mj_value v;
    if (!mj_get(params, name, &v) || v.kind == MJ_NULL)
        return 0;
    int32_t n = mj_string(v, out, capacity);
    if (n < 0) {
        buffer line = {.text = log_line, .length = 0, .capacity = sizeof log_line, .overflow = 0};
        put(&line, "webhook: parameter ");
        put(&line, name);
        put(&line, " must be a string (and not too long)");
        log_buffer(LOG_ERROR, &line);
        return -1;
    }
    *length = n;
    return 1;
}

static int32_t send(mj_value params, const trigger *t) {
    int32_t method_len, url_template_len, body_template_len = 0, content_type_len;
    int found;

    if ((found = string_param(params, "url", url_template, sizeof url_template, &url_template_len)) <= 0) {
        if (found == 0) log_text(LOG_ERROR, "webhook: the parameter url is required");
        return ERROR_BAD_PARAMETER;
    }
    if ((found = string_param(params, "method", method, sizeof method, &method_len)) < 0)
        return ERROR_BAD_PARAMETER;
    if (!found) {
        method_len = 4;
        method[0] = 'P'; method[1] = 'O'; method[2] = 'S'; method[3] = 'T'; method[4] = 0;
    }
    for (int32_t i = 0; i < method_len; i++) /* the host wants it upper case; be kind */
        if (method[i] >= 'a' && method[i] <= 'z') method[i] = (char)(method[i] - 'a' + 'A');
    int has_body = !(method_len == 3 && method[0] == 'G' && method[1] == 'E' && method[2] == 'T');
    static const char standard_body[] =
        "{\"action\":\"send\",\"velocity\":{velocity},\"current_mode\":{current_mode},\"timestamp\":{timestamp}}";
    static const char standard_type[] = "application/json";
    const char *body_source = body_template, *type = content_type;
    if ((found = string_param(params, "body", body_template, sizeof body_template, &body_template_len)) < 0)
        return ERROR_BAD_PARAMETER;
    if (!found) {
        body_source = standard_body;
        body_template_len = sizeof standard_body - 1;
    }
    if ((found = string_param(params, "content_type", content_type, sizeof content_type, &content_type_len)) < 0)
        return ERROR_BAD_PARAMETER;
    if (!found) {
        type = standard_type;
        content_type_len = sizeof standard_type - 1;
    }
    for (int32_t i = 0; i < content_type_len; i++)
        if (type[i] == '\n' || type[i] == '\r') {
            log_text(LOG_ERROR, "webhook: content_type must be one line");
            return ERROR_BAD_PARAMETER;
        }

    buffer u = {.text = url, .length = 0, .capacity = sizeof url, .overflow = 0};
    fill_in(&u, url_template, url_template_len, t);
    buffer b = {.text = body, .length = 0, .capacity = sizeof body, .overflow = 0};
    if (has_body)
        fill_in(&b, body_source, body_template_len, t);
    buffer h = {.text = headers, .length = 0, .capacity = sizeof headers, .overflow = 0};
    if (b.length > 0) {
        put(&h, "Content-Type: ");
        put_bytes(&h, type, content_type_len);
    }
    if (u.overflow || b.overflow || h.overflow) {
        log_text(LOG_ERROR, "webhook: the url or body is too long once filled in");
        return ERROR_BAD_PARAMETER;
    }

    int64_t result = midimon_http_request(method, method_len, url, u.length, headers, h.length,
                                          body, b.length, response, sizeof response);

    buffer line = {.text = log_line, .length = 0, .capacity = sizeof log_line, .overflow = 0};
    put_bytes(&line, method, method_len);
    put(&line, " ");
    put_bytes(&line, url, u.length);
    if (result < 0) {
        put(&line, " failed (http_request returned ");
        put_int(&line, result);
        put(&line, ")");
        log_buffer(LOG_ERROR, &line);
        return ERROR_NO_ANSWER;
    }
    int32_t status = midimon_http_status(result);
    int64_t length = midimon_http_length(result);
    int32_t kept = length < (int64_t)sizeof response ? (int32_t)length : (int32_t)sizeof response;
    put(&line, " -> ");
    put_int(&line, status);
    put(&line, " (");
    put_int(&line, length);
    put(&line, " bytes)");
    int ok = status >= 200 && status <= 299;
    if (!ok && kept > 0) {
        put(&line, ": ");
        put_bytes(&line, response, kept < 200 ? kept : 200);
    }
    log_buffer(ok ? LOG_INFO : LOG_WARNING, &line);
    if (ok && kept > 0)
        midimon_log(LOG_DEBUG, response, kept < 200 ? kept : 200);
    return ok ? OK : ERROR_HTTP_STATUS;
}

EXPORT("execute")
int32_t execute(const char *ptr, int32_t len) {
    if (!ptr || len <= 0)
        return ERROR_NO_REQUEST;
    mj_value root, action, params, context, v;
    if (!mj_parse(ptr, len, &root) || root.kind != MJ_OBJECT ||
        !mj_get(root, "action", &action) || action.kind != MJ_STRING) {
        log_text(LOG_ERROR, "webhook: the request is not a JSON object with a string \"action\"");
        return ERROR_BAD_REQUEST;
    }
    trigger t;
    t.has_velocity = t.has_mode = 0;
    t.velocity = t.mode = t.timestamp = 0;
    mj_get(root, "params", &params);
    if (mj_get(root, "context", &context)) {
        if (mj_get(context, "velocity", &v)) t.has_velocity = mj_int(v, 0, 127, &t.velocity);
        if (mj_get(context, "current_mode", &v)) t.has_mode = mj_int(v, 0, 0x7fffffff, &t.mode);
        if (mj_get(context, "timestamp", &v) && !mj_int(v, 0, (int64_t)1 << 53, &t.timestamp)) t.timestamp = 0;
    }
    if (mj_equals(action, "send"))
        return send(params, &t);
    log_text(LOG_WARNING, "webhook: unknown action (it has one: send)");
    return ERROR_UNKNOWN_ACTION;
}
