import Compiler
import Foundation
import Testing
import WastRunner

/// The official WebAssembly spec suite (`../shared/testsuite/core`, beside the repository,
/// never copied into it), one test per script, through the same runner as `midimon wast`:
/// every module is compiled by LLVM to a shared object, loaded with `dlopen` and run.
///
/// Every command must pass, except those listed in `KnownFailures.txt` with a reason; a
/// listed command that passes fails the test too, so the list stays exact.
struct SpecSuiteTests {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let suiteDirectory: URL = testsDirectory
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/testsuite/core").standardizedFileURL

    static let scripts: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suiteDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".wast") }.sorted()
    }()

    /// `script.wast:line` → "failed" or "skipped".
    static let known: [String: String] = {
        let text = (try? String(contentsOf: testsDirectory.appendingPathComponent("KnownFailures.txt"), encoding: .utf8)) ?? ""
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 3 { result[String(fields[0])] = String(fields[1]) }
        }
        return result
    }()

    @Test func suiteIsPresent() {
        // 90 scripts: WebAssembly 2.0 without SIMD (see ../shared/testsuite/PROVENANCE.txt).
        #expect(Self.scripts.count == 90, "spec suite not found at \(Self.suiteDirectory.path)")
    }

    @Test(arguments: scripts)
    func script(_ name: String) throws {
        let path = Self.suiteDirectory.appendingPathComponent(name).path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let report = WastRunner(mode: .execute(CompileOptions(optimization: .o2, maxPartitions: 1))).run(path: path, source: source)
        var seen = Set<String>()
        for (finding, kind) in report.failures.map({ ($0, "failed") }) + report.skips.map({ ($0, "skipped") }) {
            let key = "\(name):\(finding.line)"
            seen.insert(key)
            if Self.known[key] != kind {
                Issue.record("\(key) \(kind), not listed in KnownFailures.txt: \(finding.message)")
            }
        }
        for key in Self.known.keys where key.hasPrefix("\(name):") && !seen.contains(key) {
            Issue.record("\(key) is listed in KnownFailures.txt but now passes: remove it")
        }
        #expect(report.passed > 0, "\(name): no command was checked")
    }
}
