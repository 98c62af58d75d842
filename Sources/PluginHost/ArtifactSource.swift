import ArtifactCache
import Runtime

/// Where a plugin's compiled code comes from. PluginHost never compiles (it links no LLVM):
/// the daemon reads the cache (``CachedArtifactSource``), and the CLI, which links the
/// compiler, injects a source that compiles on a miss (CompilerCache).
public protocol ArtifactSource: Sendable {
    /// The loaded artifact for `module` (already checked against the manifest's `sha256`),
    /// and a line saying where it came from (`cache hit`, `compiled in 1.2 s`).
    func artifact(module: [UInt8], manifest: PluginManifest) throws(PluginError) -> (Artifact, String)
    /// Whether compiled code is ready for `module`, for `plugin info` (no compiling).
    func cacheState(module: [UInt8]) -> String
}

/// The daemon's source: the verified cache entry `midimon compile` would make, or a refusal
/// that gives the exact `midimon compile` command.
public struct CachedArtifactSource: ArtifactSource {
    public let cache: ArtifactCache
    public let code: CodeSettings

    public init(cache: ArtifactCache, code: CodeSettings = .default) {
        self.cache = cache
        self.code = code
    }

    /// The command that makes the entry this source looks for.
    public func compileCommand(_ manifest: PluginManifest) -> String {
        (["midimon", "compile", "--cache-dir", cache.root] + code.commandLineOptions + [manifest.modulePath])
            .map(ShellWord.quote).joined(separator: " ")
    }

    public func artifact(module: [UInt8], manifest: PluginManifest) throws(PluginError) -> (Artifact, String) {
        do throws(CacheError) {
            try cache.checkReadable()
            guard let inputs = cache.recordedInputs(module: module, code: code) else {
                throw CacheError(.miss, cache.root, "no toolchain recorded for this machine")
            }
            let (artifact, entry) = try cache.loadArtifact(inputs)
            return (artifact, "cache entry \(entry.key.prefix(12))")
        } catch {
            throw PluginError(.artifact, plugin: manifest.name, field: "plugin.entry_point",
                              "no usable compiled code (\(error.message)); to compile it, run: \(compileCommand(manifest))")
        }
    }

    public func cacheState(module: [UInt8]) -> String {
        guard let inputs = cache.recordedInputs(module: module, code: code) else { return "not compiled (no toolchain recorded in \(cache.root))" }
        switch cache.verify(key: inputs.key) {
        case .missing: return "not compiled (\(code))"
        case .valid(let entry): return "compiled (\(code)), cache entry \(entry.key.prefix(12))"
        case .invalid(let problem): return "bad cache entry: \(problem)"
        }
    }
}

public enum ShellWord {
    /// `text` as one shell word.
    public static func quote(_ text: String) -> String {
        let safe = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
        return safe ? text : "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
