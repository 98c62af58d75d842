@testable import FrontEnd
import Testing
import WAT
import WasmTestSupport

/// Function bodies (spec §3.3 and the appendix's validation algorithm): block types, the
/// polymorphic stack after unconditional branches, `select`, `br_table`, locals, calls.
@Suite struct FunctionValidationTests {
    /// Types: 0 is the function's own ([] -> [] unless `results` says otherwise), 1 is
    /// [i32] -> [i32], 2 is [i32 i64] -> [i64 i32], 3 is [i32] -> [i64].
    func body(_ code: [UInt8], results: [B.ValueType] = [], locals: [(count: UInt32, type: B.ValueType)] = [],
              table: Bool = false, memory: Bool = false) -> (bytes: [UInt8], codeStart: Int) {
        var spec = function(code, results: results, locals: locals)
        spec.types += [B.functionType([.i32], [.i32]), B.functionType([.i32, .i64], [.i64, .i32]), B.functionType([.i32], [.i64])]
        if table { spec.tables = [[0x70] + B.limits(min: 1)] }
        if memory { spec.memories = [B.limits(min: 1)] }
        return spec.build()
    }

    func expectValidBody(_ code: [UInt8], results: [B.ValueType] = [], locals: [(count: UInt32, type: B.ValueType)] = [],
                         table: Bool = false, memory: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        expectValid(body(code, results: results, locals: locals, table: table, memory: memory).bytes, sourceLocation: sourceLocation)
    }

    /// Expects an error at `codeStart + at`.
    func expectBodyError(_ code: [UInt8], _ kind: WasmError.Kind = .invalid, at: Int, _ message: String,
                         results: [B.ValueType] = [], locals: [(count: UInt32, type: B.ValueType)] = [],
                         table: Bool = false, memory: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        let (bytes, start) = body(code, results: results, locals: locals, table: table, memory: memory)
        expectError(bytes, kind, at: start + at, message, sourceLocation: sourceLocation)
    }

    // MARK: - call_indirect

    @Test func callIndirectTableIndexIsALEB128() {
        // LLVM 20 and later write table 0 as the two-byte `0x80 0x00`.
        expectValidBody([0x41, 0x00, 0x11, 0x00, 0x80, 0x00, 0x0B], table: true)
        expectValidBody([0x41, 0x00, 0x11, 0x00, 0x80, 0x80, 0x80, 0x80, 0x00, 0x0B], table: true)
        expectValidBody([0x41, 0x00, 0x11, 0x80, 0x00, 0x00, 0x0B], table: true)
        expectBodyError([0x41, 0x00, 0x11, 0x00, 0x81, 0x00, 0x0B], at: 2, "unknown table 1", table: true)
        expectBodyError([0x41, 0x00, 0x11, 0x00, 0x00, 0x0B], at: 2, "unknown table 0")
        expectBodyError([0x41, 0x00, 0x11, 0x09, 0x00, 0x0B], at: 2, "unknown type 9", table: true)
        // Type 1 takes an i32 below the table index.
        expectValidBody([0x41, 0x05, 0x41, 0x00, 0x11, 0x01, 0x00, 0x1A, 0x0B], table: true)
        expectBodyError([0x41, 0x00, 0x11, 0x01, 0x00, 0x1A, 0x0B], at: 2, "operand stack is empty", table: true)
    }

    @Test func callIndirectThroughAnExternrefTableIsInvalid() {
        var spec = function([0x41, 0x00, 0x11, 0x00, 0x00, 0x0B])
        spec.tables = [[0x6F] + B.limits(min: 1)]
        let (bytes, start) = spec.build()
        expectError(bytes, .invalid, at: start + 2, "call_indirect through table 0 of externref")
    }

    // MARK: - Block types

