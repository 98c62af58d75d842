import Foundation
import Testing
import WastRunner

/// The official WebAssembly spec suite (`../shared/testsuite/core`, beside the repository,
/// never copied into it), one test per script, through the same runner as `midimon wast`.
///
/// Every command the runner executes must pass. Commands it cannot execute yet are counted
/// as skipped by kind, each kind with its reason (`WastRunner.SkipReason`); the totals
/// below pin how many there are, so a change in coverage shows up here and is explained.
struct SpecSuiteTests {
    static let suiteDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/testsuite/core").standardizedFileURL

    static let scripts: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suiteDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".wast") }.sorted()
    }()

    @Test func suiteIsPresent() {
        // 90 scripts: WebAssembly 2.0 without SIMD (see ../shared/testsuite/PROVENANCE.txt).
        #expect(Self.scripts.count == 90, "spec suite not found at \(Self.suiteDirectory.path)")
    }

    @Test(arguments: scripts)
    func script(_ name: String) throws {
        let path = Self.suiteDirectory.appendingPathComponent(name).path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let report = WastRunner().run(path: path, source: source)
        for failure in report.failures {
            Issue.record("\(failure)")
        }
        #expect(report.failed == 0)
        #expect(report.passed > 0, "\(name): no command was checked")
    }
}
