import MIDI
import MappingConfig
import Testing
@testable import MappingEngine

/// A dispatcher that records every call and answers each with a note of its own.
struct RecordingPlugins: PluginDispatch {
    var names: [String] = []
    var calls: [PluginInvocation] = []

    mutating func prepare(_ call: PluginCall) throws(PluginDispatchError) -> PluginSlot {
        guard call.name != "missing" else { throw PluginDispatchError("no plugin called missing is loaded") }
        names.append(call.name)
        return PluginSlot(names.count - 1)
    }

    mutating func call(_ request: PluginInvocation, output: inout ActionBuffer) {
        calls.append(request)
        output.append(EngineAction(time: request.time, arrival: request.arrival,
                                   .send(port: 0, message: .noteOn(channel: 15, note: request.message.data1, velocity: 1))))
    }
}

/// The engine on simulated time: each event carries its stream time; nothing waits.
struct EngineTests {
    struct Run {
        var engine: MappingEngine<RecordingPlugins>
        var buffer = ActionBuffer(capacity: 64)

        init(_ toml: String, outputs: [String] = ["out"]) throws {
            let (config, _) = try MappingConfiguration.parse(toml)
            engine = try MappingEngine(config: config, outputs: outputs, dispatch: RecordingPlugins())
        }

        /// Feeds one event at `ms` and returns what came out, as `time_ms kind` strings.
        mutating func at(_ ms: UInt64, _ message: MIDIMessage) -> [String] {
            buffer.removeAll()
            engine.process(MIDIEvent(message, time: ms * 1000), into: &buffer)
            return describe()
        }

        mutating func advance(_ ms: UInt64) -> [String] {
            buffer.removeAll()
            engine.advance(to: ms * 1000, into: &buffer)
            return describe()
        }

        func describe() -> [String] {
            buffer.actions.map { action in
                let when = "\(action.time / 1000)"
                switch action.kind {
                case .send(let port, let message): return "\(when) \(engine.outputs[Int(port)]) \(message)"
                case .log(let index): return "\(when) log \(engine.logMessages[Int(index)])"
                case .shell(let index): return "\(when) shell \(engine.shellCommands[Int(index)])"
                case .modeChanged(let mode): return "\(when) mode \(engine.modeNames[Int(mode)])"
                }
            }
        }
    }

    static func on(_ note: UInt8, _ velocity: UInt8 = 100, channel: UInt8 = 0) -> MIDIMessage { .noteOn(channel: channel, note: note, velocity: velocity) }
    static func off(_ note: UInt8, channel: UInt8 = 0) -> MIDIMessage { .noteOff(channel: channel, note: note) }

    @Test func noteTransformWithVelocityRangeAndFollowingRelease() throws {
        var run = try Run("""
            [[modes]]
            name = "A"
            [[modes.mappings]]
            trigger = { type = "Note", note = 36, velocity_min = 10, velocity_max = 100 }
            action = { type = "SendMidi", port = "out", message_type = "NoteOn", channel = 1, note = 72 }
            """)
        #expect(run.at(0, Self.on(36, 64)) == ["0 out 91 48 40"])
        #expect(run.at(5, Self.off(36)) == ["5 out 81 48 00"])
        #expect(run.at(6, Self.on(36, 5)) == [])        // below velocity_min
        #expect(run.at(7, Self.on(36, 110)) == [])      // above velocity_max
        #expect(run.at(8, Self.on(37, 64)) == [])
    }

    @Test func velocityCurvesAndPassThrough() throws {
        var run = try Run("""
            [[global_mappings]]
            trigger = { type = "Note", note = 1 }
            action = { type = "SendMidi", port = "out", message_type = "NoteOn" }
            [[global_mappings]]
            trigger = { type = "Note", note = 2 }
            action = { type = "SendMidi", port = "out", message_type = "NoteOn", velocity = 90 }
            [[global_mappings]]
            trigger = { type = "Note", note = 3 }
            action = { type = "SendMidi", port = "out", message_type = "NoteOn", velocity_curve = { type = "Linear", min = 20, max = 100 } }
            [[global_mappings]]
            trigger = { type = "Note", note = 4 }
            action = { type = "SendMidi", port = "out", message_type = "NoteOn", velocity_curve = { type = "Curve", gamma = 0.5, min = 0, max = 127 } }
            [[global_mappings]]
            trigger = { type = "CC", cc = 7, value_min = 1 }
            action = { type = "SendMidi", port = "out", message_type = "CC", controller = 10, channel = 2 }
            """)
        #expect(run.at(0, Self.on(1, 33, channel: 4)) == ["0 out 94 01 21"])   // channel, note, velocity pass through
        #expect(run.at(0, Self.on(2, 33)) == ["0 out 90 02 5a"])
        #expect(run.at(0, Self.on(3, 127)) == ["0 out 90 03 64"])
        #expect(run.at(0, Self.on(3, 0x40)) == ["0 out 90 03 3c"])
        #expect(run.at(0, Self.on(4, 32)) == ["0 out 90 04 40"])
        #expect(run.at(0, .controlChange(channel: 0, controller: 7, value: 99)) == ["0 out b2 0a 63"])
        #expect(run.at(0, .controlChange(channel: 0, controller: 7, value: 0)) == [])
    }

