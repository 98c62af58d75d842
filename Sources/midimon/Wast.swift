import ArgumentParser
import Compiler
import Foundation
import WastRunner

/// `midimon wast PATH...`: runs spec scripts; the last line is `N passed, M failed, K skipped`.
struct Wast: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run WebAssembly spec test scripts (.wast) through midimon.",
        discussion: """
            Directories are searched for .wast files. The official suite lives beside the \
            repository in ../shared/testsuite/core. Commands midimon cannot run yet are counted \
            as skipped, each with its file, line and reason under --verbose.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var code: CodeOptions

    @Flag(help: "Only decode and validate modules; skip every command that runs code.")
    var frontEndOnly = false

    @Flag(name: .shortAndLong, help: "Show a line per script and the reasons for skipped commands.")
    var verbose = false

    @Argument(help: "Script files or directories containing them.")
    var paths: [String]

    func run() throws {
        _ = global.bootstrapLogging()
        let runner = WastRunner(mode: frontEndOnly ? .frontEndOnly : .execute(try code.compileOptions()))
        var total = WastRunner.Report()
        for path in try scripts() {
            let report = runner.run(paths: [path], read: FileInput.text)
            if verbose { print("\(path): \(report.summaryLine)") }
            for failure in report.failures { FileInput.printError(failure.description) }
            total.merge(report)
        }
        if verbose {
            print("assert_malformed decided by the text parser: \(total.textMalformed)")
            print("assert_invalid modules encoded by wat2wasm --no-check: \(total.uncheckedEncodings)")
            for skip in total.skips { print("skipped \(skip)") }
        }
        print(total.summaryLine)
        if total.failed > 0 { throw ExitCode.failure }
    }

    private func scripts() throws -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path)
                result += names.filter { $0.hasSuffix(".wast") }.sorted().map { "\(path)/\($0)" }
            } else {
                result.append(path)
            }
        }
        return result
    }
}
