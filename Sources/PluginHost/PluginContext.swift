import Runtime

/// What the host functions of one plugin instance share: its name, what it may do, where its
/// output goes. Made by the loader; the caller provides the emit buffer and parameters, or
/// gets fresh ones.
public final class PluginContext: @unchecked Sendable {
    public let name: String
    public let abi: PluginManifest.ABI
    /// The capabilities the plugin has (requested, and low risk or granted).
    public let capabilities: Set<Capability>
    /// The capabilities the manifest requests (granted or not).
    public let requested: [Capability]
    public let log: PluginLog
    public let emitBuffer: EmitBuffer
    public let parameters: ParameterBlock
    /// `now_us`: the monotonic clock in microseconds (tests inject a fixed one).
    public let clock: @Sendable () -> Int64
    public let http: HTTPSettings
    /// The plugin's folder (WASI preopens a data folder under it when `filesystem` is granted).
    public let directory: String
    /// Host environment variables WASI may show (the manifest's `environment`, with values).
    public let environment: [(name: String, value: String)]

    public init(name: String, abi: PluginManifest.ABI, capabilities: Set<Capability>, requested: [Capability],
                log: PluginLog = PluginLog(), emitBuffer: EmitBuffer = EmitBuffer(), parameters: ParameterBlock = ParameterBlock(),
                clock: @escaping @Sendable () -> Int64 = PluginLog.monotonicMicroseconds,
                http: HTTPSettings = HTTPSettings(), directory: String = ".",
                environment: [(name: String, value: String)] = []) {
        self.name = name
        self.abi = abi
        self.capabilities = capabilities
        self.requested = requested
        self.log = log
        self.emitBuffer = emitBuffer
        self.parameters = parameters
        self.clock = clock
        self.http = http
        self.directory = directory
        self.environment = environment
    }

    /// The message logged (and returned) when a call needs a capability the plugin lacks.
    public func denial(_ function: String, needs capability: Capability) -> String {
        let how = requested.contains(capability)
            ? "grant it with `midimon plugin grant \(name) \(capability)`"
            : "request it in plugin.toml (capabilities = [\"\(capability)\"])\(capability.isGrantedOnRequest ? "" : " and grant it with `midimon plugin grant \(name) \(capability)`")"
        return "\(function) denied: plugin \(name) lacks the `\(capability)` capability (\(capability.risk) risk); \(how)"
    }
}

/// Defines imports of modules other than `midimon` for a plugin: the seam for WASI
/// (`wasi_snapshot_preview1`), which another target provides. A provider sees the plugin's
/// context, so it can confine or refuse what needs a capability (the filesystem only when
/// `filesystem` is granted), and must log a denial into ``PluginContext/log``.
public protocol ImportProvider: Sendable {
    /// The import modules it answers for.
    var modules: [String] { get }
    /// Adds its definitions for `plugin` (called once per instantiation).
    func define(into imports: inout Imports, for plugin: PluginContext) throws(PluginError)
}
