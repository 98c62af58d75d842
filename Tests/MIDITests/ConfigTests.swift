import Testing
@testable import MappingConfig

/// Reading MIDIMon's config format, midimon's additions, and bad input pointed at by line.
struct ConfigTests {
    /// A MIDIMon config as MIDIMon's own docs write it, with a desktop action midimond skips.
    static let midimonConfig = """
        [device]
        name = "Maschine Mikro MK3"
        auto_connect = true

        [advanced_settings]
        chord_timeout_ms = 60
        double_tap_timeout_ms = 250
        hold_threshold_ms = 1000

        [logging]
        level = "debug"

        [[modes]]
        name = "Default"
        color = "blue"

        [[modes.mappings]]
        description = "Pad 1 plays a C an octave up"
        trigger = { type = "Note", note = 36 }
        action = { type = "SendMidi", port = "out", message_type = "NoteOn", channel = 1, note = 72 }

        [[modes.mappings]]
        description = "Hold pad 2"

        [modes.mappings.trigger]
        type = "LongPress"
        note = 37
        duration_ms = 500

        [modes.mappings.action]
        type = "Keystroke"
        keys = "space"
        modifiers = ["cmd"]

        [[modes]]
        name = "Mixer"
        color = "green"

        [[modes.mappings]]
        trigger = { type = "EncoderTurn", cc = 1, direction = "Clockwise" }
        action = { type = "SendMidi", port = "out", message_type = "CC", channel = 0, controller = 7 }

        [[global_mappings]]
        description = "Chord switches modes"
        trigger = { type = "NoteChord", notes = [36, 40, 43] }
        action = { type = "ModeChange", mode = "Mixer" }

        [[global_mappings]]
        trigger = { type = "CC", cc = 20, value_min = 64 }
        action = { type = "Sequence", actions = [
            { type = "SendMidi", port = "out", message_type = "ProgramChange", channel = 0, program = 5 },
            { type = "Delay", ms = 100 },
            { type = "Log", message = "program 5" },
        ] }
        """

