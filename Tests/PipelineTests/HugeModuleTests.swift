import Compiler
import Foundation
import Runtime
import Testing
import WasmTestSupport

/// Input that is valid, or nearly, but enormous in one direction: many functions, a data
/// segment that claims far more bytes than the file holds or lands far outside its memory,
/// and control structures nested tens of thousands deep. Each either compiles and runs or
/// fails with a Swift error that says why — never a crash, never a hang.
struct HugeModuleTests {
    typealias B = BinaryBuilder

    // MARK: - Many functions

    /// 100,000 defined functions `f_i(x) = x + i`; every thousandth also calls its
    /// predecessor, so calls cross partitions. At O0, which takes about 40 s in a debug build
    /// on two cores: O2 takes about four minutes (two in a release build), and optimisation
    /// is not what is tested here.
    @Test func aHundredThousandFunctions() throws {
        let count = 100_000
        var functionSection = B.unsigned(UInt64(count))
        for _ in 0..<count { functionSection += [0x00] }
        var code = B.unsigned(UInt64(count))
        for i in 0..<count {
            // local.get 0, i32.const i, i32.add
            var body: [UInt8] = [0x20, 0x00, 0x41] + B.signed(Int64(i)) + [0x6A]
            if i % 1000 == 999 { body += [0x10] + B.unsigned(UInt64(i - 1)) }  // call f_(i-1)
            code += B.functionBody(body + [0x0B])
        }
        let exports = [0, 999, 50_000, 99_999].map { B.name("f\($0)") + [0x00] + B.unsigned(UInt64($0)) }
        let bytes = B.module(
            B.section(.type, B.vector([B.functionType([.i32], [.i32])])),
            B.section(.function, functionSection),
            B.section(.export, B.vector(exports)),
            B.section(.code, code))
        let artifact = try Pipeline.artifact(bytes, options: CompileOptions(optimization: .o0))
        let instance = try Pipeline.instance(artifact)
        #expect(try instance.call("f0", [.i32(5)]) == [.i32(5)])
        // f_999(x) = f_998(x + 999) = x + 999 + 998.
        #expect(try instance.call("f999", [.i32(1)]) == [.i32(1 + 999 + 998)])
        #expect(try instance.call("f50000", [.i32(0)]) == [.i32(50_000)])
        #expect(try instance.call("f99999", [.i32(1)]) == [.i32(1 + 99_999 + 99_998)])
        #expect(artifact.module.functionCount == count)
    }

    // MARK: - Data segments

    /// A memory of one page and an active data segment whose byte vector claims `length`
    /// bytes; `present` bytes follow.
    static func dataModule(offset: UInt32, length: UInt64, present: [UInt8], sectionSize: Int? = nil) -> [UInt8] {
        let segment: [UInt8] = [0x00, 0x41] + B.signed(Int64(Int32(bitPattern: offset))) + [0x0B] + B.unsigned(length) + present
        return B.module(
            B.section(.type, B.vector([B.functionType([.i32], [.i32])])),
            B.section(.function, B.vector([[0x00]])),
            B.section(.memory, B.vector([B.limits(min: 1)])),
            B.section(.export, B.vector([B.name("load8") + [0x00, 0x00]])),
            B.section(.code, B.vector([B.functionBody([0x20, 0x00, 0x2D, 0x00, 0x00, 0x0B])])),
            B.section(.data, B.vector([segment]), declaredSize: sectionSize))
    }

