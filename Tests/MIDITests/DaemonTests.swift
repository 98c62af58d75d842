import Glibc
import MIDI
import MappingConfig
import MappingEngine
import Testing
@testable import DaemonCore

/// The daemon's loop end to end, in-process: replay or sockets in, capture out.
struct DaemonTests {
    static let config = """
        [advanced_settings]
        hold_threshold_ms = 400
        double_tap_timeout_ms = 200
        chord_timeout_ms = 30

        [[modes]]
        name = "Play"
        [[modes.mappings]]
        description = "transpose pad 36 up an octave, softer"
        trigger = { type = "Note", note = 36 }
        action = { type = "SendMidi", port = "out", message_type = "NoteOn", note = 48, velocity_curve = { type = "Linear", min = 1, max = 64 } }
        [[modes.mappings]]
        trigger = { type = "LongPress", note = 38 }
        action = { type = "SendMidi", port = "out", message_type = "CC", controller = 64, value = 127 }
        [[modes.mappings]]
        trigger = { type = "DoubleTap", note = 39 }
        action = { type = "SendMidi", port = "out", message_type = "ProgramChange", program = 2 }
        [[modes.mappings]]
        trigger = { type = "NoteChord", notes = [40, 43] }
        action = { type = "ModeChange", mode = "Mix" }

        [[modes]]
        name = "Mix"
        [[modes.mappings]]
        trigger = { type = "Note", note = 36 }
        action = { type = "SendMidi", port = "out", message_type = "CC", controller = 7 }
        """

    static let replay = """
        # note transform, then its release
        0        90 24 7f
        100000   80 24 00
        # long press: held 500 ms past the 400 ms threshold
        200000   90 26 50
        700000   80 26 00
        # double tap within 200 ms
        800000   90 27 40
        850000   80 27 00
        900000   90 27 40
        # chord: mode change to Mix, then pad 36 sends CC 7 with its velocity
        1000000  90 28 40
        1010000  90 2b 40
        1100000  90 24 33
        """

    @Test func replayThroughTheEngineToCapture() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (config, _) = try MappingConfiguration.parse(Self.config)
        let replay = folder.write("in.txt", Self.replay)
        let daemon = try MIDIDaemon(config: config, inputs: [.replay(path: replay, fast: true)],
                                    outputs: [OutputSpec(name: "out", kind: .capture(path: folder.file("out.txt")))],
                                    dispatch: NoPlugins())
        var notices: [String] = []
        daemon.notice = { notices.append($0) }
        daemon.run()
        #expect(folder.read("out.txt") == """
            0 90 30 40
            100000 80 30 00
            600000 b0 40 7f
            900000 c0 02
            1100000 b0 07 33

