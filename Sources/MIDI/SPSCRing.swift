import Atomics

/// A preallocated single-producer, single-consumer ring: one thread pushes, one pops. The
/// daemon uses it for events (source → real-time thread) and for work handed off the hot path
/// (real-time thread → log, shell and plugin workers). No locks and no allocation after
/// `init`; a full ring refuses the element and counts the drop, so a flood can never block
/// the producer or grow memory.
///
/// Indices grow without wrapping (an Int would take centuries to overflow at any MIDI rate)
/// and are masked into the power-of-two buffer. The producer publishes with a releasing store
/// of `tail` after writing the slot; the consumer's acquiring load of `tail` makes the slot
/// visible; the same in reverse for `head`, so a slot is never rewritten while being read.
///
/// Elements are plain values (no references): a slot is overwritten in place, and the ring
/// never retains or releases on the hot path.
public final class SPSCRing<Element: BitwiseCopyable>: @unchecked Sendable {
    @usableFromInline let buffer: UnsafeMutablePointer<Element>
    @usableFromInline let mask: Int
    @usableFromInline let head = ManagedAtomic<Int>(0)   // next slot to read; written by the consumer
    @usableFromInline let tail = ManagedAtomic<Int>(0)   // next slot to write; written by the producer
    @usableFromInline let dropCount = ManagedAtomic<Int>(0)

    /// The number of slots (a power of two, at least `capacity` asked for).
    public let capacity: Int

    /// A ring of at least `capacity` elements, each slot first holding `filler`.
    public init(capacity: Int, filler: Element) {
        var size = 2
        while size < capacity { size <<= 1 }
        self.capacity = size
        mask = size - 1
        buffer = .allocate(capacity: size)
        buffer.initialize(repeating: filler, count: size)
    }

    deinit {
        buffer.deallocate()
    }

    /// Producer side: appends `element`, or counts a drop and returns false when full.
    @inlinable @discardableResult
    public func push(_ element: Element) -> Bool {
        let t = tail.load(ordering: .relaxed)
        if t - head.load(ordering: .acquiring) >= capacity {
            dropCount.wrappingIncrement(ordering: .relaxed)
            return false
        }
        buffer[t & mask] = element
        tail.store(t + 1, ordering: .releasing)
        return true
    }

    /// Consumer side: the oldest element, or nil when empty.
    @inlinable
    public func pop() -> Element? {
        let h = head.load(ordering: .relaxed)
        if h == tail.load(ordering: .acquiring) { return nil }
        let element = buffer[h & mask]
        head.store(h + 1, ordering: .releasing)
        return element
    }

    /// Consumer side: the oldest element without removing it.
    @inlinable
    public func peek() -> Element? {
        let h = head.load(ordering: .relaxed)
        if h == tail.load(ordering: .acquiring) { return nil }
        return buffer[h & mask]
    }

    /// Elements waiting (exact from either side's own thread; an estimate from others).
    public var count: Int { tail.load(ordering: .acquiring) - head.load(ordering: .acquiring) }

    /// Whether the producer may push at least one more element.
    public var hasSpace: Bool { count < capacity }

    /// Elements refused because the ring was full.
    public var drops: Int { dropCount.load(ordering: .relaxed) }
}

/// Events from one source to the real-time thread.
public typealias EventRing = SPSCRing<MIDIEvent>

extension SPSCRing where Element == MIDIEvent {
    /// A ring of at least `capacity` events.
    public convenience init(capacity: Int) {
        self.init(capacity: capacity, filler: MIDIEvent(MIDIMessage(packed: 0), time: 0))
    }
}
