import Testing
@testable import MIDI

/// The one byte-stream parser: running status, real-time bytes anywhere, SysEx (whole,
/// truncated, oversized) and garbage, with the counters that say what was skipped.
struct ParserTests {
    func parse(_ bytes: [UInt8], sysExCapacity: Int = 64) -> ([MIDIParser.Parsed], MIDIParser.Counters) {
        var parser = MIDIParser(sysExCapacity: sysExCapacity)
        let out = parser.parse(bytes)
        return (out, parser.counters)
    }

    @Test func packedLayoutMatchesTheEventABI() {
        let message = MIDIMessage.noteOn(channel: 2, note: 0x3C, velocity: 0x64)
        #expect(message.packed == 0x64_3C_92)
        #expect(message.status == 0x92 && message.data1 == 0x3C && message.data2 == 0x64 && message.channel == 2)
        #expect(message.bytes == [0x92, 0x3C, 0x64])
        #expect(MIDIMessage.programChange(channel: 0, program: 5).bytes == [0xC0, 0x05])
        #expect(MIDIMessage.pitchBend(channel: 0, value: 8192).pitchBendValue == 8192)
        #expect(MIDIMessage.noteOn(channel: 0, note: 60, velocity: 0).isNoteOff)
    }

    @Test func wholeMessages() {
        let (out, counters) = parse([0x90, 0x3C, 0x64, 0x80, 0x3C, 0x00, 0xC1, 0x07, 0xE0, 0x00, 0x40])
        #expect(out == [.message(.noteOn(channel: 0, note: 60, velocity: 100)), .message(.noteOff(channel: 0, note: 60)),
                        .message(.programChange(channel: 1, program: 7)), .message(.pitchBend(channel: 0, value: 8192))])
        #expect(counters == MIDIParser.Counters())
    }

    @Test func runningStatus() {
        let (out, counters) = parse([0x90, 0x3C, 0x64, 0x40, 0x50, 0x3C, 0x00, 0xD0, 0x10, 0x20])
        #expect(out == [.message(.noteOn(channel: 0, note: 60, velocity: 100)),
                        .message(.noteOn(channel: 0, note: 64, velocity: 80)),
                        .message(.noteOn(channel: 0, note: 60, velocity: 0)),
                        .message(.channelPressure(channel: 0, pressure: 0x10)),
                        .message(.channelPressure(channel: 0, pressure: 0x20))])
        #expect(counters.total == 0)
    }

    @Test func realTimeBytesInterleavedAnywhere() {
        // Clock inside a note-on, between running-status messages and inside SysEx.
        let (out, counters) = parse([0x90, 0xF8, 0x3C, 0xFA, 0x64, 0x40, 0xFE, 0x50, 0xF0, 0x7E, 0xF8, 0x01, 0xF7])
        #expect(out == [.message(MIDIMessage(status: 0xF8)), .message(MIDIMessage(status: 0xFA)),
                        .message(.noteOn(channel: 0, note: 60, velocity: 100)),
                        .message(MIDIMessage(status: 0xFE)),
                        .message(.noteOn(channel: 0, note: 64, velocity: 80)),
                        .message(MIDIMessage(status: 0xF8)),
                        .sysEx([0xF0, 0x7E, 0x01, 0xF7])])
        #expect(counters.total == 0)
    }

    @Test func sysExCancelsRunningStatus() {
        let (out, counters) = parse([0x90, 0x3C, 0x64, 0xF0, 0x01, 0xF7, 0x40, 0x50])
        #expect(out == [.message(.noteOn(channel: 0, note: 60, velocity: 100)), .sysEx([0xF0, 0x01, 0xF7])])
        #expect(counters.strayDataBytes == 2)
    }

    @Test func truncatedSysExIsDroppedAndCounted() {
        // A SysEx cut short by a note-on: the note-on still parses.
        let (out, counters) = parse([0xF0, 0x43, 0x12, 0x90, 0x3C, 0x64])
        #expect(out == [.message(.noteOn(channel: 0, note: 60, velocity: 100))])
        #expect(counters.truncatedSysEx == 1)
        // One cut short by another F0, and one still open when the parser is reset.
        var parser = MIDIParser()
        let second = parser.parse([0xF0, 0x01, 0xF0, 0x02, 0xF7, 0xF0, 0x03])
        #expect(second == [.sysEx([0xF0, 0x02, 0xF7])])
        parser.reset()
        #expect(parser.counters.truncatedSysEx == 2)
    }

    @Test func oversizedSysExIsDroppedAndCounted() {
        let (out, counters) = parse([0xF0] + [UInt8](repeating: 0x11, count: 100) + [0xF7, 0xC0, 0x01], sysExCapacity: 16)
        #expect(out == [.message(.programChange(channel: 0, program: 1))])
        #expect(counters.oversizedSysEx == 1)
    }

    @Test func garbageIsSkippedWithCounters() {
        // Stray data, undefined statuses, a stray F7, a note-on cut short by a CC.
        let (out, counters) = parse([0x01, 0x02, 0xF4, 0xF5, 0xF9, 0xFD, 0xF7, 0x90, 0x3C, 0xB0, 0x07, 0x7F])
        #expect(out == [.message(.controlChange(channel: 0, controller: 7, value: 127))])
        #expect(counters.strayDataBytes == 2)
        #expect(counters.undefinedStatus == 5)
        #expect(counters.truncatedMessages == 1)
    }

    @Test func systemCommonMessages() {
        let (out, _) = parse([0xF2, 0x10, 0x20, 0xF3, 0x05, 0xF6, 0xF1, 0x31, 0x40])
        #expect(out == [.message(MIDIMessage(status: 0xF2, 0x10, 0x20)), .message(MIDIMessage(status: 0xF3, 0x05)),
                        .message(MIDIMessage(status: 0xF6)), .message(MIDIMessage(status: 0xF1, 0x31))])
    }

    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        var parser = MIDIParser(sysExCapacity: 32)
        var messages = 0
        for _ in 0..<100_000 {
            if case .message = parser.push(UInt8.random(in: 0...255, using: &generator)) { messages += 1 }
        }
        #expect(messages > 0)
        #expect(parser.counters.total > 0)
    }

    @Test func ringIsBoundedAndCountsDrops() {
        let ring = EventRing(capacity: 4)
        for i in 0..<6 { ring.push(MIDIEvent(.noteOn(channel: 0, note: UInt8(i), velocity: 1), time: UInt64(i))) }
        #expect(ring.count == 4)
        #expect(ring.drops == 2)
        #expect(ring.pop()?.time == 0)
        #expect(ring.push(MIDIEvent(.noteOn(channel: 0, note: 9, velocity: 1), time: 9)))
        var times: [UInt64] = []
        while let event = ring.pop() { times.append(event.time) }
        #expect(times == [1, 2, 3, 9])
    }

    @Test func ringAcrossThreads() async {
        let ring = EventRing(capacity: 64)
        let total = 20_000
        let producer = Task.detached {
            var i = 0
            while i < total {
                if ring.push(MIDIEvent(MIDIMessage(packed: UInt32(i & 0x7F) << 8 | 0x90), time: UInt64(i))) { i += 1 }
            }
        }
        var expected: UInt64 = 0
        var inOrder = true
        while expected < UInt64(total) {
            if let event = ring.pop() {
                if event.time != expected { inOrder = false }
                expected += 1
            }
        }
        await producer.value
        #expect(inOrder)
    }

    @Test func specs() throws {
        #expect(try InputSpec(parsing: "replay:/tmp/a.txt:fast") == .replay(path: "/tmp/a.txt", fast: true))
        #expect(try InputSpec(parsing: "smf:song.mid") == .smf(path: "song.mid", fast: false))
        #expect(try InputSpec(parsing: "udp:127.0.0.1:9000") == .udp(host: "127.0.0.1", port: 9000))
        #expect(try InputSpec(parsing: "unix:/tmp/m.sock") == .unix(path: "/tmp/m.sock"))
        #expect(try InputSpec(parsing: "alsa:in@20:0") == .alsa(port: "in", connect: "20:0"))
        #expect(try OutputSpec(parsing: "synth=udp:127.0.0.1:9001") == OutputSpec(name: "synth", kind: .udp(host: "127.0.0.1", port: 9001)))
        #expect(try OutputSpec(parsing: "capture:/tmp/out.txt") == OutputSpec(name: "capture", kind: .capture(path: "/tmp/out.txt")))
        #expect(throws: SpecError.self) { try InputSpec(parsing: "midi:foo") }
        #expect(throws: SpecError.self) { try InputSpec(parsing: "udp:127.0.0.1") }
        #expect(throws: SpecError.self) { try OutputSpec(parsing: "replay:x") }
    }
}
