/// Why a plugin was not discovered, loaded, or called: always names the plugin (or its
/// manifest file), and the field or export at fault when there is one, so that a user with
/// twenty plugins knows which to fix. Other plugins are unaffected.
public struct PluginError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// The manifest cannot be read, is not TOML, or has a missing or wrong field.
        case manifest
        /// The module's SHA-256 differs from the manifest's `sha256`.
        case integrity
        /// A signature that does not verify, or none when signatures are required.
        case signature
        /// No compiled code for the module (the daemon cannot compile), or the cache refused it.
        case artifact
        /// An import the host does not provide, or provides with another type.
        case imports
        /// A required export is missing or has the wrong type, or the ABI version is unknown.
        case exports
        /// The plugin handed back something unusable: a pointer outside its memory, metadata
        /// that is not JSON.
        case badOutput
        /// Instantiation failed or a call trapped.
        case trap
        /// Reading or writing the grants or trusted-keys file, the module, a key.
        case io
    }

    public let kind: Kind
    /// The plugin's name, or its manifest path when the name is not known yet.
    public let plugin: String
    /// The manifest field, export or import at fault (`plugin.entry_point`, `execute`).
    public let field: String?
    /// Line in the manifest, when known.
    public let line: Int?
    public let message: String

    public init(_ kind: Kind, plugin: String, field: String? = nil, line: Int? = nil, _ message: String) {
        self.kind = kind
        self.plugin = plugin
        self.field = field
        self.line = line
        self.message = message
    }

    /// `plugin.toml:4: plugin.version: expected a string` or `echo: execute: missing export`.
    public var description: String {
        var text = plugin
        if let line { text += ":\(line)" }
        if let field { text += ": \(field)" }
        return "\(text): \(message)"
    }
}
