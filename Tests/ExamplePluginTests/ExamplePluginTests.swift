import Compiler
import CompilerCache
import Foundation
import PluginHost
import PluginHostHTTP
import Runtime
import Testing

/// Every `plugins/examples/*/` with a `plugin.toml` and a `tests.txt`: built with
/// `plugins/build`, loaded as the CLI loads it (manifest, integrity, grants, compiled into a
/// scratch cache, dlopen, instance, `init`), and its vectors run. Folders without vectors
/// (transpose-c, chord-wasi-c, velocity-wat) are raw modules that other tests cover.
@Suite(.serialized) struct ExamplePluginTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let examples = "\(repository)/plugins/examples"

    static let folders: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: examples)) ?? []).sorted().filter {
        FileManager.default.fileExists(atPath: "\(examples)/\($0)/plugin.toml")
            && FileManager.default.fileExists(atPath: "\(examples)/\($0)/tests.txt")
    }

    /// `plugins/build`'s failure, if any: run once per process (it only rebuilds what is out
    /// of date, so after scripts/test's own run it does nothing).
    static let buildFailure: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(repository)/plugins/build")
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return "cannot run plugins/build: \(error)" }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : "plugins/build exited with \(process.terminationStatus):\n\(output)"
    }()

    @Test func examplesHaveVectors() {
        #expect(Self.folders.count >= 7, "found \(Self.folders) in \(Self.examples)")
    }

    @Test(arguments: ExamplePluginTests.folders) func vectors(folder: String) throws {
        if let failure = Self.buildFailure { Issue.record(Comment(rawValue: failure)); return }
        let directory = "\(Self.examples)/\(folder)"
        let manifest = try PluginManifest.load(path: "\(directory)/plugin.toml")
        try Self.checkFresh(manifest)
        // Every key of the examples' manifests is known (`[[parameters]]` included).
        #expect(manifest.warnings.isEmpty, "\(manifest.warnings)")

        let scratch = NSTemporaryDirectory() + "midimon-examples-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let server = try VectorServer()
        defer { server.stop() }
        let clock = VectorClock()
        // Missing grants and trusted-keys files: low-risk capabilities (network) only, unsigned.
        let loader = PluginHostLoader(
            source: CompilingSource(cache: ArtifactCache(path: "\(scratch)/cache")),
            grants: Grants(path: "\(scratch)/grants.toml"), trustedKeys: TrustedKeys(path: "\(scratch)/trusted-keys"),
            options: LoadOptions(http: HTTPSettings(transport: AsyncHTTPTransport(), timeout: .seconds(2)),
                                 clock: { clock.now.load(ordering: .relaxed) }))
        let file = VectorFile(try String(contentsOfFile: "\(directory)/tests.txt", encoding: .utf8))

        // Unset parameters read as NaN, or as their manifest defaults: the README allows both.
        for defaults in manifest.parameters.isEmpty ? [false] : [false, true] {
            var runner = VectorRunner(manifest: manifest, loader: loader, clock: clock, server: server, manifestDefaults: defaults)
            try runner.reset()
            for problem in runner.run(file) {
                let location = SourceLocation(fileID: "\(folder)/tests.txt", filePath: "\(directory)/tests.txt", line: problem.line, column: 1)
                Issue.record("\(folder)/tests.txt:\(problem.line)\(defaults ? " (manifest defaults)" : ""): \(problem.message)",
                             sourceLocation: location)
            }
        }
    }

    /// The module exists and is newer than its sources (and the SDK headers a C source uses).
    static func checkFresh(_ manifest: PluginManifest) throws {
        let files = FileManager.default
        let module = try #require(try? files.attributesOfItem(atPath: manifest.modulePath)[.modificationDate] as? Date,
                                  "\(manifest.modulePath) is missing after plugins/build")
        var sources = try files.contentsOfDirectory(atPath: manifest.directory).filter { $0.hasSuffix(".c") || $0.hasSuffix(".wat") }
            .map { "\(manifest.directory)/\($0)" }
        if sources.contains(where: { $0.hasSuffix(".c") }) {
            sources += try files.contentsOfDirectory(atPath: "\(repository)/plugins/sdk").map { "\(repository)/plugins/sdk/\($0)" }
        }
        for source in sources {
            let date = try files.attributesOfItem(atPath: source)[.modificationDate] as? Date ?? .distantPast
            #expect(module >= date, "\(manifest.modulePath) is older than \(source): plugins/build did not rebuild it")
        }
    }
}

/// Compiles on a cache miss, as the CLI's CompilingArtifactSource does (its default options:
/// O2, fuel, explicit bounds checks).
struct CompilingSource: ArtifactSource {
    let cache: ArtifactCache
    var options = CompileOptions()

    func artifact(module: [UInt8], manifest: PluginManifest) throws(PluginError) -> (Artifact, String) {
        do {
            let resolution = try CachedCompiler.compile(module, options: options, cache: cache, plugin: manifest.name, source: manifest.modulePath)
            return (try cache.load(resolution.entry), resolution.isHit ? "cache hit" : "compiled")
        } catch {
            throw PluginError(.artifact, plugin: manifest.name, field: "plugin.entry_point", "cannot compile \(manifest.modulePath): \(error)")
        }
    }

    func cacheState(module: [UInt8]) -> String {
        CachedArtifactSource(cache: cache, code: CachedCompiler.codeSettings(options)).cacheState(module: module)
    }
}
