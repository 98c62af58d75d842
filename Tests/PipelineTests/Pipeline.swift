import Compiler
import Foundation
import Runtime
import Testing
import WAT

/// The whole pipeline for one module: WAT text (or binary bytes) through ``ModuleCompiler``
/// to a shared object in a scratch folder, loaded by the runtime's ``Artifact``. The file is
/// removed once loaded (the mapping stays), as `midimon run` does.
enum Pipeline {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Compiles `bytes` and loads the result.
    static func artifact(_ bytes: [UInt8], options: CompileOptions = CompileOptions()) throws -> Artifact {
        let directory = NSTemporaryDirectory() + "midimon-pipeline-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/module.so"
        _ = try ModuleCompiler.compile(bytes, options: options, output: path)
        return try Artifact(path: path)
    }

    /// The binary form of `wat`.
    static func wasm(_ wat: String) throws -> [UInt8] {
        try wat2wasm(wat)
    }

    /// Compiles the module written as `wat` and loads it.
    static func artifact(wat: String, options: CompileOptions = CompileOptions()) throws -> Artifact {
        try artifact(try wat2wasm(wat), options: options)
    }

    /// A fresh instance of `artifact` in a fresh store.
    static func instance(_ artifact: Artifact, imports: Imports = Imports()) throws -> Instance {
        try Instance(artifact, store: Store(), imports: imports)
    }

    /// Compiles, loads and instantiates `wat` in a fresh store.
    static func instance(wat: String, options: CompileOptions = CompileOptions()) throws -> Instance {
        try instance(try artifact(wat: wat, options: options))
    }
}

extension Instance {
    /// Calls the export `name`, which must exist.
    func call(_ name: String, _ arguments: [Value] = []) throws -> [Value] {
        guard let function = exportedFunction(named: name) else {
            throw Pipeline.Failure(description: "no export \"\(name)\" (exports: \(exportNames))")
        }
        return try function.call(arguments)
    }

    /// The trap the call to `name` ends with, or nil when it returns.
    func trap(_ name: String, _ arguments: [Value] = []) throws -> Trap? {
        guard let function = exportedFunction(named: name) else {
            throw Pipeline.Failure(description: "no export \"\(name)\" (exports: \(exportNames))")
        }
        do {
            _ = try function.call(arguments)
            return nil
        } catch {
            return error
        }
    }
}