    @Test func longPressOnSimulatedTime() throws {
        var run = try Run("""
            [advanced_settings]
            hold_threshold_ms = 500
            [[global_mappings]]
            trigger = { type = "LongPress", note = 40 }
            action = { type = "Log", message = "held" }
            """)
        #expect(run.at(0, Self.on(40)) == [])
        #expect(run.advance(499) == [])
        #expect(run.advance(500) == ["500 log held"])
        #expect(run.at(600, Self.off(40)) == [])
        // Released before the threshold: nothing, even when time passes it.
        #expect(run.at(1000, Self.on(40)) == [])
        #expect(run.at(1200, Self.off(40)) == [])
        #expect(run.advance(2000) == [])
        // Released and pressed again: only the second press's timer counts.
        #expect(run.at(3000, Self.on(40)) == [])
        #expect(run.at(3100, Self.off(40)) == [])
        #expect(run.at(3400, Self.on(40)) == [])
        #expect(run.advance(3599) == [])
        #expect(run.advance(3900) == ["3900 log held"])
        #expect(run.engine.pendingTimers == 0)
    }

    @Test func doubleTap() throws {
        var run = try Run("""
            [advanced_settings]
            double_tap_timeout_ms = 300
            [[global_mappings]]
            trigger = { type = "DoubleTap", note = 50 }
            action = { type = "Log", message = "double" }
            """)
        #expect(run.at(0, Self.on(50)) == [])
        #expect(run.at(100, Self.off(50)) == [])
        #expect(run.at(250, Self.on(50)) == ["250 log double"])
        #expect(run.at(260, Self.off(50)) == [])
        // A third tap right after does not double again: it starts a new pair.
        #expect(run.at(300, Self.on(50)) == [])
        #expect(run.at(700, Self.on(50)) == [])   // too late after the third
        #expect(run.at(900, Self.on(50)) == ["900 log double"])
    }

    @Test func chordsWithinTheTimeout() throws {
        var run = try Run("""
            [advanced_settings]
            chord_timeout_ms = 50
            [[global_mappings]]
            trigger = { type = "NoteChord", notes = [60, 64, 67] }
            action = { type = "SendMidi", port = "out", message_type = "ProgramChange", program = 7 }
            """)
        #expect(run.at(0, Self.on(60)) == [])
        #expect(run.at(20, Self.on(64)) == [])
        #expect(run.at(45, Self.on(67)) == ["45 out c0 07"])
        // Too slow: 60 pressed 80 ms before the last note.
        for note: UInt8 in [60, 64, 67] { _ = run.at(100, Self.off(note)) }
        #expect(run.at(200, Self.on(60)) == [])
        #expect(run.at(240, Self.on(64)) == [])
        #expect(run.at(280, Self.on(67)) == [])
        // A note released in between breaks the chord.
        for note: UInt8 in [60, 64, 67] { _ = run.at(300, Self.off(note)) }
        #expect(run.at(400, Self.on(60)) == [])
        #expect(run.at(410, Self.off(60)) == [])
        #expect(run.at(420, Self.on(64)) == [])
        #expect(run.at(430, Self.on(67)) == [])
    }

    @Test func modeChangesSwitchMappings() throws {
        var run = try Run("""
            [[modes]]
            name = "Play"
            [[modes.mappings]]
            trigger = { type = "Note", note = 1 }
            action = { type = "Log", message = "play" }
            [[modes]]
            name = "Edit"
            [[modes.mappings]]
            trigger = { type = "Note", note = 1 }
            action = { type = "Log", message = "edit" }
            [[global_mappings]]
            trigger = { type = "ProgramChange", program = 1 }
            action = { type = "ModeChange", mode = "Edit" }
            [[global_mappings]]
            trigger = { type = "ProgramChange", program = 0 }
            action = { type = "ModeChange", mode = "Play" }
            """)
        #expect(run.at(0, Self.on(1)) == ["0 log play"])
        #expect(run.at(1, .programChange(channel: 0, program: 1)) == ["1 mode Edit"])
        #expect(run.at(2, Self.on(1)) == ["2 log edit"])
        #expect(run.at(3, .programChange(channel: 0, program: 0)) == ["3 mode Play"])
        #expect(run.at(4, Self.on(1)) == ["4 log play"])
    }

