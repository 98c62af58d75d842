import Glibc
/// A mapping config: MIDIMon's `config.toml` format, read unchanged, plus midimon's
/// additions (velocity curves, plugin actions, Log, value ranges, relative encoders).
/// Built once at load; the engine compiles it into flat tables for the hot path.
public struct MappingConfiguration: Sendable, Equatable {
    /// `[device]`.
    public var device = DeviceSettings()
    /// `[advanced_settings]`.
    public var advanced = AdvancedSettings()
    /// `[logging]`.
    public var logging = LoggingSettings()
    /// `[[modes]]`, in file order; the first is active at start.
    public var modes: [Mode] = []
    /// `[[global_mappings]]`: active in every mode, matched before the mode's own.
    public var globalMappings: [Mapping] = []

    public init() {}
}

/// `[device]`: which controller MIDIMon connects to. midimond takes its inputs from the
/// command line, so these are kept for compatibility and shown by `config check`.
public struct DeviceSettings: Sendable, Equatable {
    public var name = ""
    public var autoConnect = true
    public var autoReconnect = true
    public var port: Int?
    public init() {}
}

/// `[advanced_settings]`: the timing windows, in milliseconds (MIDIMon's defaults).
public struct AdvancedSettings: Sendable, Equatable {
    /// Notes pressed within this window form a chord.
    public var chordTimeoutMs: UInt64 = 50
    /// A second press within this window is a double tap.
    public var doubleTapTimeoutMs: UInt64 = 300
    /// A note held this long is a long press.
    public var holdThresholdMs: UInt64 = 2000
    public init() {}
}

/// `[logging]`.
public struct LoggingSettings: Sendable, Equatable {
    /// off, error, warn, info, debug or trace.
    public var level = "info"
    public var file: String?
    public init() {}
}

/// `[[modes]]`: a named set of mappings.
public struct Mode: Sendable, Equatable {
    public var name: String
    public var color: String?
    public var mappings: [Mapping]

    public init(name: String, color: String? = nil, mappings: [Mapping] = []) {
        self.name = name
        self.color = color
        self.mappings = mappings
    }
}

/// One mapping: when `trigger` fires, run `action`.
public struct Mapping: Sendable, Equatable {
    public var description: String?
    public var trigger: Trigger
    public var action: Action
    /// The line of the mapping's header in the file (0 when built in code).
    public var line: Int

    public init(description: String? = nil, trigger: Trigger, action: Action, line: Int = 0) {
        self.description = description
        self.trigger = trigger
        self.action = action
        self.line = line
    }
}

/// What fires a mapping. `channel` (0–15) restricts a trigger to one channel; nil = any.
public enum Trigger: Sendable, Equatable {
    /// A note-on of `note` with a velocity in `velocity` (MIDIMon: `velocity_min`; midimon
    /// adds `velocity_max`).
    case note(note: UInt8, velocity: ClosedRange<UInt8>, channel: UInt8?)
    /// A note-on of `note` classified soft (≤ soft_max), medium (≤ medium_max) or hard;
    /// `level` limits it to one class (midimon's addition; nil = any).
    case velocityRange(note: UInt8, softMax: UInt8, mediumMax: UInt8, level: VelocityLevel?, channel: UInt8?)
    /// `note` held at least `durationMs` (default: `hold_threshold_ms`).
    case longPress(note: UInt8, durationMs: UInt64?, channel: UInt8?)
    /// `note` pressed twice within `timeoutMs` (default: `double_tap_timeout_ms`).
    case doubleTap(note: UInt8, timeoutMs: UInt64?, channel: UInt8?)
    /// All of `notes` pressed within `timeoutMs` (default: `chord_timeout_ms`).
    case noteChord(notes: [UInt8], timeoutMs: UInt64?, channel: UInt8?)
    /// A turn of the encoder on `cc`, in `direction` (nil = either).
    case encoderTurn(cc: UInt8, direction: EncoderDirection?, encoding: EncoderEncoding, channel: UInt8?)
    /// A control change on `cc` with a value in `value`.
    case controlChange(cc: UInt8, value: ClosedRange<UInt8>, channel: UInt8?)
    /// Channel pressure with a value in `pressure`.
    case aftertouch(pressure: ClosedRange<UInt8>, channel: UInt8?)
    /// A pitch bend with a value (0–16383) in `value`.
    case pitchBend(value: ClosedRange<UInt16>, channel: UInt8?)
    /// A program change, to `program` if given.
    case programChange(program: UInt8?, channel: UInt8?)

    /// The trigger's type name as the config writes it.
    public var typeName: String {
        switch self {
        case .note: return "Note"
        case .velocityRange: return "VelocityRange"
        case .longPress: return "LongPress"
        case .doubleTap: return "DoubleTap"
        case .noteChord: return "NoteChord"
        case .encoderTurn: return "EncoderTurn"
        case .controlChange: return "CC"
        case .aftertouch: return "Aftertouch"
        case .pitchBend: return "PitchBend"
        case .programChange: return "ProgramChange"
        }
    }
}

/// The velocity classes of `VelocityRange`.
public enum VelocityLevel: String, Sendable, Equatable, CaseIterable {
    case soft, medium, hard
}

/// An encoder's direction (MIDIMon's names).
public enum EncoderDirection: String, Sendable, Equatable {
    case clockwise = "Clockwise"
    case counterClockwise = "CounterClockwise"
}

/// How an encoder reports turns (midimon's `encoding` field; MIDIMon's encoders are absolute).
public enum EncoderEncoding: String, Sendable, Equatable {
    /// The value is a position: up is clockwise, down counter-clockwise.
    case absolute
    /// Two's complement steps: 1–63 clockwise, 65–127 (−63…−1) counter-clockwise.
    case relative
    /// Offset binary steps: above 64 clockwise, below 64 counter-clockwise.
    case relativeOffset = "relative_offset"
}

