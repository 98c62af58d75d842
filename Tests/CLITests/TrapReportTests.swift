import Foundation
import Testing

/// `midimon run` on a trap: exactly two lines on standard error, `trap: <reason>` and
/// `  at <function> (offset 0xNN)`, and exit status 3. The function is named from the
/// module's `name` section when it has one, else `#index` (imports first); the offset is the
/// trapping operator's byte offset in the file (that imports come first in the index space is
/// checked in SandboxTests, since `midimon run` provides no imports). A fault caught by a
/// guard page has no site: `  at <unknown function>`.
struct TrapReportTests {
    static let wat = """
        (module
          (memory 1)
          (func $run (export "run") (param i32 i32) (result i32)
            (call $divide (local.get 0) (local.get 1)))
          (func $divide (param i32 i32) (result i32)
            (i32.div_s (local.get 0) (local.get 1)))
          (func $peek (export "peek") (param i32) (result i32)
            (i32.load (local.get 0))))
        """

    /// Encodes `wat` with wabt's `wat2wasm`, with the `name` section when `names`.
    static func wasm(_ wat: String, names: Bool, in scratch: Tool.ScratchDirectory, as name: String = "module") async throws -> (path: String, bytes: [UInt8]) {
        let text = try scratch.write("\(name).wat", Array(wat.utf8))
        let binary = "\(scratch.path)/\(name).wasm"
        let encoded = try await Tool.run("wat2wasm", [text, "-o", binary] + (names ? ["--debug-names"] : []))
        try #require(encoded.status == 0, "wat2wasm: \(encoded.stderr)")
        return (binary, [UInt8](try Data(contentsOf: URL(fileURLWithPath: binary))))
    }

    /// The offset on the second line, checked against the expected form.
    static func offset(_ stderr: String, function: String) throws -> Int {
        let pattern = try Regex("^trap: [a-z ]+\\n  at \(NSRegularExpression.escapedPattern(for: function)) \\(offset 0x([0-9a-f]+)\\)\\n$")
        let match = try #require(try pattern.wholeMatch(in: stderr), "stderr: \(stderr)")
        return try #require(Int(String(match.output[1].substring!), radix: 16))
    }

    @Test func aTrapInANamedFunction() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let (file, bytes) = try await Self.wasm(Self.wat, names: true, in: scratch)
        let result = try await Tool.midimon("run", file, "--invoke", "run", "1", "0")
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 2)
        #expect(result.stderrLines.first == "trap: integer divide by zero")
        // The callee, not the export that was called.
        let offset = try Self.offset(result.stderr, function: "divide")
        #expect(bytes[offset] == 0x6D, "0x\(String(offset, radix: 16)) is not i32.div_s")
    }

    @Test func aTrapInAnUnnamedFunction() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let (file, bytes) = try await Self.wasm(Self.wat, names: false, in: scratch)
        let divide = try await Tool.midimon("run", file, "--invoke", "run", "1", "0")
        #expect(divide.status == 3)
        #expect(bytes[try Self.offset(divide.stderr, function: "#1")] == 0x6D)
        // An explicit bounds check: at the load, in function 2.
        let load = try await Tool.midimon("run", file, "--invoke", "peek", "65536")
        #expect(load.status == 3)
        #expect(load.stderrLines.first == "trap: out of bounds memory access")
        #expect(bytes[try Self.offset(load.stderr, function: "#2")] == 0x28)
    }

    @Test func aGuardPageFaultHasNoSite() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let (file, _) = try await Self.wasm(Self.wat, names: true, in: scratch)
        let result = try await Tool.midimon("run", "--bounds", "guard", file, "--invoke", "peek", "65536")
        #expect(result.status == 3)
        #expect(result.stderr == "trap: out of bounds memory access\n  at <unknown function>\n")
    }

    @Test func deadlineFuelAndStackTrapsSayWhereTheyStopped() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let (file, bytes) = try await Self.wasm("""
            (module
              (func $spin (export "spin") (loop $l (br $l)))
              (func $recurse (export "recurse") (call $recurse)))
            """, names: true, in: scratch)
        let deadline = try await Tool.midimon("run", "--no-fuel", "--timeout", "0.2", file, "--invoke", "spin")
        #expect(deadline.status == 3)
        #expect(deadline.stderrLines.first == "trap: deadline exceeded")
        #expect(bytes[try Self.offset(deadline.stderr, function: "spin")] == 0x03)  // the loop header
        let fuel = try await Tool.midimon("run", "--fuel", "1000", file, "--invoke", "spin")
        #expect(fuel.stderrLines.first == "trap: out of fuel")
        #expect(bytes[try Self.offset(fuel.stderr, function: "spin")] == 0x03)
        let stack = try await Tool.midimon("run", "--stack-limit", "64K", file, "--invoke", "recurse")
        #expect(stack.stderrLines.first == "trap: call stack exhausted")
        _ = try Self.offset(stack.stderr, function: "recurse")
    }

    @Test func instantiationTraps() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let (start, _) = try await Self.wasm("(module (func $init unreachable) (start $init))", names: true, in: scratch, as: "start")
        let startResult = try await Tool.midimon("run", start)
        #expect(startResult.status == 3)
        #expect(startResult.stderrLines.first == "trap: unreachable")
        _ = try Self.offset(startResult.stderr, function: "init")
        let (data, _) = try await Self.wasm(#"(module (memory 1) (data (i32.const 65535) "ab"))"#, names: true, in: scratch, as: "data")
        let dataResult = try await Tool.midimon("run", data)
        #expect(dataResult.status == 3)
        #expect(dataResult.stderr == "trap: out of bounds memory access\n  at data segment 0\n")
    }
}
