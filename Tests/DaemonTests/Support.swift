import ArtifactCache
import Compiler
import CompilerCache
import DaemonCore
import Foundation
import MIDI
import MappingConfig
import MappingEngine
import PluginHost
import Runtime
import WAT

/// A scratch daemon set-up: a plugins folder of WAT plugins, a config, a replay, a cache
/// (compiled on a miss, O1: fast), removed by `remove()`.
struct DaemonScratch {
    let root: String
    let cache: ArtifactCache

    init() throws {
        root = NSTemporaryDirectory() + "midimon-daemon-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: "\(root)/plugins", withIntermediateDirectories: true)
        cache = ArtifactCache(location: CacheLocation(path: "\(root)/cache", source: .option))
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    func file(_ name: String) -> String { "\(root)/\(name)" }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
        return file(name)
    }

    func read(_ name: String) -> String { (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? "" }

    /// A plugin folder `plugins/NAME` holding the WAT compiled to `plugin.wasm`.
    func plugin(_ name: String, abi: String, wat: String, extra: String = "") throws {
        let folder = "\(root)/plugins/\(name)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(try wat2wasm(wat)).write(to: URL(fileURLWithPath: "\(folder)/plugin.wasm"))
        try """
            [plugin]
            name = "\(name)"
            version = "1.0.0"
            type = "wasm"
            entry_point = "plugin.wasm"
            abi = "\(abi)"
            \(extra)
            """.write(toFile: "\(folder)/plugin.toml", atomically: true, encoding: .utf8)
    }

    /// The daemon's builder for `config`, compiling plugins on a cache miss, with fuel refilled
    /// to `fuel` per call.
    func builder(config: String, outputs: [String] = ["out"], faultLimit: Int = 3, fuel: Int64 = 100_000,
                 workers: DaemonWorkers) -> EngineBuilder {
        let source = CompilingSource(cache: cache)
        let grants = Grants(path: file("grants.toml"))
        let trusted = TrustedKeys(path: file("trusted-keys"))
        return EngineBuilder(configPath: config, outputs: outputs, pluginsDirectory: "\(root)/plugins", faultLimit: faultLimit,
                             eventDeadline: .milliseconds(100), workers: workers) { () throws(PluginError) -> PluginHostLoader in
            PluginHostLoader(source: source, grants: grants, trustedKeys: trusted, options: LoadOptions(fuelPerCall: fuel))
        }
    }
}

/// Compiles on a miss through CompilerCache (O1, one partition: fast), as midimon compile would.
struct CompilingSource: ArtifactSource {
    let cache: ArtifactCache

    func artifact(module: [UInt8], manifest: PluginManifest) throws(PluginError) -> (Artifact, String) {
        do {
            let options = CompileOptions(optimization: .o1, maxPartitions: 1)
            let resolution = try CachedCompiler.compile(module, options: options, cache: cache, plugin: manifest.name)
            return (try cache.load(resolution.entry), resolution.isHit ? "cache hit" : "compiled")
        } catch {
            throw PluginError(.artifact, plugin: manifest.name, "\(error)")
        }
    }

    func cacheState(module: [UInt8]) -> String { "" }
}

/// Collects the workers' lines (they arrive on worker threads).
final class Lines: @unchecked Sendable {
    private var lines: [String] = []
    private let lock = NSLock()
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}

enum Plugins {
    /// Event ABI: note 0x30 traps (`unreachable`), 0x31 loops forever (fuel runs out); any other
    /// message is sent an octave up now and again `delay` µs later; returns 0 (handled).
    static func octave(delay: Int = 1000) -> String {
        """
        (module
          (import "midimon" "emit" (func $emit (param i32 i32) (result i32)))
          (func (export "midimon_event_abi_version") (result i32) (i32.const 1))
          (func (export "midimon_on_event") (param $m i32) (param $t i64) (result i32)
            (local $note i32)
            (local.set $note (i32.and (i32.shr_u (local.get $m) (i32.const 8)) (i32.const 0x7f)))
            (if (i32.eq (local.get $note) (i32.const 0x30)) (then unreachable))
            (if (i32.eq (local.get $note) (i32.const 0x31)) (then (loop $forever (br $forever))))
            (drop (call $emit (i32.add (local.get $m) (i32.const 0xc00)) (i32.const 0)))
            (drop (call $emit (i32.add (local.get $m) (i32.const 0xc00)) (i32.const \(delay))))
            (i32.const 0)))
        """
    }

    /// Event ABI: returns MIDIMON_PASS (the original goes through) and emits nothing; note-ons
    /// with velocity above `param 0` get 1 (error) instead.
    static let passUnder = """
        (module
          (import "midimon" "param" (func $param (param i32) (result f64)))
          (func (export "midimon_event_abi_version") (result i32) (i32.const 1))
          (func (export "midimon_on_event") (param $m i32) (param $t i64) (result i32)
            (if (f64.gt (f64.convert_i32_u (i32.and (i32.shr_u (local.get $m) (i32.const 16)) (i32.const 0x7f)))
                        (call $param (i32.const 0)))
              (then (return (i32.const -7))))
            (i32.const 1)))
        """

    /// JSON ABI: logs every request it is given.
    static func jsonEcho() -> String {
        let metadata = #"{"name":"echo","version":"1.0.0","actions":[{"name":"say"},{"name":"shout"}]}"#
        let escaped = metadata.replacingOccurrences(of: "\"", with: "\\\"")
        return """
            (module
              (import "midimon" "log" (func $log (param i32 i32 i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "\(escaped)")
              (func (export "alloc") (param i32) (result i32) (i32.const 1024))
              (func (export "init") (result i64) (i64.or (i64.shl (i64.const 16) (i64.const 32)) (i64.const \(metadata.utf8.count))))
              (func (export "execute") (param i32 i32) (result i32) (call $log (i32.const 2) (local.get 0) (local.get 1)) (i32.const 0)))
            """
    }
}
