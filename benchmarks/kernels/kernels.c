// Kernels that run the same under midimon and natively: integer, floating-point and
// memory-heavy work, with no libc (for wasm32: -mbulk-memory -nostdlib -Wl,--no-entry
// -Wl,--export-dynamic). The tests compare `midimon run --invoke NAME ARGS` with the native
// build of the same file (driver.c); the benchmarks time both, and `benchmarks/run` times every
// system of its suite (see benchmarks/README.md) on them.
//
// Every kernel is deterministic and returns a checksum, so that a wrong translation shows.
// Floating-point kernels stay bit-identical between native and wasm32 builds as long as the
// native build has no contraction into fused multiply-add (-ffp-contract=off) and no fast-math.
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

static double matmul_seeded(int32_t n, int32_t seed) {
    static double a[64 * 64], b[64 * 64], c[64 * 64];
    if (n > 64) n = 64;
    for (int32_t i = 0; i < n * n; i++) { a[i] = ((i + seed) % 17) * 0.25; b[i] = (i % 13) * 0.5 - 1; c[i] = 0; }
    for (int32_t i = 0; i < n; i++)
        for (int32_t k = 0; k < n; k++)
            for (int32_t j = 0; j < n; j++) c[i * n + j] += a[i * n + k] * b[k * n + j];
    double sum = 0;
    for (int32_t i = 0; i < n * n; i++) sum += c[i] * (i % 7);
    return sum;
}

EXPORT(matmul) double matmul(int32_t n) { return matmul_seeded(n, 0); }

/// `times` multiplications of n×n matrices (n ≤ 64), each with a different left matrix, so a
/// call lasts long enough to time; returns the sum of matmul's checksums.
EXPORT(matmul_repeat) double matmul_repeat(int32_t n, int32_t times) {
    double sum = 0;
    for (int32_t t = 0; t < times; t++) sum += matmul_seeded(n, t);
    return sum;
}

