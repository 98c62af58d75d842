/// Plays a `Timeline` (replay text or SMF) into an event ring, in real time or as fast as the
/// consumer takes events. Never drops: when the ring is full it waits for the next poll.
public final class ReplaySource: @unchecked Sendable {
    /// The file's messages.
    public let timeline: Timeline
    /// Whether events are due at once (`:fast`) rather than at their times.
    public let fast: Bool
    /// Which input this is, stamped on every event.
    public let sourceIndex: UInt16
    private var index = 0
    private var startMicros: UInt64?

    public init(timeline: Timeline, fast: Bool, sourceIndex: UInt16 = 0) {
        self.timeline = timeline
        self.fast = fast
        self.sourceIndex = sourceIndex
    }

    /// Whether every event has been delivered.
    public var isFinished: Bool { index >= timeline.events.count }

    /// Events delivered so far.
    public var delivered: Int { index }

    /// Pushes every event due at `now` (monotonic µs) that fits in `ring`, at most `limit`.
    /// The first call starts the clock: stream time 0 is then. A fast replay polled with a
    /// small limit measures per-event latency rather than time spent queued behind a batch.
    public func poll(into ring: EventRing, now: UInt64, limit: Int = .max) {
        let start = startMicros ?? now
        startMicros = start
        let events = timeline.events
        var pushed = 0
        while index < events.count && pushed < limit {
            pushed += 1
            var event = events[index]
            if !fast && start + event.time > now { return }
            // Wait for room rather than let the ring count a drop: a file is never lossy.
            guard ring.hasSpace else { return }
            event.arrival = now
            event.source = sourceIndex
            ring.push(event)
            index += 1
        }
    }

    /// When the next event is due on the monotonic clock (nil when finished or not started;
    /// `fast` sources are always due).
    public func nextDue() -> UInt64? {
        guard index < timeline.events.count, let start = startMicros else { return nil }
        return fast ? start : start + timeline.events[index].time
    }
}

/// Reads datagrams from a socket into an event ring: each datagram is one raw MIDI message
/// (a few may be packed back to back), parsed by this source's own `MIDIParser`, reset between
/// datagrams so that a bad one cannot spoil the next. A full ring drops (and counts) events:
/// the queue is bounded whatever the sender does.
public final class DatagramSource: @unchecked Sendable {
    /// The socket, for poll(2).
    public let socket: DatagramSocket
    /// Which input this is, stamped on every event.
    public let sourceIndex: UInt16
    /// The run's start on the monotonic clock: stream time is arrival minus this.
    public let startMicros: UInt64
    private var parser = MIDIParser()
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 8)
    /// Datagrams read.
    public private(set) var datagrams = 0
    /// SysEx messages received (not forwarded: SysEx stays off the hot path).
    public private(set) var sysExSkipped = 0

    public init(socket: DatagramSocket, sourceIndex: UInt16 = 0, startMicros: UInt64) {
        self.socket = socket
        self.sourceIndex = sourceIndex
        self.startMicros = startMicros
    }

    deinit { buffer.deallocate() }

    /// What the parser skipped.
    public var parserCounters: MIDIParser.Counters { parser.counters }

    /// Reads every waiting datagram (at most `limit`, so one storm cannot starve the other
    /// inputs), stamping events with `now`.
    public func poll(into ring: EventRing, now: UInt64, limit: Int = 256) {
        var count = 0
        while count < limit, let length = socket.receive(into: buffer) {
            count += 1
            datagrams += 1
            for i in 0..<length {
                switch parser.push(buffer[i]) {
                case .none: break
                case .sysEx: sysExSkipped += 1
                case .message(let message):
                    ring.push(MIDIEvent(message, time: now &- startMicros, arrival: now, source: sourceIndex))
                }
            }
            parser.reset()
        }
    }
}
