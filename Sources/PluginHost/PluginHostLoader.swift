import Foundation
import FrontEnd
import Runtime
import WASIPreview1

/// What a host decides once for every plugin it loads.
public struct LoadOptions: Sendable {
    /// Refuse unsigned plugins (`--require-signatures`); a bad signature is refused always.
    public var requireSignatures: Bool
    public var http: HTTPSettings
    /// Definitions of non-`midimon` import modules: WASI preview 1 by default.
    public var importProviders: [any ImportProvider]
    /// Each outermost call's wall-clock budget (``Store/deadline``).
    public var deadline: Duration?
    /// Fuel given back before every call, for code compiled with fuel; nil: the store's
    /// budget is never refilled (``Store/fuel``).
    public var fuelPerCall: Int64?
    public var configuration: InstanceConfiguration
    /// `now_us` (tests inject a fixed clock).
    public var clock: @Sendable () -> Int64
    public var logCapacity: Int
    public var emitCapacity: Int

    public init(requireSignatures: Bool = false, http: HTTPSettings = HTTPSettings(), importProviders: [any ImportProvider] = [WASIImportProvider()],
                deadline: Duration? = Store.defaultDeadline, fuelPerCall: Int64? = nil,
                configuration: InstanceConfiguration = InstanceConfiguration(),
                clock: @escaping @Sendable () -> Int64 = PluginLog.monotonicMicroseconds,
                logCapacity: Int = 256, emitCapacity: Int = 256) {
        self.requireSignatures = requireSignatures
        self.http = http
        self.importProviders = importProviders
        self.deadline = deadline
        self.fuelPerCall = fuelPerCall
        self.configuration = configuration
        self.clock = clock
        self.logCapacity = logCapacity
        self.emitCapacity = emitCapacity
    }
}

/// Loads plugins: manifest → module bytes → `sha256` check → signature check → grants →
/// compiled code (from the injected ``ArtifactSource``) → `midimon` imports bound once →
/// instance → ABI checks and `init`. Each step's failure is a ``PluginError`` naming the
/// plugin and the field; nothing is compiled before the integrity checks pass.
public final class PluginHostLoader: @unchecked Sendable {
    public let source: any ArtifactSource
    public let grants: Grants
    public let trustedKeys: TrustedKeys
    public let options: LoadOptions

    public init(source: any ArtifactSource, grants: Grants, trustedKeys: TrustedKeys, options: LoadOptions = LoadOptions()) {
        self.source = source
        self.grants = grants
        self.trustedKeys = trustedKeys
        self.options = options
    }

    /// A loader reading the grants and trusted keys from `paths` (missing files: no grants,
    /// no trusted keys).
    public convenience init(paths: HostPaths, source: any ArtifactSource, options: LoadOptions = LoadOptions()) throws(PluginError) {
        self.init(source: source, grants: try Grants.load(path: paths.grantsFile),
                  trustedKeys: try TrustedKeys.load(path: paths.trustedKeysFile), options: options)
    }

    /// Loads every discovered plugin; one that fails is reported with the discovery's own
    /// problems and the others load (the daemon's start-up).
    public func loadAll(_ discovery: Discovery) -> (plugins: [PluginInstance], problems: [PluginError]) {
        var plugins: [PluginInstance] = []
        var problems = discovery.problems
        for manifest in discovery.plugins {
            do {
                plugins.append(try load(manifest))
            } catch {
                problems.append(error)
            }
        }
        return (plugins, problems)
    }

    /// The checks before compiling: the module's bytes (matching `sha256` when the manifest
    /// pins one) and the signature state (throws for a bad signature, or a missing one when
    /// signatures are required).
    public func checkIntegrity(_ manifest: PluginManifest) throws(PluginError) -> (module: [UInt8], signature: PluginSignature.State) {
        guard let data = FileManager.default.contents(atPath: manifest.modulePath) else {
            throw PluginError(.io, plugin: manifest.name, field: "plugin.entry_point", "cannot read the module \(manifest.modulePath)")
        }
        let module = Array(data)
        if let expected = manifest.sha256 {
            let actual = PluginSignature.sha256(module)
            guard actual == expected else {
                throw PluginError(.integrity, plugin: manifest.name, field: "plugin.sha256",
                                  "the module \(manifest.modulePath) has SHA-256 \(actual), the manifest says \(expected); not loaded")
            }
        }
        let signature = PluginSignature.verify(manifest: manifest, trusted: trustedKeys)
        switch signature {
        case .invalid(let why):
            throw PluginError(.signature, plugin: manifest.name, field: manifest.signaturePath, "\(why); not loaded")
        case .unsigned where options.requireSignatures:
            throw PluginError(.signature, plugin: manifest.name, field: manifest.signaturePath,
                              "unsigned, and signatures are required; sign it with `midimon plugin sign \(manifest.name) --key KEY`")
        default:
            return (module, signature)
        }
    }

