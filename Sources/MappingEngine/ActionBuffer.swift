import MIDI

/// What the engine decided, for the daemon to carry out: send a message, or hand a slow
/// job (log line, shell command) to a worker. Plain values: no strings, no boxes; texts are
/// indices into the engine's tables (`MappingEngine.logMessages`, `.shellCommands`).
public struct EngineAction: Sendable, Equatable {
    /// Stream time at which the action is due (µs).
    public var time: UInt64
    /// Arrival of the event that caused it, on the monotonic clock (µs), for latency.
    public var arrival: UInt64
    public var kind: Kind

    public enum Kind: Sendable, Equatable {
        /// Send `message` to output number `port` (the order of the engine's `outputs`).
        case send(port: UInt16, message: MIDIMessage)
        /// Write log line number `index` (`MappingEngine.logMessages`).
        case log(index: UInt32)
        /// Run shell command number `index` (`MappingEngine.shellCommands`) on a worker.
        case shell(index: UInt32)
        /// The active mode is now number `mode`.
        case modeChanged(mode: UInt16)
    }

    public init(time: UInt64, arrival: UInt64, _ kind: Kind) {
        self.time = time
        self.arrival = arrival
        self.kind = kind
    }
}

/// A preallocated list of actions: filled by the engine for one event (or timer tick),
/// drained by the daemon, cleared, reused. When full, further actions are dropped and
/// counted rather than growing the storage on the hot path.
public struct ActionBuffer: Sendable {
    private var storage: [EngineAction]
    /// Actions held.
    public private(set) var count = 0
    /// Actions refused because the buffer was full (never reset by `removeAll`).
    public private(set) var drops = 0

    /// A buffer of `capacity` actions.
    public init(capacity: Int = 256) {
        storage = [EngineAction](repeating: EngineAction(time: 0, arrival: 0, .log(index: 0)), count: max(capacity, 1))
    }

    public var capacity: Int { storage.count }
    public var isEmpty: Bool { count == 0 }

    /// Adds an action, or counts a drop when full.
    @inlinable public mutating func append(_ action: EngineAction) {
        appendAction(action)
    }

    @usableFromInline mutating func appendAction(_ action: EngineAction) {
        guard count < storage.count else {
            drops += 1
            return
        }
        storage[count] = action
        count += 1
    }

    /// The action at `index` (0 ..< count).
    public subscript(index: Int) -> EngineAction {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    /// Keeps the first `count` actions.
    public mutating func truncate(to count: Int) { self.count = min(self.count, max(count, 0)) }

    /// Forgets the actions, keeping the storage.
    public mutating func removeAll() { count = 0 }

    /// The actions as an array (allocates; for tests and tools).
    public var actions: [EngineAction] { Array(storage[0..<count]) }
}
