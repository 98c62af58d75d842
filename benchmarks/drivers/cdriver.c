// Kernel driver for the systems that are C: native code (kernels.c built with clang-19 -O2
// -march=native -ffp-contract=off and linked in) and wabt's wasm2c (kernels.wasm translated to
// C and built the same way, with -DWASM2C). `benchmarks/run` starts it once and then, for each
// repetition, writes one line on standard input:
//
//     KERNEL RESULT-TYPE ARG [ARG]        e.g.  "sort i64 60000 1"
//
// and reads back one JSON line: the wall-clock time of exactly one call, taken inside this
// process around the call, and the result's bit pattern (zero-extended to 64 bits):
//
//     {"ns": 1234567, "bits": "1234"}
//
// Every driver of the suite (drivers/*.py, midimon-bench's driver-* subcommands) speaks the
// same protocol, so the orchestrator can alternate between systems call by call. An empty line
// or end of input stops it. Exports are found by name with dlsym: the driver is linked with
// -rdynamic, so no table of kernels is kept here.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef WASM2C
#include "kernels_w2c.h"
#include "wasm-rt-impl.h"
typedef Z_kernels_instance_t *Self;
#define SELF_PARAM Self,
#define SELF_ARG instance,
#define PREFIX "Z_kernelsZ_"
static Z_kernels_instance_t instance_storage;
static Self instance = &instance_storage;
#else
#define SELF_PARAM
#define SELF_ARG
#define PREFIX ""
#endif

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

// One call, by result type and arity. Wasm i32/i64 parameters are passed as the C types of
// kernels.c (int32_t); wasm2c's are u32, with the same bits.
#define CALL(T, f, n, a, b) \
    ((n) == 1 ? ((T(*)(SELF_PARAM int32_t))(f))(SELF_ARG(a)) : ((T(*)(SELF_PARAM int32_t, int32_t))(f))(SELF_ARG(a), (b)))

static int call(void *f, const char *type, int n, int32_t a, int32_t b, uint64_t *bits) {
    if (!strcmp(type, "i32")) *bits = (uint32_t)CALL(int32_t, f, n, a, b);
    else if (!strcmp(type, "i64")) *bits = (uint64_t)CALL(int64_t, f, n, a, b);
    else if (!strcmp(type, "f32")) { float r = CALL(float, f, n, a, b); uint32_t u; memcpy(&u, &r, 4); *bits = u; }
    else if (!strcmp(type, "f64")) { double r = CALL(double, f, n, a, b); memcpy(bits, &r, 8); }
    else return 0;
    return 1;
}

int main(void) {
#ifdef WASM2C
    wasm_rt_init();
    Z_kernels_init_module();
    Z_kernels_instantiate(instance);
#endif
    printf("{\"ready\": true}\n");
    fflush(stdout);
    char line[256];
    while (fgets(line, sizeof line, stdin) && line[0] != '\n') {
        char name[64], type[8], symbol[96];
        long a = 0, b = 0;
        int fields = sscanf(line, "%63s %7s %ld %ld", name, type, &a, &b);
        if (fields < 3) { fprintf(stderr, "cdriver: bad request: %s", line); return 2; }
        snprintf(symbol, sizeof symbol, PREFIX "%s", name);
        void *f = dlsym(RTLD_DEFAULT, symbol);
        if (!f) { fprintf(stderr, "cdriver: no export %s\n", symbol); return 2; }
        uint64_t bits = 0;
        uint64_t start = now_ns(), end;
#ifdef WASM2C
        // A trap longjmps back here, as wasm2c's own harnesses do it (sigsetjmp per call).
        wasm_rt_trap_t trap = wasm_rt_impl_try();
        if (trap != WASM_RT_TRAP_NONE) {
            printf("{\"error\": \"trap: %s\"}\n", wasm_rt_strerror(trap));
            fflush(stdout);
            continue;
        }
#endif
        if (!call(f, type, fields - 2, (int32_t)a, (int32_t)b, &bits)) { fprintf(stderr, "cdriver: bad type %s\n", type); return 2; }
        end = now_ns();
        printf("{\"ns\": %llu, \"bits\": \"%llu\"}\n", (unsigned long long)(end - start), (unsigned long long)bits);
        fflush(stdout);
    }
#ifdef WASM2C
    Z_kernels_free(instance);
    wasm_rt_free();
#endif
    return 0;
}
