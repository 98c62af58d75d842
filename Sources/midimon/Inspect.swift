import ArgumentParser
import Compiler
import Foundation

/// `midimon inspect FILE`: what a module holds, as text or `--json`.
///
/// A module that decodes but does not validate is still described (with its error), and the
/// exit status is 1; one that does not decode is reported as `FILE: offset 0xNN: message`.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise a WebAssembly module: sections, imports, exports, functions, memories, tables, globals, segments, features."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Machine-readable output (one JSON object).")
    var json = false

    @Argument(help: "A WebAssembly binary module (.wasm).")
    var file: String

    func run() throws {
        _ = global.bootstrapLogging()
        let module: WasmModule
        do {
            module = try ModuleParser.parse(try FileInput.bytes(file))
        } catch let error as WasmError {
            FileInput.printError("\(file): \(error)")
            throw ExitCode.failure
        } catch {
            FileInput.printError("\(error)")
            throw ExitCode.failure
        }
        let validation: Result<ValidationSummary, WasmError> = Result { () throws(WasmError) in
            try ModuleValidator.validate(module)
        }
        let summary = ModuleSummary(file: file, module: module, validation: validation)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(summary.text)
        }
        if case .failure(let error) = validation {
            FileInput.printError("\(file): \(error)")
            throw ExitCode.failure
        }
    }
}
