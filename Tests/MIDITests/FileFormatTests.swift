import Testing
@testable import MIDI

/// Replay text, Standard MIDI Files and the capture output.
struct FileFormatTests {
    @Test func replayText() throws {
        let timeline = try ReplayText.parse("""
            # a comment
            0 90 3c 64
            1500 80 3C 00   # trailing comment

            1500 40 00
            2000 f8
            2500 f0 7e 01 f7
            """)
        #expect(timeline.events == [MIDIEvent(.noteOn(channel: 0, note: 60, velocity: 100), time: 0),
                                    MIDIEvent(.noteOff(channel: 0, note: 60), time: 1500),
                                    MIDIEvent(MIDIMessage(status: 0x80, 0x40, 0), time: 1500),
                                    MIDIEvent(MIDIMessage(status: 0xF8), time: 2000)])
        #expect(timeline.sysExSkipped == 1)
    }

    @Test func replayTextErrorsHaveLines() {
        #expect(throws: MIDIFileError(file: "f", location: "2", message: "`zz` is not a hex byte")) {
            try ReplayText.parse("0 90 3c 64\n10 zz", file: "f")
        }
        #expect(throws: MIDIFileError(file: "f", location: "2", message: "time 5 is before the previous line's 10")) {
            try ReplayText.parse("10 90 3c 64\n5 80 3c 00", file: "f")
        }
        #expect(throws: MIDIFileError(file: "f", location: "1", message: "no MIDI bytes after the time")) {
            try ReplayText.parse("10", file: "f")
        }
    }

    @Test func captureWritesWhatReplayReads() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let messages: [(UInt64, MIDIMessage)] = [(0, .noteOn(channel: 0, note: 60, velocity: 100)), (1500, .programChange(channel: 3, program: 9)),
                                                 (18_446_744_073_709_551_615, MIDIMessage(status: 0xF8)), (2000, .pitchBend(channel: 1, value: 16383))]
        do {
            // A tiny buffer, so that lines also go out when it fills, not only on flush.
            let capture = try CaptureOutput(path: folder.file("out.txt"), bufferSize: 256)
            for _ in 0..<10 { for (time, message) in messages { capture.send(message, time: time) } }
            capture.flush()
        }
        let text = folder.read("out.txt")
        #expect(text.hasPrefix("0 90 3c 64\n1500 c3 09\n18446744073709551615 f8\n2000 e1 7f 7f\n0 90 3c 64\n"))
        #expect(text.split(separator: "\n").count == 40)
        let first = try ReplayText.parse(String(text.split(separator: "\n").prefix(2).joined(separator: "\n")))
        #expect(first.events.map(\.message) == [messages[0].1, messages[1].1])
    }

    @Test func smfFormat0WithRunningStatusAndTempoChange() throws {
        // 480 ticks per quarter; 120 bpm, then 60 bpm from tick 480.
        let track = SMFBuilder.track([
            (0, [0x90, 0x3C, 0x64]),
            (240, [0x3C, 0x00]),                 // running status: 250 ms
            (240, SMFBuilder.tempo(1_000_000)),  // at 500 ms: 60 bpm
            (0, [0x90, 0x40, 0x50]),
            (480, [0x80, 0x40, 0x00]),           // one quarter at 60 bpm: 1 s later
            (0, [0xF0, 0x03, 0x7E, 0x01, 0xF7]), // SysEx: counted, skipped
            (0, [0xC0, 0x05]),
        ])
        let timeline = try StandardMIDIFile.parse(SMFBuilder.file(format: 0, division: 480, tracks: [track]))
        #expect(timeline.events == [MIDIEvent(.noteOn(channel: 0, note: 60, velocity: 100), time: 0),
                                    MIDIEvent(.noteOn(channel: 0, note: 60, velocity: 0), time: 250_000),
                                    MIDIEvent(.noteOn(channel: 0, note: 64, velocity: 80), time: 500_000),
                                    MIDIEvent(.noteOff(channel: 0, note: 64), time: 1_500_000),
                                    MIDIEvent(.programChange(channel: 0, program: 5), time: 1_500_000)])
        #expect(timeline.sysExSkipped == 1)
    }

    @Test func smfFormat1MergesTracksWithTheTempoMapFromTrackZero() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let tempoTrack = SMFBuilder.track([(0, SMFBuilder.tempo(250_000)), (96, SMFBuilder.tempo(500_000))])
        let a = SMFBuilder.track([(0, [0x90, 0x24, 0x7F]), (192, [0x80, 0x24, 0x00])])
        let b = SMFBuilder.track([(96, [0x91, 0x30, 0x40]), (96, [0x81, 0x30, 0x00])])
        let path = folder.write("song.mid", SMFBuilder.file(format: 1, division: 96, tracks: [tempoTrack, a, b]))
        let timeline = try StandardMIDIFile.read(path)
        // Tick 96 at 240 bpm = 250 ms; tick 192 = 250 ms + one quarter at 120 bpm.
        #expect(timeline.events.map(\.time) == [0, 250_000, 750_000, 750_000])
        #expect(timeline.events.map(\.message) == [.noteOn(channel: 0, note: 36, velocity: 127), .noteOn(channel: 1, note: 48, velocity: 64),
                                                   .noteOff(channel: 0, note: 36), .noteOff(channel: 1, note: 48)])
    }

    @Test func smfBadInput() {
        #expect(throws: MIDIFileError.self) { try StandardMIDIFile.parse(Array("RIFF0000".utf8)) }
        let format2 = SMFBuilder.file(format: 2, division: 96, tracks: [SMFBuilder.track([])])
        #expect(throws: MIDIFileError(file: "smf", location: "offset 0x8", message: "SMF format 2 is not supported (only 0 and 1)")) {
            try StandardMIDIFile.parse(format2)
        }
        var truncated = SMFBuilder.file(format: 0, division: 96, tracks: [SMFBuilder.track([(0, [0x90, 0x3C, 0x64])])])
        truncated.removeLast(6)
        #expect(throws: MIDIFileError.self) { try StandardMIDIFile.parse(truncated) }
        let stray = SMFBuilder.file(format: 0, division: 96, tracks: [SMFBuilder.track([(0, [0x3C, 0x64])])])
        #expect(throws: MIDIFileError.self) { try StandardMIDIFile.parse(stray) }
    }

    @Test func replaySourceFastAndRealTime() {
        let timeline = Timeline(events: (0..<10).map { MIDIEvent(.noteOn(channel: 0, note: UInt8($0), velocity: 1), time: UInt64($0) * 1000) })
        let fast = ReplaySource(timeline: timeline, fast: true)
        let ring = EventRing(capacity: 4)
        fast.poll(into: ring, now: 100)
        #expect(ring.count == 4 && ring.drops == 0)   // a full ring makes replay wait, never drop
        while ring.pop() != nil {}
        fast.poll(into: ring, now: 101)
        fast.poll(into: ring, now: 102)
        #expect(fast.delivered == 8)

        let live = ReplaySource(timeline: timeline, fast: false)
        let ring2 = EventRing(capacity: 64)
        live.poll(into: ring2, now: 1_000_000)        // starts the clock: events at 0 µs are due
        #expect(ring2.count == 1)
        live.poll(into: ring2, now: 1_003_500)
        #expect(ring2.count == 4)
        #expect(live.nextDue() == 1_004_000)
        live.poll(into: ring2, now: 2_000_000)
        #expect(live.isFinished)
        #expect(ring2.pop()?.arrival == 1_000_000)
    }
}
