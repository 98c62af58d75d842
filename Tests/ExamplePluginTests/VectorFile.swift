/// A parsed `tests.txt` (plugins/README.md, "Test vectors"): commands at column 0, each with
/// the indented expectation lines under it. Only the grouping happens here; the runner reads
/// each line's words, so a malformed line fails at its own line number.
struct VectorFile {
    struct Line {
        var number: Int
        var text: String
    }

    struct Step {
        var command: Line
        var expectations: [Line]
    }

    var steps: [Step] = []
    /// Lines that belong nowhere (an expectation before any command).
    var orphans: [Line] = []

    init(_ text: String) {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = String(raw)
            while line.last?.isWhitespace == true { line.removeLast() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let entry = Line(number: index + 1, text: String(trimmed))
            if trimmed.count == line.count {
                steps.append(Step(command: entry, expectations: []))
            } else if steps.isEmpty {
                orphans.append(entry)
            } else {
                steps[steps.count - 1].expectations.append(entry)
            }
        }
    }
}

extension String {
    /// The first space-separated word and the rest, trimmed.
    var splitWord: (word: String, rest: String) {
        let trimmed = drop { $0 == " " }
        guard let space = trimmed.firstIndex(of: " ") else { return (String(trimmed), "") }
        return (String(trimmed[..<space]), String(trimmed[space...].drop { $0 == " " }))
    }

    var words: [String] { split(separator: " ").map(String.init) }
}

/// MIDI messages as the vectors write them: wire-order bytes in hex, packed with the status
/// in bits 0-7 (docs/plugin-abi.md).
enum MessageHex {
    static func pack(_ hex: String) -> UInt32? {
        let digits = Array(hex.utf8)
        guard (2...6).contains(digits.count), digits.count % 2 == 0 else { return nil }
        var packed: UInt32 = 0
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            packed |= UInt32(byte) << (4 * UInt32(i))
        }
        return packed
    }

    /// The vectors' spelling of a packed message (two bytes for program change and pressure).
    static func text(_ packed: UInt32) -> String {
        let bytes = [packed & 0xff, (packed >> 8) & 0xff, (packed >> 16) & 0xff]
        var hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        if [0xc0, 0xd0].contains(bytes[0] & 0xf0) { hex.removeLast(2) }
        if packed >> 24 != 0 { hex += "(+\(String(packed >> 24, radix: 16)))" }
        return hex
    }
}