    /// Loads, instantiates and initialises the plugin. `emitBuffer` and `parameters` are the
    /// caller's (the daemon's preallocated ones), or fresh.
    public func load(_ manifest: PluginManifest, emitBuffer: EmitBuffer? = nil, parameters: ParameterBlock? = nil) throws(PluginError) -> PluginInstance {
        let (module, signature) = try checkIntegrity(manifest)
        let log = PluginLog(capacity: options.logCapacity)
        var warnings = manifest.warnings
        if case .unsigned = signature {
            warnings.append("\(manifest.name): unverified: no signature (\(manifest.signaturePath))")
        }
        let capabilities = grants.effective(for: manifest)
        for capability in grants.missing(for: manifest) {
            warnings.append("\(manifest.name): requests `\(capability)` (\(capability.risk) risk), not granted: calls that need it will fail; `midimon plugin grant \(manifest.name) \(capability)` grants it")
        }
        for warning in warnings { log.append(.warning, warning) }

        let (artifact, origin) = try source.artifact(module: module, manifest: manifest)
        let context = PluginContext(
            name: manifest.name, abi: manifest.abi, capabilities: capabilities, requested: manifest.capabilities,
            log: log, emitBuffer: emitBuffer ?? EmitBuffer(capacity: options.emitCapacity), parameters: parameters ?? ParameterBlock(),
            clock: options.clock, http: options.http, directory: manifest.directory,
            environment: WASIConfiguration.allowedEnvironment(ProcessInfo.processInfo.environment, allowed: manifest.environment))
        let imports = try HostBindings.imports(for: artifact.module, context: context, providers: options.importProviders)
        try Self.checkExports(artifact, manifest)

        let store = Store(deadline: options.deadline)
        let instance: Instance
        do {
            if let fuel = options.fuelPerCall { store.fuel = fuel }
            instance = try Instance(artifact, store: store, imports: imports, configuration: options.configuration)
        } catch {
            let kind: PluginError.Kind = error.kind == .trap ? .trap : .imports
            throw PluginError(kind, plugin: manifest.name, "cannot instantiate: \(error.message)\(error.trap.map { " (\($0))" } ?? "")")
        }
        return try PluginInstance(manifest: manifest, context: context, instance: instance, signature: signature,
                                  origin: origin, warnings: warnings, fuelPerCall: options.fuelPerCall)
    }

    /// Every export the manifest's ABI needs, present with the right kind and type, before
    /// anything runs.
    static func checkExports(_ artifact: Artifact, _ manifest: PluginManifest) throws(PluginError) {
        let module = artifact.module
        func export(_ name: String) -> FrontEnd.Export? { module.exports.first { $0.name == name } }
        func check(_ name: String, _ type: FunctionType, required: Bool) throws(PluginError) {
            guard let found = export(name) else {
                if required {
                    throw PluginError(.exports, plugin: manifest.name, field: name,
                                      "missing export `\(name)` \(type), required by the \(manifest.abi) ABI (abi = \"\(manifest.abi)\" in plugin.toml)")
                }
                return
            }
            guard found.kind == .function else {
                throw PluginError(.exports, plugin: manifest.name, field: name, "exported as a \(found.kind), must be a function \(type)")
            }
            let actual = module.functionType(ofFunction: found.index)
            guard actual == type else {
                throw PluginError(.exports, plugin: manifest.name, field: name,
                                  "has type \(actual.map(\.description) ?? "?"), must be \(type)")
            }
        }
        for (name, type) in PluginExports.required(manifest.abi) { try check(name, type, required: true) }
        for (name, type) in PluginExports.optional(manifest.abi) { try check(name, type, required: false) }
        if manifest.abi == .json {
            guard let memory = export(PluginExports.memory) else {
                throw PluginError(.exports, plugin: manifest.name, field: PluginExports.memory,
                                  "missing export `memory`, required by the json ABI (the host writes requests into it)")
            }
            guard memory.kind == .memory else {
                throw PluginError(.exports, plugin: manifest.name, field: PluginExports.memory, "exported as a \(memory.kind), must be a memory")
            }
        }
    }
}
