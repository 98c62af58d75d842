import Glibc
import Synchronization

/// A plugin's log: what it writes through `midimon.log` (and WASI stdout/stderr), and what the
/// host says about it (a denied call, an `unverified` warning). A ring of fixed slots
/// allocated once, so that logging from the event path copies bytes and allocates nothing;
/// when full, the oldest lines are overwritten (and counted). Readers drain it off the hot path.
public final class PluginLog: @unchecked Sendable {
    /// `midimon.log`'s level argument.
    public enum Level: Int32, Sendable, Comparable, CustomStringConvertible {
        case error = 0, warning = 1, info = 2, debug = 3

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        public var description: String {
            switch self {
            case .error: "error"
            case .warning: "warning"
            case .info: "info"
            case .debug: "debug"
            }
        }
    }

    /// One line, as drained.
    public struct Entry: Sendable, Equatable, CustomStringConvertible {
        public var level: Level
        /// Monotonic microseconds when it was written.
        public var timeMicroseconds: Int64
        public var text: String
        /// Whether the host wrote it (not the plugin).
        public var fromHost: Bool

        public var description: String { "\(level): \(text)" }
    }

    /// The longest line kept; longer text is cut (on a byte boundary; the reader repairs UTF-8).
    public static let maximumLineBytes = 512

    public let capacity: Int
    private let text: UnsafeMutablePointer<UInt8>
    private let slots: UnsafeMutablePointer<Slot>
    private let state = Mutex(State())

    private struct Slot {
        var level: Level = .info
        var time: Int64 = 0
        var length: Int32 = 0
        var fromHost = false
    }

    private struct State {
        var next = 0
        var count = 0
        var overwritten = 0
    }

    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 1)
        text = .allocate(capacity: self.capacity * Self.maximumLineBytes)
        slots = .allocate(capacity: self.capacity)
        slots.initialize(repeating: Slot(), count: self.capacity)
    }

    deinit {
        text.deallocate()
        slots.deallocate()
    }

    /// Copies `count` bytes at `bytes` into the ring. Allocation-free.
    public func append(level: Level, bytes: UnsafeRawPointer, count: Int, fromHost: Bool = false) {
        let length = min(max(count, 0), Self.maximumLineBytes)
        let time = Self.monotonicMicroseconds()
        state.withLock { state in
            let slot = state.next
            (text + slot * Self.maximumLineBytes).update(from: bytes.assumingMemoryBound(to: UInt8.self), count: length)
            slots[slot] = Slot(level: level, time: time, length: Int32(length), fromHost: fromHost)
            state.next = (slot + 1) % capacity
            if state.count == capacity { state.overwritten += 1 } else { state.count += 1 }
        }
    }

    /// A line from the host's side (allocates: not for the hot path).
    public func append(_ level: Level, _ message: String, fromHost: Bool = true) {
        let bytes = Array(message.utf8)
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return append(level: level, bytes: UnsafeRawPointer(bitPattern: 8)!, count: 0, fromHost: fromHost) }
            append(level: level, bytes: base, count: buffer.count, fromHost: fromHost)
        }
    }

    /// Takes every line, oldest first, and empties the ring.
    public func drain() -> [Entry] {
        state.withLock { state in
            var entries: [Entry] = []
            entries.reserveCapacity(state.count)
            let first = (state.next - state.count + capacity) % capacity
            for i in 0..<state.count {
                let slot = (first + i) % capacity
                let s = slots[slot]
                let bytes = UnsafeBufferPointer(start: text + slot * Self.maximumLineBytes, count: Int(s.length))
                entries.append(Entry(level: s.level, timeMicroseconds: s.time, text: String(decoding: bytes, as: UTF8.self), fromHost: s.fromHost))
            }
            state.count = 0
            return entries
        }
    }

    /// Lines lost because the ring was full, since the log was made.
    public var overwritten: Int { state.withLock { $0.overwritten } }

    /// `CLOCK_MONOTONIC` in microseconds: the clock `now_us` and event timestamps use.
    @inline(__always)
    public static func monotonicMicroseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1_000
    }
}
