/// The one byte-stream parser every source uses (ALSA raw bytes, sockets, replay lines, SMF
/// track events): bytes in, whole messages out, one byte at a time, allocating nothing after
/// `init`.
///
/// The wire rules it follows (MIDI 1.0 spec, "Running Status" and "System Real Time"):
/// - Running status: a data byte where a status byte is expected reuses the last channel
///   status. System common messages and SysEx cancel it; real-time bytes do not.
/// - Real-time bytes (F8–FF) may appear anywhere, even inside another message or SysEx; they
///   are delivered at once and leave the interrupted message intact.
/// - SysEx (F0 … F7) is collected into a buffer of fixed capacity and delivered separately
///   (`.sysEx`), so the packed-message hot path never carries variable-length data. A SysEx
///   cut short by another status byte is dropped and counted; one longer than the buffer is
///   dropped and counted.
/// - Anything else that does not fit (a data byte with no status, a message cut short by a
///   status byte, undefined statuses F4, F5, F9, FD, a stray F7) is skipped and counted.
public struct MIDIParser: Sendable {
    /// What one byte completed.
    public enum Output: Equatable, Sendable {
        /// Nothing yet.
        case none
        /// A whole channel, system common or real-time message.
        case message(MIDIMessage)
        /// A whole SysEx message; its bytes (F0 … F7) are in `sysEx` until the next byte.
        case sysEx
    }

    /// What was skipped, by reason. Never reset by the parser.
    public struct Counters: Equatable, Sendable {
        /// Data bytes with no status to belong to.
        public var strayDataBytes = 0
        /// Messages cut short by a status byte before their data bytes arrived.
        public var truncatedMessages = 0
        /// SysEx messages cut short by a status byte (or by `reset()`).
        public var truncatedSysEx = 0
        /// SysEx messages longer than the buffer.
        public var oversizedSysEx = 0
        /// Undefined status bytes (F4, F5, F9, FD) and F7 outside SysEx.
        public var undefinedStatus = 0

        /// Everything skipped.
        public var total: Int { strayDataBytes + truncatedMessages + truncatedSysEx + oversizedSysEx + undefinedStatus }

        public init() {}
    }

    /// Skipped bytes and messages so far.
    public private(set) var counters = Counters()

    /// The current or running status (0 when none).
    private var status: UInt8 = 0
    /// Data bytes still expected for `status` (0 when the next data byte starts a message).
    private var needed = 0
    /// Data bytes collected so far for the message in progress.
    private var data1: UInt8 = 0
    private var haveData1 = false
    /// Whether `status` may be reused by the next data byte (channel messages only).
    private var running = false

    private var inSysEx = false
    private var sysExOverflow = false
    private var sysExBuffer: [UInt8]
    private var sysExCount = 0

    /// A parser whose SysEx buffer holds `sysExCapacity` bytes (F0 and F7 included).
    public init(sysExCapacity: Int = 4096) {
        sysExBuffer = [UInt8](repeating: 0, count: max(sysExCapacity, 2))
    }

    /// The last complete SysEx message, F0 through F7 (valid until the next `push`).
    public var sysEx: ArraySlice<UInt8> { sysExBuffer[0..<sysExCount] }

    /// Forgets any message in progress and the running status, counting what is cut short.
    /// Sockets call it between datagrams so that one bad datagram cannot spoil the next.
    public mutating func reset() {
        if inSysEx { counters.truncatedSysEx += 1 }
        else if haveData1 || (needed > 0 && !running) { counters.truncatedMessages += 1 }
        inSysEx = false
        status = 0
        needed = 0
        haveData1 = false
        running = false
    }

    /// Feeds one byte.
    @inlinable public mutating func push(_ byte: UInt8) -> Output {
        if byte >= 0xF8 { return realTime(byte) }
        if byte >= 0x80 { return statusByte(byte) }
        return dataByte(byte)
    }

    @usableFromInline mutating func realTime(_ byte: UInt8) -> Output {
        if byte == 0xF9 || byte == 0xFD {
            counters.undefinedStatus += 1
            return .none
        }
        return .message(MIDIMessage(status: byte))
    }

    @usableFromInline mutating func statusByte(_ byte: UInt8) -> Output {
        if inSysEx {
            inSysEx = false
            if byte == 0xF7 {
                if sysExOverflow {
                    counters.oversizedSysEx += 1
                    return .none
                }
                sysExBuffer[sysExCount] = 0xF7
                sysExCount += 1
                return .sysEx
            }
            counters.truncatedSysEx += 1
        } else if haveData1 || (needed > 0 && !running) {
            // A message was waiting for its data bytes.
            counters.truncatedMessages += 1
        }
        haveData1 = false
        switch byte {
        case 0xF0:
            status = 0
            needed = 0
            running = false
            inSysEx = true
            sysExOverflow = false
            sysExBuffer[0] = 0xF0
            sysExCount = 1
            return .none
        case 0xF7, 0xF4, 0xF5:
            counters.undefinedStatus += 1
            status = 0
            needed = 0
            running = false
            return .none
        case 0xF6:
            status = 0
            needed = 0
            running = false
            return .message(MIDIMessage(status: byte))
        default:
            status = byte
            needed = MIDIMessage.length(status: byte) - 1
            running = false
            return .none
        }
    }

    @usableFromInline mutating func dataByte(_ byte: UInt8) -> Output {
        if inSysEx {
            // Keep room for the closing F7.
            if sysExCount < sysExBuffer.count - 1 {
                sysExBuffer[sysExCount] = byte
                sysExCount += 1
            } else {
                sysExOverflow = true
            }
            return .none
        }
        if status == 0 {
            counters.strayDataBytes += 1
            return .none
        }
        let total = MIDIMessage.length(status: status) - 1
        if needed == 0 {
            // Running status: a new message with the previous channel status.
            needed = total
        }
        if total == 2 && !haveData1 {
            data1 = byte
            haveData1 = true
            needed = 1
            return .none
        }
        let message = total == 2 ? MIDIMessage(status: status, data1, byte) : MIDIMessage(status: status, byte)
        haveData1 = false
        needed = 0
        if status < 0xF0 {
            running = true
        } else {
            // System common messages cancel running status.
            status = 0
            running = false
        }
        return .message(message)
    }

    /// Parses a whole buffer (allocates; for tools and tests, not the hot path).
    public mutating func parse(_ bytes: some Sequence<UInt8>) -> [Parsed] {
        var out: [Parsed] = []
        for byte in bytes {
            switch push(byte) {
            case .none: break
            case .message(let message): out.append(.message(message))
            case .sysEx: out.append(.sysEx(Array(sysEx)))
            }
        }
        return out
    }

    /// A parsed item with its SysEx bytes copied out.
    public enum Parsed: Equatable, Sendable {
        case message(MIDIMessage)
        case sysEx([UInt8])
    }
}
