// ALSA's sequencer API for Swift. Swift cannot call the function-like macros that
// asoundlib.h uses to fill events (snd_seq_ev_set_*), so the few the MIDI target needs are
// wrapped here as static inline functions.
#ifndef MIDIMON_CALSA_SHIM_H
#define MIDIMON_CALSA_SHIM_H

#include <alsa/asoundlib.h>

/// Addresses an (already filled) event to every subscriber of `port`, to be delivered at
/// once. It does not clear the event: the MIDI coder has written its type and data.
static inline void midimon_seq_ev_address(snd_seq_event_t *ev, int port) {
    snd_seq_ev_set_source(ev, port);
    snd_seq_ev_set_subs(ev);
    snd_seq_ev_set_direct(ev);
}

/// Whether the event carries a kernel real-time timestamp.
static inline int midimon_seq_ev_is_real_time(const snd_seq_event_t *ev) {
    return snd_seq_ev_is_real(ev) ? 1 : 0;
}

/// The kernel's real-time stamp of an event, in microseconds since its queue started
/// (valid when `midimon_seq_ev_is_real_time`).
static inline unsigned long long midimon_seq_ev_real_time_us(const snd_seq_event_t *ev) {
    return (unsigned long long)ev->time.time.tv_sec * 1000000ULL + ev->time.time.tv_nsec / 1000;
}

/// A queue for timestamps only (nothing is scheduled on it), started at once; its number, or
/// a negative error.
static inline int midimon_seq_timestamp_queue(snd_seq_t *seq) {
    int queue = snd_seq_alloc_named_queue(seq, "midimond timestamps");
    if (queue < 0) return queue;
    int status = snd_seq_start_queue(seq, queue, NULL);
    if (status < 0) return status;
    status = snd_seq_drain_output(seq);
    return status < 0 ? status : queue;
}

/// The queue's real time now, in microseconds, or -1.
static inline long long midimon_seq_queue_time_us(snd_seq_t *seq, int queue) {
    snd_seq_queue_status_t *status;
    if (snd_seq_queue_status_malloc(&status) < 0) return -1;
    long long result = -1;
    if (snd_seq_get_queue_status(seq, queue, status) >= 0) {
        const snd_seq_real_time_t *time = snd_seq_queue_status_get_real_time(status);
        result = (long long)time->tv_sec * 1000000LL + time->tv_nsec / 1000;
    }
    snd_seq_queue_status_free(status);
    return result;
}

/// An input port whose events the kernel stamps with `queue`'s real time on arrival (when
/// `queue` is negative: no stamps). The port number, or a negative error.
static inline int midimon_seq_create_port(snd_seq_t *seq, const char *name, unsigned int caps, unsigned int type, int queue) {
    snd_seq_port_info_t *info;
    if (snd_seq_port_info_malloc(&info) < 0) return -ENOMEM;
    snd_seq_port_info_set_name(info, name);
    snd_seq_port_info_set_capability(info, caps);
    snd_seq_port_info_set_type(info, type);
    snd_seq_port_info_set_midi_channels(info, 16);
    if (queue >= 0) {
        snd_seq_port_info_set_timestamping(info, 1);
        snd_seq_port_info_set_timestamp_real(info, 1);
        snd_seq_port_info_set_timestamp_queue(info, queue);
    }
    int status = snd_seq_create_port(seq, info);
    int port = status < 0 ? status : snd_seq_port_info_get_port(info);
    snd_seq_port_info_free(info);
    return port;
}

#endif
