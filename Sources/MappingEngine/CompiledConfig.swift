import MIDI
import MappingConfig

/// A config flattened for the hot path: plain structs in arrays built once, indexed by
/// integers; no strings, optionals of classes or nested arrays are touched per event.
struct CompiledConfig {
    /// Every mapping: the global ones first, then each mode's (see `modeRanges`).
    var mappings: [CompiledMapping] = []
    var globalCount = 0
    /// Each mode's mappings, as a range of `mappings`.
    var modeRanges: [Range<Int>] = []
    /// Every step of every mapping's action, Sequences flattened (Delays become offsets).
    var steps: [Step] = []
    /// The notes of every chord, each chord a range (`CompiledTrigger.chord`).
    var chordNotes: [UInt8] = []
    /// 128-entry velocity tables, one after another (`SendTemplate.velocityTable`).
    var velocityTables: [UInt8] = []
    /// Texts for Log and Shell actions (the daemon's workers read them by index).
    var logMessages: [String] = []
    var logLevels: [String] = []
    var shellCommands: [String] = []
}

struct CompiledMapping {
    var trigger: CompiledTrigger
    var steps: Range<Int32>
    /// A Note mapping that sends NoteOn also answers the note's release with the matching
    /// NoteOff, so a transformed note never hangs (MIDIMon would need a second mapping).
    var releaseFollows: Bool
}

struct CompiledTrigger {
    enum Kind: UInt8 { case note, velocityRange, longPress, doubleTap, chord, encoder, controlChange, aftertouch, pitchBend, programChange }

    var kind: Kind
    /// 0–15, or `anyChannel`.
    var channel: UInt8
    /// Note, controller or program number (`any` = 0xFF for ProgramChange without one).
    var number: UInt8 = 0
    /// Accepted values (velocity, CC value, pressure, pitch-bend value).
    var low: UInt16 = 0
    var high: UInt16 = 0x3FFF
    /// Long-press threshold, double-tap or chord window, in µs.
    var window: UInt64 = 0
    var softMax: UInt8 = 40
    var mediumMax: UInt8 = 80
    /// 0 soft, 1 medium, 2 hard, `any`.
    var level: UInt8 = any
    /// 1 clockwise, 2 counter-clockwise, 0 either.
    var direction: UInt8 = 0
    var encoding: EncoderEncoding = .absolute
    /// The chord's notes in `CompiledConfig.chordNotes`.
    var chord: Range<Int32> = 0..<0

    static let any: UInt8 = 0xFF
    static let anyChannel: UInt8 = 0xFF
}

/// One thing a mapping does, `offset` µs after its trigger.
struct Step {
    enum Kind {
        case send(port: UInt16, template: SendTemplate)
        case plugin(slot: PluginSlot, port: UInt16)
        case modeChange(mode: UInt16)
        case log(index: UInt32)
        case shell(index: UInt32)
    }
    var offset: UInt64
    var kind: Kind
}

/// A SendMidi action with its pass-through fields marked (`pass`), ready to fill from the
/// incoming message without branching on optionals of config types.
struct SendTemplate {
    var type: SendMidi.MessageType
    var channel: UInt8
    var note: UInt8
    var controller: UInt8
    var value: UInt8
    var program: UInt8
    var pressure: UInt8
    /// −8192…8191, or `Int32.min` to pass the incoming value through.
    var pitch: Int32
    /// Start of this action's 128-entry table in `CompiledConfig.velocityTables`.
    var velocityTable: Int32

    static let pass: UInt8 = 0xFF
}

extension CompiledConfig {
    /// Compiles `config` for outputs named `outputs`, preparing plugin calls through
    /// `dispatch`. Every problem is reported (with the mapping's line), not just the first.
    static func compile<D: PluginDispatch>(_ config: MappingConfiguration, outputs: [String], dispatch: inout D) throws(ConfigError) -> CompiledConfig {
        var compiled = CompiledConfig()
        var problems: [ConfigDiagnostic] = []
        let advanced = config.advanced
        let modeIndex = Dictionary(config.modes.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })

