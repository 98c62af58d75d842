/*
 * chord — play a chord for every note (event ABI).
 *
 * Freestanding C for midimon's event ABI, version 1 (docs/plugin-abi.md,
 * plugins/sdk/midimon.h). It exports
 *
 *     i32 midimon_event_abi_version()                      returns 1
 *     i32 midimon_on_event(i32 message, i64 timestamp_us)  handles one event
 *     memory                                               (for the text it logs)
 *
 * and imports `midimon.emit`, `midimon.param` and `midimon.log`.
 *
 * A note-on (velocity > 0) on root note r is replaced by the notes of a chord built on r,
 * all with its velocity and channel: the root at once, each further note `strum_ms` later
 * than the one below it. Chord notes above 127 are left out. The matching note-off (0x8n,
 * or 0x9n with velocity 0) releases the chord that note-on started, even when the
 * parameters have changed since: what each held root played is kept in memory (per
 * channel and note). A chord note whose note-on is still scheduled (strummed, by this
 * chord or another holding the same note) is released no earlier than that note-on, so a
 * quick tap cannot leave a note hanging.
 *
 * Overlapping chords share notes (C major and A minor both hold E): every sounding note
 * has a count, and its note-off is sent only when the last chord holding it lets go.
 * A second note-on for a root already held first releases its previous chord.
 *
 * A note-off for a root the plugin never saw start (it was loaded while the note was held)
 * and every other message pass through unchanged (on_event returns 1).
 *
 * Parameters (midimon.param index, manifest order):
 *   0 quality   0 major (default), 1 minor, 2 diminished, 3 augmented, 4 sus2, 5 sus4,
 *               6 major 7th, 7 minor 7th, 8 dominant 7th. Anything else: major, with one
 *               warning in the log each time the bad value changes.
 *   1 strum_ms  0..1000, default 0: the delay between successive chord notes.
 *
 * Build flags: -nostdlib -Wl,--no-entry
 * (plugins/build reads the line above and adds it to
 * `clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug`.)
 */

#include "../../sdk/midimon.h"

enum { QUALITIES = 9, MAX_NOTES = 4 };

static const struct {
    const char *name;
    uint8_t count;
    uint8_t intervals[MAX_NOTES];
} chords[QUALITIES] = {
    {"major", 3, {0, 4, 7}},
    {"minor", 3, {0, 3, 7}},
    {"diminished", 3, {0, 3, 6}},
    {"augmented", 3, {0, 4, 8}},
    {"sus2", 3, {0, 2, 7}},
    {"sus4", 3, {0, 5, 7}},
    {"major 7th", 4, {0, 4, 7, 11}},
    {"minor 7th", 4, {0, 3, 7, 10}},
    {"dominant 7th", 4, {0, 4, 7, 10}},
};

/* What each held root (per channel) played: quality + 1 (0 = not held). */
static uint8_t held[16][128];

/* Per channel and note: how many held chords sound it, and the latest time (event clock)
 * one of them has its note-on scheduled for. */
static uint8_t sounding[16][128];
static int64_t starts_us[16][128];

static double last_bad_quality = -1;

static void warn_bad_quality(double value) {
    if (value == last_bad_quality)
        return;
    last_bad_quality = value;
    static const char text[] = "chord: quality must be 0..8; playing major";
    midimon_log(1, text, sizeof text - 1);
}

static int quality_setting(void) {
    double q = midimon_param(0);
    if (q != q)
        return 0;
    if (q >= 0 && q < QUALITIES && q == (double)(int)q)
        return (int)q;
    warn_bad_quality(q);
    return 0;
}

static int32_t strum_setting(void) {
    double ms = midimon_param(1);
    if (ms != ms || ms <= 0)
        return 0;
    if (ms > 1000)
        ms = 1000;
    return (int32_t)(ms * 1000 + 0.5);
}

/* Releases the chord held on root `root`: note-offs for the notes no other chord holds. */
static void release(uint8_t channel, uint8_t root, uint32_t off_status, uint8_t off_velocity,
                    int64_t timestamp_us) {
    int quality = held[channel][root] - 1;
    for (int k = 0; k < chords[quality].count; k++) {
        int note = root + chords[quality].intervals[k];
        if (note > 127 || sounding[channel][note] == 0)
            continue;
        if (--sounding[channel][note])
            continue;
        /* Not before the last (possibly strummed) note-on scheduled for it, by any chord. */
        int64_t starts = starts_us[channel][note];
        int64_t delay = starts > timestamp_us ? starts - timestamp_us : 0;
        midimon_emit(midimon_message((uint8_t)(off_status | channel), (uint8_t)note, off_velocity),
                     (int32_t)delay);
    }
    held[channel][root] = 0;
}

MIDIMON_EXPORT(midimon_event_abi_version)
int32_t midimon_event_abi_version(void) { return MIDIMON_EVENT_ABI_VERSION; }

MIDIMON_EXPORT(midimon_on_event)
int32_t midimon_on_event(uint32_t message, int64_t timestamp_us) {
    uint8_t type = midimon_type(message), channel = midimon_channel(message);
    uint8_t root = midimon_data1(message) & 0x7F, velocity = midimon_data2(message) & 0x7F;

    if (type == MIDIMON_NOTE_OFF || (type == MIDIMON_NOTE_ON && velocity == 0)) {
        if (!held[channel][root])
            return MIDIMON_PASS;
        release(channel, root, type, velocity, timestamp_us);
        return 0;
    }
    if (type != MIDIMON_NOTE_ON)
        return MIDIMON_PASS;

    if (held[channel][root])
        release(channel, root, MIDIMON_NOTE_OFF, 64, timestamp_us);
    int quality = quality_setting();
    int32_t strum_us = strum_setting();
    held[channel][root] = (uint8_t)(quality + 1);
    for (int k = 0; k < chords[quality].count; k++) {
        int note = root + chords[quality].intervals[k];
        if (note > 127)
            continue;
        int64_t starts = timestamp_us + (int64_t)k * strum_us;
        if (!sounding[channel][note]++ || starts > starts_us[channel][note])
            starts_us[channel][note] = starts;
        midimon_emit(midimon_message((uint8_t)(MIDIMON_NOTE_ON | channel), (uint8_t)note, velocity),
                     k * strum_us);
    }
    return 0;
}
