import Foundation
import Testing
import WasmTestSupport

/// A function whose own frame is larger than the stack left to it must trap with `call stack
/// exhausted`, like deep recursion, rather than crash the host.
///
/// The module keeps 250,000 i64 values live at once; unoptimised, each gets its own stack
/// slot, so the frame is about 2 MiB. With the usual 8 MiB stack the entry check catches it.
/// On a 1 MiB stack the prologue's stack probes touch the frame page by page and fault in the
/// guard region below the stack before the check can run; the fault handler (on its own
/// signal stack) reports that as the same trap. Without probes the prologue would jump past
/// the guard page and write into whatever lies below.
struct StackFrameTests {
    static func wideModule(values: Int) -> [UInt8] {
        typealias B = BinaryBuilder
        var body: [UInt8] = []
        for k in 0..<values { body += [0x20, 0x00, 0x42] + B.signed(Int64(k)) + [0x7C] }  // local.get 0, i64.const k, i64.add
        body += [UInt8](repeating: 0x7C, count: values - 1)  // sum them all
        body += [0x0B]
        return B.module(
            B.section(.type, B.vector([B.functionType([.i64], [.i64])])),
            B.section(.function, B.vector([[0x00]])),
            B.section(.export, B.vector([B.name("f") + [0x00, 0x00]])),
            B.section(.code, B.vector([B.functionBody(body)])))
    }

    @Test func aFrameLargerThanTheStackTraps() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try scratch.write("wide.wasm", Self.wideModule(values: 250_000))
        let midimon = Tool.product("midimon")
        // With the default stack, the frame fits and the budget check traps.
        let roomy = try await Tool.midimon("run", "--opt-level", "0", file, "--invoke", "f", "1")
        #expect(roomy.status == 3, "\(roomy.stderr)")
        #expect(roomy.stderrLines.first == "trap: call stack exhausted")  // then "  at ..." (TrapReportTests)
        // With a 1 MiB stack, the frame reaches past the stack's end before the check runs.
        let small = try await Tool.run("/bin/sh", ["-c", "ulimit -s 1024 && exec \"$0\" run --opt-level 0 \"$1\" --invoke f 1", midimon, file])
        #expect(small.status == 3, "status \(small.status)")
        #expect(small.stderrLines.first == "trap: call stack exhausted")  // then "  at ..." (TrapReportTests)
    }
}