        func add(_ mapping: Mapping, _ path: String) {
            var trigger: CompiledTrigger
            var releaseFollows = false
            switch mapping.trigger {
            case .note(let note, let velocity, let channel):
                trigger = CompiledTrigger(kind: .note, channel: channel ?? CompiledTrigger.anyChannel, number: note,
                                          low: UInt16(velocity.lowerBound), high: UInt16(velocity.upperBound))
                releaseFollows = Self.answersRelease(mapping.action)
            case .velocityRange(let note, let softMax, let mediumMax, let level, let channel):
                trigger = CompiledTrigger(kind: .velocityRange, channel: channel ?? CompiledTrigger.anyChannel, number: note,
                                          softMax: softMax, mediumMax: mediumMax)
                trigger.level = level.map { UInt8(VelocityLevel.allCases.firstIndex(of: $0)!) } ?? CompiledTrigger.any
            case .longPress(let note, let duration, let channel):
                trigger = CompiledTrigger(kind: .longPress, channel: channel ?? CompiledTrigger.anyChannel, number: note,
                                          window: (duration ?? advanced.holdThresholdMs) * 1000)
            case .doubleTap(let note, let timeout, let channel):
                trigger = CompiledTrigger(kind: .doubleTap, channel: channel ?? CompiledTrigger.anyChannel, number: note,
                                          window: (timeout ?? advanced.doubleTapTimeoutMs) * 1000)
            case .noteChord(let notes, let timeout, let channel):
                let start = Int32(compiled.chordNotes.count)
                var seen = Set<UInt8>()
                for note in notes where seen.insert(note).inserted { compiled.chordNotes.append(note) }
                trigger = CompiledTrigger(kind: .chord, channel: channel ?? CompiledTrigger.anyChannel,
                                          window: (timeout ?? advanced.chordTimeoutMs) * 1000,
                                          chord: start..<Int32(compiled.chordNotes.count))
            case .encoderTurn(let cc, let direction, let encoding, let channel):
                trigger = CompiledTrigger(kind: .encoder, channel: channel ?? CompiledTrigger.anyChannel, number: cc)
                trigger.direction = direction == .clockwise ? 1 : direction == .counterClockwise ? 2 : 0
                trigger.encoding = encoding
            case .controlChange(let cc, let value, let channel):
                trigger = CompiledTrigger(kind: .controlChange, channel: channel ?? CompiledTrigger.anyChannel, number: cc,
                                          low: UInt16(value.lowerBound), high: UInt16(value.upperBound))
            case .aftertouch(let pressure, let channel):
                trigger = CompiledTrigger(kind: .aftertouch, channel: channel ?? CompiledTrigger.anyChannel,
                                          low: UInt16(pressure.lowerBound), high: UInt16(pressure.upperBound))
            case .pitchBend(let value, let channel):
                trigger = CompiledTrigger(kind: .pitchBend, channel: channel ?? CompiledTrigger.anyChannel,
                                          low: value.lowerBound, high: value.upperBound)
            case .programChange(let program, let channel):
                trigger = CompiledTrigger(kind: .programChange, channel: channel ?? CompiledTrigger.anyChannel,
                                          number: program ?? CompiledTrigger.any)
            }
            let first = Int32(compiled.steps.count)
            var offset: UInt64 = 0
            addSteps(mapping.action, path + ".action", line: mapping.line, offset: &offset)
            compiled.mappings.append(CompiledMapping(trigger: trigger, steps: first..<Int32(compiled.steps.count), releaseFollows: releaseFollows))
        }

