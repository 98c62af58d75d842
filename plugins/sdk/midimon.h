/*
 * midimon.h — the plugin SDK for midimon's event ABI, version 1 (docs/plugin-abi.md).
 *
 * A plugin is a WebAssembly module built with
 *
 *     clang-19 --target=wasm32 -O2 -nostdlib -Wl,--no-entry plugin.c -o plugin.wasm
 *
 * (or --target=wasm32-wasi with -mexec-model=reactor when it uses libc). It exports
 * `midimon_event_abi_version` and `midimon_on_event`, optionally `midimon_init`, and calls the
 * host through the functions declared here, imported from the module "midimon".
 *
 * Everything on the event path is plain integers: no JSON, no allocation per event.
 */
#ifndef MIDIMON_H
#define MIDIMON_H

#include <stdint.h>

#define MIDIMON_EVENT_ABI_VERSION 1

#define MIDIMON_EXPORT(name) __attribute__((export_name(#name))) 
#define MIDIMON_IMPORT(name) __attribute__((import_module("midimon"), import_name(#name)))

/* ---- messages -------------------------------------------------------------------------
 * A channel message packed into an i32: status in bits 0-7, first data byte in 8-15, second
 * data byte in 16-23, bits 24-31 zero. A message with one data byte (program change, channel
 * pressure) leaves bits 16-23 zero.                                                           */

static inline uint32_t midimon_message(uint8_t status, uint8_t data1, uint8_t data2) {
    return (uint32_t)status | (uint32_t)data1 << 8 | (uint32_t)data2 << 16;
}
static inline uint8_t midimon_status(uint32_t m) { return (uint8_t)m; }
static inline uint8_t midimon_type(uint32_t m) { return (uint8_t)(m & 0xF0); }
static inline uint8_t midimon_channel(uint32_t m) { return (uint8_t)(m & 0x0F); }
static inline uint8_t midimon_data1(uint32_t m) { return (uint8_t)(m >> 8); }
static inline uint8_t midimon_data2(uint32_t m) { return (uint8_t)(m >> 16); }

enum {
    MIDIMON_NOTE_OFF = 0x80,
    MIDIMON_NOTE_ON = 0x90,
    MIDIMON_POLY_PRESSURE = 0xA0,
    MIDIMON_CONTROL_CHANGE = 0xB0,
    MIDIMON_PROGRAM_CHANGE = 0xC0,
    MIDIMON_CHANNEL_PRESSURE = 0xD0,
    MIDIMON_PITCH_BEND = 0xE0,
};

/* ---- what the plugin exports ------------------------------------------------------------ */

/* Returns MIDIMON_EVENT_ABI_VERSION. The host refuses a plugin whose version it does not know. */
int32_t midimon_event_abi_version(void);

/* Optional: called once after instantiation, before the first event. Non-zero refuses the
 * plugin (the host logs the code). */
int32_t midimon_init(void);

/* Called for every event routed to the plugin: the packed message and its arrival time in
 * microseconds on the host's monotonic clock. Returns 0 when the event was handled (whatever
 * the plugin emitted is sent), MIDIMON_PASS to let the original message through unchanged, or
 * a negative value to report an error (logged and counted, the event is dropped). */
int32_t midimon_on_event(uint32_t message, int64_t timestamp_us);
#define MIDIMON_PASS 1

/* ---- what the host provides ------------------------------------------------------------- */

/* Sends a packed message to the mapping's output `delay_us` microseconds from now (0 = at
 * once). Returns 0, or 1 when the host's output queue is full (the message was dropped). */
MIDIMON_IMPORT(emit) int32_t midimon_emit(uint32_t message, int32_t delay_us);

/* The host's monotonic clock, in microseconds (the clock event timestamps use). */
MIDIMON_IMPORT(now_us) int64_t midimon_now_us(void);

/* Logs `length` bytes of UTF-8 text at `level` (0 error, 1 warning, 2 info, 3 debug) into the
 * plugin's log. Never blocks: the text is copied into a ring and written by a worker. */
MIDIMON_IMPORT(log) void midimon_log(int32_t level, const char *text, int32_t length);

/* The value of the plugin's parameter `index` (the order of `parameters` in the mapping or
 * manifest), or NaN when it has none. */
MIDIMON_IMPORT(param) double midimon_param(int32_t index);

/* ---- HTTP (JSON-ABI plugins only, `network` capability) -------------------------------
 * Sends one HTTP request and waits for the answer, at most the host's timeout (2 s by
 * default). `method` empty means GET; `headers` is "Name: value" lines separated by "\n"
 * (may be empty). Up to `response_capacity` bytes of the response body are copied to
 * `response`. Returns `status << 32 | the full body length`, or a negative MIDIMON_HTTP_*
 * code (the host also logs why into the plugin's log). An event-ABI plugin that imports it
 * is refused at load: the event path must not block. */
MIDIMON_IMPORT(http_request) int64_t midimon_http_request(
    const char *method, int32_t method_len, const char *url, int32_t url_len,
    const char *headers, int32_t headers_len, const char *body, int32_t body_len,
    char *response, int32_t response_capacity);

#define MIDIMON_HTTP_NOT_GRANTED (-1) /* no `network` capability */
#define MIDIMON_HTTP_BAD_REQUEST (-2) /* a pointer outside memory, a bad method, URL or header */
#define MIDIMON_HTTP_FAILED (-3)      /* connection refused or broken */
#define MIDIMON_HTTP_TIMED_OUT (-4)   /* no complete answer within the timeout */
#define MIDIMON_HTTP_UNAVAILABLE (-5) /* this host has no HTTP client */

static inline int32_t midimon_http_status(int64_t result) { return result < 0 ? (int32_t)result : (int32_t)(result >> 32); }
static inline int32_t midimon_http_length(int64_t result) { return result < 0 ? 0 : (int32_t)(result & 0xFFFFFFFF); }

#endif /* MIDIMON_H */
