import MIDI
import TOMLKit

extension MappingConfiguration {
    /// Reads a config from TOML text. Throws every error found (with lines); warnings for a
    /// config that loads are returned beside it.
    public static func parse(_ text: String) throws(ConfigError) -> (MappingConfiguration, warnings: [ConfigDiagnostic]) {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError([ConfigDiagnostic(.error, line: error.source.begin.line, path: "", message: "TOML syntax: \(error.description)")])
        } catch {
            throw ConfigError([ConfigDiagnostic(.error, line: nil, path: "", message: "TOML syntax: \(error)")])
        }
        let sink = DiagnosticSink(map: SourceMap(text))
        // Mode names first, so that a ModeChange can be checked wherever it is.
        let modeNames = (root["modes"]?.array ?? TOMLArray()).compactMap { $0.table?["name"]?.string }
        let config = ConfigReader(sink: sink, modeNames: modeNames).read(TableReader(root, path: "", sink: sink))
        let diagnostics = sink.diagnostics.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ConfigError(diagnostics) }
        return (config, diagnostics)
    }

    /// Reads a config file.
    public static func load(path: String) throws(ConfigError) -> (MappingConfiguration, warnings: [ConfigDiagnostic]) {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.readAll(path)
        } catch {
            throw ConfigError([ConfigDiagnostic(.error, line: nil, path: "", message: "cannot read \(path): \(error)")])
        }
        return try parse(String(decoding: bytes, as: UTF8.self))
    }
}

/// The reading itself: one method per section, trigger and action.
struct ConfigReader {
    let sink: DiagnosticSink
    /// Every `[[modes]]` name in the file.
    let modeNames: [String]

    func read(_ root: TableReader) -> MappingConfiguration {
        var config = MappingConfiguration()
        if let device = root.subtable("device") {
            config.device.name = device.string("name") ?? ""
            config.device.autoConnect = device.bool("auto_connect") ?? true
            config.device.autoReconnect = device.bool("auto_reconnect") ?? true
            config.device.port = device.int("port", 0...1023)
            device.warnUnknown(["name", "auto_connect", "auto_reconnect", "port"])
        }
        if let advanced = root.subtable("advanced_settings") {
            if let v = advanced.millis("chord_timeout_ms") { config.advanced.chordTimeoutMs = v }
            if let v = advanced.millis("double_tap_timeout_ms") { config.advanced.doubleTapTimeoutMs = v }
            if let v = advanced.millis("hold_threshold_ms") { config.advanced.holdThresholdMs = v }
            advanced.warnUnknown(["chord_timeout_ms", "double_tap_timeout_ms", "hold_threshold_ms"])
        }
        if let logging = root.subtable("logging") {
            config.logging.level = logging.choice("level", ["off", "error", "warn", "info", "debug", "trace"].map { ($0, $0) }) ?? "info"
            config.logging.file = logging.string("file")
            logging.warnUnknown(["level", "file"])
        }
        for mode in root.tables("modes") {
            guard let name = mode.string("name", required: true, what: "the mode's name") else { continue }
            if config.modes.contains(where: { $0.name == name }) { sink.error(mode.at("name"), "a second mode called \"\(name)\"") }
            let mappings = mode.tables("mappings").compactMap(mapping)
            config.modes.append(Mode(name: name, color: mode.string("color"), mappings: mappings))
            mode.warnUnknown(["name", "color", "mappings"])
        }
        config.globalMappings = root.tables("global_mappings").compactMap(mapping)
        root.warnUnknown(["device", "advanced_settings", "logging", "modes", "global_mappings"])
        if config.modes.isEmpty && config.globalMappings.isEmpty {
            sink.warning("", "no [[modes]] and no [[global_mappings]]: nothing will be mapped")
        }
        return config
    }

    func mapping(_ table: TableReader) -> Mapping? {
        let trigger = table.subtable("trigger", required: true, what: "a table with a `type`").flatMap(trigger)
        let action = table.subtable("action", required: true, what: "a table with a `type`").flatMap(action)
        table.warnUnknown(["trigger", "action", "description"])
        let description = table.string("description")
        guard let trigger, let action else { return nil }
        return Mapping(description: description, trigger: trigger, action: action, line: sink.map.line(for: table.path) ?? 0)
    }