        func addSteps(_ action: Action, _ path: String, line: Int, offset: inout UInt64) {
            func problem(_ message: String) {
                problems.append(ConfigDiagnostic(.error, line: line == 0 ? nil : line, path: path, message: message))
            }
            switch action {
            case .sendMidi(let send):
                guard let port = outputs.firstIndex(of: send.port) else {
                    problem("SendMidi to port \"\(send.port)\", but no output has that name (outputs: \(outputs.isEmpty ? "none; give --output \(send.port)=SPEC" : outputs.map { "\"\($0)\"" }.joined(separator: ", ")))")
                    return
                }
                let table = Int32(compiled.velocityTables.count)
                compiled.velocityTables.append(contentsOf: send.velocity.table())
                let template = SendTemplate(
                    type: send.messageType, channel: send.channel ?? SendTemplate.pass, note: send.note ?? SendTemplate.pass,
                    controller: send.controller ?? SendTemplate.pass, value: send.value ?? SendTemplate.pass,
                    program: send.program ?? SendTemplate.pass, pressure: send.pressure ?? SendTemplate.pass,
                    pitch: send.pitch.map(Int32.init) ?? Int32.min, velocityTable: table)
                compiled.steps.append(Step(offset: offset, kind: .send(port: UInt16(port), template: template)))
            case .plugin(let call):
                var port = 0
                if let name = call.port {
                    guard let index = outputs.firstIndex(of: name) else {
                        problem("Plugin \"\(call.name)\" sends to port \"\(name)\", but no output has that name (outputs: \(outputs.isEmpty ? "none; give --output \(name)=SPEC" : outputs.map { "\"\($0)\"" }.joined(separator: ", ")))")
                        return
                    }
                    port = index
                }
                do throws(PluginDispatchError) {
                    let slot = try dispatch.prepare(call)
                    compiled.steps.append(Step(offset: offset, kind: .plugin(slot: slot, port: UInt16(port))))
                } catch {
                    problem("plugin \"\(call.name)\": \(error.message)")
                }
            case .modeChange(let name):
                guard let mode = modeIndex[name] else {
                    problem("ModeChange to \"\(name)\", but no [[modes]] has that name")
                    return
                }
                compiled.steps.append(Step(offset: offset, kind: .modeChange(mode: UInt16(mode))))
            case .sequence(let actions):
                for (i, inner) in actions.enumerated() { addSteps(inner, "\(path).actions[\(i)]", line: line, offset: &offset) }
            case .delay(let ms):
                offset += ms * 1000
            case .shell(let command):
                compiled.steps.append(Step(offset: offset, kind: .shell(index: UInt32(compiled.shellCommands.count))))
                compiled.shellCommands.append(command)
            case .log(let level, let message):
                compiled.steps.append(Step(offset: offset, kind: .log(index: UInt32(compiled.logMessages.count))))
                compiled.logMessages.append(message)
                compiled.logLevels.append(level)
            case .unsupported:
                break
            }
        }

        for (i, mapping) in config.globalMappings.enumerated() { add(mapping, "global_mappings[\(i)]") }
        compiled.globalCount = compiled.mappings.count
        for (m, mode) in config.modes.enumerated() {
            let start = compiled.mappings.count
            for (i, mapping) in mode.mappings.enumerated() { add(mapping, "modes[\(m)].mappings[\(i)]") }
            compiled.modeRanges.append(start..<compiled.mappings.count)
        }
        if compiled.modeRanges.isEmpty { compiled.modeRanges.append(compiled.mappings.count..<compiled.mappings.count) }
        if !problems.isEmpty { throw ConfigError(problems) }
        return compiled
    }
}

extension CompiledConfig {
    /// Whether a Note mapping with `action` hears the note's release: a NoteOn it sends is
    /// answered with a NoteOff, and a plugin it calls is called again with the note-off (an
    /// event-ABI plugin that transposes must release what it pressed), so no note hangs.
    static func answersRelease(_ action: Action) -> Bool {
        switch action {
        case .sendMidi(let send): return send.messageType == .noteOn
        case .plugin: return true
        default: return false
        }
    }
}
