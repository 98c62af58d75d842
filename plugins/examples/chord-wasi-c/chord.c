/*
 * chord — a major triad on any root note, with a printable name.
 *
 * A WASI "reactor" plugin: built against wasi-libc with -mexec-model=reactor,
 * so it has no main; a host calls the exported `_initialize` once, then the
 * functions below. It uses libc (memset, memcpy, snprintf, fprintf) and so
 * imports WASI functions (fd_write and friends) from wasi_snapshot_preview1.
 *
 *     i32 chord_major(i32 root)
 *         Writes the triad root, root+4, root+7 as three bytes into a static
 *         buffer and returns its address in linear memory. A root above 120
 *         (the fifth would leave 0..127) or below 0 is refused: a message goes
 *         to stderr and the result is 0.
 *
 *     i32 chord_name(i32 root)
 *         Writes a NUL-terminated name such as "C4 major (60 64 67)" into a
 *         static buffer and returns its address; 0 for a refused root.
 *
 * Middle C is note 60, named C4.
 *
 * Build flags: -mexec-model=reactor
 * (plugins/build reads the line above and adds it to
 * `clang-19 --target=wasm32-wasi -O2`.)
 */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

enum { TRIAD_SIZE = 3, HIGHEST_ROOT = 127 - 7 };

static const uint8_t major_intervals[TRIAD_SIZE] = {0, 4, 7};
static const char *const pitch_names[12] = {
    "C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B",
};

static uint8_t triad[TRIAD_SIZE];
static char name[32];

static int root_in_range(int32_t root) {
    if (root >= 0 && root <= HIGHEST_ROOT)
        return 1;
    fprintf(stderr, "chord: root %d is outside 0..%d\n", (int)root, HIGHEST_ROOT);
    return 0;
}

EXPORT("chord_major")
int32_t chord_major(int32_t root) {
    memset(triad, 0, sizeof triad);
    if (!root_in_range(root))
        return 0;
    uint8_t notes[TRIAD_SIZE];
    for (int i = 0; i < TRIAD_SIZE; i++)
        notes[i] = (uint8_t)(root + major_intervals[i]);
    memcpy(triad, notes, sizeof triad);
    return (int32_t)(uintptr_t)triad;
}

EXPORT("chord_name")
int32_t chord_name(int32_t root) {
    memset(name, 0, sizeof name);
    if (!chord_major(root))
        return 0;
    snprintf(name, sizeof name, "%s%d major (%d %d %d)",
             pitch_names[root % 12], (int)(root / 12) - 1,
             triad[0], triad[1], triad[2]);
    return (int32_t)(uintptr_t)name;
}
