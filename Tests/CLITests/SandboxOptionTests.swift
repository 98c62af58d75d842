import Foundation
import Testing

/// `midimon run --memory-limit BYTES --table-limit N --stack-limit BYTES --timeout SECONDS
/// --fuel N --stats`: each limit stops a runaway plugin with -1 or its trap, `--stats` prints
/// the fuel consumed and the memory's size after the call, and a bad value is refused with an
/// error that names its option.
struct SandboxOptionTests {
    static let wat = """
        (module
          (memory 1)
          (table $t 1 funcref)
          (func $growMemory (export "growMemory") (result i32)
            (block $done (loop $l
              (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
              (br $l)))
            (memory.size))
          (func $growTable (export "growTable") (result i32)
            (block $done (loop $l
              (br_if $done (i32.eq (table.grow $t (ref.null func) (i32.const 1)) (i32.const -1)))
              (br $l)))
            (table.size $t))
          (func $depth (export "depth") (param i32) (result i32)
            (if (result i32) (local.get 0)
              (then (i32.add (i32.const 1) (call $depth (i32.sub (local.get 0) (i32.const 1)))))
              (else (i32.const 0))))
          (func $spin (export "spin") (loop $l (br $l)))
          (func $fillAll (export "fillAll") (memory.fill (i32.const 0) (i32.const 0) (i32.const -1)))
          ;; Fuel: entry 1, i32.const 1, memory.grow 1, drop 0, memory.size 1 = 4.
          (func $grow2 (export "grow2") (result i32) (drop (memory.grow (i32.const 2))) (memory.size)))
        """

    static func module(in scratch: Tool.ScratchDirectory) async throws -> String {
        try await TrapReportTests.wasm(Self.wat, names: true, in: scratch).path
    }

    // MARK: - Limits

