import ArgumentParser
import Compiler
import CompilerCache
import Foundation
import PluginHost
import PluginHostHTTP
import Runtime

/// `midimon plugin ...`: create, build, list, inspect, grant, run, sign and verify plugins
/// (docs/plugin-abi.md). Loading goes through PluginHost exactly as the daemon's does, except
/// that a module missing from the cache is compiled here (the CLI links the compiler).
struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Create, build, list, inspect, grant, run, sign and verify plugins.",
        discussion: "A plugin is a folder with plugin.toml and its module; see docs/plugin-abi.md.",
        subcommands: [PluginNew.self, PluginBuild.self, PluginList.self, PluginInfo.self, PluginGrant.self,
                      PluginRevoke.self, PluginExec.self, PluginSign.self, PluginVerify.self, PluginKeygen.self]
    )
}

/// Where plugins, grants and trusted keys live (HostPaths).
struct PluginPathOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The plugins folder (default: MIDIMON_PLUGINS_DIR, else ~/.config/midimon/plugins).", valueName: "dir"))
    var pluginsDir: String?

    @Option(name: .long, help: ArgumentHelp("The grants file (default: MIDIMON_GRANTS_FILE, else ~/.config/midimon/grants.toml).", valueName: "file"))
    var grantsFile: String?

    @Option(name: .long, help: ArgumentHelp("The trusted keys (default: MIDIMON_TRUSTED_KEYS, else ~/.config/midimon/trusted-keys).", valueName: "file"))
    var trustedKeys: String?

    var paths: HostPaths { HostPaths.resolve(pluginsDirectory: pluginsDir, grantsFile: grantsFile, trustedKeysFile: trustedKeys) }

    /// The plugin `reference` names: a folder (or its plugin.toml) when it contains a slash or
    /// is an existing folder, else a plugin of the plugins folder.
    func manifest(_ reference: String) throws -> PluginManifest {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: reference, isDirectory: &isDirectory)
        if reference.hasSuffix(".toml") && exists { return try orExit { () throws(PluginError) in try PluginManifest.load(path: reference) } }
        if exists && isDirectory.boolValue && FileManager.default.fileExists(atPath: "\(reference)/plugin.toml") {
            return try orExit { () throws(PluginError) in try PluginManifest.load(path: "\(reference)/plugin.toml") }
        }
        let discovery = Discovery.scan(paths.pluginsDirectory)
        if let found = discovery.plugin(named: reference) { return found }
        if let problem = discovery.problems.first(where: { $0.plugin.contains("/\(reference)/") }) {
            FileInput.printError("midimon: \(problem)")
            throw ExitCode.failure
        }
        FileInput.printError("midimon: no plugin \"\(reference)\" in \(paths.pluginsDirectory) (plugins: \(discovery.plugins.map(\.name).joined(separator: ", ")))")
        throw ExitCode.failure
    }

    func grants() throws -> Grants { try orExit { () throws(PluginError) in try Grants.load(path: paths.grantsFile) } }
    func trusted() throws -> TrustedKeys { try orExit { () throws(PluginError) in try TrustedKeys.load(path: paths.trustedKeysFile) } }
}

/// Runs `body`; a PluginError is printed as `midimon: <error>` with exit status 1.
func orExit<T>(_ body: () throws(PluginError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        FileInput.printError("midimon: \(error)")
        throw ExitCode.failure
    }
}

/// The CLI's ArtifactSource: the cache, compiling on a miss (CompilerCache).
struct CompilingArtifactSource: ArtifactSource {
    let cache: ArtifactCache
    let options: CompileOptions

    func artifact(module: [UInt8], manifest: PluginManifest) throws(PluginError) -> (Artifact, String) {
        do {
            let resolution = try CachedCompiler.compile(module, options: options, cache: cache, plugin: manifest.name, source: manifest.modulePath)
            let artifact = try cache.load(resolution.entry)
            return (artifact, resolution.isHit ? "cache hit" : "compiled into the cache")
        } catch {
            throw PluginError(.artifact, plugin: manifest.name, field: "plugin.entry_point", "cannot compile \(manifest.modulePath): \(error)")
        }
    }

