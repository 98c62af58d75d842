/// A message with its times: what sources put in the event ring and the engine reads.
///
/// Two clocks, on purpose. `time` is the stream's own time (the replay file's `TIME_US`, or
/// arrival minus the run's start for live sources): the engine's timers run on it, so a fast
/// replay still sees long presses and double taps exactly as written. `arrival` is the
/// host's monotonic clock when the event entered the daemon: latency is measured from it.
public struct MIDIEvent: Hashable, Sendable, BitwiseCopyable {
    /// The message.
    public var message: MIDIMessage
    /// Stream time in microseconds.
    public var time: UInt64
    /// Arrival on the monotonic clock, in microseconds (0 when not measured).
    public var arrival: UInt64
    /// Which input it came from (the index of its source in the daemon's list).
    public var source: UInt16

    /// An event.
    @inlinable public init(_ message: MIDIMessage, time: UInt64, arrival: UInt64 = 0, source: UInt16 = 0) {
        self.message = message
        self.time = time
        self.arrival = arrival
        self.source = source
    }
}
