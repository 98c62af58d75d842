import ArgumentParser
import Compiler
import Foundation
import Runtime

/// `midimon run FILE.wasm [--invoke NAME] [ARG...]`: compile, load and run a module.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a WebAssembly module, load it and run it.",
        discussion: """
            Options go before FILE. Without --invoke, the module is instantiated (its start \
            function runs) and its `_start` export, if any, is called. With --invoke NAME, the \
            export NAME is called with the arguments that follow, typed by its signature; \
            everything after NAME is an argument, negative numbers included \
            (`midimon run f.wasm --invoke divmod -7 2`). Each result is printed on its own line. \
            A trap prints `trap: <reason>` on standard error and exits with status 3.
            """
    )

    /// Exit status of a run that trapped.
    static let trapStatus: Int32 = 3

    @OptionGroup var global: GlobalOptions
    @OptionGroup var code: CodeOptions

    @Argument(help: "A WebAssembly binary module (.wasm).")
    var file: String

    @Argument(parsing: .captureForPassthrough, help: "--invoke NAME [ARG...]")
    var rest: [String] = []

    func run() throws {
        _ = global.bootstrapLogging()
        let (export, arguments) = try invocation()
        let options = try code.compileOptions()
        let bytes = try FileInput.bytesOrExit(file)

        let instance = try instantiate(bytes, options: options)
        guard let name = export ?? (instance.exportedFunction(named: "_start") != nil ? "_start" : nil) else {
            return
        }
        guard let function = instance.exportedFunction(named: name) else {
            throw failure("no exported function \"\(name)\" (exports: \(instance.exportNames.joined(separator: ", ")))")
        }
        let parameters = function.type.parameters
        guard arguments.count == parameters.count else {
            throw failure("\(name) takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s") \(function.type), got \(arguments.count)")
        }
        var values: [Value] = []
        for (text, type) in zip(arguments, parameters) {
            do {
                values.append(try Self.value(ValueText.parse(text, as: type), type))
            } catch {
                throw failure("argument \(values.count + 1) of \(name): \(error)")
            }
        }
        do {
            for result in try function.call(values) {
                print(ValueText.format(Self.bits(result), as: result.type))
            }
        } catch {
            FileInput.printError("trap: \(error.message)")
            throw ExitCode(Self.trapStatus)
        }
    }

    /// `--invoke NAME ARG...` from the arguments after FILE.
    private func invocation() throws -> (String?, [String]) {
        guard let first = rest.first else { return (nil, []) }
        if first.hasPrefix("--invoke=") { return (String(first.dropFirst(9)), Array(rest.dropFirst())) }
        guard first == "--invoke" else {
            throw ValidationError("unexpected '\(first)' after FILE: options go before FILE; only --invoke NAME [ARG...] follows it")
        }
        guard rest.count >= 2 else { throw ValidationError("--invoke needs the name of an exported function") }
        return (rest[1], Array(rest.dropFirst(2)))
    }

    /// Compiles to a private temporary shared object, loads it and instantiates it; the file
    /// is removed once loaded.
    private func instantiate(_ bytes: [UInt8], options: CompileOptions) throws -> Instance {
        var template = Array("/tmp/midimon-run-XXXXXX".utf8CString)
        guard let directory = mkdtemp(&template).map({ String(cString: $0) }) else {
            throw failure("cannot create a temporary directory")
        }
        let path = "\(directory)/module.so"
        defer {
            unlink(path)
            rmdir(directory)
        }
        do {
            _ = try ModuleCompiler.compile(bytes, options: options, output: path)
            let artifact = try Artifact(path: path)
            return try Instance(artifact, store: Store(), imports: Imports())
        } catch let error as WasmError {
            throw failure("\(error)")
        } catch let error as InstantiationError {
            if let trap = error.trap {
                FileInput.printError("trap: \(trap.message)")
                throw ExitCode(Self.trapStatus)
            }
            throw failure(error.message)
        } catch let error as ArtifactError {
            throw failure(error.message)
        }
    }

    private func failure(_ message: String) -> ExitCode {
        FileInput.printError("\(file): \(message)")
        return ExitCode.failure
    }

    static func value(_ bits: UInt64, _ type: ValueType) -> Value {
        switch type {
        case .i32: .i32(UInt32(truncatingIfNeeded: bits))
        case .i64: .i64(bits)
        case .f32: .f32(UInt32(truncatingIfNeeded: bits))
        case .f64: .f64(bits)
        case .funcref: .funcref(nil)
        case .externref: .externref(nil)
        }
    }

    static func bits(_ value: Value) -> UInt64 {
        switch value {
        case .i32(let v): UInt64(v)
        case .i64(let v): v
        case .f32(let v): UInt64(v)
        case .f64(let v): v
        case .funcref(let f): f == nil ? 0 : 1
        case .externref(let e): e.map { $0.value &+ 1 } ?? 0
        }
    }
}