    // MARK: - Triggers

    static let triggerTypes = ["Note", "VelocityRange", "LongPress", "DoubleTap", "NoteChord", "EncoderTurn", "CC",
                               "Aftertouch", "PitchBend", "ProgramChange"]

    func trigger(_ t: TableReader) -> Trigger? {
        guard let type = t.string("type", required: true, what: "one of \(Self.triggerTypes.joined(separator: ", "))") else { return nil }
        // `device` is MIDIMon's per-trigger device filter: midimond's inputs come from the
        // command line, so it is accepted and not used.
        var known: Set<String> = ["type", "channel", "device"]
        defer { t.warnUnknown(known) }
        let channel = t.channel()
        switch type {
        case "Note":
            known.formUnion(["note", "velocity_min", "velocity_max"])
            let note = t.byte("note", required: true, what: "the note number, 0–127")
            guard let velocity = range(t, "velocity_min", "velocity_max", 1, 127) else { return nil }
            return note.map { .note(note: $0, velocity: velocity, channel: channel) }
        case "VelocityRange":
            known.formUnion(["note", "soft_max", "medium_max", "level"])
            let note = t.byte("note", required: true, what: "the note number, 0–127")
            let soft = t.byte("soft_max") ?? 40
            let medium = t.byte("medium_max") ?? 80
            let level = t.choice("level", VelocityLevel.allCases.map { ($0.rawValue, $0) })
            if soft >= medium {
                t.sink.error(t.at(t.has("soft_max") ? "soft_max" : "medium_max"), "soft_max (\(soft)) must be below medium_max (\(medium))")
                return nil
            }
            return note.map { .velocityRange(note: $0, softMax: soft, mediumMax: medium, level: level, channel: channel) }
        case "LongPress":
            known.formUnion(["note", "duration_ms"])
            let note = t.byte("note", required: true, what: "the note number, 0–127")
            return note.map { .longPress(note: $0, durationMs: t.millis("duration_ms"), channel: channel) }
        case "DoubleTap":
            known.formUnion(["note", "timeout_ms"])
            let note = t.byte("note", required: true, what: "the note number, 0–127")
            return note.map { .doubleTap(note: $0, timeoutMs: t.millis("timeout_ms"), channel: channel) }
        case "NoteChord":
            known.formUnion(["notes", "timeout_ms"])
            guard let notes = t.ints("notes", 0...127, required: true, what: "the chord's notes, 0–127") else { return nil }
            guard Set(notes).count >= 2 else {
                t.sink.error(t.at("notes"), "a chord needs at least two different notes")
                return nil
            }
            guard notes.count <= 16 else {
                t.sink.error(t.at("notes"), "a chord has at most 16 notes")
                return nil
            }
            return .noteChord(notes: notes.map(UInt8.init), timeoutMs: t.millis("timeout_ms"), channel: channel)
        case "EncoderTurn":
            known.formUnion(["cc", "direction", "encoding"])
            let cc = t.byte("cc", required: true, what: "the controller number, 0–127")
            let direction = t.choice("direction", [("Clockwise", EncoderDirection.clockwise), ("CounterClockwise", .counterClockwise)])
            let encoding = t.choice("encoding", [("absolute", EncoderEncoding.absolute), ("relative", .relative), ("relative_offset", .relativeOffset)]) ?? .absolute
            return cc.map { .encoderTurn(cc: $0, direction: direction, encoding: encoding, channel: channel) }
        case "CC":
            known.formUnion(["cc", "value_min", "value_max"])
            let cc = t.byte("cc", required: true, what: "the controller number, 0–127")
            guard let value = range(t, "value_min", "value_max", 0, 127) else { return nil }
            return cc.map { .controlChange(cc: $0, value: value, channel: channel) }
        case "Aftertouch":
            known.formUnion(["pressure_min", "pressure_max"])
            guard let pressure = range(t, "pressure_min", "pressure_max", 0, 127) else { return nil }
            return .aftertouch(pressure: pressure, channel: channel)
        case "PitchBend":
            known.formUnion(["value_min", "value_max"])
            let low = t.int("value_min", 0...16383) ?? 0
            let high = t.int("value_max", 0...16383) ?? 16383
            guard low <= high else {
                t.sink.error(t.at("value_min"), "value_min (\(low)) is above value_max (\(high))")
                return nil
            }
            return .pitchBend(value: UInt16(low)...UInt16(high), channel: channel)
        case "ProgramChange":
            known.formUnion(["program"])
            return .programChange(program: t.byte("program"), channel: channel)
        default:
            t.sink.error(t.at("type"), "unknown trigger type \"\(type)\"; expected one of \(Self.triggerTypes.joined(separator: ", "))")
            known = Set(t.table.keys)
            return nil
        }
    }