    @Test func typeIndexBlockTypesTakeParameters() {
        // i32.const 1; block (type 1) i32.const 2; i32.add end; drop
        expectValidBody([0x41, 0x01, 0x02, 0x01, 0x41, 0x02, 0x6A, 0x0B, 0x1A, 0x0B])
        expectBodyError([0x42, 0x01, 0x02, 0x01, 0x41, 0x02, 0x6A, 0x0B, 0x1A, 0x0B], at: 2, "type mismatch: expected i32, found i64")
        expectBodyError([0x02, 0x01, 0x0B, 0x0B], at: 0, "operand stack is empty")
        // A loop's label carries its parameters: local.tee 0; local.get 0; br_if 0 loops with [i32].
        expectValidBody([0x41, 0x00, 0x03, 0x01, 0x22, 0x00, 0x20, 0x00, 0x0D, 0x00, 0x0B, 0x1A, 0x0B], locals: [(1, .i32)])
        // if (type 1) with both arms, and without else (in = out, so allowed).
        expectValidBody([0x41, 0x05, 0x41, 0x01, 0x04, 0x01, 0x41, 0x01, 0x6A, 0x05, 0x41, 0x02, 0x6B, 0x0B, 0x1A, 0x0B])
        expectValidBody([0x41, 0x05, 0x41, 0x01, 0x04, 0x01, 0x0B, 0x1A, 0x0B])
        // if (type 3), [i32] -> [i64], without else cannot pass its i32 through.
        expectBodyError([0x41, 0x05, 0x41, 0x01, 0x04, 0x03, 0x1A, 0x42, 0x00, 0x0B, 0x1A, 0x0B], at: 9,
                        "if without else must leave [i32], not [i64]")
        // Type 2 swaps [i32 i64] into [i64 i32].
        expectValidBody([0x41, 0x01, 0x42, 0x02, 0x02, 0x02, 0x1A, 0x1A, 0x42, 0x03, 0x41, 0x04, 0x0B, 0x1A, 0x1A, 0x0B])
        expectBodyError([0x41, 0x01, 0x42, 0x02, 0x02, 0x02, 0x0B, 0x1A, 0x1A, 0x0B], at: 6, "type mismatch: expected i32, found i64")
        // A block that does not produce its result.
        expectBodyError([0x02, 0x7F, 0x0B, 0x1A, 0x0B], at: 2, "operand stack is empty")
    }

    @Test func multiValueFromText() throws {
        let bytes = try wat("""
            (module
              (type $pair (func (param i32) (result i32 i32)))
              (func $swap (param i32 i64) (result i64 i32)
                local.get 1
                local.get 0)
              (func (export "run") (result i32)
                i32.const 1
                i64.const 2
                call $swap
                drop
                drop
                i32.const 3
                (block (type $pair) (param i32) (result i32 i32)
                  i32.const 4)
                i32.add))
            """)
        guard let (_, summary) = expectValid(bytes) else { return }
        #expect(summary.features.contains(.multiValue))
    }

    // MARK: - Unreachable code

    @Test func unreachableCodeIsStackPolymorphic() {
        expectValidBody([0x00, 0x6A, 0x1A, 0x0B])  // unreachable; i32.add; drop
        expectValidBody([0x00, 0x0B], results: [.i32])  // nothing needed for the result
        expectValidBody([0x0F, 0x1A, 0x1A, 0x0B])  // return; drop; drop
        expectValidBody([0x00, 0x1B, 0x0B], results: [.i32])  // unreachable; select
        expectValidBody([0x02, 0x7F, 0x00, 0x0B, 0x1A, 0x0B])  // block (result i32) unreachable end drop
        expectValidBody([0x02, 0x7F, 0x00, 0x0E, 0x01, 0x00, 0x00, 0x0B, 0x1A, 0x0B])  // br_table on unknowns
        expectValidBody([0x41, 0x01, 0x04, 0x7F, 0x00, 0x05, 0x41, 0x00, 0x0B, 0x1A, 0x0B])  // if arm ends unreachable
        expectValidBody([0x0C, 0x00, 0x42, 0x00, 0x7B, 0x1A, 0x0B])  // br 0; i64 code after it still type-checks
        // Known operands after the branch are still checked.
        expectBodyError([0x00, 0x42, 0x00, 0x6A, 0x1A, 0x0B], at: 3, "type mismatch: expected i32, found i64")
        expectBodyError([0x0C, 0x00, 0x41, 0x00, 0x0B], at: 4, "1 values left on the stack")
        expectBodyError([0x00, 0x41, 0x00, 0x0B], at: 3, "expected i64, found i32", results: [.i64])
        // An unknown operand and a reference in an untyped select.
        expectBodyError([0x00, 0xD0, 0x70, 0x41, 0x00, 0x1B, 0x1A, 0x0B], at: 5, "select without a type needs numeric operands")
        // br_table targets of different arity are wrong even in unreachable code.
        expectBodyError([0x02, 0x40, 0x02, 0x7F, 0x00, 0x0E, 0x01, 0x01, 0x00, 0x0B, 0x1A, 0x0B, 0x0B], at: 5,
                        "br_table targets of different arity")
    }

