import Compiler
import CompilerCache
import Foundation
import PluginHost
import Runtime
import WAT

/// Issue 6's figures: one call through each plugin ABI as the host makes it, side by side,
/// the repetitions interleaved so that noise on the shared machine hits every figure alike.
/// Plugins load as the CLI loads them (manifest, loader, compiled at O2 with fuel into a
/// scratch cache); the examples must have been built (`plugins/build`).
enum PluginBenchmarks {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// A trivial event handler (returns `MIDIMON_PASS`) and an empty export for the raw figure.
    static let trivial = """
        (module
          (func (export "midimon_event_abi_version") (result i32) (i32.const 1))
          (func (export "midimon_on_event") (param i32 i64) (result i32) (i32.const 1))
          (func (export "empty")))
        """

    struct Case {
        var name: String
        /// Calls per sample: a sample is their mean, so the clock's own cost vanishes.
        var calls: Int
        /// Makes that many calls (the loop inside, so no closure call per call).
        var batch: (Int) -> Void
        var samples = Samples()
    }

    static func run() {
        let scratch = CompilerBenchmarks.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let loader = PluginHostLoader(source: Source(cache: ArtifactCache(path: "\(scratch)/cache")),
                                      grants: Grants(path: "\(scratch)/grants.toml"), trustedKeys: TrustedKeys(path: "\(scratch)/keys"))
        func load(_ path: String) -> PluginInstance {
            do { return try loader.load(try PluginManifest.load(path: path)) } catch {
                print("plugins: \(error) (run plugins/build first)")
                exit(1)
            }
        }
        let trivialDirectory = "\(scratch)/trivial"
        try! FileManager.default.createDirectory(atPath: trivialDirectory, withIntermediateDirectories: true)
        try! Data(try! wat2wasm(trivial)).write(to: URL(fileURLWithPath: "\(trivialDirectory)/trivial.wasm"))
        try! Data("[plugin]\nname = \"trivial\"\nversion = \"1\"\ntype = \"wasm\"\nentry_point = \"trivial.wasm\"\nabi = \"event\"\n".utf8)
            .write(to: URL(fileURLWithPath: "\(trivialDirectory)/plugin.toml"))
        let examples = "\(repository)/plugins/examples"
        let trivialPlugin = load("\(trivialDirectory)/plugin.toml")
        let velocity = load("\(examples)/velocity-curve-wat/plugin.toml")
        let minimal = load("\(examples)/minimal-json-c/plugin.toml")
        let template = load("\(examples)/template-json-c/plugin.toml")
        velocity.parameters.set([0.5, 1, 127])

        let empty = trivialPlugin.instance.exportedFunction(named: "empty")!
        let onEventExport = trivialPlugin.instance.exportedFunction(named: "midimon_on_event")!
        let values = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        defer { values.deallocate() }
        let ping = PluginRequest(action: "ping")
        let greet = PluginRequest(action: "greet", params: [.init("name", .string("Ada"))], velocity: 100, timestampMilliseconds: 1)
        var cases = [
            Case(name: "raw Function.invoke of an empty export", calls: 100_000) { n in for _ in 0..<n { _ = empty.invoke(values) } },
            // What onEvent wraps: the same export through the runtime's raw entry.
            Case(name: "raw Function.invoke of the trivial midimon_on_event", calls: 100_000) { n in
                for i in 0..<n {
                    values[0] = 0x64_3c90
                    values[1] = UInt64(i)
                    _ = onEventExport.invoke(values)
                }
            },
            Case(name: "event ABI onEvent, trivial handler", calls: 100_000) { n in
                for i in 0..<n { _ = trivialPlugin.onEvent(message: 0x64_3c90, timestamp: Int64(i)) }
            },
            Case(name: "event ABI onEvent, velocity-curve (note-on, emits 1)", calls: 100_000) { n in
                for i in 0..<n {
                    _ = velocity.onEvent(message: 0x40_3c90 | UInt32(i & 0x3f) << 16, timestamp: Int64(i))
                    velocity.emitBuffer.removeAll()
                }
            },
            Case(name: "JSON ABI execute, minimal-json-c ping", calls: 2_000) { n in for _ in 0..<n { _ = try! minimal.execute(ping) } },
            Case(name: "JSON ABI execute, template-json-c greet (parses, logs)", calls: 2_000) { n in
                for _ in 0..<n { _ = try! template.execute(greet) }
            },
        ]
        Runtime.prepareCurrentThread()
        let repetitions = Bench.quick ? 7 : 31
        for repetition in 0..<repetitions {
            for index in cases.indices {
                let batch = cases[index].batch, calls = cases[index].calls
                cases[index].samples.measure { batch(calls) }
            }
            if repetition % 8 == 0 { _ = template.log.drain() }
        }
        for var item in cases {
            item.samples.nanoseconds = item.samples.nanoseconds.map { $0 / Double(item.calls) }
            print(item.samples.report("plugins: \(item.name) (per call)"))
        }
    }

    /// The CLI's source: the cache, compiling on a miss with its default options.
    struct Source: ArtifactSource {
        let cache: ArtifactCache

        func artifact(module: [UInt8], manifest: PluginManifest) throws(PluginError) -> (Artifact, String) {
            do {
                let resolution = try CachedCompiler.compile(module, options: CompileOptions(), cache: cache, plugin: manifest.name)
                return (try cache.load(resolution.entry), "compiled")
            } catch {
                throw PluginError(.artifact, plugin: manifest.name, "\(error)")
            }
        }

        func cacheState(module: [UInt8]) -> String { "" }
    }
}