    @Test func readsMIDIMonsFormatUnchanged() throws {
        let (config, warnings) = try MappingConfiguration.parse(Self.midimonConfig)
        #expect(config.device.name == "Maschine Mikro MK3")
        #expect(config.advanced.chordTimeoutMs == 60 && config.advanced.doubleTapTimeoutMs == 250 && config.advanced.holdThresholdMs == 1000)
        #expect(config.logging.level == "debug")
        #expect(config.modes.map(\.name) == ["Default", "Mixer"])
        #expect(config.modes[0].color == "blue")
        let first = config.modes[0].mappings[0]
        #expect(first.description == "Pad 1 plays a C an octave up")
        #expect(first.trigger == .note(note: 36, velocity: 1...127, channel: nil))
        #expect(first.action == .sendMidi(SendMidi(port: "out", messageType: .noteOn, channel: 1, note: 72)))
        #expect(first.line == 17)
        #expect(config.modes[0].mappings[1].trigger == .longPress(note: 37, durationMs: 500, channel: nil))
        #expect(config.modes[0].mappings[1].action == .unsupported(type: "Keystroke"))
        #expect(config.modes[1].mappings[0].trigger == .encoderTurn(cc: 1, direction: .clockwise, encoding: .absolute, channel: nil))
        #expect(config.globalMappings[0].action == .modeChange("Mixer"))
        #expect(config.globalMappings[1].action == .sequence([
            .sendMidi(SendMidi(port: "out", messageType: .programChange, channel: 0, program: 5)),
            .delay(ms: 100), .log(level: "info", message: "program 5"),
        ]))
        // The Keystroke is accepted with a warning on its line.
        #expect(warnings.count == 1)
        #expect(warnings.first?.line == 31)
        #expect(warnings.first?.message.contains("Keystroke") == true)
    }

    @Test func midimonAdditions() throws {
        let (config, warnings) = try MappingConfiguration.parse("""
            [[modes]]
            name = "Play"
            [[modes.mappings]]
            trigger = { type = "VelocityRange", note = 40, soft_max = 30, medium_max = 90, level = "hard" }
            action = { type = "SendMidi", port = "synth", message_type = "NoteOn", velocity_curve = { type = "Curve", gamma = 0.5, min = 20, max = 120 } }
            [[modes.mappings]]
            trigger = { type = "Aftertouch", pressure_min = 10, pressure_max = 20, channel = 9 }
            action = { type = "Plugin", name = "arp", abi = "event", params = { rate = 4, swing = 0.25, on = true } }
            [[modes.mappings]]
            trigger = { type = "PitchBend", value_min = 8192 }
            action = { type = "Repeat", count = 3, delay_ms = 10, action = { type = "Shell", command = "echo hi" } }
            [[modes.mappings]]
            trigger = { type = "ProgramChange", program = 3 }
            action = { type = "Log", level = "warn", message = "program 3" }
            """)
        #expect(warnings.isEmpty)
        let m = config.modes[0].mappings
        #expect(m[0].trigger == .velocityRange(note: 40, softMax: 30, mediumMax: 90, level: .hard, channel: nil))
        #expect(m[0].action == .sendMidi(SendMidi(port: "synth", messageType: .noteOn, velocity: .curve(gamma: 0.5, min: 20, max: 120))))
        #expect(m[1].trigger == .aftertouch(pressure: 10...20, channel: 9))
        // Parameters keep the file's order (TOMLKit would sort them).
        #expect(m[1].action == .plugin(PluginCall(name: "arp", abi: .event, params: [("rate", .int(4)), ("swing", .double(0.25)), ("on", .bool(true))])))
        #expect(m[2].trigger == .pitchBend(value: 8192...16383, channel: nil))
        #expect(m[2].action == .sequence([.shell(command: "echo hi"), .delay(ms: 10), .shell(command: "echo hi"), .delay(ms: 10), .shell(command: "echo hi")]))
        #expect(m[3].action == .log(level: "warn", message: "program 3"))
    }

    /// Parses `text` expecting errors; returns them as `line: message`.
    func errors(_ text: String) -> [String] {
        do {
            _ = try MappingConfiguration.parse(text)
            Issue.record("expected errors")
            return []
        } catch {
            return error.errors.map { "\($0.line.map(String.init) ?? "?"): \($0.path): \($0.message)" }
        }
    }

    @Test func unknownTriggerTypeHasItsLine() {
        let found = errors("""
            [[modes]]
            name = "A"

            [[modes.mappings]]
            [modes.mappings.trigger]
            type = "Knob"
            note = 3
            [modes.mappings.action]
            type = "Log"
            message = "x"
            """)
        #expect(found == ["6: modes[0].mappings[0].trigger.type: unknown trigger type \"Knob\"; expected one of Note, VelocityRange, LongPress, DoubleTap, NoteChord, EncoderTurn, CC, Aftertouch, PitchBend, ProgramChange"])
    }

    @Test func missingFieldsPointAtTheirTable() {
        let found = errors("""
            [[global_mappings]]
            trigger = { type = "Note" }
            action = { type = "SendMidi", message_type = "NoteOn" }

            [[global_mappings]]
            description = "no action"
            trigger = { type = "CC", cc = 1 }
            """)
        #expect(found == [
            "2: global_mappings[0].trigger: missing required field `note` (the note number, 0–127)",
            "3: global_mappings[0].action: missing required field `port` (the output's name, as in --output NAME=SPEC)",
            "5: global_mappings[1]: missing required field `action` (a table with a `type`)",
        ])
    }

    @Test func badRangesAndTypes() {
        let found = errors("""
            [advanced_settings]
            chord_timeout_ms = 0

            [[modes]]
            name = "A"
            [[modes.mappings]]
            trigger = { type = "Note", note = 200 }
            action = { type = "Log", message = "x" }
            [[modes.mappings]]
            trigger = { type = "CC", cc = 1, value_min = 100, value_max = 10 }
            action = { type = "SendMidi", port = "out", message_type = "Chord", channel = 16 }
            [[modes.mappings]]
            trigger = { type = "NoteChord", notes = [36, 36] }
            action = { type = "ModeChange", mode = "Nowhere" }
            [[modes.mappings]]
            trigger = { type = "Note", note = "C4" }
            action = { type = "Sequence", actions = [{ type = "Delay", ms = 5 }, { type = "Teleport" }] }
            """)
        #expect(found == [
            "2: advanced_settings.chord_timeout_ms: `chord_timeout_ms` = 0 is out of range 1–3600000",
            "7: modes[0].mappings[0].trigger.note: `note` = 200 is out of range 0–127",
            "10: modes[0].mappings[1].trigger.value_min: value_min (100) is above value_max (10)",
            "11: modes[0].mappings[1].action.message_type: `message_type` = \"Chord\" is not one of \"NoteOn\", \"NoteOff\", \"CC\", \"ProgramChange\", \"PitchBend\", \"Aftertouch\"",
            "11: modes[0].mappings[1].action.channel: `channel` = 16 is out of range 0–15",
            "13: modes[0].mappings[2].trigger.notes: a chord needs at least two different notes",
            "14: modes[0].mappings[2].action.mode: ModeChange to \"Nowhere\", but no [[modes]] has that name (modes: \"A\")",
            "16: modes[0].mappings[3].trigger.note: `note` must be an integer, found string",
            "17: modes[0].mappings[3].action.actions[1].type: unknown action type \"Teleport\"; expected one of SendMidi, Plugin, ModeChange, Sequence, Delay, Shell, Log, Repeat",
        ])
    }

    @Test func syntaxErrorsHaveLines() {
        let found = errors("""
            [[modes]]
            name = "A"
            color = 
            """)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("3: : TOML syntax") == true)
    }

    @Test func unknownFieldsWarn() throws {
        let (_, warnings) = try MappingConfiguration.parse("""
            [[global_mappings]]
            trigger = { type = "Note", note = 1, velocty_min = 3 }
            action = { type = "Log", message = "x" }
            """)
        #expect(warnings.map(\.description) == ["line 2: warning: global_mappings[0].trigger.velocty_min: unknown field `velocty_min` ignored"])
    }

    @Test func velocityCurves() {
        #expect(VelocityCurve.passThrough.table()[77] == 77)
        #expect(VelocityCurve.fixed(100).table().allSatisfy { $0 == 100 })
        let linear = VelocityCurve.linear(min: 20, max: 100).table()
        #expect(linear[0] == 20 && linear[127] == 100 && linear[64] == 60)
        let soft = VelocityCurve.curve(gamma: 0.5, min: 0, max: 127).table()
        #expect(soft[32] == 64 && soft[127] == 127 && soft[0] == 0)
    }

    @Test func sourceMapPaths() {
        let map = SourceMap("""
            [[a]]
            x = 1
            [[a]]
            y = { z = [1,
              2], w = "]" }
            [a.t]
            k = 3
            [[a.b]]
            q = [ { r = 1 },
                  { r = 2 } ]
            """)
        #expect(map.line(for: "a[0].x") == 2)
        #expect(map.line(for: "a[1].y.z") == 4)
        #expect(map.line(for: "a[1].y.w") == 5)
        #expect(map.line(for: "a[1].t.k") == 7)
        #expect(map.line(for: "a[1].b[0].q[1].r") == 10)
        #expect(map.line(for: "a[1].b[0].nothing") == 8)
    }
}
