/// One MIDI channel or system message packed into 32 bits, exactly as the event ABI passes it
/// to plugins (docs/plugin-abi.md): status in bits 0–7, first data byte in bits 8–15, second
/// data byte in bits 16–23, the rest zero. SysEx never travels in this form: it is kept out of
/// the hot path (see `MIDIParser`).
public struct MIDIMessage: Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    /// The packed form.
    public var packed: UInt32

    /// Wraps an already packed message.
    @inlinable public init(packed: UInt32) { self.packed = packed }

    /// Packs a status byte and up to two data bytes (data bytes are masked to 7 bits).
    @inlinable public init(status: UInt8, _ data1: UInt8 = 0, _ data2: UInt8 = 0) {
        packed = UInt32(status) | UInt32(data1 & 0x7F) << 8 | UInt32(data2 & 0x7F) << 16
    }

    /// The status byte.
    @inlinable public var status: UInt8 { UInt8(truncatingIfNeeded: packed) }
    /// The first data byte (note, controller, program, pressure, pitch bend LSB).
    @inlinable public var data1: UInt8 { UInt8(truncatingIfNeeded: packed >> 8) }
    /// The second data byte (velocity, value, pitch bend MSB).
    @inlinable public var data2: UInt8 { UInt8(truncatingIfNeeded: packed >> 16) }
    /// The channel, 0–15, of a channel message (meaningless for system messages).
    @inlinable public var channel: UInt8 { status & 0x0F }
    /// The kind of message, from the status byte.
    @inlinable public var kind: Kind { Kind(status: status) }

    /// A note-on with velocity 0 is a note-off by MIDI's rules; this says so for both forms.
    @inlinable public var isNoteOff: Bool {
        let high = status & 0xF0
        return high == 0x80 || (high == 0x90 && data2 == 0)
    }
    /// A note-on with a non-zero velocity.
    @inlinable public var isNoteOn: Bool { status & 0xF0 == 0x90 && data2 != 0 }

    /// The pitch-bend value, 0–16383 (8192 is the centre), of a pitch-bend message.
    @inlinable public var pitchBendValue: UInt16 { UInt16(data1) | UInt16(data2) << 7 }

    /// How many bytes the message takes on the wire (1 to 3).
    @inlinable public var length: Int { MIDIMessage.length(status: status) }

    /// The wire length of a message with this status byte; 0 for SysEx and undefined statuses.
    @inlinable public static func length(status: UInt8) -> Int {
        switch status {
        case 0x80...0xBF, 0xE0...0xEF, 0xF2: return 3
        case 0xC0...0xDF, 0xF1, 0xF3: return 2
        case 0xF6, 0xF8, 0xFA, 0xFB, 0xFC, 0xFE, 0xFF: return 1
        default: return 0
        }
    }

    // MARK: - Constructors (channel is 0–15)

    /// A note-on.
    @inlinable public static func noteOn(channel: UInt8, note: UInt8, velocity: UInt8) -> MIDIMessage {
        MIDIMessage(status: 0x90 | channel & 0x0F, note, velocity)
    }
    /// A note-off.
    @inlinable public static func noteOff(channel: UInt8, note: UInt8, velocity: UInt8 = 0) -> MIDIMessage {
        MIDIMessage(status: 0x80 | channel & 0x0F, note, velocity)
    }
    /// A control change.
    @inlinable public static func controlChange(channel: UInt8, controller: UInt8, value: UInt8) -> MIDIMessage {
        MIDIMessage(status: 0xB0 | channel & 0x0F, controller, value)
    }
    /// A program change.
    @inlinable public static func programChange(channel: UInt8, program: UInt8) -> MIDIMessage {
        MIDIMessage(status: 0xC0 | channel & 0x0F, program)
    }
    /// Channel pressure (aftertouch).
    @inlinable public static func channelPressure(channel: UInt8, pressure: UInt8) -> MIDIMessage {
        MIDIMessage(status: 0xD0 | channel & 0x0F, pressure)
    }
    /// Polyphonic key pressure.
    @inlinable public static func polyPressure(channel: UInt8, note: UInt8, pressure: UInt8) -> MIDIMessage {
        MIDIMessage(status: 0xA0 | channel & 0x0F, note, pressure)
    }
    /// A pitch bend; `value` is 0–16383, 8192 the centre.
    @inlinable public static func pitchBend(channel: UInt8, value: UInt16) -> MIDIMessage {
        let clamped = min(value, 16383)
        return MIDIMessage(status: 0xE0 | channel & 0x0F, UInt8(clamped & 0x7F), UInt8(clamped >> 7))
    }

    /// Writes the message's wire bytes through `body` without allocating.
    @inlinable public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var copy = packed.littleEndian
        let count = length
        return try withUnsafeBytes(of: &copy) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    /// The wire bytes (allocates; not for the hot path).
    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// The bytes in hex, as the replay and capture formats write them: `90 3c 64`.
    public var description: String { bytes.map { Hex.byte($0) }.joined(separator: " ") }

    /// The kinds of message, by status byte.
    public enum Kind: UInt8, Sendable {
        case noteOff, noteOn, polyPressure, controlChange, programChange, channelPressure, pitchBend
        case timeCode, songPosition, songSelect, tuneRequest
        case clock, start, `continue`, stop, activeSensing, reset
        case other

        @inlinable public init(status: UInt8) {
            switch status & 0xF0 {
            case 0x80: self = .noteOff
            case 0x90: self = .noteOn
            case 0xA0: self = .polyPressure
            case 0xB0: self = .controlChange
            case 0xC0: self = .programChange
            case 0xD0: self = .channelPressure
            case 0xE0: self = .pitchBend
            default:
                switch status {
                case 0xF1: self = .timeCode
                case 0xF2: self = .songPosition
                case 0xF3: self = .songSelect
                case 0xF6: self = .tuneRequest
                case 0xF8: self = .clock
                case 0xFA: self = .start
                case 0xFB: self = .continue
                case 0xFC: self = .stop
                case 0xFE: self = .activeSensing
                case 0xFF: self = .reset
                default: self = .other
                }
            }
        }
    }
}

/// Lower-case two-digit hex, shared by the text formats.
enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    static func byte(_ value: UInt8) -> String {
        String(decoding: [digits[Int(value >> 4)], digits[Int(value & 0xF)]], as: UTF8.self)
    }

    /// The value of one hex digit, or nil.
    @inlinable static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
