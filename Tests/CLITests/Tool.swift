import Foundation
import Subprocess
import SystemPackage

/// Runs a built executable of this package, or a system tool, and collects what it printed.
struct Tool {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutLines: [Substring] { stdout.split(separator: "\n") }
        var stderrLines: [Substring] { stderr.split(separator: "\n") }
    }

    /// The folder holding the built products: the test runner lives beside them
    /// (`.build/<triple>/debug/midimonPackageTests.xctest`), whatever the scratch path.
    static let productsDirectory: String = {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: runner).deletingLastPathComponent().path
    }()

    /// The repository root, for fixtures such as the example plugins.
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static func product(_ name: String) -> String { "\(productsDirectory)/\(name)" }

    static func run(_ executable: String, _ arguments: [String], workingDirectory: String? = nil) async throws -> Output {
        let target: Executable = executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
        let result = try await Subprocess.run(
            target, arguments: Arguments(arguments),
            workingDirectory: workingDirectory.map { FilePath($0) },
            output: .string(limit: 1 << 24), error: .string(limit: 1 << 24))
        let status: Int32
        switch result.terminationStatus {
        case .exited(let code): status = code
        case .signaled(let signal): status = 128 + signal
        }
        return Output(status: status, stdout: result.standardOutput ?? "", stderr: result.standardError ?? "")
    }

    static func midimon(_ arguments: String...) async throws -> Output {
        try await midimon(arguments)
    }

    static func midimon(_ arguments: [String]) async throws -> Output {
        try await run(product("midimon"), arguments, workingDirectory: packageRoot)
    }

    /// A scratch folder removed when the test ends (call `remove()`), unique per test.
    struct ScratchDirectory {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "midimon-cli-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let file = "\(path)/\(name)"
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            return file
        }
        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }
}
