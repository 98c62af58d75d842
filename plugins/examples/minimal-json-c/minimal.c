/*
 * minimal — the smallest plugin for the JSON ABI (MIDIMon's WASM plugin interface).
 *
 * Freestanding C: no libc, no imports. It exports exactly what MIDIMon's WASM plugin
 * documentation asks of every plugin (docs/plugin-abi.md, "JSON ABI"):
 *
 *     memory                         the linear memory
 *     i32  alloc(i32 len)            a pointer to `len` writable bytes for the request
 *     void dealloc(i32 ptr, i32 len) gives them back (nothing to do here)
 *     i64  init()                    pointer << 32 | length of the metadata JSON
 *     i32  execute(i32 ptr, i32 len) runs the request; 0 = success
 *
 * It has one action, "ping", which does nothing and succeeds; it does not parse the
 * request beyond checking that there is one: 0 for any non-empty request, 2 ("invalid
 * JSON", MIDIMon's code) for an empty one. Start from plugins/examples/template-json-c
 * for a plugin that reads its request.
 *
 * alloc hands out one buffer, reused by every call (the host writes one request, calls
 * execute, and is done with it before the next alloc), at the start of the heap; it grows
 * memory when a request does not fit, and returns 0 when memory cannot grow.
 *
 * Build flags: -nostdlib -Wl,--no-entry
 * (plugins/build reads the line above and adds it to
 * `clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug`.)
 */

#define EXPORT(name) __attribute__((export_name(name)))

static const char metadata[] =
    "{\"name\":\"minimal\",\"version\":\"0.1.0\","
    "\"description\":\"The smallest JSON-ABI plugin: one action that succeeds\","
    "\"author\":\"midimon developers\",\"license\":\"MIT\",\"type\":\"action\","
    "\"actions\":[{\"name\":\"ping\",\"description\":\"Does nothing and succeeds\",\"parameters\":[]}],"
    "\"capabilities\":[]}";

extern unsigned char __heap_base; /* defined by wasm-ld: the first byte past the stack and data */

EXPORT("alloc")
unsigned char *alloc(int len) {
    if (len < 0)
        return 0;
    unsigned long base = (unsigned long)&__heap_base;
    unsigned long have = __builtin_wasm_memory_size(0) * 65536ul;
    if (base + (unsigned long)len > have) {
        unsigned long pages = (base + (unsigned long)len - have + 65535) / 65536;
        if (__builtin_wasm_memory_grow(0, pages) == (unsigned long)-1)
            return 0;
    }
    return &__heap_base;
}

EXPORT("dealloc")
void dealloc(unsigned char *ptr, int len) {
    (void)ptr;
    (void)len;
}

EXPORT("init")
unsigned long long init(void) {
    return (unsigned long long)(unsigned long)metadata << 32 | (sizeof metadata - 1);
}

EXPORT("execute")
int execute(const char *ptr, int len) {
    (void)ptr;
    return len > 0 ? 0 : 2;
}
