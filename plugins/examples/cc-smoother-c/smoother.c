/*
 * cc-smoother — glide control changes to their new values instead of jumping (event ABI).
 *
 * Freestanding C for midimon's event ABI, version 1 (docs/plugin-abi.md,
 * plugins/sdk/midimon.h). It exports
 *
 *     i32 midimon_event_abi_version()                      returns 1
 *     i32 midimon_on_event(i32 message, i64 timestamp_us)  handles one event
 *
 * and imports `midimon.emit`, `midimon.now_us` and `midimon.param`.
 *
 * For every smoothed controller (per channel) the plugin keeps, in memory, the last value
 * it scheduled and when that value is reached. A new value does not jump: the plugin
 * schedules a straight line of intermediate values, with emit's delay, from where the
 * output will be to the new value, reached `time_ms` after the event arrived. The line
 * starts when the previous glide ends (emit cannot take back what is queued, so glides
 * are chained, never interleaved), so the output always trails the input by at most
 * time_ms and a fast knob turn comes out as one smooth curve. Steps are at least
 * `step_ms` apart (the last one lands exactly on the new value); a step is sent only when
 * the value changes. Delays are taken from the clock (now_us), so the time the event
 * waited before the plugin ran does not stretch the glide.
 *
 * The first value seen for a controller passes through unchanged (there is nothing to
 * glide from). A value equal to where the output is already heading is dropped
 * (on_event returns 0, nothing emitted). Switches (controllers 64-69), channel mode
 * messages (120-127), controllers not selected and every other message pass through
 * unchanged (on_event returns 1).
 *
 * Parameters (midimon.param index, manifest order; absent = default, out of range clamped):
 *   0 time_ms     1..2000, default 40: how long a glide takes
 *   1 step_ms     1..100, default 4: the shortest time between two steps
 *   2 controller  -1 (default): every continuous controller; 0..119: only that one
 *
 * Build flags: -nostdlib -Wl,--no-entry
 * (plugins/build reads the line above and adds it to
 * `clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug`.)
 */

#include "../../sdk/midimon.h"

/* Per channel and controller: where the output is heading, and when it gets there. */
static struct {
    uint8_t known; /* a value has been seen */
    uint8_t value; /* the last value scheduled */
    int64_t at_us; /* when it is sent, on the host's clock */
} controls[16][128];

/* Parameter `index`, `fallback` when absent (NaN), clamped to [low, high]. */
static double setting(int32_t index, double fallback, double low, double high) {
    double v = midimon_param(index);
    if (v != v)
        v = fallback;
    return v < low ? low : v > high ? high : v;
}

/* numerator / denominator rounded to the nearest integer, halves away from zero. */
static int32_t divide_rounded(int32_t numerator, int32_t denominator) {
    return numerator >= 0 ? (2 * numerator + denominator) / (2 * denominator)
                          : -((-2 * numerator + denominator) / (2 * denominator));
}

MIDIMON_EXPORT(midimon_event_abi_version)
int32_t midimon_event_abi_version(void) { return MIDIMON_EVENT_ABI_VERSION; }

MIDIMON_EXPORT(midimon_on_event)
int32_t midimon_on_event(uint32_t message, int64_t timestamp_us) {
    if (midimon_type(message) != MIDIMON_CONTROL_CHANGE)
        return MIDIMON_PASS;
    uint8_t channel = midimon_channel(message);
    uint8_t controller = midimon_data1(message) & 0x7F, target = midimon_data2(message) & 0x7F;
    int selected = (int)setting(2, -1, -1, 119);
    if ((controller >= 64 && controller <= 69) || controller >= 120 ||
        (selected >= 0 && controller != selected))
        return MIDIMON_PASS;

    if (!controls[channel][controller].known) {
        controls[channel][controller].known = 1;
        controls[channel][controller].value = target;
        controls[channel][controller].at_us = timestamp_us;
        return MIDIMON_PASS;
    }
    int32_t from = controls[channel][controller].value;
    if (from == target)
        return 0;

    int64_t glide_us = (int64_t)(setting(0, 40, 1, 2000) * 1000 + 0.5);
    int64_t step_us = (int64_t)(setting(1, 4, 1, 100) * 1000 + 0.5);
    int64_t start = controls[channel][controller].at_us;
    if (start < timestamp_us)
        start = timestamp_us;
    int64_t end = timestamp_us + glide_us;
    if (end < start)
        end = start; /* time_ms was shortened mid-glide: go straight on after it */
    int64_t span = end - start;

    int32_t distance = target > from ? target - from : from - target;
    int64_t steps = span / step_us;
    if (steps > distance) steps = distance;
    if (steps < 1) steps = 1;

    int64_t now = midimon_now_us();
    int32_t last = from;
    for (int32_t i = 1; i <= (int32_t)steps; i++) {
        int32_t value = from + divide_rounded((target - from) * i, (int32_t)steps);
        if (value == last)
            continue;
        last = value;
        int64_t delay = start + span * i / steps - now;
        midimon_emit(midimon_message((uint8_t)(MIDIMON_CONTROL_CHANGE | channel), controller,
                                     (uint8_t)value),
                     delay > 0 ? (int32_t)delay : 0);
    }
    controls[channel][controller].value = target;
    controls[channel][controller].at_us = end;
    return 0;
}
