import ArgumentParser
import Compiler
import Foundation
import Runtime
import WASIPreview1

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
            A trap prints two lines on standard error, `trap: <reason>` and \
            `  at <function> (offset 0xNN)` (the function's name from the module's name section, \
            else #index; `<unknown function>` for faults caught by guard pages), and exits with \
            status 3. --stats prints `fuel consumed: N` (code compiled with fuel) and \
            `peak memory: P pages` on standard error after the call, whether it returned or trapped.

            A module that imports wasi_snapshot_preview1 gets WASI: its output goes to the \
            terminal, it sees only the directories given with --dir HOST::GUEST and the \
            variables given with --env NAME=VALUE, and its arguments are those after `--` \
            (`midimon run --dir data::/data tool.wasm -- -v input.txt`), after FILE as the \
            program name. The exit status is the module's proc_exit code (0 when _start returns).
            """
    )

    /// Exit status of a run that trapped.
    static let trapStatus: Int32 = 3

    @OptionGroup var global: GlobalOptions
    @OptionGroup var code: CodeOptions
    @OptionGroup var sandbox: SandboxOptions
    @OptionGroup(title: "WASI") var wasi: WASIOptions

    @Flag(name: .long, help: "After the call, print the fuel consumed and the memory's size in pages on standard error.")
    var stats = false

    @Argument(help: "A WebAssembly binary module (.wasm).")
    var file: String

    @Argument(parsing: .captureForPassthrough, help: "--invoke NAME [ARG...], or -- ARG... for a WASI command")
    var rest: [String] = []

    func run() throws {
        _ = global.bootstrapLogging()
        let (export, arguments, programArguments) = try invocation()
        let options = try code.compileOptions()
        let limits = try sandbox.limits()
        let bytes = try FileInput.bytesOrExit(file)

        let store = limits.makeStore()
        var context: WASIContext?
        let instance = try instantiate(bytes, options: options, store: store, configuration: limits.configuration) { artifact in
            var imports = Imports()
            guard WASIContext.isImported(by: artifact.module) else { return imports }
            do {
                context = try WASIContext(wasi.configuration(file: file, arguments: programArguments))
            } catch let error as WASIContextError {
                throw failure(error.message)
            }
            context?.define(into: &imports)
            return imports
        }
        if let context, export == nil, instance.exportedFunction(named: "_start") != nil {
            try runCommand(instance, context: context, budget: limits.fuel)
            return
        }
        guard let name = export ?? (instance.exportedFunction(named: "_start") != nil ? "_start" : nil) else {
            printStats(instance, budget: limits.fuel)
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
            let results = try function.call(values)
            printStats(instance, budget: limits.fuel)
            for result in results {
                print(ValueText.format(Self.bits(result), as: result.type))
            }
        } catch {
            if let exit = context?.exit(from: error) {
                printStats(instance, budget: limits.fuel)
                throw ExitCode(Int32(truncatingIfNeeded: exit.code))
            }
            Self.report(error)
            printStats(instance, budget: limits.fuel)
            throw ExitCode(Self.trapStatus)
        }
    }

    /// A WASI command: `_start`, exiting with its `proc_exit` code (0 when it returns).
    private func runCommand(_ instance: Instance, context: WASIContext, budget: Int64) throws {
        do {
            let code = try context.runCommand(instance)
            printStats(instance, budget: budget)
            if code != 0 { throw ExitCode(Int32(truncatingIfNeeded: code)) }
        } catch let trap as Trap {
            Self.report(trap)
            printStats(instance, budget: budget)
            throw ExitCode(Self.trapStatus)
        }
    }

    /// The two lines of a trap: `trap: <reason>` (its first line is the spec's wording, which
    /// scripts match) and where it happened.
    static func report(_ trap: Trap) {
        let location = trap.location ?? TrapLocation(.unknownFunction, offset: nil)
        FileInput.printError("trap: \(trap.message)\n  at \(location)")
    }

    /// `--stats`: fuel consumed (only for code compiled with fuel) and memory 0's size, which
    /// is its peak (memories only grow).
    private func printStats(_ instance: Instance, budget: Int64) {
        guard stats else { return }
        var lines: [String] = []
        if instance.artifact.flags.contains(.fuel) {
            // Int128: the remaining fuel is negative after `out of fuel`.
            lines.append("fuel consumed: \(Int128(budget) - Int128(instance.store.fuel))")
        }
        lines.append("peak memory: \(instance.memory?.pageCount ?? 0) pages")
        FileInput.printError(lines.joined(separator: "\n"))
    }

    /// `--invoke NAME ARG...` or `-- ARG...` (a WASI command's arguments) from the arguments
    /// after FILE.
    private func invocation() throws -> (export: String?, arguments: [String], programArguments: [String]) {
        guard let first = rest.first else { return (nil, [], []) }
        if first == "--" { return (nil, [], Array(rest.dropFirst())) }
        if first.hasPrefix("--invoke=") { return (String(first.dropFirst(9)), Array(rest.dropFirst()), []) }
        guard first == "--invoke" else {
            throw ValidationError("unexpected '\(first)' after FILE: options go before FILE; only --invoke NAME [ARG...] or -- ARG... follows it")
        }
        guard rest.count >= 2 else { throw ValidationError("--invoke needs the name of an exported function") }
        return (rest[1], Array(rest.dropFirst(2)), [])
    }

    /// Compiles to a private temporary shared object, loads it and instantiates it; the file
    /// is removed once loaded.
    private func instantiate(_ bytes: [UInt8], options: CompileOptions, store: Store,
                             configuration: InstanceConfiguration,
                             imports: (Artifact) throws -> Imports) throws -> Instance {
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
            return try Instance(artifact, store: store, imports: imports(artifact), configuration: configuration)
        } catch let error as WasmError {
            throw failure("\(error)")
        } catch let error as InstantiationError {
            if let trap = error.trap {
                Self.report(trap)
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
