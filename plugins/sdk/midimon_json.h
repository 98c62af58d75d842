/*
 * midimon_json.h — a small JSON scanner for JSON-ABI plugins (docs/plugin-abi.md).
 *
 * Header-only, freestanding (no libc, no allocation): it works directly on the request bytes
 * the host wrote into plugin memory and never reads outside [start, end). Everything is
 * `static`, so a plugin pays only for what it calls.
 *
 *     mj_value request;
 *     if (!mj_parse(text, length, &request) || request.kind != MJ_OBJECT) return 2;
 *     mj_value action, params, context, velocity;
 *     mj_get(request, "action", &action);          // 1 when the key is there
 *     mj_get(request, "params", &params);
 *     mj_get(request, "context", &context);
 *     mj_get(context, "velocity", &velocity);      // kind MJ_NUMBER, or MJ_NULL
 *
 * Bytes are not checked to be UTF-8; a lone surrogate escape decodes to U+FFFD. Numbers are
 * read with plain decimal arithmetic: exact for integers up to 2^53; fractions and exponents
 * come within a relative 1e-14 of the correctly rounded value.
 *
 * mj_parse validates the whole document (RFC 8259 grammar, at most MJ_MAX_DEPTH nested
 * arrays and objects, no trailing bytes but whitespace) before anything is looked up, so
 * later calls only walk text already known to be well formed. An mj_value is a view of one
 * value's source text.
 */
#ifndef MIDIMON_JSON_H
#define MIDIMON_JSON_H

#include <stdint.h>

#define MJ_MAX_DEPTH 32

enum { MJ_NONE, MJ_NULL, MJ_FALSE, MJ_TRUE, MJ_NUMBER, MJ_STRING, MJ_ARRAY, MJ_OBJECT };

typedef struct {
    const char *start; /* first byte of the value (the quote of a string, the brace of an object) */
    const char *end;   /* one past its last byte */
    int32_t kind;      /* MJ_* */
} mj_value;

