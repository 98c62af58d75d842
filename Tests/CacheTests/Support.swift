@testable import ArtifactCache
import Compiler
import CompilerCache
import Foundation
import Runtime
import Testing
import WAT

/// A cache in a fresh scratch folder, removed by `remove()`; and small modules to put in it.
struct ScratchCache {
    let folder: String
    let cache: ArtifactCache

    init() throws {
        folder = NSTemporaryDirectory() + "midimon-cache-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        cache = ArtifactCache(path: "\(folder)/cache")
    }

    func remove() {
        // Undo what tests did to permissions before deleting.
        _ = try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A module of its own for each `seed` (so each gets its own key), with an export `get`
    /// returning `seed`.
    static func module(_ seed: Int32 = 7, name: String? = nil) throws -> [UInt8] {
        let moduleName = name.map { " $\($0)" } ?? ""
        return try wat2wasm("""
            (module\(moduleName)
              (memory (export "memory") 1)
              (func (export "get") (result i32) (i32.const \(seed)))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
            """, options: EncodeOptions(nameSection: true))
    }

    /// Compiles (or finds) `module` through the cache.
    @discardableResult
    func compile(_ module: [UInt8], options: CompileOptions = CompileOptions(optimization: .o1, maxPartitions: 1)) throws -> Resolution {
        try CachedCompiler.compile(module, options: options, cache: cache, plugin: "test")
    }

    func inputs(_ module: [UInt8], options: CompileOptions = CompileOptions(optimization: .o1, maxPartitions: 1)) throws -> KeyInputs {
        try CachedCompiler.inputs(module, options: options)
    }

    var quarantined: [String] { (try? FileManager.default.contentsOfDirectory(atPath: cache.quarantinePath)) ?? [] }
    var entries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: cache.entriesPath)) ?? [] }
    var staging: [String] { (try? FileManager.default.contentsOfDirectory(atPath: "\(cache.root)/v1/staging")) ?? [] }
}

/// Whether this process maps a file whose path contains `fragment`: how the tests check
/// that refused code was never loaded.
func isMapped(_ fragment: String) -> Bool {
    // /proc files report a size of 0: read to the end rather than trusting it.
    guard let handle = FileHandle(forReadingAtPath: "/proc/self/maps"),
          let data = try? handle.readToEnd() else { return false }
    try? handle.close()
    let maps = String(decoding: data, as: UTF8.self)
    precondition(maps.contains("libc"), "could not read /proc/self/maps")
    return maps.contains(fragment)
}

/// Rewrites a file in place.
func edit(_ path: String, _ change: (inout [UInt8]) -> Void) throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    change(&bytes)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func text(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

extension ArtifactCache.Verification {
    var problem: EntryProblem? {
        if case .invalid(let problem) = self { return problem }
        return nil
    }
    var isValid: Bool {
        if case .valid = self { return true }
        return false
    }
}