    @Test func encoderTurns() throws {
        var run = try Run("""
            [[global_mappings]]
            trigger = { type = "EncoderTurn", cc = 1, direction = "Clockwise" }
            action = { type = "Log", message = "abs cw" }
            [[global_mappings]]
            trigger = { type = "EncoderTurn", cc = 1, direction = "CounterClockwise" }
            action = { type = "Log", message = "abs ccw" }
            [[global_mappings]]
            trigger = { type = "EncoderTurn", cc = 2, encoding = "relative" }
            action = { type = "SendMidi", port = "out", message_type = "CC", controller = 9 }
            [[global_mappings]]
            trigger = { type = "EncoderTurn", cc = 3, encoding = "relative_offset", direction = "CounterClockwise" }
            action = { type = "Log", message = "offset ccw" }
            """)
        #expect(run.at(0, .controlChange(channel: 0, controller: 1, value: 10)) == [])   // first value: no direction yet
        #expect(run.at(1, .controlChange(channel: 0, controller: 1, value: 12)) == ["1 log abs cw"])
        #expect(run.at(2, .controlChange(channel: 0, controller: 1, value: 11)) == ["2 log abs ccw"])
        #expect(run.at(3, .controlChange(channel: 0, controller: 2, value: 1)) == ["3 out b0 09 01"])
        #expect(run.at(4, .controlChange(channel: 0, controller: 2, value: 127)) == ["4 out b0 09 7f"])
        #expect(run.at(5, .controlChange(channel: 0, controller: 3, value: 63)) == ["5 log offset ccw"])
        #expect(run.at(6, .controlChange(channel: 0, controller: 3, value: 65)) == [])
    }

    @Test func sequencesAndDelaysRunOnTimers() throws {
        var run = try Run("""
            [[global_mappings]]
            trigger = { type = "Note", note = 5 }
            action = { type = "Sequence", actions = [
                { type = "SendMidi", port = "out", message_type = "CC", controller = 1, value = 1 },
                { type = "Delay", ms = 100 },
                { type = "SendMidi", port = "out", message_type = "CC", controller = 1, value = 2 },
                { type = "Delay", ms = 50 },
                { type = "Shell", command = "echo done" },
            ] }
            """)
        #expect(run.at(0, Self.on(5)) == ["0 out b0 01 01"])
        #expect(run.advance(99) == [])
        #expect(run.at(120, Self.on(6)) == ["100 out b0 01 02"])   // due timers fire before the event
        #expect(run.engine.nextTimerDue == 150_000)
        #expect(run.advance(1000) == ["150 shell echo done"])
    }

    @Test func pluginActionsGoThroughTheDispatcher() throws {
        var run = try Run("""
            [[global_mappings]]
            trigger = { type = "Aftertouch", pressure_min = 1 }
            action = { type = "Plugin", name = "arp", abi = "event", params = { rate = 2 } }
            [[global_mappings]]
            trigger = { type = "PitchBend", value_min = 9000 }
            action = { type = "Plugin", name = "lights", abi = "json", action = "flash" }
            """)
        #expect(run.engine.dispatch.names == ["arp", "lights"])
        #expect(run.at(1, .channelPressure(channel: 0, pressure: 5)) == ["1 out 9f 05 01"])
        #expect(run.at(2, .pitchBend(channel: 0, value: 8192)) == [])
        #expect(run.at(3, .pitchBend(channel: 0, value: 10000)) == ["3 out 9f 10 01"])
        #expect(run.engine.dispatch.calls.map(\.slot) == [0, 1])
    }

    @Test func startUpErrors() throws {
        let (config, _) = try MappingConfiguration.parse("""
            [[global_mappings]]
            trigger = { type = "Note", note = 5 }
            action = { type = "SendMidi", port = "synth", message_type = "NoteOn" }
            [[global_mappings]]
            trigger = { type = "Note", note = 6 }
            action = { type = "Plugin", name = "missing" }
            """)
        #expect {
            _ = try MappingEngine(config: config, outputs: ["out"], dispatch: RecordingPlugins())
        } throws: { error in
            let lines = (error as? ConfigError)?.errors.map(\.description) ?? []
            return lines == [
                "line 1: error: global_mappings[0].action: SendMidi to port \"synth\", but no output has that name (outputs: \"out\")",
                "line 4: error: global_mappings[1].action: plugin \"missing\": no plugin called missing is loaded",
            ]
        }
    }

    @Test func fullBuffersAndHeapsDropAndCount() throws {
        let (config, _) = try MappingConfiguration.parse("""
            [[global_mappings]]
            trigger = { type = "Note", note = 5 }
            action = { type = "Sequence", actions = [{ type = "Delay", ms = 10 }, { type = "Log", message = "later" }] }
            """)
        var engine = try MappingEngine(config: config, outputs: [], dispatch: NoPlugins(), timerCapacity: 2)
        var buffer = ActionBuffer(capacity: 1)
        for i in 0..<5 { engine.process(MIDIEvent(Self.on(5), time: UInt64(i)), into: &buffer) }
        #expect(engine.counters.timerDrops == 3)
        engine.advance(to: 1_000_000, into: &buffer)
        #expect(buffer.count == 1 && buffer.drops == 1)
    }
}