    @Test func structuralErrorsAreMalformed() {
        expectBodyError([0x0B, 0x01], .malformed, at: 1, "operators after the function's final end")
        expectBodyError([0x0B, 0x0B], .malformed, at: 1, "operators after the function's final end")
        expectBodyError([0x01], .malformed, at: 1, "END opcode expected")
        expectBodyError([0x02, 0x40, 0x0B], .malformed, at: 3, "END opcode expected")
        expectBodyError([0x05, 0x0B, 0x0B], .malformed, at: 0, "else without a matching if")
        expectBodyError([0x02, 0x40, 0x05, 0x0B, 0x0B], .malformed, at: 2, "else without a matching if")
    }

    // MARK: - select

    @Test func selectTypedAndUntyped() {
        let i32s: [UInt8] = [0x41, 0x01, 0x41, 0x02, 0x41, 0x00]
        let refs: [UInt8] = [0xD0, 0x70, 0xD0, 0x70, 0x41, 0x00]
        expectValidBody(i32s + [0x1B, 0x1A, 0x0B])
        expectValidBody([0x44] + [UInt8](repeating: 0, count: 8) + [0x44] + [UInt8](repeating: 0, count: 8) + [0x41, 0x00, 0x1B, 0x1A, 0x0B])
        expectBodyError([0x41, 0x01, 0x42, 0x02, 0x41, 0x00, 0x1B, 0x1A, 0x0B], at: 6, "select operands i32 and i64")
        expectBodyError(refs + [0x1B, 0x1A, 0x0B], at: 6, "select without a type needs numeric operands")
        expectValidBody(refs + [0x1C, 0x01, 0x70, 0x1A, 0x0B])
        expectValidBody(i32s + [0x1C, 0x01, 0x7F, 0x1A, 0x0B])
        expectBodyError(i32s + [0x1C, 0x01, 0x7E, 0x1A, 0x0B], at: 6, "expected i64, found i32")
        expectBodyError(i32s + [0x1C, 0x02, 0x7F, 0x7F, 0x1A, 0x0B], at: 6, "invalid result arity")
        expectBodyError(i32s + [0x1C, 0x00, 0x1A, 0x0B], at: 6, "invalid result arity")
        expectBodyError([0x41, 0x01, 0x41, 0x02, 0x1B, 0x1A, 0x0B], at: 4, "operand stack is empty")
    }

    // MARK: - br_table

    @Test func brTableTargetsMustAgree() {
        // block (result i32) block; i32.const 0; br_table [0] 1: arities 0 and 1.
        expectBodyError([0x02, 0x7F, 0x02, 0x40, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x01, 0x0B, 0x41, 0x00, 0x0B, 0x1A, 0x0B], at: 6,
                        "br_table targets of different arity (0 and 1)")
        // Same arity, different types: [i32] and [i64] with an i32 on the stack.
        expectBodyError([0x02, 0x7E, 0x02, 0x7F, 0x41, 0x07, 0x41, 0x00, 0x0E, 0x01, 0x00, 0x01, 0x0B, 0x1A, 0x42, 0x00, 0x0B, 0x1A, 0x0B],
                        at: 8, "expected i64, found i32")
        // Same types: fine, and the default may be the function's own label.
        expectValidBody([0x02, 0x7F, 0x41, 0x07, 0x41, 0x00, 0x0E, 0x02, 0x00, 0x01, 0x01, 0x0B, 0x1A, 0x41, 0x00, 0x0B], results: [.i32])
        expectBodyError([0x41, 0x00, 0x0E, 0x00, 0x02, 0x0B], at: 2, "unknown label 2")
    }

    // MARK: - Locals, globals, memory

