import Foundation
import Testing

/// `midimon run` and `midimon compile` as a user types them: argument parsing after
/// `--invoke`, results one per line, the `trap: <reason>` form and exit 3, errors that name
/// the file and exit 1.
struct RunCommandTests {
    static let wat = """
        (module
          (func (export "divmod") (param i32 i32) (result i32 i32)
            (i32.div_s (local.get 0) (local.get 1)) (i32.rem_s (local.get 0) (local.get 1)))
          (func (export "i64") (param i64) (result i64) (local.get 0))
          (func (export "f32") (param f32) (result f32) (local.get 0))
          (func (export "f64") (param f64) (result f64) (local.get 0))
          (func (export "ratio") (param f64 f64) (result f64 f32)
            (f64.div (local.get 0) (local.get 1))
            (f32.demote_f64 (f64.div (local.get 0) (local.get 1))))
          (func (export "negativeNaN") (result f32 f64) (f32.const -nan:0x1234) (f64.const -nan))
          (func (export "nothing"))
          (memory (export "memory") 1))
        """

    /// Encodes `wat` with wabt's `wat2wasm` into `scratch` and returns the path of the binary.
    static func wasm(_ wat: String, named name: String = "module", in scratch: Tool.ScratchDirectory) async throws -> String {
        let text = try scratch.write("\(name).wat", Array(wat.utf8))
        let binary = "\(scratch.path)/\(name).wasm"
        let encoded = try await Tool.run("wat2wasm", [text, "-o", binary])
        try #require(encoded.status == 0, "wat2wasm: \(encoded.stderr)")
        return binary
    }

    // MARK: - Arguments and results

