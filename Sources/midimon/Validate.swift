import ArgumentParser
import Compiler
import Foundation

/// `midimon validate FILE...`: the whole of the spec's decoding and validation, nothing else.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that WebAssembly modules are well-formed and valid.",
        discussion: """
            Exit status 0 when every file is valid. Otherwise each problem is one line on \
            standard error, `FILE: offset 0xNN: message` (the byte offset in the file), and the \
            exit status is 1.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .shortAndLong, help: "Print nothing for valid files.")
    var quiet = false

    @Argument(help: "WebAssembly binary modules (.wasm).")
    var files: [String]

    func run() throws {
        let log = global.bootstrapLogging()
        var failures = 0
        for file in files {
            do {
                let bytes = try FileInput.bytes(file)
                let start = ContinuousClock.now
                let (module, summary) = try ModuleValidator.check(bytes)
                log.debug("validated \(file) in \(ContinuousClock.now - start)")
                if !quiet {
                    print("\(file): valid (\(module.functionCount) functions, \(summary.instructionCount) operators)")
                }
            } catch let error as WasmError {
                failures += 1
                FileInput.printError("\(file): \(error)")
            } catch {
                failures += 1
                FileInput.printError("\(error)")
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }
}
