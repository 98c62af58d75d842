// Native driver for kernels.c: `driver NAME ARGS...` prints what `midimon run --invoke NAME
// ARGS...` prints (integers in decimal, floats in the shortest form that round-trips), so the
// tests can compare the two outputs as text.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int32_t fib(int32_t); int64_t collatz(int32_t); int64_t divmix(int32_t);
int32_t mandelbrot(int32_t); double nbody(int32_t); float floatmix(int32_t);
int64_t sort(int32_t, int32_t); int32_t sieve(int32_t); uint32_t crc32(int32_t, int32_t);
double matmul(int32_t); int64_t sha256(int32_t, int32_t); int64_t memmove_mix(int32_t, int32_t);
double biquad(int32_t, int32_t); double matmul_repeat(int32_t, int32_t);

static void print_double(double d) {
    char text[64];
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(text, sizeof text, "%.*g", digits, d);
        if (strtod(text, NULL) == d) break;
    }
    puts(text);
}

static void print_float(float f) {
    char text[64];
    for (int digits = 1; digits <= 9; digits++) {
        snprintf(text, sizeof text, "%.*g", digits, (double)f);
        if (strtof(text, NULL) == f) break;
    }
    puts(text);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: driver NAME ARGS...\n"); return 2; }
    const char *name = argv[1];
    int32_t a = (int32_t)strtol(argv[2], NULL, 10);
    int32_t b = argc > 3 ? (int32_t)strtol(argv[3], NULL, 10) : 0;
    if (!strcmp(name, "fib")) printf("%d\n", fib(a));
    else if (!strcmp(name, "collatz")) printf("%lld\n", (long long)collatz(a));
    else if (!strcmp(name, "divmix")) printf("%lld\n", (long long)divmix(a));
    else if (!strcmp(name, "mandelbrot")) printf("%d\n", mandelbrot(a));
    else if (!strcmp(name, "nbody")) print_double(nbody(a));
    else if (!strcmp(name, "floatmix")) print_float(floatmix(a));
    else if (!strcmp(name, "sort")) printf("%lld\n", (long long)sort(a, b));
    else if (!strcmp(name, "sieve")) printf("%d\n", sieve(a));
    else if (!strcmp(name, "crc32")) printf("%d\n", (int32_t)crc32(a, b));
    else if (!strcmp(name, "matmul")) print_double(matmul(a));
    else if (!strcmp(name, "sha256")) printf("%lld\n", (long long)sha256(a, b));
    else if (!strcmp(name, "memmove_mix")) printf("%lld\n", (long long)memmove_mix(a, b));
    else if (!strcmp(name, "biquad")) print_double(biquad(a, b));
    else if (!strcmp(name, "matmul_repeat")) print_double(matmul_repeat(a, b));
    else { fprintf(stderr, "unknown kernel %s\n", name); return 2; }
    return 0;
}
