import Foundation
import Testing

/// `midimon validate`: exit status and the `FILE: offset 0xNN: message` form on stderr.
struct ValidateCommandTests {
    static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
    /// A function typed `[] -> [i32]` whose body is just `end`: the `end` at 0x18 finds the
    /// stack empty.
    static let invalid: [UInt8] = header
        + [0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F]  // type section: [] -> [i32]
        + [0x03, 0x02, 0x01, 0x00]  // function section: one function of type 0
        + [0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B]  // code: body of 2 bytes, no locals, end
    /// A type section claiming 5 bytes with 3 left: the size field is at 0x9.
    static let malformed: [UInt8] = header + [0x01, 0x05, 0x01, 0x60, 0x00]

    @Test func validFilesExitZero() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let empty = try scratch.write("empty.wasm", Self.header)
        let result = try await Tool.midimon("validate", empty)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
    }

    @Test func eachProblemIsOneLineWithFileAndOffset() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let good = try scratch.write("good.wasm", Self.header)
        let bad = try scratch.write("bad.wasm", Self.invalid)
        let cut = try scratch.write("cut.wasm", Self.malformed)
        let missing = "\(scratch.path)/missing.wasm"
        let result = try await Tool.midimon("validate", good, bad, cut, missing)
        #expect(result.status == 1)
        let lines = result.stderrLines
        try #require(lines.count == 3, "stderr: \(result.stderr)")
        #expect(lines[0].hasPrefix("\(bad): offset 0x18: type mismatch"))
        #expect(lines[1].hasPrefix("\(cut): offset 0x9: length out of bounds"))
        #expect(lines[2].hasPrefix("\(missing): "))
        #expect(lines[2].contains("no such file"))
    }

    @Test func everyLineHasTheDocumentedForm() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        var files: [String] = []
        // Every proper prefix of the invalid module is malformed, except the two that end
        // where a section ends before the function section: the bare header (8 bytes) and the
        // header with the type section (15).
        let valid: Set<Int> = [8, 15]
        for length in 1..<Self.invalid.count where !valid.contains(length) {
            files.append(try scratch.write("prefix\(length).wasm", Array(Self.invalid.prefix(length))))
        }
        let result = try await Tool.midimon(["validate"] + files)
        #expect(result.status == 1)
        #expect(result.stderrLines.count == files.count)
        let form = /^(.+): offset 0x[0-9a-f]+: \S.*$/
        for (line, file) in zip(result.stderrLines, files) {
            let match = try #require(try form.wholeMatch(in: String(line)), "\(line)")
            #expect(String(match.1) == file)
        }
        for length in valid {
            let file = try scratch.write("ok\(length).wasm", Array(Self.invalid.prefix(length)))
            #expect(try await Tool.midimon("validate", file).status == 0)
        }
    }

    @Test func acceptsTheExamplePlugins() async throws {
        let examples = try FileManager.default.subpathsOfDirectory(atPath: "\(Tool.packageRoot)/plugins/examples")
            .filter { $0.hasSuffix(".wasm") }.map { "plugins/examples/\($0)" }
        // scripts/test builds them before the tests run: at least the C, WASI and WAT ones.
        #expect(examples.count >= 3)
        let result = try await Tool.midimon(["validate"] + examples)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func rejectsWhatWat2wasmWritesUnchecked() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let wat = try scratch.write("bad.wat", Array("(module (func (result i32) (i64.const 1)))".utf8))
        let wasm = "\(scratch.path)/bad.wasm"
        let encoded = try await Tool.run("wat2wasm", ["--no-check", wat, "-o", wasm])
        try #require(encoded.status == 0, "wat2wasm: \(encoded.stderr)")
        let result = try await Tool.midimon("validate", wasm)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(wasm): offset 0x"))
        #expect(result.stderr.contains("type mismatch"))
    }
}
