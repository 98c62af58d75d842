import ArgumentParser
import Compiler
import Foundation

extension BoundsCheckStrategy: ExpressibleByArgument {}

/// Options that change the generated code, shared by `compile` and `run`.
struct CodeOptions: ParsableArguments {
    @Option(name: .long, help: "LLVM optimisation pipeline, 0 to 3.")
    var optLevel: Int = 2

    @Option(name: .long, help: "Compile at most this many partitions in parallel (default: one per core).")
    var jobs: Int?

    @Option(name: .long, help: "Bounds checks: explicit (compare before each access) or guard (guard pages).")
    var bounds: BoundsCheckStrategy = .explicit

    @Flag(name: .long, help: "Compile without fuel counters (no instruction budget).")
    var noFuel = false

    func compileOptions() throws -> CompileOptions {
        guard let level = OptimizationLevel(rawValue: optLevel) else {
            throw ValidationError("--opt-level must be 0, 1, 2 or 3 (got \(optLevel))")
        }
        var options = CompileOptions(optimization: level, bounds: bounds, fuel: !noFuel)
        if let jobs {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
            options.maxPartitions = jobs
        }
        return options
    }
}

/// `midimon compile FILE.wasm`: the module as a native shared object.
struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a WebAssembly module to a native shared object through LLVM.",
        discussion: "Prints the path of the shared object it wrote (FILE with .so for .wasm unless -o says otherwise)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var code: CodeOptions

    @Option(name: .shortAndLong, help: "Where to write the shared object.")
    var output: String?

    @Flag(help: "Print the LLVM IR instead of compiling (after the pipeline unless --opt-level 0).")
    var emitLLVM = false

    @Argument(help: "A WebAssembly binary module (.wasm).")
    var file: String

    func run() throws {
        let log = global.bootstrapLogging()
        let options = try code.compileOptions()
        let bytes = try FileInput.bytesOrExit(file)
        do {
            if emitLLVM {
                print(try ModuleCompiler.textualIR(bytes, options: options, optimized: options.optimization != .o0), terminator: "")
                return
            }
            let destination = output ?? Self.defaultOutput(for: file)
            let report = try ModuleCompiler.compile(bytes, options: options, output: destination)
            log.info("compiled \(file): \(report.functions) functions, \(report.partitions) partitions, \(report.seconds) s")
            print(report.output)
        } catch let error as WasmError {
            FileInput.printError("\(file): \(error)")
            throw ExitCode.failure
        } catch {
            FileInput.printError("\(file): \(error)")
            throw ExitCode.failure
        }
    }

    static func defaultOutput(for file: String) -> String {
        (file.hasSuffix(".wasm") ? String(file.dropLast(5)) : file) + ".so"
    }
}
