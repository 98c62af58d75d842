@testable import FrontEnd
import Testing
import WasmTestSupport

/// The synthetic module that tests and the front-end benchmark use: valid, about 2 MB,
/// deterministic, and made of the constructs it claims to contain.
@Suite struct SyntheticModuleTests {
    @Test func defaultModuleIsAbout2MBAndValid() {
        let bytes = SyntheticModule.large()
        #expect(bytes.count == SyntheticModule.defaultLargeSize)
        // Within 2 % of 2 MB (taken as 2,000,000 bytes).
        #expect(abs(bytes.count - 2_000_000) < 40_000, "\(bytes.count) bytes")
        guard let (module, summary) = expectValid(bytes) else { return }
        #expect(module.code.count == 2000)
        #expect(module.functionCount == 2001)
        #expect(module.elements.first?.items.count == 2000)
        #expect(module.tables.first?.limits == Limits(min: 2000, max: 2000))
        #expect(module.types.count == 10)
        #expect(module.exports.count == 10)
        #expect(module.data.count == 2 && module.dataCount == 2)
        // About a million operators: ~500 per 1 KB body.
        #expect(summary.instructionCount > 800_000, "\(summary.instructionCount) operators")
        #expect(Set(summary.features.proposals) == [.signExtension, .saturatingFloatToInt, .multiValue, .bulkMemory, .referenceTypes, .extendedConst])
    }

    @Test func sameArgumentsSameBytes() {
        let a = SyntheticModule.large(functionCount: 40)
        #expect(a == SyntheticModule.large(functionCount: 40))
        let other = SyntheticModule.large(functionCount: 40, seed: 7)
        #expect(a != other)
        expectValid(other)
        // Size grows with the arguments: 40 functions of ~1 KB.
        #expect((38_000...44_000).contains(a.count), "\(a.count) bytes")
        let smallBodies = SyntheticModule.large(functionCount: 40, bodySize: 200)
        #expect(smallBodies.count < a.count / 3)
        expectValid(smallBodies)
    }

    @Test(arguments: 1...12)
    func smallFunctionCountsAreValid(_ count: Int) {
        // Below seven functions some function types have no function to call.
        guard let (module, _) = expectValid(SyntheticModule.large(functionCount: count, bodySize: 300, seed: UInt64(count))) else { return }
        #expect(module.code.count == count)
    }

    @Test func bodiesUseTheAdvertisedConstructs() throws {
        let module = try ModuleParser.parse(SyntheticModule.large(functionCount: 60))
        var seen = Set<UInt16>()
        for body in module.code {
            var decoder = InstructionDecoder(
                reader: ByteReader(bytes: module.bytes, position: body.expression.lowerBound, end: body.expression.upperBound),
                hasDataCount: true)
            while !decoder.isAtEnd { seen.insert(try decoder.decode().opcode.rawValue) }
        }
        let expected: [Opcode] = [
            .block, .loop, .if, .else, .br, .brIf, .brTable, .return, .call, .callIndirect, .select, .selectTyped,
            .localGet, .localSet, .localTee, .globalGet, .globalSet, .i32Load, .i64Load, .f32Load, .f64Load, .i32Load8U,
            .i32Store, .i64Store, .f32Store, .f64Store, .i32Store8, .i64Store32, .memorySize, .memoryGrow,
            .i32Add, .i64Mul, .f32Add, .f64Div, .i32WrapI64, .i64ExtendI32S, .f32DemoteF64, .f64PromoteF32,
            .i32TruncSatF32S, .i64Extend8S, .memoryFill, .memoryCopy, .memoryInit, .dataDrop, .drop,
        ]
        for op in expected where !seen.contains(op.rawValue) {
            Issue.record("the synthetic module never uses \(op.name)")
        }
        // Multi-value blocks by type index, with and without a parameter.
        #expect(module.bytes.contains(0x02))
        #expect(module.code.allSatisfy { $0.localCount == 7 })
    }
}
