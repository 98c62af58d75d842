/// A power a plugin asks for in its manifest (`capabilities = [...]`) and the host grants or
/// withholds. Low-risk capabilities that a manifest requests are granted automatically; the
/// others need a grant the user made (`midimon plugin grant NAME CAP`, stored in the grants
/// file). Grants are checked once, when a plugin's imports are bound: a host function whose
/// capability is missing is bound to a stub that logs why and fails, never silently.
///
/// The table in docs/plugin-abi.md ("Capabilities") is this enum.
public enum Capability: String, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    /// Outgoing HTTP requests (`http_request`).
    case network
    /// MIDI output beyond the mapping's own (reserved: the event ABI's `emit` needs none).
    case midi
    /// Audio devices (reserved for a later host function).
    case audio
    /// Files in the plugin's own data folder (WASI filesystem calls).
    case filesystem
    /// Starting other programs.
    case subprocess
    /// Changing the machine: volume, media keys, power (MIDIMon's system actions).
    case systemControl = "system-control"

    /// How much harm a plugin with the capability could do.
    public enum Risk: String, Sendable, Comparable {
        case low, medium, high

        public static func < (a: Risk, b: Risk) -> Bool { a.rank < b.rank }
        private var rank: Int { self == .low ? 0 : self == .medium ? 1 : 2 }
    }

    public var risk: Risk {
        switch self {
        case .network, .midi, .audio: .low
        case .systemControl: .medium
        case .filesystem, .subprocess: .high
        }
    }

    /// Whether requesting it in the manifest is enough (low risk).
    public var isGrantedOnRequest: Bool { risk == .low }

    public var description: String { rawValue }

    public static func < (a: Capability, b: Capability) -> Bool { a.rawValue < b.rawValue }

    /// The names, for error messages: `network, midi, audio, ...`.
    public static var knownNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