/// What a mapping does.
public indirect enum Action: Sendable, Equatable {
    /// Send a MIDI message to an output (`port` names a `--output NAME=SPEC`).
    case sendMidi(SendMidi)
    /// Call a plugin.
    case plugin(PluginCall)
    /// Switch to the mode called so.
    case modeChange(String)
    /// Run actions in order (Delays inside push the later ones back).
    case sequence([Action])
    /// Wait, inside a Sequence.
    case delay(ms: UInt64)
    /// Run a shell command on a worker, never on the hot path (needs the subprocess grant).
    case shell(command: String)
    /// Write a line to the daemon's log (through a ring, never from the hot path).
    case log(level: String, message: String)
    /// A MIDIMon action midimond does not perform (Keystroke, Text, Launch, MouseClick,
    /// VolumeControl, Conditional): accepted with a warning so MIDIMon configs load unchanged.
    case unsupported(type: String)
}

/// `SendMidi`. A field left out passes the incoming value through: the channel, the note,
/// the velocity (through `velocity` curve), the controller's value, and so on.
public struct SendMidi: Sendable, Equatable {
    /// The output's name.
    public var port: String
    public var messageType: MessageType
    /// 0–15 (MIDIMon's numbering); nil = the incoming channel.
    public var channel: UInt8?
    public var note: UInt8?
    /// The velocity: pass-through, fixed, linear or a curve.
    public var velocity: VelocityCurve
    public var controller: UInt8?
    public var value: UInt8?
    public var program: UInt8?
    /// −8192…8191, 0 the centre.
    public var pitch: Int16?
    public var pressure: UInt8?

    public init(port: String, messageType: MessageType, channel: UInt8? = nil, note: UInt8? = nil,
                velocity: VelocityCurve = .passThrough, controller: UInt8? = nil, value: UInt8? = nil,
                program: UInt8? = nil, pitch: Int16? = nil, pressure: UInt8? = nil) {
        self.port = port
        self.messageType = messageType
        self.channel = channel
        self.note = note
        self.velocity = velocity
        self.controller = controller
        self.value = value
        self.program = program
        self.pitch = pitch
        self.pressure = pressure
    }

    /// MIDIMon's `message_type` values.
    public enum MessageType: String, Sendable, Equatable, CaseIterable {
        case noteOn = "NoteOn", noteOff = "NoteOff", controlChange = "CC", programChange = "ProgramChange"
        case pitchBend = "PitchBend", aftertouch = "Aftertouch"
    }
}

/// How an outgoing velocity follows the incoming one (midimon's addition to SendMidi).
public enum VelocityCurve: Sendable, Equatable {
    /// The incoming velocity unchanged (MIDIMon's behaviour with no `velocity`).
    case passThrough
    /// Always this velocity (`velocity = N`, or `velocity_curve = { type = "Fixed", velocity = N }`).
    case fixed(UInt8)
    /// Scaled into min…max: out = min + in × (max − min) / 127.
    case linear(min: UInt8, max: UInt8)
    /// out = min + (max − min) × (in / 127)^gamma: gamma < 1 lifts soft hits, > 1 tames them.
    case curve(gamma: Double, min: UInt8, max: UInt8)

    /// The 128-entry table the engine looks velocities up in (computed once, at load).
    public func table() -> [UInt8] {
        (0...127).map { (input: Int) -> UInt8 in
            switch self {
            case .passThrough: return UInt8(input)
            case .fixed(let v): return v
            case .linear(let lo, let hi):
                return UInt8(Int(lo) + input * (Int(hi) - Int(lo)) / 127)
            case .curve(let gamma, let lo, let hi):
                let shaped = pow(Double(input) / 127, gamma)
                return UInt8(max(0, min(127, (Double(lo) + shaped * (Double(hi) - Double(lo))).rounded())))
            }
        }
    }
}

/// `Plugin`: call a plugin, through its event ABI (hot path) or JSON ABI (worker).
public struct PluginCall: Sendable, Equatable {
    /// The plugin's name (its manifest name, or its file's stem).
    public var name: String
    /// The ABI to call through; nil = what the plugin's manifest declares.
    public var abi: PluginABIKind?
    /// The JSON ABI's action name.
    public var action: String?
    /// Parameters, by name, in the file's order.
    public var params: [(String, ParamValue)]
    /// The output an event-ABI plugin's messages go to; nil = the first output.
    public var port: String?

    public init(name: String, abi: PluginABIKind? = nil, action: String? = nil, params: [(String, ParamValue)] = [], port: String? = nil) {
        self.name = name
        self.abi = abi
        self.action = action
        self.params = params
        self.port = port
    }

    public static func == (lhs: PluginCall, rhs: PluginCall) -> Bool {
        lhs.name == rhs.name && lhs.abi == rhs.abi && lhs.action == rhs.action && lhs.port == rhs.port
            && lhs.params.map(\.0) == rhs.params.map(\.0) && lhs.params.map(\.1) == rhs.params.map(\.1)
    }
}

/// The two plugin ABIs (docs/plugin-abi.md).
public enum PluginABIKind: String, Sendable, Equatable {
    case event, json
}

/// A plugin parameter's value.
public enum ParamValue: Sendable, Equatable {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)

    /// As the event ABI's `param` returns it (NaN for strings).
    public var number: Double {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        case .bool(let v): return v ? 1 : 0
        case .string: return .nan
        }
    }
}
