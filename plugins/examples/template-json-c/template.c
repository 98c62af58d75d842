/*
 * template — a complete JSON-ABI plugin to start from: it reads its request with a real
 * (small, hand-written) JSON scanner, has several actions, logs through the host, and
 * answers with MIDIMon's error codes.
 *
 * Freestanding C: no libc. It exports what the JSON ABI asks for (docs/plugin-abi.md):
 *
 *     memory                         the linear memory
 *     i32  alloc(i32 len)            a pointer to `len` writable bytes for the request
 *     void dealloc(i32 ptr, i32 len) gives them back (the buffer is reused; nothing to do)
 *     i64  init()                    pointer << 32 | length of the metadata JSON
 *     i32  execute(i32 ptr, i32 len) runs one request
 *
 * and imports one host function, `midimon.log` (midimon_log in plugins/sdk/midimon.h).
 *
 * The request is {"action": NAME, "params": {...}, "context": {"velocity": N|null,
 * "current_mode": N|null, "timestamp": MS}}; plugins/sdk/midimon_json.h validates it whole
 * before anything is read, so a truncated or malformed request is refused cleanly.
 * Parameters may arrive as JSON numbers or as strings holding numbers ("100").
 *
 * Actions:
 *     greet           params: name (string, default "world"). Logs "hello, NAME" (info).
 *     describe        Logs the request as the plugin saw it (info):
 *                     "describe: velocity=V mode=M timestamp=T params=N calls=C", with
 *                     V and M "null" when absent, N the number of params, and C how many
 *                     requests this instance has run (midimon keeps one instance).
 *     scale_velocity  params: min (default 0), max (default 100), numbers with min <= max.
 *                     Maps context.velocity 0..127 onto min..max, rounded to the nearest
 *                     integer, and logs "velocity V -> R" (info).
 *     log             params: text (string, required), level (0..3 or error, warning,
 *                     info, debug; default info). Logs text at that level.
 *
 * execute returns (MIDIMon's codes first):
 *     0  success
 *     1  no request (a null pointer or a length <= 0)
 *     2  the request is not a JSON object with a string "action"
 *     3  unknown action (logged as a warning)
 *     4  a parameter is missing or has the wrong type or range (logged as an error)
 *     5  the action needs context.velocity and it is null or missing (logged as an error)
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
    ERROR_NO_CONTEXT = 5,
};
enum { LOG_ERROR, LOG_WARNING, LOG_INFO, LOG_DEBUG };

static const char metadata[] =
    "{\"name\":\"template\",\"version\":\"0.1.0\","
    "\"description\":\"A complete JSON-ABI plugin to start from: parses its request, several actions, logs\","
    "\"author\":\"midimon developers\",\"license\":\"MIT\",\"type\":\"action\","
    "\"actions\":["
    "{\"name\":\"greet\",\"description\":\"Logs a greeting\",\"parameters\":["
    "{\"name\":\"name\",\"type\":\"string\",\"required\":false,\"description\":\"Who to greet (default world)\"}]},"
    "{\"name\":\"describe\",\"description\":\"Logs the request as the plugin saw it\",\"parameters\":[]},"
    "{\"name\":\"scale_velocity\",\"description\":\"Maps the velocity onto min..max and logs it\",\"parameters\":["
    "{\"name\":\"min\",\"type\":\"number\",\"required\":false,\"description\":\"Result for velocity 0 (default 0)\"},"
    "{\"name\":\"max\",\"type\":\"number\",\"required\":false,\"description\":\"Result for velocity 127 (default 100)\"}]},"
    "{\"name\":\"log\",\"description\":\"Logs a text at a level\",\"parameters\":["
    "{\"name\":\"text\",\"type\":\"string\",\"required\":true,\"description\":\"What to log\"},"
    "{\"name\":\"level\",\"type\":\"string\",\"required\":false,\"description\":\"error, warning, info (default) or debug, or 0..3\"}]}"
    "],\"capabilities\":[]}";

/* alloc, dealloc and init: the SDK's (one reused buffer at the heap's start). */
MIDIMON_JSON_EXPORTS(metadata)

/* ---- a line of log text ------------------------------------------------------------- */

typedef struct {
    char text[512];
    int32_t length;
} line;

static void put(line *l, const char *s) {
    while (*s && l->length < (int32_t)sizeof l->text)
        l->text[l->length++] = *s++;
}

static void put_int(line *l, int64_t value) {
    char digits[24];
    int n = 0;
    uint64_t v = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    do digits[n++] = (char)('0' + v % 10); while ((v /= 10) && n < 24);
    if (value < 0) put(l, "-");
    while (n > 0 && l->length < (int32_t)sizeof l->text)
        l->text[l->length++] = digits[--n];
}

static void log_line(int32_t level, const line *l) { midimon_log(level, l->text, l->length); }

static void log_text(int32_t level, const char *a, const char *b, const char *c) {
    line l;
    l.length = 0;
    put(&l, a);
    put(&l, b);
    put(&l, c);
    log_line(level, &l);
}

/* ---- the request ---------------------------------------------------------------------- */

typedef struct {
    mj_value params;    /* an object (MJ_OBJECT), or MJ_NONE when absent */
    int has_velocity;   /* context.velocity is a number in 0..127 */
    int64_t velocity;
    int has_mode;       /* context.current_mode is a number >= 0 */
    int64_t mode;
    int64_t timestamp;  /* context.timestamp, ms; 0 when absent */
} request;