    @Test func memoryLimitWithSizeSuffixes() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.module(in: scratch)
        for (limit, pages) in [("128K", "2"), ("1M", "16"), ("1MiB", "16"), ("1048576", "16"), ("200000", "3"), ("2m", "32")] {
            let result = try await Tool.midimon("run", "--memory-limit", limit, file, "--invoke", "growMemory")
            #expect(result.status == 0, "\(limit): \(result.stderr)")
            #expect(result.stdout == pages + "\n", "\(limit)")
        }
        // The default: 128 MiB.
        #expect(try await Tool.midimon("run", file, "--invoke", "growMemory").stdout == "2048\n")
        // A minimum above the limit fails instantiation, naming the file.
        let refused = try await Tool.midimon("run", "--memory-limit", "32K", file, "--invoke", "growMemory")
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("\(file): ") && refused.stderr.contains("exceeds the limit"), "\(refused.stderr)")
    }

    @Test func tableLimit() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.module(in: scratch)
        #expect(try await Tool.midimon("run", "--table-limit", "100", file, "--invoke", "growTable").stdout == "100\n")
        #expect(try await Tool.midimon("run", file, "--invoke", "growTable").stdout == "10000\n")
    }

    @Test func stackLimit() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.module(in: scratch)
        #expect(try await Tool.midimon("run", file, "--invoke", "depth", "2000").stdout == "2000\n")
        let tight = try await Tool.midimon("run", "--stack-limit", "16K", file, "--invoke", "depth", "2000")
        #expect(tight.status == 3)
        #expect(tight.stderrLines.first == "trap: call stack exhausted")
        #expect(tight.stderrLines.count == 2 && tight.stderrLines[1].hasPrefix("  at depth (offset 0x"), "\(tight.stderr)")
    }

    @Test func timeoutStopsCodeWithoutFuelAndFuelStopsItFirst() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.module(in: scratch)
        let deadline = try await Tool.midimon("run", "--no-fuel", "--timeout", "0.2", file, "--invoke", "spin")
        #expect(deadline.status == 3)
        #expect(deadline.stderrLines.first == "trap: deadline exceeded")
        // With fuel (compiled by default) and a budget, the budget runs out first.
        let fuel = try await Tool.midimon("run", "--fuel", "100000", "--timeout", "30", file, "--invoke", "spin")
        #expect(fuel.status == 3)
        #expect(fuel.stderrLines.first == "trap: out of fuel")
        // --timeout 0: no deadline; a finite call is unaffected.
        #expect(try await Tool.midimon("run", "--timeout", "0", file, "--invoke", "depth", "3").stdout == "3\n")
    }

    @Test func fillingTheWholeAddressRangeTraps() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.module(in: scratch)
        for bounds in ["explicit", "guard"] {
            let result = try await Tool.midimon("run", "--bounds", bounds, file, "--invoke", "fillAll")
            #expect(result.status == 3, "\(bounds)")
            #expect(result.stderrLines.first == "trap: out of bounds memory access", "\(bounds)")
            #expect(result.stderrLines.count == 2 && result.stderrLines[1].hasPrefix("  at fillAll (offset 0x"), "\(bounds): \(result.stderr)")
        }
    }

    // MARK: - --stats

    @Test func statsAfterAReturn() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.module(in: scratch)
        let result = try await Tool.midimon("run", "--stats", file, "--invoke", "grow2")
        #expect(result.status == 0)
        #expect(result.stdout == "3\n")
        #expect(result.stderr == "fuel consumed: 4\npeak memory: 3 pages\n")
        // Without fuel counters there is no fuel to report.
        let noFuel = try await Tool.midimon("run", "--stats", "--no-fuel", file, "--invoke", "grow2")
        #expect(noFuel.stderr == "peak memory: 3 pages\n")
        // Without a memory.
        let empty = try await TrapReportTests.wasm(#"(module (func (export "f")))"#, names: false, in: scratch, as: "empty")
        let none = try await Tool.midimon("run", "--stats", empty.path, "--invoke", "f")
        #expect(none.stderr == "fuel consumed: 1\npeak memory: 0 pages\n")
        // Without a call: what instantiation used.
        let quiet = try await Tool.midimon("run", "--stats", file)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
        #expect(quiet.stderr == "fuel consumed: 0\npeak memory: 1 pages\n")
    }

    @Test func statsAfterATrap() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.module(in: scratch)
        let result = try await Tool.midimon("run", "--stats", "--fuel", "1000", file, "--invoke", "spin")
        #expect(result.status == 3)
        let lines = result.stderrLines
        #expect(lines.count == 4, "\(result.stderr)")
        #expect(lines.first == "trap: out of fuel")
        #expect(lines.dropFirst(2) == ["fuel consumed: 1001", "peak memory: 1 pages"])
    }

    // MARK: - Bad values

    @Test func badValuesNameTheirOption() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await Self.module(in: scratch)
        let bytes = "must be a number of bytes such as 65536, 64K, 128M or 1G"
        let cases: [([String], String)] = [
            (["--memory-limit", "12X"], "--memory-limit \(bytes) (got '12X')"),
            (["--memory-limit", "1.5M"], "--memory-limit \(bytes) (got '1.5M')"),
            (["--memory-limit", "K"], "--memory-limit \(bytes) (got 'K')"),
            (["--memory-limit=-1"], "--memory-limit \(bytes) (got '-1')"),
            (["--memory-limit", "99999999999999999999"], "--memory-limit is too large (got '99999999999999999999')"),
            (["--memory-limit", "16777216T"], "--memory-limit is too large (got '16777216T')"),
            (["--stack-limit", "lots"], "--stack-limit \(bytes) (got 'lots')"),
            (["--table-limit", "1K"], "--table-limit must be a whole number, 0 or more (got '1K')"),
            (["--table-limit=-5"], "--table-limit must be a whole number, 0 or more (got '-5')"),
            (["--timeout", "soon"], "--timeout must be a number of seconds, 0 or more, such as 5 or 0.2 (got 'soon')"),
            (["--timeout=-1"], "--timeout must be a number of seconds, 0 or more, such as 5 or 0.2 (got '-1')"),
            (["--timeout", "inf"], "--timeout must be a number of seconds, 0 or more, such as 5 or 0.2 (got 'inf')"),
            (["--fuel", "many"], "--fuel must be a whole number, 0 or more (got 'many')"),
            (["--fuel", "99999999999999999999"], "--fuel is too large (got '99999999999999999999')"),
        ]
        for (options, message) in cases {
            let result = try await Tool.midimon(["run"] + options + [file, "--invoke", "depth", "1"])
            #expect(result.status != 0 && result.status != 3, "\(options)")
            #expect(result.stdout.isEmpty, "\(options)")
            #expect(result.stderr.contains(message), "\(options): \(result.stderr)")
        }
        // Like every option, they go before FILE.
        let late = try await Tool.midimon("run", file, "--timeout", "1")
        #expect(late.status != 0)
        #expect(late.stderr.contains("options go before FILE"), "\(late.stderr)")
    }
}
