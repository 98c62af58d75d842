import MIDI
import MappingConfig

/// The matching engine: events in, actions out. Pure: no I/O, no clock of its own (time is
/// each event's stream time, or what `advance(to:)` is told), so tests run it on simulated
/// time and a fast replay sees the same long presses and double taps as a live one.
///
/// After `init` the hot path (`process`, `advance`) allocates nothing: the config is
/// compiled into flat arrays, per-note state lives in fixed 16 × 128 tables, timers in a
/// preallocated heap, results in the caller's preallocated `ActionBuffer`, and plugins are
/// called through the generic `Dispatch` (no existential boxing).
///
/// Matching rules: for each event, every matching mapping fires, global mappings first, then
/// the active mode's, in file order; a mode change takes effect from the next event.
public struct MappingEngine<Dispatch: PluginDispatch> {
    /// The plugin dispatcher (the daemon's plugin host, or a test double).
    public var dispatch: Dispatch
    /// The output names, in the order `EngineAction.send` numbers them.
    public let outputs: [String]
    /// The modes' names, in the order `modeChanged` numbers them.
    public let modeNames: [String]
    /// What happened that was not mapped or could not be done.
    public private(set) var counters = Counters()
    /// The active mode.
    public private(set) var mode: UInt16 = 0

    private let compiled: CompiledConfig
    private var timers: TimerHeap

    /// Per (channel × 128 + note): whether held, the press's serial, when pressed, the last
    /// press before it, and whether that earlier press completed a double tap.
    private var held: [Bool]
    private var serial: [UInt32]
    private var pressedAt: [UInt64]
    private var tapUsed: [Bool]
    private var pressVelocity: [UInt8]
    /// Per (channel × 128 + controller): the last value, for absolute encoders (0xFF = none).
    private var lastCC: [UInt8]

    /// Engine counters.
    public struct Counters: Sendable, Equatable {
        /// Events processed.
        public var events = 0
        /// Mappings fired.
        public var fired = 0
        /// Timers refused because the heap was full.
        public var timerDrops = 0
    }

    /// Compiles `config` for the outputs named `outputs`. Throws every problem found
    /// (unknown output port, unknown mode, a plugin the dispatcher refuses), with lines.
    public init(config: MappingConfiguration, outputs: [String], dispatch: Dispatch, timerCapacity: Int = 4096) throws(ConfigError) {
        var dispatch = dispatch
        compiled = try CompiledConfig.compile(config, outputs: outputs, dispatch: &dispatch)
        self.dispatch = dispatch
        self.outputs = outputs
        modeNames = config.modes.map(\.name)
        timers = TimerHeap(capacity: timerCapacity)
        held = [Bool](repeating: false, count: 16 * 128)
        serial = [UInt32](repeating: 0, count: 16 * 128)
        pressedAt = [UInt64](repeating: 0, count: 16 * 128)
        tapUsed = [Bool](repeating: true, count: 16 * 128)
        pressVelocity = [UInt8](repeating: 0, count: 16 * 128)
        lastCC = [UInt8](repeating: 0xFF, count: 16 * 128)
    }

    /// Log lines, by `EngineAction.Kind.log` index, and their levels.
    public var logMessages: [String] { compiled.logMessages }
    public var logLevels: [String] { compiled.logLevels }
    /// Shell commands, by `EngineAction.Kind.shell` index.
    public var shellCommands: [String] { compiled.shellCommands }
    /// When the next timer is due (stream µs), so the daemon knows how long it may sleep.
    public var nextTimerDue: UInt64? { timers.nextDue }
    /// Timers waiting.
    public var pendingTimers: Int { timers.count }

    /// Gives this engine its own copy of every table the hot path writes. An engine is a value:
    /// a copy shares its arrays with the original until one of them writes, and that first
    /// write copies (allocates). The daemon calls this once when it takes an engine, off the
    /// hot path, so the first event after start-up or a reload allocates nothing.
    public mutating func prepareForHotPath() {
        held.withUnsafeMutableBufferPointer { _ in }
        serial.withUnsafeMutableBufferPointer { _ in }
        pressedAt.withUnsafeMutableBufferPointer { _ in }
        tapUsed.withUnsafeMutableBufferPointer { _ in }
        pressVelocity.withUnsafeMutableBufferPointer { _ in }
        lastCC.withUnsafeMutableBufferPointer { _ in }
        timers.prepareForHotPath()
    }