static const char *mj_skip_ws(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

static int mj_hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int mj_literal(const char *p, const char *end, const char *word) {
    for (; *word; word++, p++)
        if (p >= end || *p != *word) return 0;
    return 1;
}

/* Scans one value starting at p (no leading whitespace); returns one past it, or 0. */
static const char *mj_scan(const char *p, const char *end, int depth, int32_t *kind) {
    if (p >= end) return 0;
    switch (*p) {
    case '"':
        *kind = MJ_STRING;
        for (p++; p < end; p++) {
            unsigned char c = (unsigned char)*p;
            if (c == '"') return p + 1;
            if (c < 0x20) return 0;
            if (c == '\\') {
                if (++p >= end) return 0;
                switch (*p) {
                case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': break;
                case 'u':
                    if (end - p < 5) return 0;
                    for (int i = 1; i <= 4; i++)
                        if (mj_hex(p[i]) < 0) return 0;
                    p += 4;
                    break;
                default: return 0;
                }
            }
        }
        return 0;
    case '{':
    case '[': {
        if (depth >= MJ_MAX_DEPTH) return 0; /* at most MJ_MAX_DEPTH nested arrays/objects */
        char close = *p == '{' ? '}' : ']';
        *kind = *p == '{' ? MJ_OBJECT : MJ_ARRAY;
        p = mj_skip_ws(p + 1, end);
        if (p < end && *p == close) return p + 1;
        for (;;) {
            int32_t inner;
            if (close == '}') {
                if (p >= end || *p != '"' || !(p = mj_scan(p, end, depth + 1, &inner))) return 0;
                p = mj_skip_ws(p, end);
                if (p >= end || *p != ':') return 0;
                p = mj_skip_ws(p + 1, end);
            }
            if (!(p = mj_scan(p, end, depth + 1, &inner))) return 0;
            p = mj_skip_ws(p, end);
            if (p >= end) return 0;
            if (*p == close) return p + 1;
            if (*p != ',') return 0;
            p = mj_skip_ws(p + 1, end);
        }
    }
    case 't': *kind = MJ_TRUE; return mj_literal(p, end, "true") ? p + 4 : 0;
    case 'f': *kind = MJ_FALSE; return mj_literal(p, end, "false") ? p + 5 : 0;
    case 'n': *kind = MJ_NULL; return mj_literal(p, end, "null") ? p + 4 : 0;
    default: {
        *kind = MJ_NUMBER;
        if (*p == '-') p++;
        if (p >= end) return 0;
        if (*p == '0') p++;
        else if (*p >= '1' && *p <= '9') while (p < end && *p >= '0' && *p <= '9') p++;
        else return 0;
        if (p < end && *p == '.') {
            if (++p >= end || *p < '0' || *p > '9') return 0;
            while (p < end && *p >= '0' && *p <= '9') p++;
        }
        if (p < end && (*p == 'e' || *p == 'E')) {
            p++;
            if (p < end && (*p == '+' || *p == '-')) p++;
            if (p >= end || *p < '0' || *p > '9') return 0;
            while (p < end && *p >= '0' && *p <= '9') p++;
        }
        return p;
    }
    }
}

/* Validates `length` bytes as one JSON document; 1 and the top-level value, or 0. */
static int mj_parse(const char *text, int32_t length, mj_value *out) {
    if (!text || length <= 0) return 0;
    const char *end = text + length;
    const char *p = mj_skip_ws(text, end);
    out->start = p;
    if (!(out->end = mj_scan(p, end, 0, &out->kind))) return 0;
    return mj_skip_ws(out->end, end) == end;
}

/* Decodes a string value into buf (UTF-8, \uXXXX and surrogate pairs included) and
 * NUL-terminates it. Returns the decoded length, or -1 when v is not a string or buf is too
 * small (cap counts the NUL). */
static int32_t mj_string(mj_value v, char *buf, int32_t cap) {
    if (v.kind != MJ_STRING || cap <= 0) return -1;
    int32_t n = 0;
    const char *p = v.start + 1, *end = v.end - 1;
    while (p < end) {
        uint32_t c = (unsigned char)*p++;
        if (c == '\\') {
            char e = *p++;
            switch (e) {
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'u':
                c = (uint32_t)(mj_hex(p[0]) << 12 | mj_hex(p[1]) << 8 | mj_hex(p[2]) << 4 | mj_hex(p[3]));
                p += 4;
                if (c >= 0xD800 && c <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                    uint32_t low = (uint32_t)(mj_hex(p[2]) << 12 | mj_hex(p[3]) << 8 | mj_hex(p[4]) << 4 | mj_hex(p[5]));
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                        p += 6;
                    }
                }
                if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD; /* a lone surrogate */
                break;
            default: c = (unsigned char)e; break; /* " \ / */
            }
            /* Encode c as UTF-8 (written byte by byte: no memcpy in a freestanding module). */
            int32_t count = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (n + count >= cap) return -1;
            if (count == 1) { buf[n++] = (char)c; continue; }
            buf[n++] = (char)(count == 2 ? 0xC0 | c >> 6 : count == 3 ? 0xE0 | c >> 12 : 0xF0 | c >> 18);
            for (int32_t shift = 6 * (count - 2); shift >= 0; shift -= 6)
                buf[n++] = (char)(0x80 | (c >> shift & 0x3F));
        } else {
            if (n + 1 >= cap) return -1;
            buf[n++] = (char)c;
        }
    }
    buf[n] = 0;
    return n;
}

/* 1 when v is a string whose decoded text is exactly `text` (NUL-terminated). */
static int mj_equals(mj_value v, const char *text) {
    char buf[64];
    int32_t n = mj_string(v, buf, sizeof buf);
    if (n < 0) return 0;
    for (int32_t i = 0; i < n; i++)
        if (text[i] != buf[i]) return 0;
    return text[n] == 0;
}

/* Iterates an object's members or an array's elements: set *cursor = 0 first; each call
 * returns 1 with the next key (MJ_NONE for arrays) and value, or 0 at the end. */
static int mj_next(mj_value container, const char **cursor, mj_value *key, mj_value *value) {
    if (container.kind != MJ_OBJECT && container.kind != MJ_ARRAY) return 0;
    const char *end = container.end;
    const char *p = *cursor ? *cursor : container.start + 1;
    p = mj_skip_ws(p, end);
    if (*p == ',') p = mj_skip_ws(p + 1, end);
    if (*p == '}' || *p == ']') return 0;
    key->kind = MJ_NONE;
    key->start = key->end = p;
    if (container.kind == MJ_OBJECT) {
        key->start = p;
        key->end = mj_scan(p, end, 0, &key->kind);
        p = mj_skip_ws(mj_skip_ws(key->end, end) + 1, end); /* past ':' */
    }
    value->start = p;
    value->end = mj_scan(p, end, 0, &value->kind);
    *cursor = value->end;
    return 1;
}

