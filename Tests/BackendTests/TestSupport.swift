import Foundation
import Testing

/// A directory of its own for one test, removed afterwards.
final class ScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("midimon-backend-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    var contents: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? [] }
}

/// A shared object opened with `dlopen`, closed when this ends.
final class LoadedObject {
    /// Opens `path` and keeps it loaded while `body` runs: symbols point into the object, and
    /// ARC may end a local's lifetime after its last use, before a function pointer is called.
    static func with<Result>(_ path: String, _ body: (LoadedObject) throws -> Result) throws -> Result {
        let object = try LoadedObject(path)
        return try withExtendedLifetime(object) { try body(object) }
    }

    let handle: UnsafeMutableRawPointer

    init(_ path: String) throws {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw LoadError(message: String(cString: dlerror()))
        }
        self.handle = handle
    }

    deinit { dlclose(handle) }

    func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(handle, name) }

    func function<T>(_ name: String, as type: T.Type) throws -> T {
        let address = try #require(symbol(name), "no symbol \(name)")
        return unsafeBitCast(address, to: type)
    }

    struct LoadError: Error { let message: String }
}

/// Runs a tool and returns its stdout (tests only: Process is fine here).
func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