    /// Makes the mode called `name` active, if there is one (a reload keeps the performer's mode).
    public mutating func selectMode(named name: String) {
        if let index = modeNames.firstIndex(of: name) { mode = UInt16(index) }
    }

    /// Fires every timer due at `now` (stream µs), in time order.
    public mutating func advance(to now: UInt64, into output: inout ActionBuffer) {
        while let timer = timers.popDue(now) {
            switch timer.kind {
            case .longPress(let mapping, let channel, let note, let pressSerial):
                let slot = Int(channel) << 7 | Int(note)
                guard held[slot] && serial[slot] == pressSerial else { continue }
                counters.fired += 1
                // The press's own note-on, so pass-through fields see its velocity.
                run(Int(mapping), message: .noteOn(channel: channel, note: note, velocity: pressVelocity[slot]),
                    time: timer.due, arrival: 0, output: &output)
            case .step(let step, let message, let arrival):
                perform(Int(step), message: message, time: timer.due, arrival: arrival, output: &output)
            case .send(let port, let message, let arrival):
                output.append(EngineAction(time: timer.due, arrival: arrival, .send(port: port, message: message)))
            }
        }
    }

    /// Handles one event: fires due timers up to its time, then every matching mapping.
    public mutating func process(_ event: MIDIEvent, into output: inout ActionBuffer) {
        advance(to: event.time, into: &output)
        counters.events += 1
        let message = event.message
        let status = message.status
        guard status >= 0x80 && status < 0xF0 else { return }   // system messages map to nothing
        let channel = message.channel
        let kind = status & 0xF0
        let now = event.time

        // Per-event state, computed once for all mappings.
        var previousPress: UInt64 = 0
        var previousTapUsed = true
        var slot = 0
        if kind == 0x90 || kind == 0x80 {
            slot = Int(channel) << 7 | Int(message.data1)
            if message.isNoteOn {
                previousPress = pressedAt[slot]
                previousTapUsed = tapUsed[slot]
                held[slot] = true
                serial[slot] &+= 1
                pressedAt[slot] = now
                tapUsed[slot] = false
                pressVelocity[slot] = message.data2
            } else {
                held[slot] = false
            }
        }
        var encoderAbsolute: UInt8 = 0   // 1 clockwise, 2 counter-clockwise, 0 unknown
        if kind == 0xB0 {
            let ccSlot = Int(channel) << 7 | Int(message.data1)
            let last = lastCC[ccSlot]
            let value = message.data2
            if last != 0xFF {
                if value > last || (value == last && value == 127) { encoderAbsolute = 1 }
                else if value < last || (value == last && value == 0) { encoderAbsolute = 2 }
            }
            lastCC[ccSlot] = value
        }

        let modeRange = compiled.modeRanges[Int(mode)]
        var index = 0
        var doubleTapped = false
        while index < compiled.globalCount + modeRange.count {
            let m = index < compiled.globalCount ? index : modeRange.lowerBound + index - compiled.globalCount
            index += 1
            let mapping = compiled.mappings[m]
            let trigger = mapping.trigger
            if trigger.channel != CompiledTrigger.anyChannel && trigger.channel != channel { continue }
            switch trigger.kind {
            case .note:
                guard (kind == 0x90 || kind == 0x80) && message.data1 == trigger.number else { continue }
                if message.isNoteOn {
                    guard trigger.low...trigger.high ~= UInt16(message.data2) else { continue }
                } else {
                    if mapping.releaseFollows { release(m, message: message, time: now, arrival: event.arrival, output: &output) }
                    continue
                }
            case .velocityRange:
                guard message.isNoteOn && message.data1 == trigger.number else { continue }
                let velocity = message.data2
                let level: UInt8 = velocity <= trigger.softMax ? 0 : velocity <= trigger.mediumMax ? 1 : 2
                guard trigger.level == CompiledTrigger.any || trigger.level == level else { continue }
            case .longPress:
                guard message.isNoteOn && message.data1 == trigger.number else { continue }
                timers.push(due: now + trigger.window, .longPress(mapping: Int32(m), channel: channel, note: message.data1, serial: serial[slot]))
                continue
            case .doubleTap:
                guard message.isNoteOn && message.data1 == trigger.number else { continue }
                guard !previousTapUsed && now >= previousPress && now - previousPress <= trigger.window else { continue }
                doubleTapped = true
            case .chord:
                guard message.isNoteOn && chordComplete(trigger, channel: channel, note: message.data1, now: now) else { continue }
            case .encoder:
                guard kind == 0xB0 && message.data1 == trigger.number else { continue }
                let value = message.data2
                let direction: UInt8
                switch trigger.encoding {
                case .absolute: direction = encoderAbsolute
                case .relative: direction = value == 0 || value == 64 ? 0 : value < 64 ? 1 : 2
                case .relativeOffset: direction = value == 64 ? 0 : value > 64 ? 1 : 2
                }
                guard direction != 0 && (trigger.direction == 0 || trigger.direction == direction) else { continue }
            case .controlChange:
                guard kind == 0xB0 && message.data1 == trigger.number && trigger.low...trigger.high ~= UInt16(message.data2) else { continue }
            case .aftertouch:
                guard kind == 0xD0 && trigger.low...trigger.high ~= UInt16(message.data1) else { continue }
            case .pitchBend:
                guard kind == 0xE0 && trigger.low...trigger.high ~= message.pitchBendValue else { continue }
            case .programChange:
                guard kind == 0xC0 && (trigger.number == CompiledTrigger.any || trigger.number == message.data1) else { continue }
            }
            counters.fired += 1
            run(m, message: message, time: now, arrival: event.arrival, output: &output)
        }
        if doubleTapped { tapUsed[slot] = true }
        counters.timerDrops = timers.drops
    }