    func cacheState(module: [UInt8]) -> String {
        CachedArtifactSource(cache: cache, code: CachedCompiler.codeSettings(options)).cacheState(module: module)
    }
}

struct PluginList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the plugins in the plugins folder, with their signature state.",
        discussion: "One line per plugin: name, version, ABI, verified/unverified/BAD SIGNATURE, capabilities. Broken manifests and duplicates are listed on standard error; the exit status is 0 all the same.")

    @OptionGroup var paths: PluginPathOptions

    func run() throws {
        let discovery = Discovery.scan(paths.paths.pluginsDirectory)
        let trusted = try paths.trusted()
        let grants = try paths.grants()
        for manifest in discovery.plugins {
            let state = PluginSignature.verify(manifest: manifest, trusted: trusted)
            let word = switch state {
            case .verified(let key): "verified(\(key))"
            case .unsigned: "unverified"
            case .invalid: "BAD-SIGNATURE"
            }
            let missing = Set(grants.missing(for: manifest))
            let caps = manifest.capabilities.map { missing.contains($0) ? "\($0)(not granted)" : $0.rawValue }.joined(separator: ",")
            print("\(manifest.name)\t\(manifest.version)\t\(manifest.abi)\t\(word)\t\(caps.isEmpty ? "-" : caps)")
        }
        if discovery.plugins.isEmpty { print("no plugins in \(paths.paths.pluginsDirectory)") }
        for problem in discovery.problems { FileInput.printError("midimon: \(problem)") }
    }
}

struct PluginInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a plugin's manifest, grants, signature and cache state.")

    @OptionGroup var paths: PluginPathOptions
    @OptionGroup var cacheDirectory: CacheDirectoryOption
    @OptionGroup var code: CodeOptions

    @Argument(help: "The plugin's name, or its folder.")
    var name: String

    func run() throws {
        let manifest = try paths.manifest(name)
        let grants = try paths.grants()
        let source = CompilingArtifactSource(cache: cacheDirectory.open(), options: try code.compileOptions())
        print("plugin \(manifest.name) \(manifest.version)")
        print("manifest: \(manifest.path)")
        if let description = manifest.description { print("description: \(description)") }
        if let author = manifest.author { print("author: \(author)") }
        if let license = manifest.license { print("license: \(license)") }
        print("abi: \(manifest.abi)")
        print("module: \(manifest.modulePath)")
        if let bytes = FileManager.default.contents(atPath: manifest.modulePath) {
            let digest = PluginSignature.sha256(Array(bytes))
            let pinned = manifest.sha256.map { $0 == digest ? " (matches the manifest)" : " (MISMATCH: the manifest says \($0))" } ?? ""
            print("sha256: \(digest)\(pinned)")
            print("cache: \(source.cacheState(module: Array(bytes)))")
        } else {
            print("sha256: module missing (run `midimon plugin build \(manifest.name)`)")
        }
        let effective = grants.effective(for: manifest)
        let user = grants.granted(to: manifest.name)
        print("capabilities:\(manifest.capabilities.isEmpty ? " none" : "")")
        for capability in manifest.capabilities {
            let state = effective.contains(capability) ? (user.contains(capability) ? "granted" : "granted (low risk)") : "NOT GRANTED"
            print("  \(capability) (\(capability.risk) risk): \(state)")
        }
        print("signature: \(PluginSignature.verify(manifest: manifest, trusted: try paths.trusted()))")
        if !manifest.actions.isEmpty {
            print("actions:")
            for action in manifest.actions {
                let parameters = action.parameters.map(\.name).joined(separator: ", ")
                print("  \(action.name)\(parameters.isEmpty ? "" : " (\(parameters))")\(action.description.map { ": \($0)" } ?? "")")
            }
        }
        for warning in manifest.warnings { FileInput.printError("midimon: warning: \(warning)") }
    }
}

struct PluginGrant: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant a plugin a capability (stored in the grants file).")

    @OptionGroup var paths: PluginPathOptions
    @Argument(help: "The plugin's name.") var name: String
    @Argument(help: "network, midi, audio, filesystem, subprocess or system-control.") var capability: String

    func run() throws {
        guard let capability = Capability(rawValue: capability) else {
            throw ValidationError("unknown capability \"\(self.capability)\" (known: \(Capability.knownNames))")
        }
        var grants = try paths.grants()
        grants.grant(capability, to: name)
        try orExit { () throws(PluginError) in try grants.save() }
        print("granted \(capability) (\(capability.risk) risk) to \(name) in \(grants.path)")
    }
}

