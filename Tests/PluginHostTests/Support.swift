import Compiler
import CompilerCache
import Foundation
import PluginHost
import Runtime
import Testing
import WAT

/// A scratch plugins folder, grants and trusted-keys files and a cache, removed by `remove()`.
final class Scratch {
    let root: String
    var plugins: String { "\(root)/plugins" }
    var grantsFile: String { "\(root)/grants.toml" }
    var trustedKeysFile: String { "\(root)/trusted-keys" }
    let cache: ArtifactCache

    init() throws {
        root = NSTemporaryDirectory() + "midimon-pluginhost-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: "\(root)/plugins", withIntermediateDirectories: true)
        cache = ArtifactCache(path: "\(root)/cache")
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `plugins/<folder>/plugin.toml` (and the module, when given) and returns the
    /// manifest's path.
    @discardableResult
    func plugin(_ folder: String, manifest: String, module: [UInt8]? = nil, moduleName: String = "plugin.wasm") throws -> String {
        let directory = "\(plugins)/\(folder)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: "\(directory)/plugin.toml"))
        if let module { try Data(module).write(to: URL(fileURLWithPath: "\(directory)/\(moduleName)")) }
        return "\(directory)/plugin.toml"
    }

    /// A plugin from WAT text with a standard manifest; returns its parsed manifest.
    func watPlugin(_ name: String, abi: String = "json", capabilities: [String] = [], extra: String = "", wat: String) throws -> PluginManifest {
        let caps = capabilities.map { "\"\($0)\"" }.joined(separator: ", ")
        let path = try plugin(name, manifest: """
            [plugin]
            name = "\(name)"
            version = "1.0.0"
            type = "wasm"
            entry_point = "plugin.wasm"
            capabilities = [\(caps)]
            abi = "\(abi)"
            \(extra)
            """, module: try wat2wasm(wat))
        return try PluginManifest.load(path: path)
    }

    func loader(requireSignatures: Bool = false, grants: Grants? = nil, trusted: TrustedKeys? = nil,
                http: HTTPSettings = HTTPSettings(), clock: @escaping @Sendable () -> Int64 = PluginLog.monotonicMicroseconds) -> PluginHostLoader {
        PluginHostLoader(
            source: TestArtifactSource(cache: cache),
            grants: grants ?? Grants(path: grantsFile), trustedKeys: trusted ?? TrustedKeys(path: trustedKeysFile),
            options: LoadOptions(requireSignatures: requireSignatures, http: http, clock: clock))
    }

    var cacheEntries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: cache.entriesPath)) ?? [] }
}

/// Compiles on a miss through CompilerCache, as the CLI's source does (O1, one partition: fast).
struct TestArtifactSource: ArtifactSource {
    let cache: ArtifactCache
    var options = CompileOptions(optimization: .o1, maxPartitions: 1)

    func artifact(module: [UInt8], manifest: PluginManifest) throws(PluginError) -> (Artifact, String) {
        do {
            let resolution = try CachedCompiler.compile(module, options: options, cache: cache, plugin: manifest.name)
            return (try cache.load(resolution.entry), resolution.isHit ? "cache hit" : "compiled")
        } catch {
            throw PluginError(.artifact, plugin: manifest.name, "\(error)")
        }
    }

    func cacheState(module: [UInt8]) -> String {
        CachedArtifactSource(cache: cache, code: CachedCompiler.codeSettings(options)).cacheState(module: module)
    }
}

/// The error `body` throws, which the test expects.
func expectError(_ body: () throws(PluginError) -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> PluginError? {
    do {
        try body()
        Issue.record("expected an error", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// WAT for a JSON-ABI plugin: `metadata` at 16, `alloc` always 1024, and `execute`'s body.
func jsonPluginWAT(metadata: String = #"{"name":"echo","version":"1.0.0","actions":[{"name":"echo"}]}"#,
                   imports: String = #"(import "midimon" "log" (func $log (param i32 i32 i32)))"#,
                   execute: String = "(call $log (i32.const 2) (local.get 0) (local.get 1)) (i32.const 0)",
                   extra: String = "") -> String {
    let escaped = metadata.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return """
        (module
          \(imports)
          (memory (export "memory") 1)
          (data (i32.const 16) "\(escaped)")
          (func (export "alloc") (param i32) (result i32) (i32.const 1024))
          (func (export "init") (result i64) (i64.or (i64.shl (i64.const 16) (i64.const 32)) (i64.const \(metadata.utf8.count))))
          (func (export "execute") (param i32 i32) (result i32) \(execute))
          \(extra))
        """
}