            """)
        #expect(notices == ["midimond: mode Mix"])
        #expect(daemon.latency.events == 10)
        // The long press's CC comes from a timer, not an arrival: it has no latency to record.
        #expect(daemon.latency.count == 4)
        #expect(daemon.latency.summary.hasSuffix("events=10 dropped=0"))
    }

    @Test func startUpProblemsAreReportedWhole() throws {
        let (config, _) = try MappingConfiguration.parse("""
            [[global_mappings]]
            trigger = { type = "Note", note = 1 }
            action = { type = "SendMidi", port = "out", message_type = "NoteOn" }
            """)
        #expect {
            _ = try MIDIDaemon(config: config, inputs: [.replay(path: "/nonexistent/in.txt", fast: true)],
                               outputs: [OutputSpec(name: "out", kind: .capture(path: "/dev/null"))], dispatch: NoPlugins())
        } throws: { error in
            "\(error)".contains("/nonexistent/in.txt") && "\(error)".contains("No such file")
        }
        #expect {
            _ = try MIDIDaemon(config: config, inputs: [], outputs: [OutputSpec(name: "synth", kind: .capture(path: "/dev/null"))],
                               dispatch: NoPlugins())
        } throws: { error in
            "\(error)".contains("SendMidi to port \"out\", but no output has that name")
        }
        #expect(throws: ConfigError.self) { try MappingConfiguration.load(path: "/nonexistent/config.toml") }
    }

    @Test func captureIsReplayable() throws {
        // What one run captures, a second run (no mappings but a pass-through) reproduces.
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (config, _) = try MappingConfiguration.parse("""
            [[global_mappings]]
            trigger = { type = "CC", cc = 7 }
            action = { type = "SendMidi", port = "out", message_type = "CC" }
            """)
        let first = folder.write("in.txt", "10 b0 07 01\n20 b0 07 02\n")
        var daemon = try MIDIDaemon(config: config, inputs: [.replay(path: first, fast: true)],
                                    outputs: [OutputSpec(name: "out", kind: .capture(path: folder.file("a.txt")))], dispatch: NoPlugins())
        daemon.run()
        daemon = try MIDIDaemon(config: config, inputs: [.replay(path: folder.file("a.txt"), fast: true)],
                                outputs: [OutputSpec(name: "out", kind: .capture(path: folder.file("b.txt")))], dispatch: NoPlugins())
        daemon.run()
        #expect(folder.read("a.txt") == "10 b0 07 01\n20 b0 07 02\n")
        #expect(folder.read("b.txt") == folder.read("a.txt"))
    }

    @Test func smfInputInRealTime() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (config, _) = try MappingConfiguration.parse("""
            [[global_mappings]]
            trigger = { type = "Note", note = 60 }
            action = { type = "SendMidi", port = "out", message_type = "NoteOn", note = 61 }
            """)
        // 96 ticks per quarter at 2400 bpm (25 ms a quarter): the run takes about 25 ms.
        let track = SMFBuilder.track([(0, SMFBuilder.tempo(25_000)), (0, [0x90, 60, 100]), (96, [0x80, 60, 0])])
        let smf = folder.write("in.mid", SMFBuilder.file(format: 0, division: 96, tracks: [track]))
        let daemon = try MIDIDaemon(config: config, inputs: [.smf(path: smf, fast: false)],
                                    outputs: [OutputSpec(name: "out", kind: .capture(path: folder.file("out.txt")))], dispatch: NoPlugins())
        let start = MonotonicClock.micros()
        daemon.run()
        #expect(MonotonicClock.micros() - start >= 25_000)
        #expect(folder.read("out.txt") == "0 90 3d 64\n25000 80 3d 00\n")
    }

    @Test func udpInputFromAnotherThreadToUDPOutput() async throws {
        let (config, _) = try MappingConfiguration.parse("""
            [[global_mappings]]
            trigger = { type = "Note", note = 60 }
            action = { type = "SendMidi", port = "synth", message_type = "NoteOn", note = 67, velocity = 99 }
            """)
        let listener = try DatagramSocket.bindUDP(host: "127.0.0.1", port: 0)
        // Find a free port for the daemon's input by binding and releasing one.
        let probe = try DatagramSocket.bindUDP(host: "127.0.0.1", port: 0)
        let inputPort = probe.localPort
        _ = consume probe
        let daemon = try MIDIDaemon(config: config, inputs: [.udp(host: "127.0.0.1", port: inputPort)],
                                    outputs: [OutputSpec(name: "synth", kind: .udp(host: "127.0.0.1", port: listener.localPort))],
                                    dispatch: NoPlugins())
        let stop = StopFlag()
        let loop = Thread { daemon.run { stop.isSet } }
        loop.start()
        let sender = DatagramOutput(socket: try DatagramSocket.connectUDP(host: "127.0.0.1", port: inputPort))
        sender.send(.noteOn(channel: 2, note: 60, velocity: 10))
        sender.send(.noteOn(channel: 2, note: 61, velocity: 10))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16)
        for _ in 0..<2000 where received.isEmpty {
            if let n = buffer.withUnsafeMutableBytes({ listener.receive(into: $0) }) { received = Array(buffer[0..<n]) }
            usleep(1000)
        }
        stop.set()
        loop.join()
        #expect(received == [0x92, 67, 99])
        #expect(daemon.latency.events == 2)
        #expect(daemon.latency.count == 1)
    }
}

/// A flag one thread sets and another reads.
final class StopFlag: @unchecked Sendable {
    private var value: sig_atomic_t = 0
    var isSet: Bool { value != 0 }
    func set() { value = 1 }
}

/// A plain pthread (the daemon loop blocks in poll, which must not tie up a Swift
/// concurrency thread).
final class Thread: @unchecked Sendable {
    private let body: () -> Void
    private var handle = pthread_t()
    init(_ body: @escaping () -> Void) { self.body = body }
    func start() {
        let box = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&handle, nil, { raw in
            let thread = Unmanaged<Thread>.fromOpaque(raw!).takeRetainedValue()
            thread.body()
            return nil
        }, box)
    }
    func join() { pthread_join(handle, nil) }
}