    @Test func localLimits() {
        // 50,000 declared locals are accepted; one more is an implementation limit, reported at
        // the body's start (its size field, six bytes before the code: size, group count,
        // three-byte count, type).
        expectValidBody([0x0B], locals: [(50_000, .i32)])
        let (over, start) = body([0x0B], locals: [(50_001, .i32)])
        expectError(over, .implementationLimit, at: start - 6, "too many locals: 50001 declared, midimon accepts at most 50000")
        // Parameters count against the same limit (type [i32] -> []).
        var spec = function([0x0B], params: [.i32], locals: [(50_000, .i64)])
        let (withParam, paramStart) = spec.build()
        expectError(withParam, .implementationLimit, at: paramStart - 6, "at most 50000 parameters and locals")
        // More than 2^32 - 1 in total is malformed, at the group that overflows.
        spec.locals = [(0xFFFF_FFFF, .i32), (0xFFFF_FFFF, .i32)]
        let (overflow, overflowStart) = spec.build()
        expectError(overflow, .malformed, at: overflowStart - 6, "too many locals")
        // Groups add up: 25,000 + 25,001.
        let (split, splitStart) = body([0x0B], locals: [(25_000, .i32), (25_001, .f64)])
        expectError(split, .implementationLimit, at: splitStart - 10, "too many locals: 50001 declared")
    }

    @Test func variablesAndMemoryAccess() {
        expectBodyError([0x20, 0x01, 0x1A, 0x0B], at: 0, "unknown local 1", locals: [(1, .i32)])
        expectValidBody([0x20, 0x00, 0x20, 0x01, 0x1A, 0x1A, 0x0B], locals: [(1, .i32), (1, .f32)])
        expectBodyError([0x43, 0, 0, 0, 0, 0x21, 0x00, 0x0B], at: 5, "expected i32, found f32", locals: [(1, .i32)])
        // Loads need a memory, a natural alignment at most, and an alignment exponent below 32.
        expectValidBody([0x41, 0x00, 0x28, 0x02, 0x10, 0x1A, 0x0B], memory: true)
        expectBodyError([0x41, 0x00, 0x28, 0x02, 0x10, 0x1A, 0x0B], at: 2, "unknown memory 0")
        expectBodyError([0x41, 0x00, 0x28, 0x03, 0x00, 0x1A, 0x0B], at: 2, "alignment must not be larger than natural", memory: true)
        expectBodyError([0x41, 0x00, 0x2D, 0x01, 0x00, 0x1A, 0x0B], at: 2, "alignment must not be larger than natural", memory: true)
        expectBodyError([0x41, 0x00, 0x28, 0x20, 0x00, 0x1A, 0x0B], .malformed, at: 3, "malformed memop flags", memory: true)
        // memory.size and memory.grow need a memory too, and their reserved byte must be zero.
        expectBodyError([0x3F, 0x00, 0x1A, 0x0B], at: 0, "unknown memory 0")
        expectBodyError([0x3F, 0x01, 0x1A, 0x0B], .malformed, at: 1, "zero byte expected", memory: true)
        expectBodyError([0x3F, 0x80, 0x00, 0x1A, 0x0B], .malformed, at: 1, "zero byte expected", memory: true)
    }

    @Test func globalsMustBeMutableToBeSet() {
        var spec = function([0x41, 0x01, 0x24, 0x00, 0x0B])
        spec.globals = [global(.i32, [0x41, 0x00, 0x0B])]
        let (bytes, start) = spec.build()
        expectError(bytes, .invalid, at: start + 2, "global is immutable: global.set 0")
        spec.globals = [global(.i32, mutable: true, [0x41, 0x00, 0x0B])]
        expectValid(spec.bytes)
        spec.code = [0x24, 0x01, 0x0B]
        expectError(spec.bytes, .invalid, at: nil, "unknown global 1")
    }

    @Test func callsCheckArgumentsAndResults() {
        // Function 0 calls itself with the wrong argument type, then right.
        let wrong = function([0x42, 0x00, 0x10, 0x00, 0x0B], params: [.i32])
        let (bytes, start) = wrong.build()
        expectError(bytes, .invalid, at: start + 2, "expected i32, found i64")
        expectValid(function([0x41, 0x00, 0x10, 0x00, 0x0B], params: [.i32]).bytes)
        expectBodyError([0x10, 0x01, 0x0B], at: 0, "unknown function 1")
    }
}
