/// Standard MIDI Files (`.mid`), formats 0 and 1, read into a `Timeline`: every track's
/// channel messages merged in time order, with tick times turned into microseconds through
/// the tempo map (Set Tempo meta events from any track; 120 bpm until the first one).
/// SMPTE divisions are honoured too. Format 2 (independent sequences) has no single timeline
/// and is refused. SysEx events are counted and skipped; other meta events are ignored.
///
/// Channel messages go through the same `MIDIParser` as every other source; SysEx and meta
/// events cancel running status, as the SMF spec says.
public enum StandardMIDIFile {
    /// Reads and parses a `.mid` file.
    public static func read(_ path: String) throws(MIDIFileError) -> Timeline {
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(path) } catch { throw MIDIFileError(file: path, location: "", message: error.description) }
        return try parse(bytes, file: path)
    }

    /// Parses the bytes of a `.mid` file (`file` names it in errors).
    public static func parse(_ bytes: [UInt8], file: String = "smf") throws(MIDIFileError) -> Timeline {
        var reader = Reader(bytes: bytes, file: file)
        guard try reader.tag() == "MThd" else { throw reader.error("not a Standard MIDI File (no MThd header)", at: 0) }
        let headerLength = Int(try reader.u32())
        guard headerLength >= 6 else { throw reader.error("MThd header is \(headerLength) bytes, expected 6") }
        let format = try reader.u16()
        let trackCount = Int(try reader.u16())
        let division = try reader.u16()
        try reader.skip(headerLength - 6)
        guard format <= 1 else { throw reader.error("SMF format \(format) is not supported (only 0 and 1)", at: 8) }
        guard division != 0 else { throw reader.error("division is 0", at: 12) }

        var raw: [(tick: UInt64, order: Int, message: MIDIMessage)] = []
        var tempos: [(tick: UInt64, microsPerQuarter: UInt64)] = []
        var timeline = Timeline()
        var parser = MIDIParser()
        var tracksRead = 0
        while tracksRead < trackCount && !reader.atEnd {
            let chunkStart = reader.offset
            let tag = try reader.tag()
            let length = Int(try reader.u32())
            guard tag == "MTrk" else {
                try reader.skip(length)   // unknown chunks are skipped, as the spec asks
                continue
            }
            guard length <= reader.remaining else { throw reader.error("track \(tracksRead) claims \(length) bytes but the file ends first", at: chunkStart) }
            let end = reader.offset + length
            var tick: UInt64 = 0
            parser.reset()
            while reader.offset < end {
                tick += UInt64(try reader.vlq())
                let eventStart = reader.offset
                let first = try reader.u8()
                switch first {
                case 0xFF:
                    let type = try reader.u8()
                    let dataLength = Int(try reader.vlq())
                    if type == 0x51 && dataLength == 3 {
                        let tempo = UInt64(try reader.u8()) << 16 | UInt64(try reader.u8()) << 8 | UInt64(try reader.u8())
                        tempos.append((tick, max(tempo, 1)))
                    } else {
                        try reader.skip(dataLength)
                    }
                    parser.reset()
                    if type == 0x2F { reader.offset = end }
                case 0xF0, 0xF7:
                    try reader.skip(Int(try reader.vlq()))
                    timeline.sysExSkipped += 1
                    parser.reset()
                default:
                    // A channel message, perhaps with running status: feed bytes until whole.
                    var byte = first
                    let stray = parser.counters.strayDataBytes
                    while true {
                        if case .message(let message) = parser.push(byte) {
                            raw.append((tick, raw.count, message))
                            break
                        }
                        if parser.counters.strayDataBytes != stray {
                            throw reader.error("data byte 0x\(Hex.byte(first)) with no running status", at: eventStart)
                        }
                        guard reader.offset < end else { throw reader.error("track \(tracksRead) ends inside a message", at: eventStart) }
                        byte = try reader.u8()
                    }
                }
            }
            guard reader.offset == end else { throw reader.error("track \(tracksRead) overruns its chunk", at: chunkStart) }
            tracksRead += 1
        }
        guard tracksRead == trackCount else { throw reader.error("header promises \(trackCount) tracks, found \(tracksRead)") }

        raw.sort { $0.tick != $1.tick ? $0.tick < $1.tick : $0.order < $1.order }
        tempos.sort { $0.tick < $1.tick }
        let convert = TickConverter(division: division, tempos: tempos)
        timeline.events.reserveCapacity(raw.count)
        var converter = convert
        for entry in raw { timeline.events.append(MIDIEvent(entry.message, time: converter.micros(at: entry.tick))) }
        timeline.parserCounters = parser.counters
        return timeline
    }

    /// Ticks to microseconds through the tempo map; ticks must be asked for in order.
    struct TickConverter {
        let division: UInt16
        let tempos: [(tick: UInt64, microsPerQuarter: UInt64)]
        var next = 0
        var segmentTick: UInt64 = 0
        var segmentMicros: UInt64 = 0
        var microsPerQuarter: UInt64 = 500_000   // 120 bpm, the SMF default

        init(division: UInt16, tempos: [(tick: UInt64, microsPerQuarter: UInt64)]) {
            self.division = division
            self.tempos = tempos
        }

        /// Microseconds for `ticks` at the current tempo, rounded down.
        func span(_ ticks: UInt64) -> UInt64 {
            if division & 0x8000 != 0 {
                // SMPTE: frames per second (negative, two's complement) times ticks per frame.
                let fps = UInt64(-Int(Int8(bitPattern: UInt8(division >> 8))))
                let perFrame = UInt64(division & 0xFF)
                let perSecond = fps == 29 ? 2997 * perFrame : fps * perFrame * 100   // 29 means 29.97
                return ticks * 100_000_000 / max(perSecond, 1)
            }
            return ticks * microsPerQuarter / UInt64(division)
        }

        mutating func micros(at tick: UInt64) -> UInt64 {
            while next < tempos.count && tempos[next].tick <= tick {
                segmentMicros += span(tempos[next].tick - segmentTick)
                segmentTick = tempos[next].tick
                microsPerQuarter = tempos[next].microsPerQuarter
                next += 1
            }
            return segmentMicros + span(tick - segmentTick)
        }
    }

    /// Big-endian reads with offsets for errors.
    struct Reader {
        let bytes: [UInt8]
        let file: String
        var offset = 0

        var atEnd: Bool { offset >= bytes.count }
        var remaining: Int { bytes.count - offset }

        func error(_ message: String, at where_: Int? = nil) -> MIDIFileError {
            MIDIFileError(file: file, location: "offset 0x\(String(where_ ?? offset, radix: 16))", message: message)
        }

        mutating func u8() throws(MIDIFileError) -> UInt8 {
            guard offset < bytes.count else { throw error("unexpected end of file") }
            defer { offset += 1 }
            return bytes[offset]
        }
        mutating func u16() throws(MIDIFileError) -> UInt16 { UInt16(try u8()) << 8 | UInt16(try u8()) }
        mutating func u32() throws(MIDIFileError) -> UInt32 { UInt32(try u16()) << 16 | UInt32(try u16()) }
        mutating func tag() throws(MIDIFileError) -> String {
            guard remaining >= 4 else { throw error("unexpected end of file") }
            defer { offset += 4 }
            return String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
        }
        mutating func skip(_ count: Int) throws(MIDIFileError) {
            guard count >= 0 && count <= remaining else { throw error("a length of \(count) runs past the end of the file") }
            offset += count
        }
        /// A variable-length quantity: at most four bytes, seven bits each, high bit = more.
        mutating func vlq() throws(MIDIFileError) -> UInt32 {
            let start = offset
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = try u8()
                value = value << 7 | UInt32(byte & 0x7F)
                if byte & 0x80 == 0 { return value }
            }
            throw error("variable-length quantity longer than four bytes", at: start)
        }
    }
}