    /// A `min`/`max` pair of 7-bit values (each optional), checked to be in order.
    func range(_ t: TableReader, _ minKey: String, _ maxKey: String, _ low: UInt8, _ high: UInt8) -> ClosedRange<UInt8>? {
        let lo = t.has(minKey) ? t.byte(minKey) : low
        let hi = t.has(maxKey) ? t.byte(maxKey) : high
        guard let lo, let hi else { return nil }
        guard lo <= hi else {
            t.sink.error(t.at(minKey), "\(minKey) (\(lo)) is above \(maxKey) (\(hi))")
            return nil
        }
        return lo...hi
    }

    // MARK: - Actions

    static let actionTypes = ["SendMidi", "Plugin", "ModeChange", "Sequence", "Delay", "Shell", "Log", "Repeat"]
    /// MIDIMon's desktop actions: accepted so their configs load, but not performed.
    static let desktopActions: Set<String> = ["Keystroke", "Text", "Launch", "MouseClick", "VolumeControl", "Conditional"]

    func action(_ a: TableReader) -> Action? {
        guard let type = a.string("type", required: true, what: "one of \(Self.actionTypes.joined(separator: ", "))") else { return nil }
        var known: Set<String> = ["type"]
        defer { a.warnUnknown(known) }
        switch type {
        case "SendMidi":
            known.formUnion(["port", "message_type", "channel", "note", "velocity", "velocity_curve", "controller", "value",
                             "program", "pitch", "pressure"])
            return sendMidi(a).map { .sendMidi($0) }
        case "Plugin":
            known.formUnion(["name", "abi", "action", "params", "port"])
            guard let name = a.string("name", required: true, what: "the plugin's name") else { return nil }
            let abi = a.choice("abi", [("event", PluginABIKind.event), ("json", .json)])
            var params: [(String, ParamValue)] = []
            if let table = a.subtable("params") {
                for key in table.keysInFileOrder {
                    guard let value = table.table[key] else { continue }
                    if let v = value.int { params.append((key, .int(v))) }
                    else if let v = value.double { params.append((key, .double(v))) }
                    else if let v = value.bool { params.append((key, .bool(v))) }
                    else if let v = value.string { params.append((key, .string(v))) }
                    else { a.sink.error(table.at(key), "parameter `\(key)` must be a number, boolean or string, found \(value.type)") }
                }
            }
            if abi == .event, params.contains(where: { if case .string = $0.1 { return true } else { return false } }) {
                a.sink.warning(a.at("params"), "the event ABI reads parameters as numbers: string parameters read as NaN")
            }
            return .plugin(PluginCall(name: name, abi: abi, action: a.string("action"), params: params, port: a.string("port")))
        case "ModeChange":
            known.formUnion(["mode"])
            guard let mode = a.string("mode", required: true, what: "the mode's name") else { return nil }
            guard modeNames.contains(mode) else {
                sink.error(a.at("mode"), "ModeChange to \"\(mode)\", but no [[modes]] has that name (modes: \(modeNames.map { "\"\($0)\"" }.joined(separator: ", ")))")
                return nil
            }
            return .modeChange(mode)
        case "Sequence":
            known.formUnion(["actions"])
            guard a.has("actions") else {
                a.missing("actions", "a list of action tables")
                return nil
            }
            let inner = a.tables("actions").map(action)
            guard !inner.contains(where: { $0 == nil }) else { return nil }
            return .sequence(inner.compactMap { $0 })
        case "Delay":
            known.formUnion(["ms"])
            return a.millis("ms", required: true).map { .delay(ms: $0) }
        case "Shell":
            known.formUnion(["command"])
            return a.string("command", required: true, what: "the command line").map { .shell(command: $0) }
        case "Log":
            known.formUnion(["message", "level"])
            let level = a.choice("level", ["error", "warn", "info", "debug", "trace"].map { ($0, $0) }) ?? "info"
            return a.string("message", required: true, what: "the text to log").map { .log(level: level, message: $0) }
        case "Repeat":
            // MIDIMon's Repeat is a Sequence written short: expanded here, so the engine has
            // one way to run actions in order.
            known.formUnion(["action", "count", "delay_ms"])
            let count = a.int("count", 1...1000, required: true, what: "how many times, 1–1000")
            let delay = a.int("delay_ms", 0...3_600_000) ?? 0
            guard let inner = a.subtable("action", required: true, what: "the action to repeat").flatMap(action), let count else { return nil }
            var steps: [Action] = []
            for i in 0..<count {
                if i > 0 && delay > 0 { steps.append(.delay(ms: UInt64(delay))) }
                steps.append(inner)
            }
            return .sequence(steps)
        default:
            if Self.desktopActions.contains(type) {
                a.sink.warning(a.at("type"), "MIDIMon's \(type) action is not performed by midimond (it drives a desktop); the mapping does nothing")
                known = Set(a.table.keys)
                return .unsupported(type: type)
            }
            a.sink.error(a.at("type"), "unknown action type \"\(type)\"; expected one of \(Self.actionTypes.joined(separator: ", "))")
            known = Set(a.table.keys)
            return nil
        }
    }

    func sendMidi(_ a: TableReader) -> SendMidi? {
        let port = a.string("port", required: true, what: "the output's name, as in --output NAME=SPEC")
        let type = a.choice("message_type", SendMidi.MessageType.allCases.map { ($0.rawValue, $0) }, required: true)
        let channel = a.channel()
        var velocity = VelocityCurve.passThrough
        if let fixed = a.byte("velocity") { velocity = .fixed(fixed) }
        if let curve = a.subtable("velocity_curve") {
            if a.has("velocity") { a.sink.error(curve.path, "give `velocity` or `velocity_curve`, not both") }
            curve.warnUnknown(["type", "velocity", "min", "max", "gamma"])
            switch curve.choice("type", [("PassThrough", 0), ("Fixed", 1), ("Linear", 2), ("Curve", 3)], required: true) {
            case 0: velocity = .passThrough
            case 1: velocity = curve.byte("velocity", required: true, what: "the fixed velocity, 0–127").map { .fixed($0) } ?? .passThrough
            case 2, 3:
                let low = curve.byte("min") ?? 1
                let high = curve.byte("max") ?? 127
                if low > high { curve.sink.error(curve.at("min"), "min (\(low)) is above max (\(high))") }
                if curve.table["type"]?.string == "Linear" {
                    velocity = .linear(min: low, max: high)
                } else {
                    let gamma = curve.double("gamma") ?? 1
                    if !(gamma > 0 && gamma <= 10) { curve.sink.error(curve.at("gamma"), "gamma must be above 0 and at most 10 (got \(gamma))") }
                    velocity = .curve(gamma: gamma, min: low, max: high)
                }
            default: break
            }
        }
        let pitch = a.int("pitch", -8192...8191).map(Int16.init)
        guard let port, let type else { return nil }
        return SendMidi(port: port, messageType: type, channel: channel, note: a.byte("note"), velocity: velocity,
                        controller: a.byte("controller"), value: a.byte("value"), program: a.byte("program"),
                        pitch: pitch, pressure: a.byte("pressure"))
    }
}
