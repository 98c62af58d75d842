import Compiler
import Foundation
import Runtime
import Subprocess
import Synchronization
import SystemPackage
import Testing
import WASIPreview1
import WAT

/// Modules for the WASI tests, compiled through the real pipeline (ModuleCompiler to a shared
/// object, the Runtime's dlopen), and a way to run them with a ``WASIContext`` and collect
/// what they printed.
enum WASIModule {
    /// `wat` compiled and loaded; the shared object is removed at once (the mapping stays).
    static func load(wat: String) throws -> Artifact {
        try load(bytes: wat2wasm(wat))
    }

    static func load(bytes: [UInt8]) throws -> Artifact {
        let directory = NSTemporaryDirectory() + "midimon-wasi-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/module.so"
        _ = try ModuleCompiler.compile(bytes, options: CompileOptions(), output: path)
        return try Artifact(path: path)
    }

    /// `Fixtures/wasi-probe.c` built by clang-19 through wasi-libc and compiled, once per
    /// test process (every test that needs it waits for the same build).
    static func probe() async throws -> Artifact {
        try await probeArtifact.value
    }

    private static let probeArtifact = Task<Artifact, Error> {
        try load(bytes: try await buildC(fixture: "wasi-probe.c"))
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// `clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug` on a fixture, with a PATH that
    /// holds no `wasm-opt` (clang would run it after linking; see plugins/build).
    static func buildC(fixture: String) async throws -> [UInt8] {
        let output = NSTemporaryDirectory() + "midimon-wasi-\(UUID().uuidString).wasm"
        defer { unlink(output) }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            .split(separator: ":")
            .filter { !FileManager.default.isExecutableFile(atPath: "\($0)/wasm-opt") }
            .joined(separator: ":")
        let result = try await Subprocess.run(
            .path(FilePath("/usr/bin/clang-19")),
            arguments: ["--target=wasm32-wasi", "-O2", "-Wl,--strip-debug", "-o", output, "\(fixtures)/\(fixture)"],
            environment: .inherit.updating(["PATH": path]),
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        try #require(result.terminationStatus.isSuccess, "clang-19: \(result.standardError)")
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
    }

    /// What a run left: the exit code (nil when it trapped), the trap, both streams, and the
    /// capability refusals reported.
    struct Run {
        var exitCode: UInt32?
        var trap: Trap?
        var stdout: String
        var stderr: String
        var denied: [String]
        var stdoutLines: [Substring] { stdout.split(separator: "\n") }
    }

    /// Instantiates `artifact` in a fresh store with `configuration` (its output and denial
    /// closures replaced by collectors) and runs `_start`.
    static func run(_ artifact: Artifact, _ configuration: WASIConfiguration = WASIConfiguration(),
                    entry: String = "_start") throws -> Run {
        let collector = Collector()
        var configuration = configuration
        configuration.output = { stream, bytes in collector.append(stream, bytes) }
        configuration.denied = { message in collector.deny(message) }
        let context = try WASIContext(configuration)
        var imports = Imports()
        context.define(into: &imports)
        let instance = try Instance(artifact, store: Store(), imports: imports)
        var run = Run(exitCode: nil, trap: nil, stdout: "", stderr: "", denied: [])
        do {
            run.exitCode = try context.runCommand(instance, entry: entry)
        } catch let trap as Trap {
            run.trap = trap
        }
        (run.stdout, run.stderr, run.denied) = collector.contents
        return run
    }

    /// Runs the probe with `arguments` after the program name.
    static func probe(_ arguments: String..., configuration: WASIConfiguration = WASIConfiguration()) async throws -> Run {
        var configuration = configuration
        configuration.arguments = ["wasi-probe"] + arguments
        return try run(try await probe(), configuration)
    }
}

/// Collects output and refusals from the thread that runs the guest.
final class Collector: Sendable {
    private let state = Mutex<(stdout: [UInt8], stderr: [UInt8], denied: [String])>(([], [], []))

    func append(_ stream: WASIOutputStream, _ bytes: UnsafeRawBufferPointer) {
        state.withLock { state in
            if stream == .stdout { state.stdout += bytes } else { state.stderr += bytes }
        }
    }

    func deny(_ message: String) {
        state.withLock { $0.denied.append(message) }
    }

    var contents: (String, String, [String]) {
        state.withLock { (String(decoding: $0.stdout, as: UTF8.self), String(decoding: $0.stderr, as: UTF8.self), $0.denied) }
    }
}

/// A scratch directory removed by `remove()`, for preopens.
struct ScratchDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "midimon-wasi-dir-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
