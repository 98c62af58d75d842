@testable import FrontEnd
import Testing
import WasmTestSupport

/// Constant expressions (spec §3.3.10) in global initializers and segment offsets, with the
/// extended-const arithmetic (`i32/i64.add/sub/mul`).
@Suite struct ConstantExpressionTests {
    /// Only a global section: id 8, size 9, count 10, type 11, mutability 12, expression from 13.
    func globals(_ entries: [[UInt8]], imports: [[UInt8]] = []) -> [UInt8] {
        var spec = ModuleSpec()
        spec.types = []
        spec.functionType = nil
        spec.imports = imports
        spec.globals = entries
        return spec.bytes
    }

    /// An imported global "env" "g": the import section is 8..<20, so the global section's
    /// first expression starts at 25.
    func importedGlobal(_ type: B.ValueType, mutable: Bool) -> [UInt8] {
        B.name("env") + B.name("g") + [0x03, type.rawValue, mutable ? 0x01 : 0x00]
    }

    @Test func extendedConstArithmeticIsAccepted() {
        let add: [UInt8] = [0x41, 0x01, 0x41, 0x02, 0x6A, 0x0B]
        let sub: [UInt8] = [0x41, 0x01, 0x41, 0x02, 0x6B, 0x0B]
        let mul64: [UInt8] = [0x42, 0x03, 0x42, 0x7F, 0x7E, 0x42, 0x01, 0x7D, 0x0B]
        guard let (_, summary) = expectValid(globals([global(.i32, add), global(.i32, sub), global(.i64, mul64)])) else { return }
        #expect(summary.features.contains(.extendedConst))
        // Plain constants do not count as extended-const.
        guard let (_, plain) = expectValid(globals([global(.i32, [0x41, 0x05, 0x0B])])) else { return }
        #expect(!plain.features.contains(.extendedConst))
        // An imported immutable global is a constant operand too.
        expectValid(globals([global(.i32, [0x23, 0x00, 0x41, 0x10, 0x6A, 0x0B])], imports: [importedGlobal(.i32, mutable: false)]))
    }

    @Test func extendedConstWithAMutableGlobalIsInvalid() {
        let imports = [importedGlobal(.i32, mutable: true)]
        let bytes = globals([global(.i32, [0x23, 0x00, 0x41, 0x10, 0x6A, 0x0B])], imports: imports)
        #expect(Array(bytes[8..<20]) == [0x02, 0x0A, 0x01] + importedGlobal(.i32, mutable: true))
        expectError(bytes, .invalid, at: 25, "constant expression required: global.get of mutable global 0")
        // Also when it is the second operand.
        let second = globals([global(.i32, [0x41, 0x10, 0x23, 0x00, 0x6C, 0x0B])], imports: imports)
        expectError(second, .invalid, at: 27, "constant expression required: global.get of mutable global 0")
    }

    @Test func onlyImportedGlobalsAreVisible() {
        // Global 1 reads global 0, a global of this module: not in the context C′ of §3.4.10.
        let bytes = globals([global(.i32, [0x41, 0x00, 0x0B]), global(.i32, [0x23, 0x00, 0x0B])])
        expectError(bytes, .invalid, at: 18, "unknown global 0")
    }

    @Test func nonConstantOperatorsAndTypeErrors() {
        expectError(globals([global(.i32, [0x41, 0x01, 0x41, 0x01, 0x6D, 0x0B])]), .invalid, at: 17,
                    "constant expression required: i32.div_s is not constant")
        expectError(globals([global(.i32, [0x01, 0x41, 0x00, 0x0B])]), .invalid, at: 13,
                    "constant expression required: nop is not constant")
        expectError(globals([global(.i64, [0x42, 0x01, 0x41, 0x01, 0x7C, 0x0B])]), .invalid, at: 17,
                    "type mismatch in constant expression: expected i64")
        expectError(globals([global(.i32, [0x41, 0x01, 0x6A, 0x0B])]), .invalid, at: 15,
                    "type mismatch in constant expression: expected i32")
        expectError(globals([global(.i64, [0x41, 0x01, 0x0B])]), .invalid, at: 15,
                    "type mismatch: constant expression must produce [i64], found [i32]")
        expectError(globals([global(.i32, [0x41, 0x01, 0x41, 0x02, 0x0B])]), .invalid, at: 17,
                    "found [i32 i32]")
        expectError(globals([global(.i32, [0x0B])]), .invalid, at: 13, "found []")
        // An expression with no end runs to the end of the section.
        expectError(globals([global(.i32, [0x41, 0x01])]), .malformed, at: 15, "unexpected end")
    }

    @Test func extendedConstInSegmentOffsets() {
        var spec = ModuleSpec()
        spec.tables = [[0x70] + B.limits(min: 8)]
        spec.memories = [B.limits(min: 1)]
        spec.elements = [[0x00, 0x41, 0x02, 0x41, 0x03, 0x6C, 0x0B] + B.vector([[0x00]])]
        spec.data = [[0x00, 0x41, 0x80, 0x02, 0x41, 0x08, 0x6B, 0x0B] + B.name("x")]
        guard let (_, summary) = expectValid(spec.bytes) else { return }
        #expect(summary.features.contains(.extendedConst))
    }

    @Test func referenceConstants() {
        // A funcref global initialized by ref.func, and by ref.null; externref by ref.null.
        var spec = ModuleSpec()
        spec.globals = [global(.funcref, [0xD2, 0x00, 0x0B]), global(.funcref, [0xD0, 0x70, 0x0B]), global(.externref, [0xD0, 0x6F, 0x0B])]
        expectValid(spec.bytes)
        spec.globals = [global(.funcref, [0xD0, 0x6F, 0x0B])]
        expectError(spec.bytes, .invalid, at: nil, "found [externref]")
        spec.globals = [global(.funcref, [0xD2, 0x01, 0x0B])]
        expectError(spec.bytes, .invalid, at: nil, "unknown function 1")
    }
}
