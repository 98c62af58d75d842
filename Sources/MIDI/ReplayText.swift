/// The replay and capture text format: one message per line, `TIME_US HEX BYTES`, e.g.
///
///     # a C major stab
///     0     90 3c 64
///     1500  80 3c 00
///
/// Times are microseconds from the start, non-decreasing. `#` starts a comment (whole line or
/// trailing); blank lines are ignored. The bytes of every line go through one `MIDIParser`, so
/// running status and real-time bytes work as on a wire. The capture output writes the same
/// form, so a capture can be replayed.
public enum ReplayText {
    /// Parses the text of a replay file (`file` names it in errors).
    public static func parse(_ text: String, file: String = "replay") throws(MIDIFileError) -> Timeline {
        var timeline = Timeline()
        var parser = MIDIParser()
        var lineNumber = 0
        var lastTime: UInt64 = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = fields.first else { continue }
            func fail(_ message: String) -> MIDIFileError {
                MIDIFileError(file: file, location: "\(lineNumber)", message: message)
            }
            guard let time = UInt64(first) else { throw fail("expected a time in microseconds, found `\(first)`") }
            guard time >= lastTime else { throw fail("time \(time) is before the previous line's \(lastTime)") }
            guard fields.count > 1 else { throw fail("no MIDI bytes after the time") }
            lastTime = time
            for field in fields.dropFirst() {
                let utf8 = Array(field.utf8)
                guard utf8.count <= 2, let high = Hex.value(utf8[0]), utf8.count == 1 || Hex.value(utf8[1]) != nil else {
                    throw fail("`\(field)` is not a hex byte")
                }
                let byte = utf8.count == 1 ? high : high << 4 | Hex.value(utf8[1])!
                switch parser.push(byte) {
                case .none: break
                case .message(let message): timeline.events.append(MIDIEvent(message, time: time))
                case .sysEx: timeline.sysExSkipped += 1
                }
            }
        }
        timeline.parserCounters = parser.counters
        return timeline
    }

    /// Reads and parses a replay file.
    public static func read(_ path: String) throws(MIDIFileError) -> Timeline {
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(path) } catch { throw MIDIFileError(file: path, location: "", message: error.description) }
        return try parse(String(decoding: bytes, as: UTF8.self), file: path)
    }

    /// Formats one line (`TIME_US HEX BYTES\n`) into `buffer` at `offset`, returning the new
    /// offset; writes nothing and returns nil when fewer than `maxLineLength` bytes are free.
    /// Allocates nothing: the capture output calls it on the real-time thread.
    @inlinable public static func format(time: UInt64, bytes: UnsafeRawBufferPointer,
                                         into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int? {
        guard buffer.count - offset >= 21 + 3 * bytes.count else { return nil }
        var at = offset
        // The time in decimal: digits are produced backwards, then reversed in place.
        let start = at
        var value = time
        repeat {
            buffer[at] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
            at += 1
        } while value > 0
        var low = start, high = at - 1
        while low < high {
            buffer.swapAt(low, high)
            low += 1
            high -= 1
        }
        for byte in bytes {
            buffer[at] = UInt8(ascii: " ")
            buffer[at + 1] = hexDigit(byte >> 4)
            buffer[at + 2] = hexDigit(byte & 0xF)
            at += 3
        }
        buffer[at] = UInt8(ascii: "\n")
        return at + 1
    }

    @inlinable static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// The longest line `format` writes for one packed message.
    public static let maxLineLength = 21 + 9
}
