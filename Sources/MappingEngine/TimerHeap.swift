import MIDI

/// A binary min-heap of timers in preallocated storage: long presses waiting for their
/// threshold and Sequence steps waiting behind a Delay. Push and pop are O(log n) and never
/// allocate; when full, a new timer is refused and counted (the capacity is set at start-up).
struct TimerHeap {
    struct Timer {
        var due: UInt64
        /// Insertion order: timers due at the same time fire in the order they were set.
        var order: UInt64
        var kind: Kind
    }

    enum Kind {
        /// Mapping `mapping` fires if (channel, note) is still held by press number `serial`.
        case longPress(mapping: Int32, channel: UInt8, note: UInt8, serial: UInt32)
        /// Run compiled step `step` for the event `message` (stream time `time` of the trigger).
        case step(step: Int32, message: MIDIMessage, arrival: UInt64)
        /// A message a plugin asked to send later (`emit` with `delay_us`).
        case send(port: UInt16, message: MIDIMessage, arrival: UInt64)
    }

    private var storage: [Timer]
    private(set) var count = 0
    private var nextOrder: UInt64 = 0
    private(set) var drops = 0

    /// See `MappingEngine.prepareForHotPath`.
    mutating func prepareForHotPath() { storage.withUnsafeMutableBufferPointer { _ in } }

    init(capacity: Int) {
        storage = [Timer](repeating: Timer(due: 0, order: 0, kind: .step(step: 0, message: MIDIMessage(packed: 0), arrival: 0)),
                          count: max(capacity, 1))
    }

    var nextDue: UInt64? { count > 0 ? storage[0].due : nil }

    private func earlier(_ a: Int, _ b: Int) -> Bool {
        storage[a].due != storage[b].due ? storage[a].due < storage[b].due : storage[a].order < storage[b].order
    }

    mutating func push(due: UInt64, _ kind: Kind) {
        guard count < storage.count else {
            drops += 1
            return
        }
        storage[count] = Timer(due: due, order: nextOrder, kind: kind)
        nextOrder &+= 1
        var child = count
        count += 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard earlier(child, parent) else { break }
            storage.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest timer if it is due at `now`.
    mutating func popDue(_ now: UInt64) -> Timer? {
        guard count > 0, storage[0].due <= now else { return nil }
        let top = storage[0]
        count -= 1
        if count > 0 {
            storage[0] = storage[count]
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < count && earlier(left, smallest) { smallest = left }
                if right < count && earlier(right, smallest) { smallest = right }
                if smallest == parent { break }
                storage.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }

    mutating func removeAll() { count = 0 }
}