/* Looks up `key` in an object: 1 and its value (the last one, when repeated), or 0 (and
 * out->kind MJ_NONE) when absent or when obj is not an object. */
static int mj_get(mj_value obj, const char *key, mj_value *out) {
    const char *cursor = 0;
    mj_value k, v;
    int found = 0;
    out->kind = MJ_NONE;
    out->start = out->end = obj.start;
    while (mj_next(obj, &cursor, &k, &v))
        if (mj_equals(k, key)) { *out = v; found = 1; }
    return found;
}

/* Reads a number: a JSON number, or a string holding one (`"100"`, as hosts often pass
 * parameters). Returns 1 and the value, or 0. Exact for integers up to 2^53. */
static int mj_number(mj_value v, double *out) {
    const char *p = v.start, *end = v.end;
    if (v.kind == MJ_STRING) {
        p++;
        end--;
        int32_t kind;
        if (p >= end || mj_scan(p, end, 0, &kind) != end || kind != MJ_NUMBER) return 0;
    } else if (v.kind != MJ_NUMBER) {
        return 0;
    }
    int negative = *p == '-';
    if (negative) p++;
    double value = 0, scale = 1;
    while (p < end && *p >= '0' && *p <= '9') value = value * 10 + (*p++ - '0');
    if (p < end && *p == '.')
        for (p++; p < end && *p >= '0' && *p <= '9'; p++) value += (*p - '0') * (scale /= 10);
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        int exp_negative = *p == '-';
        if (*p == '+' || *p == '-') p++;
        int exponent = 0;
        while (p < end && *p >= '0' && *p <= '9') exponent = exponent < 400 ? exponent * 10 + (*p++ - '0') : (p++, exponent);
        while (exponent-- > 0) value = exp_negative ? value / 10 : value * 10;
    }
    *out = negative ? -value : value;
    return 1;
}

/* Reads an integer (a number or numeric string with no fraction part in its value) in
 * [low, high]: 1 and the value, or 0. */
static int mj_int(mj_value v, int64_t low, int64_t high, int64_t *out) {
    double d;
    if (!mj_number(v, &d) || d != d || d < (double)low || d > (double)high) return 0;
    int64_t i = (int64_t)d;
    if ((double)i != d) return 0;
    *out = i;
    return 1;
}

/* ---- the JSON ABI's memory exports ---------------------------------------------------- */

/*
 * MIDIMON_JSON_EXPORTS(metadata) defines `alloc`, `dealloc` and `init` for a plugin whose
 * metadata is the string constant `metadata`: one buffer at the start of the heap (wasm-ld's
 * __heap_base, the first byte past the stack and data), reused by every request, memory grown
 * to fit; `dealloc` has nothing to free. Write it once, at file scope, after the metadata.
 */
extern unsigned char __heap_base;

#define MIDIMON_JSON_EXPORTS(metadata)                                                         \
    __attribute__((export_name("alloc"))) unsigned char *alloc(int32_t len) {                 \
        if (len < 0)                                                                           \
            return 0;                                                                          \
        unsigned long base = (unsigned long)&__heap_base;                                      \
        unsigned long have = __builtin_wasm_memory_size(0) * 65536ul;                          \
        if (base + (unsigned long)len > have) {                                                \
            unsigned long pages = (base + (unsigned long)len - have + 65535) / 65536;          \
            if (__builtin_wasm_memory_grow(0, pages) == (unsigned long)-1)                     \
                return 0;                                                                      \
        }                                                                                      \
        return &__heap_base;                                                                   \
    }                                                                                          \
    __attribute__((export_name("dealloc"))) void dealloc(unsigned char *ptr, int32_t len) {   \
        (void)ptr;                                                                             \
        (void)len;                                                                             \
    }                                                                                          \
    __attribute__((export_name("init"))) uint64_t init(void) {                                \
        return (uint64_t)(uintptr_t)(metadata) << 32 | (sizeof(metadata) - 1);                 \
    }

#endif /* MIDIMON_JSON_H */