static uint32_t calls; /* requests run by this instance: midimon reuses it for every call */

static int32_t greet(const request *r) {
    char name[128];
    mj_value v;
    if (!mj_get(r->params, "name", &v)) {
        v.start = "\"world\"";
        v.end = v.start + 7;
        v.kind = MJ_STRING;
    }
    if (mj_string(v, name, sizeof name) < 0) {
        log_text(LOG_ERROR, "greet: name must be a string of at most 127 bytes", "", "");
        return ERROR_BAD_PARAMETER;
    }
    log_text(LOG_INFO, "hello, ", name, "");
    return OK;
}

static int32_t describe(const request *r) {
    line l;
    l.length = 0;
    put(&l, "describe: velocity=");
    if (r->has_velocity) put_int(&l, r->velocity); else put(&l, "null");
    put(&l, " mode=");
    if (r->has_mode) put_int(&l, r->mode); else put(&l, "null");
    put(&l, " timestamp=");
    put_int(&l, r->timestamp);
    int64_t count = 0;
    const char *cursor = 0;
    mj_value k, v;
    while (mj_next(r->params, &cursor, &k, &v)) count++;
    put(&l, " params=");
    put_int(&l, count);
    put(&l, " calls=");
    put_int(&l, calls);
    log_line(LOG_INFO, &l);
    return OK;
}

static int32_t scale_velocity(const request *r) {
    double low = 0, high = 100;
    mj_value v;
    if ((mj_get(r->params, "min", &v) && !mj_number(v, &low)) ||
        (mj_get(r->params, "max", &v) && !mj_number(v, &high)) || !(low <= high)) {
        log_text(LOG_ERROR, "scale_velocity: min and max must be numbers with min <= max", "", "");
        return ERROR_BAD_PARAMETER;
    }
    if (!r->has_velocity) {
        log_text(LOG_ERROR, "scale_velocity: the request has no velocity", "", "");
        return ERROR_NO_CONTEXT;
    }
    double scaled = low + (high - low) * (double)r->velocity / 127.0;
    int64_t rounded = (int64_t)(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
    line l;
    l.length = 0;
    put(&l, "velocity ");
    put_int(&l, r->velocity);
    put(&l, " -> ");
    put_int(&l, rounded);
    log_line(LOG_INFO, &l);
    return OK;
}

static int32_t log_action(const request *r) {
    static const char *const names[] = {"error", "warning", "info", "debug"};
    char text[400];
    int64_t level = LOG_INFO;
    mj_value v;
    if (!mj_get(r->params, "text", &v) || mj_string(v, text, sizeof text) < 0) {
        log_text(LOG_ERROR, "log: the parameter text (a string of at most 399 bytes) is required", "", "");
        return ERROR_BAD_PARAMETER;
    }
    if (mj_get(r->params, "level", &v)) {
        int found = mj_int(v, 0, 3, &level);
        for (int i = 0; i < 4 && !found; i++)
            if (mj_equals(v, names[i])) { level = i; found = 1; }
        if (!found) {
            log_text(LOG_ERROR, "log: level must be error, warning, info, debug or 0..3", "", "");
            return ERROR_BAD_PARAMETER;
        }
    }
    log_text((int32_t)level, text, "", "");
    return OK;
}

EXPORT("execute")
int32_t execute(const char *ptr, int32_t len) {
    calls++;
    if (!ptr || len <= 0)
        return ERROR_NO_REQUEST;
    mj_value root, action, context, v;
    if (!mj_parse(ptr, len, &root) || root.kind != MJ_OBJECT ||
        !mj_get(root, "action", &action) || action.kind != MJ_STRING) {
        log_text(LOG_ERROR, "the request is not a JSON object with a string \"action\"", "", "");
        return ERROR_BAD_REQUEST;
    }
    request r;
    r.has_velocity = r.has_mode = 0;
    r.timestamp = 0;
    mj_get(root, "params", &r.params);
    if (r.params.kind != MJ_OBJECT && r.params.kind != MJ_NONE && r.params.kind != MJ_NULL) {
        log_text(LOG_ERROR, "params must be an object", "", "");
        return ERROR_BAD_REQUEST;
    }
    if (mj_get(root, "context", &context)) {
        if (mj_get(context, "velocity", &v)) r.has_velocity = mj_int(v, 0, 127, &r.velocity);
        if (mj_get(context, "current_mode", &v)) r.has_mode = mj_int(v, 0, 0x7fffffff, &r.mode);
        if (mj_get(context, "timestamp", &v) && !mj_int(v, 0, (int64_t)1 << 53, &r.timestamp)) r.timestamp = 0;
    }
    /* Add an action: a function above, a line here, an entry in `metadata` and plugin.toml. */
    if (mj_equals(action, "greet")) return greet(&r);
    if (mj_equals(action, "describe")) return describe(&r);
    if (mj_equals(action, "scale_velocity")) return scale_velocity(&r);
    if (mj_equals(action, "log")) return log_action(&r);
    char name[64];
    if (mj_string(action, name, sizeof name) < 0) {
        name[0] = '?';
        name[1] = 0;
    }
    log_text(LOG_WARNING, "unknown action '", name, "'");
    return ERROR_UNKNOWN_ACTION;
}
