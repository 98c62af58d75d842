import Atomics

/// A preallocated single-producer, single-consumer ring of events: one source thread pushes,
/// the real-time thread pops. No locks and no allocation after `init`; a full ring refuses
/// the event and counts the drop, so a flood can never block the producer or grow memory.
///
/// Indices grow without wrapping (an Int would take centuries to overflow at any MIDI rate)
/// and are masked into the power-of-two buffer. The producer publishes with a releasing store
/// of `tail` after writing the slot; the consumer's acquiring load of `tail` makes the slot
/// visible; the same in reverse for `head`, so a slot is never rewritten while being read.
public final class EventRing: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<MIDIEvent>
    private let mask: Int
    private let head = ManagedAtomic<Int>(0)   // next slot to read; written by the consumer
    private let tail = ManagedAtomic<Int>(0)   // next slot to write; written by the producer
    private let dropCount = ManagedAtomic<Int>(0)

    /// The number of slots (a power of two, at least `capacity` asked for).
    public let capacity: Int

    /// A ring of at least `capacity` events.
    public init(capacity: Int) {
        var size = 2
        while size < capacity { size <<= 1 }
        self.capacity = size
        mask = size - 1
        buffer = .allocate(capacity: size)
        buffer.initialize(repeating: MIDIEvent(MIDIMessage(packed: 0), time: 0), count: size)
    }

    deinit {
        buffer.deinitialize(count: capacity)
        buffer.deallocate()
    }

    /// Producer side: appends `event`, or counts a drop and returns false when full.
    @discardableResult
    public func push(_ event: MIDIEvent) -> Bool {
        let t = tail.load(ordering: .relaxed)
        if t - head.load(ordering: .acquiring) >= capacity {
            dropCount.wrappingIncrement(ordering: .relaxed)
            return false
        }
        buffer[t & mask] = event
        tail.store(t + 1, ordering: .releasing)
        return true
    }

    /// Consumer side: the oldest event, or nil when empty.
    public func pop() -> MIDIEvent? {
        let h = head.load(ordering: .relaxed)
        if h == tail.load(ordering: .acquiring) { return nil }
        let event = buffer[h & mask]
        head.store(h + 1, ordering: .releasing)
        return event
    }

    /// Consumer side: the oldest event without removing it.
    public func peek() -> MIDIEvent? {
        let h = head.load(ordering: .relaxed)
        if h == tail.load(ordering: .acquiring) { return nil }
        return buffer[h & mask]
    }

    /// Events waiting (exact from either side's own thread; an estimate from others).
    public var count: Int { tail.load(ordering: .acquiring) - head.load(ordering: .acquiring) }

    /// Whether the producer may push at least one more event.
    public var hasSpace: Bool { count < capacity }

    /// Events refused because the ring was full.
    public var drops: Int { dropCount.load(ordering: .relaxed) }
}