    @Test func negativeArgumentsAfterInvokeAndMultipleResults() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.wasm(Self.wat, in: scratch)
        let result = try await Tool.midimon("run", file, "--invoke", "divmod", "-7", "2")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "-3\n-1\n")
        #expect(result.stderr.isEmpty)
        let both = try await Tool.midimon("run", file, "--invoke", "divmod", "-7", "-2")
        #expect(both.stdout == "3\n-1\n")
        let equals = try await Tool.midimon("run", file, "--invoke=divmod", "-2147483648", "-1")
        #expect(equals.status == 3)
        #expect(equals.stderrLines.first == "trap: integer overflow")  // then "  at ..." (TrapReportTests)
    }

    @Test func integerArgumentsAtTheirLimits() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.wasm(Self.wat, in: scratch)
        #expect(try await Tool.midimon("run", file, "--invoke", "i64", "-9223372036854775808").stdout == "-9223372036854775808\n")
        // Unsigned spellings are accepted and print signed.
        #expect(try await Tool.midimon("run", file, "--invoke", "i64", "18446744073709551615").stdout == "-1\n")
        #expect(try await Tool.midimon("run", file, "--invoke", "divmod", "4294967295", "1").stdout == "-1\n0\n")
    }

    @Test func optionsGoBeforeTheFile() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.wasm(Self.wat, in: scratch)
        for level in ["0", "1", "3"] {
            let result = try await Tool.midimon("run", "--opt-level", level, file, "--invoke", "divmod", "7", "-2")
            #expect(result.status == 0, "--opt-level \(level): \(result.stderr)")
            #expect(result.stdout == "-3\n1\n")
        }
        // After FILE, only --invoke may follow.
        let late = try await Tool.midimon("run", file, "--opt-level", "1")
        #expect(late.status != 0)
        #expect(late.stderr.contains("options go before FILE"), "\(late.stderr)")
        let badLevel = try await Tool.midimon("run", "--opt-level", "4", file)
        #expect(badLevel.status != 0)
        #expect(badLevel.stderr.contains("--opt-level must be 0, 1, 2 or 3"), "\(badLevel.stderr)")
    }

    @Test func wrongArityAndBadNumbersNameTheFile() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.wasm(Self.wat, in: scratch)
        let cases: [([String], String)] = [
            (["divmod", "1"], "\(file): divmod takes 2 arguments [i32 i32] -> [i32 i32], got 1"),
            (["divmod", "1", "2", "3"], "\(file): divmod takes 2 arguments [i32 i32] -> [i32 i32], got 3"),
            (["nothing", "1"], "\(file): nothing takes 0 arguments [] -> [], got 1"),
            (["divmod", "x", "2"], "\(file): argument 1 of divmod: 'x' is not a valid i32"),
            (["divmod", "1", "4294967296"], "\(file): argument 2 of divmod: '4294967296' is not a valid i32"),
            (["divmod", "1", "2.5"], "\(file): argument 2 of divmod: '2.5' is not a valid i32"),
            (["f64", "1.2.3"], "\(file): argument 1 of f64: '1.2.3' is not a valid f64"),
            (["i64", "18446744073709551616"], "\(file): argument 1 of i64: '18446744073709551616' is not a valid i64"),
        ]
        for (invocation, message) in cases {
            let result = try await Tool.midimon(["run", file, "--invoke"] + invocation)
            #expect(result.status == 1, "\(invocation)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == message + "\n", "\(invocation)")
        }
    }

    @Test func unknownExportsAreNamed() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.wasm(Self.wat, in: scratch)
        for name in ["nope", "memory", "Divmod"] {
            let result = try await Tool.midimon("run", file, "--invoke", name)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("\(file): no exported function \"\(name)\" (exports: divmod, i64, f32, f64,"), "\(result.stderr)")
        }
    }

    /// Floats print `nan`, `inf`, `-inf`, or the shortest decimal that reads back to the
    /// same value, without a trailing `.0`.
    @Test func floatResults() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.wasm(Self.wat, in: scratch)
        let cases: [([String], String)] = [
            (["ratio", "1", "0"], "inf\ninf\n"),
            (["ratio", "-1", "0"], "-inf\n-inf\n"),
            (["ratio", "0", "0"], "nan\nnan\n"),
            (["ratio", "1", "3"], "0.3333333333333333\n0.33333334\n"),
            (["ratio", "1", "10"], "0.1\n0.1\n"),
            (["ratio", "5", "2"], "2.5\n2.5\n"),
            (["ratio", "1e300", "1e-10"], "inf\ninf\n"),
            (["ratio", "-0", "1"], "-0\n-0\n"),
            (["negativeNaN"], "nan\nnan\n"),
            (["f64", "1e300"], "1e+300\n"),
            (["f64", "5e-324"], "5e-324\n"),
            (["f64", "0.1"], "0.1\n"),
            (["f64", "123456789"], "123456789\n"),
            (["f64", "inf"], "inf\n"),
            (["f64", "-inf"], "-inf\n"),
            (["f64", "nan"], "nan\n"),
            (["f32", "3.4028235e38"], "3.4028235e+38\n"),
            (["f32", "1e-45"], "1e-45\n"),
            (["f32", "16777217"], "16777216\n"),
            (["f32", "0.1"], "0.1\n"),
        ]
        for (invocation, output) in cases {
            let result = try await Tool.midimon(["run", file, "--invoke"] + invocation)
            #expect(result.status == 0, "\(invocation): \(result.stderr)")
            #expect(result.stdout == output, "\(invocation)")
        }
    }

    // MARK: - Traps

    @Test func aTrapPrintsItsReasonAndExitsThree() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.wasm(Self.wat, in: scratch)
        let result = try await Tool.midimon("run", file, "--invoke", "divmod", "1", "0")
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.first == "trap: integer divide by zero")  // then "  at ..." (TrapReportTests)
    }

    @Test func aTrappingStartFunction() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.wasm("""
            (module
              (func $start unreachable)
              (start $start)
              (func (export "f") (result i32) (i32.const 1)))
            """, in: scratch)
        for arguments in [["run", file], ["run", file, "--invoke", "f"]] {
            let result = try await Tool.midimon(arguments)
            #expect(result.status == 3, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderrLines.first == "trap: unreachable")  // then "  at ..." (TrapReportTests)
        }
    }

    /// Without --invoke, `_start` runs if the module exports it, and nothing is printed.
    @Test func withoutInvokeStartRuns() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let trapping = try await Self.wasm("""
            (module (memory 1) (func (export "_start") (i32.store (i32.const 65536) (i32.const 1))))
            """, named: "trapping", in: scratch)
        let result = try await Tool.midimon("run", trapping)
        #expect(result.status == 3)
        #expect(result.stderrLines.first == "trap: out of bounds memory access")  // then "  at ..." (TrapReportTests)
        let quiet = try await Self.wasm(#"(module (func (export "_start")))"#, named: "quiet", in: scratch)
        let ok = try await Tool.midimon("run", quiet)
        #expect(ok.status == 0 && ok.stdout.isEmpty && ok.stderr.isEmpty, "\(ok)")
        let none = try await Self.wasm("(module)", named: "none", in: scratch)
        let empty = try await Tool.midimon("run", none)
        #expect(empty.status == 0 && empty.stdout.isEmpty && empty.stderr.isEmpty, "\(empty)")
    }

    @Test func callStackExhaustionIsATrap() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.wasm(#"(module (func $f (export "f") (call $f)))"#, in: scratch)
        let result = try await Tool.midimon("run", file, "--invoke", "f")
        #expect(result.status == 3)
        #expect(result.stderrLines.first == "trap: call stack exhausted")  // then "  at ..." (TrapReportTests)
    }

    // MARK: - Bad files

    @Test func malformedAndInvalidFiles() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let cut = try scratch.write("cut.wasm", ValidateCommandTests.malformed)
        let invalid = try scratch.write("invalid.wasm", ValidateCommandTests.invalid)
        let text = try scratch.write("text.wasm", Array("(module)".utf8))
        let expectations = [
            (cut, "\(cut): offset 0x9: length out of bounds"),
            (invalid, "\(invalid): offset 0x18: type mismatch"),
            (text, "\(text): offset 0x0: magic header not detected"),
        ]
        for (file, prefix) in expectations {
            for command in [["run", file], ["run", file, "--invoke", "f"], ["compile", file]] {
                let result = try await Tool.midimon(command)
                #expect(result.status == 1, "\(command)")
                #expect(result.stdout.isEmpty)
                #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix(prefix), "\(command): \(result.stderr)")
                #expect(try /^(.+): offset 0x[0-9a-f]+: \S.*\n$/.wholeMatch(in: result.stderr) != nil)
            }
        }
        let missing = "\(scratch.path)/missing.wasm"
        let result = try await Tool.midimon("run", missing)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(missing): cannot read: no such file"), "\(result.stderr)")
    }

    // MARK: - compile

    /// `--no-cache`: the shared object beside FILE or at -o OUT, and only its path printed.
    /// (Through the cache, the default: CacheCommandTests.)
    @Test func compilePrintsTheOutputPath() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.wasm(Self.wat, in: scratch)
        let beside = try await Tool.midimon("compile", "--no-cache", file)
        #expect(beside.status == 0, "\(beside.stderr)")
        let expected = "\(scratch.path)/module.so"
        #expect(beside.stdout == expected + "\n")
        #expect(Self.isELF(expected))

        let chosen = "\(scratch.path)/elsewhere/chosen.so"
        try FileManager.default.createDirectory(atPath: "\(scratch.path)/elsewhere", withIntermediateDirectories: true)
        for arguments in [["compile", "--no-cache", "-o", chosen, file], ["compile", "--no-cache", "--opt-level", "0", "--output", chosen, file]] {
            try? FileManager.default.removeItem(atPath: chosen)
            let result = try await Tool.midimon(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout == chosen + "\n")
            #expect(Self.isELF(chosen))
        }
        // No temporary files are left beside the output.
        let left = try FileManager.default.contentsOfDirectory(atPath: "\(scratch.path)/elsewhere")
        #expect(left == ["chosen.so"])
        // A file not ending in .wasm gets .so appended.
        let other = "\(scratch.path)/plugin.bin"
        try FileManager.default.copyItem(atPath: file, toPath: other)
        #expect(try await Tool.midimon("compile", "--no-cache", other).stdout == other + ".so\n")
    }

    @Test func emitLLVMPrintsIR() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.wasm(Self.wat, in: scratch)
        for level in ["0", "2"] {
            let result = try await Tool.midimon("compile", "--emit-llvm", "--opt-level", level, file)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("target triple = \"x86_64"))
            #expect(result.stdout.contains("@midimon_module_descriptor"))
            #expect(result.stdout.contains("define "))
            // The division traps: a branch to the trap builtin on a zero divisor.
            #expect(result.stdout.contains("sdiv") || result.stdout.contains("srem"))
        }
        // Printing IR writes no shared object.
        #expect(!FileManager.default.fileExists(atPath: "\(scratch.path)/module.so"))
    }

    static func isELF(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data([0x7F, 0x45, 0x4C, 0x46])
    }
}
