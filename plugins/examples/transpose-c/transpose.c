/*
 * transpose — shift every note up an octave.
 *
 * A freestanding C plugin: no libc, no imports, no start function. It exports
 * `memory` and
 *
 *     i64 on_event(i32 status, i32 data1, i32 data2, i64 timestamp_us)
 *
 * which takes one 3-byte MIDI message and returns the message to send on,
 * packed as status | data1 << 8 | data2 << 16. Note-on (0x9n) and note-off
 * (0x8n) on every channel have their note number moved by +12 semitones,
 * clamped to 0..127; the velocity is kept. Every other message comes back
 * unchanged. The timestamp is not used.
 *
 * The note map is a 128-entry table in linear memory, filled by a loop on the
 * first call after start-up or after `set_transpose`. The shift itself lives in
 * an initialised global (a data segment holding 12), which
 *
 *     void set_transpose(i32 semitones)
 *
 * changes (clamped to -127..127), so a host can also play it an octave down.
 *
 * Build flags: -nostdlib -Wl,--no-entry
 * (plugins/build reads the line above and adds it to
 * `clang-19 --target=wasm32-wasi -O2`.)
 */

typedef unsigned char u8;
typedef int i32;
typedef long long i64;

#define EXPORT(name) __attribute__((export_name(name)))

/* Semitones added to every note. Initialised, so it sits in a data segment. */
static i32 transpose_semitones = 12;

/* note_map[n] is the note sent for incoming note n; valid when map_ready. */
static u8 note_map[128];
static i32 map_ready;

static i32 clamp(i32 value, i32 low, i32 high) {
    return value < low ? low : value > high ? high : value;
}

static void build_note_map(void) {
    for (i32 note = 0; note < 128; note++)
        note_map[note] = (u8)clamp(note + transpose_semitones, 0, 127);
    map_ready = 1;
}

EXPORT("set_transpose")
void set_transpose(i32 semitones) {
    transpose_semitones = clamp(semitones, -127, 127);
    map_ready = 0;
}

EXPORT("on_event")
i64 on_event(i32 status, i32 data1, i32 data2, i64 timestamp_us) {
    (void)timestamp_us;
    status &= 0xff;
    data1 &= 0x7f;
    data2 &= 0x7f;

    i32 kind = status & 0xf0;
    if (kind == 0x80 || kind == 0x90) {
        if (!map_ready)
            build_note_map();
        data1 = note_map[data1];
    }
    return (i64)status | (i64)data1 << 8 | (i64)data2 << 16;
}
