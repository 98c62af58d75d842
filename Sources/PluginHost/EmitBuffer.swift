/// Where `midimon.emit` puts messages: a fixed-size buffer the caller provides and drains
/// after each call (the daemon between events). Allocated once; `emit` on a full buffer
/// returns 1 and the message is dropped, as docs/plugin-abi.md says.
///
/// Not thread-safe by design: the thread that calls into the plugin is the only one that
/// writes, and it (or the daemon's engine on that thread) reads after the call returns.
public final class EmitBuffer: @unchecked Sendable {
    /// One emitted message: the packed channel message and its delay.
    public struct Message: Sendable, Equatable {
        public var message: UInt32
        public var delayMicroseconds: Int32

        public init(message: UInt32, delayMicroseconds: Int32) {
            self.message = message
            self.delayMicroseconds = delayMicroseconds
        }
    }

    public let capacity: Int
    private let storage: UnsafeMutablePointer<Message>
    /// Messages written since the last ``removeAll()``.
    public private(set) var count = 0
    /// Messages dropped because the buffer was full, since it was made.
    public private(set) var dropped = 0

    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Appends; false (and counted as dropped) when full.
    @inline(__always)
    public func append(_ message: UInt32, delayMicroseconds: Int32) -> Bool {
        guard count < capacity else {
            dropped += 1
            return false
        }
        storage[count] = Message(message: message, delayMicroseconds: delayMicroseconds)
        count += 1
        return true
    }

    /// The messages emitted since the last ``removeAll()``, valid until the next call.
    public var messages: UnsafeBufferPointer<Message> { UnsafeBufferPointer(start: storage, count: count) }

    /// A copy (allocates; for tests and the CLI).
    public var array: [Message] { Array(messages) }

    /// Empties the buffer (keeps the storage).
    public func removeAll() { count = 0 }
}

/// A plugin's parameters as `midimon.param` reads them: a fixed array of doubles set off the
/// hot path (``set(_:)``), NaN past the end.
public final class ParameterBlock: @unchecked Sendable {
    private var storage: UnsafeMutableBufferPointer<Double>

    public init(_ values: [Double] = []) {
        storage = .allocate(capacity: max(values.count, 1))
        storage.initialize(repeating: .nan)
        _ = storage.initialize(from: values)
    }

    deinit { storage.deallocate() }

    /// Replaces the values (allocates when there are more than before; not while a call runs).
    public func set(_ values: [Double]) {
        if values.count > storage.count {
            storage.deallocate()
            storage = .allocate(capacity: values.count)
        }
        storage.initialize(repeating: .nan)
        _ = storage.initialize(from: values)
    }

    @inline(__always)
    public subscript(index: Int32) -> Double {
        index >= 0 && Int(index) < storage.count ? storage[Int(index)] : .nan
    }
}
