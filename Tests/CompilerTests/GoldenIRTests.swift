import Compiler
import Foundation
import Testing
import WAT

/// Golden IR: each `Golden/*.wat` holds a module and, after a marker line, the LLVM IR the
/// translator must produce for it, as `;; ` comments (wasmtime's `tests/disas` habit).
/// A regression in bounds checks, trap paths or stack checks would otherwise be silent.
///
/// The first lines may set flags: `;;! opt-level = 0` (the default; the IR as translated,
/// verified but not optimized) or `;;! opt-level = 2` (after the `default<O2>` pipeline).
///
/// After a deliberate change, `MIDIMON_BLESS=1 swift test --filter GoldenIRTests` rewrites
/// the expectations; the diff then shows exactly what changed and is reviewed as code.
struct GoldenIRTests {
    static let marker = ";; ---- expected IR ----"
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let files: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".wat") }.sorted()
    }()

    @Test func goldenFilesExist() {
        #expect(Self.files.count >= 5)
    }

    @Test(arguments: files)
    func golden(_ name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let (source, expected) = split(text)
        let level = flag("opt-level", in: source).flatMap(Int.init) ?? 0
        let bytes = try wat2wasm(source)
        let options = CompileOptions(optimization: OptimizationLevel(rawValue: level)!, maxPartitions: 1)
        let ir = normalize(try ModuleCompiler.textualIR(bytes, options: options, optimized: level > 0))
        if ProcessInfo.processInfo.environment["MIDIMON_BLESS"] == "1" {
            let commented = ir.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? ";;" : ";; \($0)" }.joined(separator: "\n")
            try (source.trimmingCharacters(in: .newlines) + "\n\n" + Self.marker + "\n" + commented + "\n")
                .write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(ir == expected, "\(name): IR differs (MIDIMON_BLESS=1 rewrites it after a deliberate change)")
    }

    private func split(_ text: String) -> (source: String, expected: String) {
        guard let range = text.range(of: Self.marker) else { return (text, "") }
        let expected = text[range.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Substring in
                if line.hasPrefix(";; ") { return line.dropFirst(3) }
                if line.hasPrefix(";;") { return line.dropFirst(2) }
                return line
            }
            .joined(separator: "\n")
        return (String(text[..<range.lowerBound]), expected.trimmingCharacters(in: .newlines))
    }

    private func flag(_ name: String, in source: String) -> String? {
        for line in source.split(separator: "\n") where line.hasPrefix(";;!") {
            let parts = line.dropFirst(3).split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// Drops what depends on the machine rather than on the translator.
    private func normalize(_ ir: String) -> String {
        ir.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("; ModuleID") && !$0.hasPrefix("source_filename") && !$0.hasPrefix("target ") }
            .filter { !($0.hasPrefix("attributes #") && $0.contains("target-")) }
            .joined(separator: "\n")
            .trimmingCharacters(in: .newlines)
    }
}
