import MIDI
import MappingConfig

/// How the engine reaches plugins, without knowing how they run. The daemon implements it
/// with the plugin host (Sources/PluginHost); tests implement it with a recorder.
///
/// Two phases, like the rest of the engine:
/// - at start-up (and on reload), `prepare` is called once per Plugin action in the config;
///   it checks that the plugin exists and can take the call (ABI, action name, params) and
///   returns a slot number, or throws a message that becomes a config error;
/// - on the hot path, `call` runs the event-ABI plugin in the slot, or hands a JSON-ABI call
///   to a worker through a ring. It must not allocate, lock, log or block. Whatever the plugin
///   emits goes into `output` as `.send` actions, at `request.time` or later (`delay_us`):
///   the engine moves later ones onto its timers; a fault is the dispatcher's to count, and
///   the engine carries on either way.
///
/// The engine is generic over its dispatcher, so these calls are direct, never through an
/// existential box.
public protocol PluginDispatch {
    /// Checks a Plugin action at start-up and returns its slot.
    mutating func prepare(_ call: PluginCall) throws(PluginDispatchError) -> PluginSlot

    /// Runs one call on the hot path.
    mutating func call(_ request: PluginInvocation, output: inout ActionBuffer)
}

/// A prepared plugin action: an index the dispatcher chose.
public typealias PluginSlot = Int32

/// Why a Plugin action cannot be prepared (unknown plugin, wrong ABI, …).
public struct PluginDispatchError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// One plugin call from the hot path: everything a plugin is told about the event. Plain
/// values only, so building it allocates nothing.
public struct PluginInvocation: Sendable, Equatable {
    /// The slot `prepare` returned.
    public var slot: PluginSlot
    /// The message that triggered the mapping (the event ABI's `message`).
    public var message: MIDIMessage
    /// Stream time of the trigger, µs (timers and outputs use it).
    public var time: UInt64
    /// Arrival on the monotonic clock, µs (the event ABI's `timestamp_us`; latency).
    public var arrival: UInt64
    /// The active mode's index (the JSON ABI's `current_mode`).
    public var mode: UInt16
    /// The output the plugin's messages go to (the engine's `outputs` order).
    public var port: UInt16
    /// The note-off answering a Note mapping's press (see `CompiledConfig.answersRelease`):
    /// event-ABI plugins take it like any message; JSON actions, which act on presses, skip it.
    public var isRelease: Bool

    public init(slot: PluginSlot, message: MIDIMessage, time: UInt64, arrival: UInt64, mode: UInt16,
                port: UInt16 = 0, isRelease: Bool = false) {
        self.slot = slot
        self.message = message
        self.time = time
        self.arrival = arrival
        self.mode = mode
        self.port = port
        self.isRelease = isRelease
    }
}

/// A dispatcher for configs without Plugin actions (and for `config check`, which has no
/// plugin host): every Plugin action is accepted and every call does nothing.
public struct NoPlugins: PluginDispatch {
    /// Names prepared, in slot order.
    public private(set) var prepared: [PluginCall] = []
    public init() {}
    public mutating func prepare(_ call: PluginCall) throws(PluginDispatchError) -> PluginSlot {
        prepared.append(call)
        return PluginSlot(prepared.count - 1)
    }
    public mutating func call(_ request: PluginInvocation, output: inout ActionBuffer) {}
}
