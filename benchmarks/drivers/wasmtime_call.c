// wasmtime's cost of one call into a trivial export, from C: the suite links this against the
// libwasmtime shared library inside the wasmtime-py wheel, so no Python is on the call path.
//
//     wasmtime-call SAMPLES ITERATIONS
//
// prints {"benchmark": NAME, "ns": [per-call nanoseconds of each sample]} lines, as midimon-bench
// does. The module is midimon-bench's small module (CompilerBenchmarks.small). The wheel ships
// no headers, so the few declarations needed are written out here from wasmtime's C API
// (wasmtime/extern.h, func.h, val.h); the layouts are those of wasmtime-py's own _bindings.py.
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct wasm_engine_t wasm_engine_t;
typedef struct wasmtime_store wasmtime_store_t;
typedef struct wasmtime_context wasmtime_context_t;
typedef struct wasmtime_module wasmtime_module_t;
typedef struct wasmtime_error wasmtime_error_t;
typedef struct wasm_trap_t wasm_trap_t;
typedef struct { size_t size; uint8_t *data; } wasm_byte_vec_t;
typedef struct { uint64_t store_id; size_t private_; } wasmtime_instance_t;
typedef struct { uint64_t store_id; void *private_; } wasmtime_func_t;
// wasmtime_extern_t: a kind byte, then a union whose largest member (wasmtime_global_t) is 24
// bytes with 8-byte alignment.
typedef struct { uint8_t kind; union { wasmtime_func_t func; uint64_t words[3]; } of; } wasmtime_extern_t;
// wasmtime_val_raw_t: a 16-byte union (v128 the widest).
typedef union { int32_t i32; int64_t i64; float f32; double f64; uint8_t v128[16]; void *funcref; } wasmtime_val_raw_t;
// wasmtime_val_t: a kind byte, then a 24-byte union with 8-byte alignment.
typedef struct { uint8_t kind; union { int32_t i32; int64_t i64; uint64_t words[3]; } of; } wasmtime_val_t;
#define WASMTIME_I32 0
#define WASMTIME_EXTERN_FUNC 0

wasm_engine_t *wasm_engine_new(void);
wasmtime_store_t *wasmtime_store_new(wasm_engine_t *, void *, void (*)(void *));
wasmtime_context_t *wasmtime_store_context(wasmtime_store_t *);
wasmtime_error_t *wasmtime_wat2wasm(const char *, size_t, wasm_byte_vec_t *);
wasmtime_error_t *wasmtime_module_new(wasm_engine_t *, const uint8_t *, size_t, wasmtime_module_t **);
wasmtime_error_t *wasmtime_instance_new(wasmtime_context_t *, const wasmtime_module_t *, const wasmtime_extern_t *,
                                        size_t, wasmtime_instance_t *, wasm_trap_t **);
bool wasmtime_instance_export_get(wasmtime_context_t *, const wasmtime_instance_t *, const char *, size_t,
                                  wasmtime_extern_t *);
wasmtime_error_t *wasmtime_func_call_unchecked(wasmtime_context_t *, const wasmtime_func_t *, wasmtime_val_raw_t *,
                                               size_t, wasm_trap_t **);
wasmtime_error_t *wasmtime_func_call(wasmtime_context_t *, const wasmtime_func_t *, const wasmtime_val_t *, size_t,
                                     wasmtime_val_t *, size_t, wasm_trap_t **);

static const char small[] =
    "(module\n"
    "  (memory (export \"memory\") 1)\n"
    "  (table 4 funcref)\n"
    "  (global $g (mut i32) (i32.const 0))\n"
    "  (func $empty (export \"empty\"))\n"
    "  (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))\n"
    "  (elem (i32.const 0) $empty)\n"
    "  (data (i32.const 16) \"hello\"))\n";

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void fail(const char *what) {
    fprintf(stderr, "wasmtime-call: %s failed\n", what);
    exit(1);
}

static void report(const char *name, const double *samples, int count) {
    printf("{\"benchmark\": \"%s\", \"ns\": [", name);
    for (int i = 0; i < count; i++) printf("%s%.2f", i ? ", " : "", samples[i]);
    printf("]}\n");
}

int main(int argc, char **argv) {
    int samples = argc > 1 ? atoi(argv[1]) : 15;
    long iterations = argc > 2 ? atol(argv[2]) : 1000000;
    if (samples < 1 || samples > 1000 || iterations < 1) fail("arguments");
    wasm_engine_t *engine = wasm_engine_new();
    wasmtime_store_t *store = wasmtime_store_new(engine, NULL, NULL);
    wasmtime_context_t *context = wasmtime_store_context(store);
    wasm_byte_vec_t wasm;
    wasmtime_module_t *module;
    wasmtime_instance_t instance;
    wasm_trap_t *trap = NULL;
    if (wasmtime_wat2wasm(small, strlen(small), &wasm)) fail("wat2wasm");
    if (wasmtime_module_new(engine, wasm.data, wasm.size, &module)) fail("module_new");
    if (wasmtime_instance_new(context, module, NULL, 0, &instance, &trap) || trap) fail("instance_new");
    wasmtime_extern_t empty, add;
    if (!wasmtime_instance_export_get(context, &instance, "empty", 5, &empty) || empty.kind != WASMTIME_EXTERN_FUNC)
        fail("export empty");
    if (!wasmtime_instance_export_get(context, &instance, "add", 3, &add) || add.kind != WASMTIME_EXTERN_FUNC)
        fail("export add");
    double *times = calloc((size_t)samples, sizeof *times);
    wasmtime_val_raw_t raw[2];
    for (int s = 0; s < samples; s++) {
        double t0 = now_ns();
        for (long i = 0; i < iterations; i++)
            if (wasmtime_func_call_unchecked(context, &empty.of.func, raw, 2, &trap) || trap) fail("call empty");
        times[s] = (now_ns() - t0) / (double)iterations;
    }
    report("wasmtime C call_unchecked \\\"empty\\\" (per call)", times, samples);
    for (int s = 0; s < samples; s++) {
        double t0 = now_ns();
        for (long i = 0; i < iterations; i++) {
            raw[0].i32 = (int32_t)i;
            raw[1].i32 = 1;
            if (wasmtime_func_call_unchecked(context, &add.of.func, raw, 2, &trap) || trap) fail("call add");
        }
        times[s] = (now_ns() - t0) / (double)iterations;
        if (raw[0].i32 != (int32_t)(iterations - 1) + 1) fail("add's result");
    }
    report("wasmtime C call_unchecked \\\"add\\\" (per call)", times, samples);
    wasmtime_val_t args[2], result;
    for (int s = 0; s < samples; s++) {
        double t0 = now_ns();
        for (long i = 0; i < iterations; i++) {
            args[0].kind = args[1].kind = WASMTIME_I32;
            args[0].of.i32 = (int32_t)i;
            args[1].of.i32 = 1;
            if (wasmtime_func_call(context, &add.of.func, args, 2, &result, 1, &trap) || trap) fail("checked call add");
        }
        times[s] = (now_ns() - t0) / (double)iterations;
        if (result.of.i32 != (int32_t)(iterations - 1) + 1) fail("checked add's result");
    }
    report("wasmtime C call \\\"add\\\" (per call)", times, samples);
    return 0;
}