// ---- hashing -------------------------------------------------------------------------

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(uint32_t h[8], const uint8_t *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr32(w[i - 15], 7) ^ rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr32(w[i - 2], 17) ^ rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = k + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
        uint32_t t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

/// SHA-256 (FIPS 180-4) of `length` pseudo-random bytes (the top byte of each step of the same
/// LCG as crc32, from `seed`); returns the first eight bytes of the digest, big-endian, so the
/// benchmark can check it against a reference implementation.
EXPORT(sha256) int64_t sha256(int32_t length, int32_t seed) {
    uint8_t *bytes = (uint8_t *)buffer;
    if (length > (int32_t)sizeof buffer - 72) length = (int32_t)sizeof buffer - 72;
    if (length < 0) length = 0;
    uint32_t state = (uint32_t)seed;
    for (int32_t i = 0; i < length; i++) bytes[i] = (uint8_t)(lcg(&state) >> 24);
    // Padding in place: 0x80, zeros to 56 mod 64, then the bit length big-endian.
    int32_t padded = (length + 9 + 63) & ~63;
    bytes[length] = 0x80;
    for (int32_t i = length + 1; i < padded - 8; i++) bytes[i] = 0;
    uint64_t bits = (uint64_t)length * 8;
    for (int i = 0; i < 8; i++) bytes[padded - 1 - i] = (uint8_t)(bits >> (8 * i));
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (int32_t offset = 0; offset < padded; offset += 64) sha256_block(h, bytes + offset);
    return (int64_t)((uint64_t)h[0] << 32 | h[1]);
}

// ---- memory copies -------------------------------------------------------------------

/// `rounds` block moves inside a 256 KiB buffer, each of 1 to 4096 bytes between pseudo-random
/// (possibly overlapping) offsets through memmove (memory.copy in wasm32 with bulk memory;
/// libc's memmove natively), with a few bytes stirred between moves so no move is redundant.
/// Returns an FNV-1a hash of the buffer.
EXPORT(memmove_mix) int64_t memmove_mix(int32_t rounds, int32_t seed) {
    uint8_t *bytes = (uint8_t *)buffer;
    const uint32_t size = sizeof buffer;
    uint32_t state = (uint32_t)seed;
    for (uint32_t i = 0; i < size; i++) bytes[i] = (uint8_t)(i * 131u + (i >> 8));
    for (int32_t r = 0; r < rounds; r++) {
        uint32_t length = (lcg(&state) >> 20) + 1;
        uint32_t from = (lcg(&state) >> 8) % (size - length);
        uint32_t to = (lcg(&state) >> 8) % (size - length);
        __builtin_memmove(bytes + to, bytes + from, length);
        bytes[(to + length / 2) % size] ^= (uint8_t)r;
    }
    uint64_t hash = 0xcbf29ce484222325u;
    for (uint32_t i = 0; i < size; i += 8) {
        uint64_t word;
        __builtin_memcpy(&word, bytes + i, 8);
        hash = (hash ^ word) * 0x100000001b3u;
    }
    return (int64_t)hash;
}

// ---- audio ---------------------------------------------------------------------------

#define FRAMES 128
#define MAX_BANDS 32

// sin and cos of x in [0, pi] by Taylor series: no libm in the wasm32 build, and the same
// arithmetic in the same order on both targets.
static double taylor_sin(double x) {
    double term = x, sum = x;
    for (int n = 1; n < 12; n++) { term *= -x * x / ((2 * n) * (2 * n + 1)); sum += term; }
    return sum;
}
static double taylor_cos(double x) {
    double term = 1, sum = 1;
    for (int n = 1; n < 12; n++) { term *= -x * x / ((2 * n - 1) * (2 * n)); sum += term; }
    return sum;
}

/// A plugin's process callback: a bank of `bands` band-pass biquads (RBJ cookbook, direct form
/// I, single precision, 48 kHz, centres 100 Hz × 1.15^k) run over `blocks` blocks of 128
/// frames of a synthetic input, each block summed into an output block. Coefficients are
/// computed once per call. Returns the sum of squares of every output sample, as a checksum.
EXPORT(biquad) double biquad(int32_t blocks, int32_t bands) {
    static float b0[MAX_BANDS], b1[MAX_BANDS], b2[MAX_BANDS], a1[MAX_BANDS], a2[MAX_BANDS];
    static float x1[MAX_BANDS], x2[MAX_BANDS], y1[MAX_BANDS], y2[MAX_BANDS];
    static float input[FRAMES], output[FRAMES];
    if (bands > MAX_BANDS) bands = MAX_BANDS;
    double centre = 100;
    for (int32_t k = 0; k < bands; k++, centre *= 1.15) {
        double w0 = 2 * 3.141592653589793 * centre / 48000, q = 4;
        double alpha = taylor_sin(w0) / (2 * q), a0 = 1 + alpha;
        b0[k] = (float)(alpha / a0); b1[k] = 0; b2[k] = (float)(-alpha / a0);
        a1[k] = (float)(-2 * taylor_cos(w0) / a0); a2[k] = (float)((1 - alpha) / a0);
        x1[k] = x2[k] = y1[k] = y2[k] = 0;
    }
    uint32_t state = 12345;
    double energy = 0;
    for (int32_t block = 0; block < blocks; block++) {
        for (int i = 0; i < FRAMES; i++) {
            // A saw wave plus a little noise, in [-1, 1).
            float saw = (float)((block * FRAMES + i) % 109) / 54.5f - 1.0f;
            input[i] = 0.8f * saw + (float)(int32_t)(lcg(&state) >> 16 & 0xFFFF) * (0.2f / 65536.0f);
            output[i] = 0;
        }
        for (int32_t k = 0; k < bands; k++) {
            float sx1 = x1[k], sx2 = x2[k], sy1 = y1[k], sy2 = y2[k];
            for (int i = 0; i < FRAMES; i++) {
                float x = input[i];
                float y = b0[k] * x + b1[k] * sx1 + b2[k] * sx2 - a1[k] * sy1 - a2[k] * sy2;
                sx2 = sx1; sx1 = x; sy2 = sy1; sy1 = y;
                output[i] += y;
            }
            x1[k] = sx1; x2[k] = sx2; y1[k] = sy1; y2[k] = sy2;
        }
        for (int i = 0; i < FRAMES; i++) energy += (double)output[i] * output[i];
    }
    return energy;
}
