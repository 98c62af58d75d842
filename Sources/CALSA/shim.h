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

#endif