    /// Whether the chord's notes are all held, pressed within its window, and `note` is one.
    private func chordComplete(_ trigger: CompiledTrigger, channel: UInt8, note: UInt8, now: UInt64) -> Bool {
        var contains = false
        var i = trigger.chord.lowerBound
        while i < trigger.chord.upperBound {
            let chordNote = compiled.chordNotes[Int(i)]
            if chordNote == note { contains = true }
            let slot = Int(channel) << 7 | Int(chordNote)
            // Inputs are merged by arrival, so a time may be behind a press: never subtract past 0.
            if !held[slot] || (now > pressedAt[slot] && now - pressedAt[slot] > trigger.window) { return false }
            i += 1
        }
        return contains
    }

    /// Runs mapping `m`'s steps: those at offset 0 now, the rest through timers.
    private mutating func run(_ m: Int, message: MIDIMessage, time: UInt64, arrival: UInt64, output: inout ActionBuffer) {
        let steps = compiled.mappings[m].steps
        var step = steps.lowerBound
        while step < steps.upperBound {
            let offset = compiled.steps[Int(step)].offset
            if offset == 0 {
                perform(Int(step), message: message, time: time, arrival: arrival, output: &output)
            } else {
                timers.push(due: time + offset, .step(step: step, message: message, arrival: arrival))
            }
            step += 1
        }
    }

    /// A Note mapping's answer to the note's release: each NoteOn it sent becomes a NoteOff.
    private mutating func release(_ m: Int, message: MIDIMessage, time: UInt64, arrival: UInt64, output: inout ActionBuffer) {
        let steps = compiled.mappings[m].steps
        var step = steps.lowerBound
        while step < steps.upperBound {
            switch compiled.steps[Int(step)].kind {
            case .send(let port, var template) where template.type == .noteOn:
                template.type = .noteOff
                let out = build(template, from: message)
                output.append(EngineAction(time: time, arrival: arrival, .send(port: port, message: out)))
            case .plugin(let slot, let port):
                callPlugin(PluginInvocation(slot: slot, message: message, time: time, arrival: arrival, mode: mode, port: port, isRelease: true),
                           output: &output)
            default: break
            }
            step += 1
        }
    }