    /// A segment of 1 GiB in a file of a hundred bytes: a parse error with an offset, both
    /// when the section's size tells the truth (the segment overruns the section) and when it
    /// claims the gigabyte too (the section overruns the file).
    @Test(arguments: [false, true])
    func aGigabyteSegmentThatIsNotThere(sectionClaimsIt: Bool) throws {
        let gigabyte: UInt64 = 1 << 30
        var bytes = Self.dataModule(offset: 0, length: gigabyte, present: Array("tiny".utf8))
        if sectionClaimsIt {
            bytes = Self.dataModule(offset: 0, length: gigabyte, present: Array("tiny".utf8), sectionSize: Int(gigabyte) + 10)
        }
        #expect(bytes.count < 100)
        #expect {
            _ = try Pipeline.artifact(bytes, options: CompileOptions(optimization: .o0))
        } throws: { error in
            guard let error = error as? WasmError else { return false }
            // The offset points into the data section, which starts after the code section.
            return error.offset > 30 && error.offset < bytes.count
                && (error.message.contains("length out of bounds") || error.message.contains("unexpected end"))
        }
    }

    /// A real, small segment placed past the end of the one page: instantiation traps with
    /// `out of bounds memory access` (the bytes are never written), and the same module
    /// with the segment at the very end instantiates.
    @Test(arguments: [UInt32(65536), 65533, 0x7FFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFE])
    func aSegmentFarOutsideTheMemory(offset: UInt32) throws {
        let bytes = Self.dataModule(offset: offset, length: 4, present: Array("data".utf8))
        let artifact = try Pipeline.artifact(bytes, options: CompileOptions(optimization: .o0))
        #expect {
            _ = try Pipeline.instance(artifact)
        } throws: { error in
            guard let error = error as? InstantiationError else { return false }
            return error.kind == .trap && error.trap?.code == .outOfBoundsMemoryAccess
                && error.message == "out of bounds memory access"
        }
        let fits = try Pipeline.artifact(Self.dataModule(offset: 65532, length: 4, present: Array("data".utf8)),
                                         options: CompileOptions(optimization: .o0))
        let instance = try Pipeline.instance(fits)
        #expect(try instance.call("load8", [.i32(65535)]) == [.i32(UInt32(UInt8(ascii: "a")))])
    }

    // MARK: - Deep nesting

    /// `[] -> [i32]` whose body is `prefix`, then `depth` copies of `open`, then `inner`,
    /// then `depth` `end`s, then `suffix` and the function's own `end`.
    static func nestedModule(open: [UInt8], depth: Int, inner: [UInt8], suffix: [UInt8] = []) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(depth * (open.count + 1) + inner.count + 8)
        for _ in 0..<depth { body += open }
        body += inner
        body += [UInt8](repeating: 0x0B, count: depth)
        body += suffix + [0x0B]
        return B.module(
            B.section(.type, B.vector([B.functionType([.i32], [.i32])])),
            B.section(.function, B.vector([[0x00]])),
            B.section(.export, B.vector([B.name("f") + [0x00, 0x00]])),
            B.section(.code, B.vector([B.functionBody(body)])))
    }

    enum Nesting: String, CaseIterable, Sendable {
        case blocks, ifs, loops, blocksWithResults, ifElses
    }

    /// 20,000 levels of each kind of structure: the module compiles (at O0 and O2) and
    /// returns the right value, or the compiler refuses it with a ``WasmError``; it must not
    /// overflow the stack of the thread that compiles it.
    ///
    /// The chain of value-carrying `if`/`else` is compiled at O2 only 2,500 deep: LLVM's
    /// EarlyCSE pass is quadratic in that depth (20,000 levels take about two minutes at O2
    /// on this machine, 10,000 about 25 s, 5,000 about 5 s), which is a compile-time cost a
    /// module can impose, not a crash.
    @Test(arguments: Nesting.allCases)
    func twentyThousandLevels(_ nesting: Nesting) throws {
        for (level, depth) in [(OptimizationLevel.o0, 20_000), (.o2, nesting == .ifElses ? 2_500 : 20_000)] {
            let (bytes, expected) = Self.nested(nesting, depth: depth)
            let artifact: Artifact
            do {
                artifact = try Pipeline.artifact(bytes, options: CompileOptions(optimization: level))
            } catch let error as WasmError {
                // A refusal is acceptable when it says what and where.
                #expect(!error.message.isEmpty && error.offset > 0, "\(error)")
                continue
            }
            let instance = try Pipeline.instance(artifact)
            #expect(try instance.call("f", [.i32(5)]) == [.i32(expected)], "\(nesting) \(depth) deep at \(level)")
        }
    }

    /// The module for `nesting` at `depth`, and what its `f` returns for 5.
    static func nested(_ nesting: Nesting, depth: Int) -> ([UInt8], UInt32) {
        switch nesting {
        case .blocks:
            // block … block (br_if <outermost> (local.get 0)) end … end, then x + 7.
            return (nestedModule(open: [0x02, 0x40], depth: depth,
                                 inner: [0x20, 0x00, 0x0D] + B.unsigned(UInt64(depth - 1)),
                                 suffix: [0x20, 0x00, 0x41, 0x07, 0x6A]), 12)
        case .ifs:
            // (if (local.get 0) (then … innermost: x = x * 2 …)), then x.
            return (nestedModule(open: [0x20, 0x00, 0x04, 0x40], depth: depth,
                                 inner: [0x20, 0x00, 0x41, 0x02, 0x6C, 0x21, 0x00],
                                 suffix: [0x20, 0x00]), 10)
        case .loops:
            // loop … loop with nothing inside (each runs once), then x + 1.
            return (nestedModule(open: [0x03, 0x40], depth: depth, inner: [], suffix: [0x20, 0x00, 0x41, 0x01, 0x6A]), 6)
        case .blocksWithResults:
            // block (result i32) … (local.get 0) end … end: the value passes through every level.
            return (nestedModule(open: [0x02, 0x7F], depth: depth, inner: [0x20, 0x00]), 5)
        case .ifElses:
            // (if (result i32) (local.get 0) (then … (i32.const 9) …) (else (i32.const 0))):
            // a value in both arms at every level.
            var body: [UInt8] = []
            for _ in 0..<depth { body += [0x20, 0x00, 0x04, 0x7F] }
            body += [0x41, 0x09]
            for _ in 0..<depth { body += [0x05, 0x41, 0x00, 0x0B] }
            body += [0x0B]
            return (B.module(
                B.section(.type, B.vector([B.functionType([.i32], [.i32])])),
                B.section(.function, B.vector([[0x00]])),
                B.section(.export, B.vector([B.name("f") + [0x00, 0x00]])),
                B.section(.code, B.vector([B.functionBody(body)]))), 9)
        }
    }
}