struct PluginRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a capability granted to a plugin.")

    @OptionGroup var paths: PluginPathOptions
    @Argument(help: "The plugin's name.") var name: String
    @Argument(help: "The capability.") var capability: String

    func run() throws {
        guard let capability = Capability(rawValue: capability) else {
            throw ValidationError("unknown capability \"\(self.capability)\" (known: \(Capability.knownNames))")
        }
        var grants = try paths.grants()
        let had = grants.granted(to: name).contains(capability)
        grants.revoke(capability, from: name)
        try orExit { () throws(PluginError) in try grants.save() }
        print(had ? "revoked \(capability) from \(name)" : "\(name) had no grant of \(capability)")
    }
}

struct PluginExec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Load a JSON-ABI plugin and call one action; print the status and the plugin's log.",
        discussion: """
            Loads the plugin as the daemon would (sha256, signature, grants, cache; compiling on \
            a miss), calls execute once with {"action", "params", "context"} and prints \
            `status N` and then the plugin's log, one `level: text` line each. --param K=V \
            (repeatable) passes V as a number, true/false/null, or else a string. Exit status 0 \
            when execute returned 0, 1 otherwise.
            """)

    @OptionGroup var paths: PluginPathOptions
    @OptionGroup var cacheDirectory: CacheDirectoryOption
    @OptionGroup var code: CodeOptions

    @Argument(help: "The plugin's name, or its folder.") var name: String
    @Option(name: .long, help: "The action to run.") var action: String
    @Option(name: .long, help: ArgumentHelp("A parameter (repeatable).", valueName: "key=value")) var param: [String] = []
    @Option(name: .long, help: "The triggering note's velocity (default: null).") var velocity: Int?
    @Option(name: .long, help: "The current mode (default: null).") var mode: Int?
    @Flag(name: .long, help: "Refuse plugins without a valid signature.") var requireSignatures = false

    func run() throws {
        let manifest = try paths.manifest(name)
        var params: [PluginRequest.Param] = []
        for pair in param {
            guard let equals = pair.firstIndex(of: "=") else { throw ValidationError("--param needs key=value (got \"\(pair)\")") }
            params.append(.init(String(pair[..<equals]), JSONValue.parse(String(pair[pair.index(after: equals)...]))))
        }
        let loader = PluginHostLoader(
            source: CompilingArtifactSource(cache: cacheDirectory.open(), options: try code.compileOptions()),
            grants: try paths.grants(), trustedKeys: try paths.trusted(),
            options: LoadOptions(requireSignatures: requireSignatures, http: HTTPSettings(transport: AsyncHTTPTransport())))
        let plugin = try orExit { () throws(PluginError) in try loader.load(manifest) }
        for warning in plugin.warnings { FileInput.printError("midimon: warning: \(warning)") }
        guard manifest.abi == .json else {
            FileInput.printError("midimon: \(manifest.name): exec calls the JSON ABI; this plugin uses abi = \"\(manifest.abi)\"")
            throw ExitCode.failure
        }
        _ = plugin.log.drain()  // the load warnings were printed above
        let request = PluginRequest(action: action, params: params, velocity: velocity, currentMode: mode,
                                    timestampMilliseconds: PluginLog.monotonicMicroseconds() / 1000)
        let result: PluginInstance.ExecuteResult
        do {
            result = try plugin.execute(request)
        } catch {
            FileInput.printError("midimon: \(error)")
            printLog(plugin)
            throw ExitCode.failure
        }
        print("status \(result.status)\(result.succeeded ? " (success)" : " (error)")")
        printLog(plugin)
        if !result.succeeded { throw ExitCode.failure }
    }

    private func printLog(_ plugin: PluginInstance) {
        let entries = plugin.log.drain()
        print("log:\(entries.isEmpty ? " (empty)" : "")")
        for entry in entries {
            // Continuation lines indented, so each entry stays one block.
            let text = entry.text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
            print("  \(entry.fromHost ? "host " : "")\(entry.level): \(text)")
        }
    }
}
