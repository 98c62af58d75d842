// Kernels that run the same under midimon and natively: integer, floating-point and
// memory-heavy work, with no libc (for wasm32: -mbulk-memory -nostdlib -Wl,--no-entry
// -Wl,--export-dynamic). The tests compare `midimon run --invoke NAME ARGS` with the native
// build of the same file (driver.c); the benchmarks time both.
//
// Every kernel is deterministic and returns a checksum, so that a wrong translation shows.
#include <stdint.h>

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(#name)))
#else
#define EXPORT(name)
#endif

// ---- integer -------------------------------------------------------------------------

EXPORT(fib) int32_t fib(int32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

EXPORT(collatz) int64_t collatz(int32_t limit) {
    int64_t total = 0;
    for (int32_t start = 1; start <= limit; start++) {
        uint64_t x = (uint64_t)start;
        while (x != 1) { x = (x & 1) ? 3 * x + 1 : x >> 1; total++; }
    }
    return total;
}

EXPORT(divmix) int64_t divmix(int32_t n) {
    int64_t acc = 0;
    for (int32_t i = 1; i <= n; i++) {
        int32_t a = i * 7919 - 1000003;
        acc += a / (i % 97 + 1) - a % (i % 13 + 3);
        acc ^= (int64_t)((uint32_t)a >> (i & 31)) << (i & 7);
        acc += (int64_t)(uint64_t)((uint32_t)i * 2654435761u) / 3u;
    }
    return acc;
}

// ---- floating point ------------------------------------------------------------------

EXPORT(mandelbrot) int32_t mandelbrot(int32_t size) {
    int32_t inside = 0;
    for (int32_t y = 0; y < size; y++)
        for (int32_t x = 0; x < size; x++) {
            double cr = 2.5 * x / size - 2.0, ci = 2.0 * y / size - 1.0;
            double zr = 0, zi = 0;
            int32_t i = 0;
            while (i < 100 && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                i++;
            }
            inside += i == 100;
        }
    return inside;
}

typedef struct { double x, y, z, vx, vy, vz, m; } Body;

static double isqrt3(double d2) {
    // 1 / (d^3) through a sqrt the compiler lowers to one instruction on both targets.
    double d = __builtin_sqrt(d2);
    return 1.0 / (d2 * d);
}

EXPORT(nbody) double nbody(int32_t steps) {
    Body b[5] = {
        {0, 0, 0, 0, 0, 0, 39.47841760435743},
        {4.84, -1.16, -0.10, 0.606, 2.81, -0.02, 0.037},
        {8.34, 4.12, -0.40, -1.01, 1.82, 0.008, 0.011},
        {12.89, -15.11, -0.22, 1.08, 0.868, -0.01, 0.0017},
        {15.37, -25.91, 0.17, 0.979, 0.594, -0.034, 0.002},
    };
    const double dt = 0.01;
    for (int32_t s = 0; s < steps; s++) {
        for (int i = 0; i < 5; i++)
            for (int j = i + 1; j < 5; j++) {
                double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
                double mag = dt * isqrt3(dx * dx + dy * dy + dz * dz);
                b[i].vx -= dx * b[j].m * mag; b[i].vy -= dy * b[j].m * mag; b[i].vz -= dz * b[j].m * mag;
                b[j].vx += dx * b[i].m * mag; b[j].vy += dy * b[i].m * mag; b[j].vz += dz * b[i].m * mag;
            }
        for (int i = 0; i < 5; i++) { b[i].x += dt * b[i].vx; b[i].y += dt * b[i].vy; b[i].z += dt * b[i].vz; }
    }
    double e = 0;
    for (int i = 0; i < 5; i++) e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
    return e;
}

EXPORT(floatmix) float floatmix(int32_t n) {
    float acc = 1.0f;
    for (int32_t i = 1; i <= n; i++) {
        float x = (float)i * 0.37f;
        acc = acc * 0.999f + __builtin_floorf(x) - __builtin_truncf(-x) * 0.5f + __builtin_fabsf(acc - x) * 1e-3f;
        if (acc > 1e6f) acc = 1e6f;
    }
    return acc;
}

// ---- memory --------------------------------------------------------------------------

#define N 65536
static uint32_t buffer[N];
static uint8_t sieve_bits[1 << 20];

static uint32_t lcg(uint32_t *state) { return *state = *state * 1664525u + 1013904223u; }

static void quicksort(uint32_t *a, int32_t lo, int32_t hi) {
    while (lo < hi) {
        uint32_t pivot = a[(lo + hi) >> 1];
        int32_t i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { uint32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; } else { quicksort(a, i, hi); hi = j; }
    }
}

EXPORT(sort) int64_t sort(int32_t count, int32_t seed) {
    if (count > N) count = N;
    uint32_t state = (uint32_t)seed;
    for (int32_t i = 0; i < count; i++) buffer[i] = lcg(&state);
    quicksort(buffer, 0, count - 1);
    int64_t checksum = 0;
    for (int32_t i = 0; i < count; i++) checksum = checksum * 31 + buffer[i];
    return checksum;
}

EXPORT(sieve) int32_t sieve(int32_t limit) {
    if (limit > (1 << 20)) limit = 1 << 20;
    for (int32_t i = 0; i < limit; i++) sieve_bits[i] = 1;
    int32_t primes = 0;
    for (int32_t i = 2; i < limit; i++) {
        if (!sieve_bits[i]) continue;
        primes++;
        for (int64_t j = (int64_t)i * i; j < limit; j += i) sieve_bits[j] = 0;
    }
    return primes;
}

EXPORT(crc32) uint32_t crc32(int32_t length, int32_t seed) {
    uint8_t *bytes = (uint8_t *)buffer;
    if (length > (int32_t)sizeof buffer) length = sizeof buffer;
    uint32_t state = (uint32_t)seed;
    for (int32_t i = 0; i < length; i++) bytes[i] = (uint8_t)(lcg(&state) >> 24);
    uint32_t crc = 0xFFFFFFFFu;
    for (int32_t i = 0; i < length; i++) {
        crc ^= bytes[i];
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
    return ~crc;
}

EXPORT(matmul) double matmul(int32_t n) {
    static double a[64 * 64], b[64 * 64], c[64 * 64];
    if (n > 64) n = 64;
    for (int32_t i = 0; i < n * n; i++) { a[i] = (i % 17) * 0.25; b[i] = (i % 13) * 0.5 - 1; c[i] = 0; }
    for (int32_t i = 0; i < n; i++)
        for (int32_t k = 0; k < n; k++)
            for (int32_t j = 0; j < n; j++) c[i * n + j] += a[i * n + k] * b[k * n + j];
    double sum = 0;
    for (int32_t i = 0; i < n * n; i++) sum += c[i] * (i % 7);
    return sum;
}