    private mutating func perform(_ step: Int, message: MIDIMessage, time: UInt64, arrival: UInt64, output: inout ActionBuffer) {
        switch compiled.steps[step].kind {
        case .send(let port, let template):
            output.append(EngineAction(time: time, arrival: arrival, .send(port: port, message: build(template, from: message))))
        case .plugin(let slot, let port):
            callPlugin(PluginInvocation(slot: slot, message: message, time: time, arrival: arrival, mode: mode, port: port), output: &output)
        case .modeChange(let target):
            mode = target
            output.append(EngineAction(time: time, arrival: arrival, .modeChanged(mode: target)))
        case .log(let index):
            output.append(EngineAction(time: time, arrival: arrival, .log(index: index)))
        case .shell(let index):
            output.append(EngineAction(time: time, arrival: arrival, .shell(index: index)))
        }
    }

    /// Calls the dispatcher, then moves whatever it asked to send later onto the timers, so
    /// a plugin's `delay_us` is honoured like a Delay (and on simulated time in tests).
    private mutating func callPlugin(_ request: PluginInvocation, output: inout ActionBuffer) {
        let first = output.count
        dispatch.call(request, output: &output)
        var read = first
        var kept = first
        while read < output.count {
            let action = output[read]
            read += 1
            if action.time > request.time, case .send(let port, let message) = action.kind {
                timers.push(due: action.time, .send(port: port, message: message, arrival: action.arrival))
            } else {
                output[kept] = action
                kept += 1
            }
        }
        output.truncate(to: kept)
    }

    /// Fills a SendMidi template from the incoming message: a field left out passes the
    /// incoming one through (channel, note, the "value" of whatever came in).
    private func build(_ t: SendTemplate, from incoming: MIDIMessage) -> MIDIMessage {
        let inKind = incoming.status & 0xF0
        let isChannel = incoming.status >= 0x80 && incoming.status < 0xF0
        let channel = t.channel != SendTemplate.pass ? t.channel : isChannel ? incoming.channel : 0
        // The incoming message's "value": velocity, CC value, program, pressure, bend MSB.
        let value: UInt8
        switch inKind {
        case 0x80, 0x90, 0xA0, 0xB0, 0xE0: value = incoming.data2
        case 0xC0, 0xD0: value = incoming.data1
        default: value = 0
        }
        let incomingNote: UInt8 = (inKind == 0x80 || inKind == 0x90 || inKind == 0xA0) ? incoming.data1 : 60
        switch t.type {
        case .noteOn, .noteOff:
            let note = t.note != SendTemplate.pass ? t.note : incomingNote
            var velocity = compiled.velocityTables[Int(t.velocityTable) + Int(value & 0x7F)]
            if t.type == .noteOn {
                // A NoteOn at velocity 0 would be a NoteOff: the quietest NoteOn is 1.
                velocity = max(velocity, 1)
                return .noteOn(channel: channel, note: note, velocity: velocity)
            }
            // Curves shape the attack: a release's own velocity goes through unchanged.
            return .noteOff(channel: channel, note: note, velocity: incoming.isNoteOff ? incoming.data2 : velocity)
        case .controlChange:
            let controller = t.controller != SendTemplate.pass ? t.controller : inKind == 0xB0 ? incoming.data1 : 0
            return .controlChange(channel: channel, controller: controller, value: t.value != SendTemplate.pass ? t.value : value)
        case .programChange:
            return .programChange(channel: channel, program: t.program != SendTemplate.pass ? t.program : value)
        case .pitchBend:
            let bend: UInt16 = t.pitch != Int32.min ? UInt16(t.pitch + 8192)
                : inKind == 0xE0 ? incoming.pitchBendValue : UInt16(value) << 7
            return .pitchBend(channel: channel, value: bend)
        case .aftertouch:
            return .channelPressure(channel: channel, pressure: t.pressure != SendTemplate.pass ? t.pressure : value)
        }
    }
}
