/*
 * note-repeat — a ratchet: every note is played several times, on a steady grid (event ABI).
 *
 * Freestanding C for midimon's event ABI, version 1 (docs/plugin-abi.md,
 * plugins/sdk/midimon.h). It exports
 *
 *     i32 midimon_event_abi_version()                      returns 1
 *     i32 midimon_on_event(i32 message, i64 timestamp_us)  handles one event
 *
 * and imports `midimon.emit`, `midimon.now_us` and `midimon.param`.
 *
 * A note-on (velocity v > 0) becomes `repeats` notes, `interval_ms` apart: note k (from 0)
 * starts k * interval after the original arrived, lasts gate * interval, and has velocity
 * v * decay^k (rounded, at least 1). All of it is scheduled at once with emit's delay;
 * every note gets its own note-off, so the key's own note-off is swallowed (on_event returns
 * 0 and emits nothing). The plugin remembers which keys are down (per channel and note) for
 * that: a note-off for a key pressed before it was loaded passes through, as does every
 * other message (on_event returns 1).
 *
 * The grid is anchored on the event's arrival, not on when the plugin happens to run: the
 * plugin reads the clock (now_us, the clock timestamps use) and takes the time the event
 * already waited off every delay. A note whose time has already passed is sent at once.
 *
 * Parameters (midimon.param index, manifest order; absent = default, out of range clamped):
 *   0 repeats      1..32, default 4 (the original note included)
 *   1 interval_ms  1..2000, default 125 (sixteenths at 120 bpm)
 *   2 gate         0.01..1, default 0.5: the part of the interval each note sounds
 *   3 decay        0..1, default 0.8: velocity factor from one repeat to the next
 *
 * Build flags: -nostdlib -Wl,--no-entry
 * (plugins/build reads the line above and adds it to
 * `clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug`.)
 */

#include "../../sdk/midimon.h"

/* Which keys are down (per channel), so that only their note-offs are swallowed. */
static uint8_t pressed[16][128];

/* Parameter `index`, `fallback` when absent (NaN), clamped to [low, high]. */
static double setting(int32_t index, double fallback, double low, double high) {
    double v = midimon_param(index);
    if (v != v)
        v = fallback;
    return v < low ? low : v > high ? high : v;
}

/* Delay from now until `at_us` on the event's timeline, where now is `waited_us` after it. */
static int32_t delay_until(int64_t at_us, int64_t waited_us) {
    int64_t delay = at_us - waited_us;
    return delay > 0 ? (int32_t)delay : 0;
}

MIDIMON_EXPORT(midimon_event_abi_version)
int32_t midimon_event_abi_version(void) { return MIDIMON_EVENT_ABI_VERSION; }

MIDIMON_EXPORT(midimon_on_event)
int32_t midimon_on_event(uint32_t message, int64_t timestamp_us) {
    uint8_t type = midimon_type(message), velocity = midimon_data2(message) & 0x7F;
    uint8_t channel = midimon_channel(message), note = midimon_data1(message) & 0x7F;
    if (type == MIDIMON_NOTE_OFF || (type == MIDIMON_NOTE_ON && velocity == 0)) {
        if (!pressed[channel][note])
            return MIDIMON_PASS; /* a note that started before the plugin was loaded */
        pressed[channel][note] = 0;
        return 0; /* every repeat already has its own note-off */
    }
    if (type != MIDIMON_NOTE_ON)
        return MIDIMON_PASS;
    pressed[channel][note] = 1;

    int repeats = (int)setting(0, 4, 1, 32);
    int64_t interval_us = (int64_t)(setting(1, 125, 1, 2000) * 1000 + 0.5);
    int64_t gate_us = (int64_t)(setting(2, 0.5, 0.01, 1) * (double)interval_us + 0.5);
    double decay = setting(3, 0.8, 0, 1);

    int64_t waited_us = midimon_now_us() - timestamp_us;
    if (waited_us < 0)
        waited_us = 0;

    uint32_t on = message & 0xFFFF, off = (uint32_t)(MIDIMON_NOTE_OFF | channel) | (message & 0xFF00);
    double level = velocity;
    for (int k = 0; k < repeats; k++) {
        int32_t v = (int32_t)(level + 0.5);
        if (v < 1) v = 1;
        if (v > 127) v = 127;
        int64_t start = (int64_t)k * interval_us;
        midimon_emit(on | (uint32_t)v << 16, delay_until(start, waited_us));
        midimon_emit(off | 64u << 16, delay_until(start + gate_us, waited_us));
        level *= decay;
    }
    return 0;
}
