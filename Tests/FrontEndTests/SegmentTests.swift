@testable import FrontEnd
import Testing
import WasmTestSupport

/// Element segments in all eight encodings (binary §5.5.12), data segments in all three
/// (§5.5.14), and the data count section's rules (§5.5.15).
@Suite struct SegmentTests {
    /// The bytes a constant expression covers.
    func text(_ expression: ConstantExpression, in module: WasmModule) -> [UInt8] {
        Array(module.bytes[expression.range])
    }

    @Test func elementSegmentsInAllEightEncodings() {
        var spec = ModuleSpec()
        spec.tables = [[0x70] + B.limits(min: 4), [0x70] + B.limits(min: 4), [0x6F] + B.limits(min: 4)]
        let refFunc0: [UInt8] = [0xD2, 0x00, 0x0B], nullFunc: [UInt8] = [0xD0, 0x70, 0x0B], nullExtern: [UInt8] = [0xD0, 0x6F, 0x0B]
        spec.elements = [
            [0x00, 0x41, 0x01, 0x0B] + B.vector([[0x00]]),  // 0: active, table 0, function indices
            [0x01, 0x00] + B.vector([[0x00], [0x00]]),  // 1: passive, elemkind, function indices
            [0x02, 0x01, 0x41, 0x00, 0x0B, 0x00] + B.vector([[0x00]]),  // 2: active, table 1, elemkind
            [0x03, 0x00] + B.vector([[0x00]]),  // 3: declarative, elemkind
            [0x04, 0x41, 0x02, 0x0B] + B.vector([refFunc0, nullFunc]),  // 4: active, table 0, expressions
            [0x05, 0x6F] + B.vector([nullExtern]),  // 5: passive, reftype, expressions
            [0x06, 0x02, 0x41, 0x00, 0x0B, 0x6F] + B.vector([nullExtern, nullExtern]),  // 6: active, table 2
            [0x07, 0x70] + B.vector([refFunc0]),  // 7: declarative, reftype, expressions
            [0x80, 0x00, 0x41, 0x03, 0x0B] + B.vector([[0x00]]),  // encoding 0 with padded flags
        ]
        guard let (module, summary) = expectValid(spec.bytes) else { return }
        let e = module.elements
        #expect(e.count == 9)
        #expect(summary.features.contains(.bulkMemory) && summary.features.contains(.referenceTypes))

        func expectActive(_ i: Int, table: UInt32, offset: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
            guard case .active(let t, let o) = e[i].mode else {
                Issue.record("segment \(i) is \(e[i].mode), not active", sourceLocation: sourceLocation)
                return
            }
            #expect(t == table, sourceLocation: sourceLocation)
            #expect(text(o, in: module) == offset, sourceLocation: sourceLocation)
        }
        func expectFunctions(_ i: Int, _ functions: [UInt32], sourceLocation: SourceLocation = #_sourceLocation) {
            guard case .functions(let f) = e[i].items else {
                Issue.record("segment \(i) holds expressions", sourceLocation: sourceLocation)
                return
            }
            #expect(f == functions, sourceLocation: sourceLocation)
        }
        func expectExpressions(_ i: Int, _ expressions: [[UInt8]], sourceLocation: SourceLocation = #_sourceLocation) {
            guard case .expressions(let x) = e[i].items else {
                Issue.record("segment \(i) holds function indices", sourceLocation: sourceLocation)
                return
            }
            #expect(x.map { text($0, in: module) } == expressions, sourceLocation: sourceLocation)
        }

        expectActive(0, table: 0, offset: [0x41, 0x01, 0x0B]); expectFunctions(0, [0])
        guard case .passive = e[1].mode else { Issue.record("segment 1 is not passive"); return }
        expectFunctions(1, [0, 0])
        expectActive(2, table: 1, offset: [0x41, 0x00, 0x0B]); expectFunctions(2, [0])
        guard case .declarative = e[3].mode else { Issue.record("segment 3 is not declarative"); return }
        expectFunctions(3, [0])
        expectActive(4, table: 0, offset: [0x41, 0x02, 0x0B]); expectExpressions(4, [refFunc0, nullFunc])
        guard case .passive = e[5].mode else { Issue.record("segment 5 is not passive"); return }
        expectExpressions(5, [nullExtern])
        expectActive(6, table: 2, offset: [0x41, 0x00, 0x0B]); expectExpressions(6, [nullExtern, nullExtern])
        guard case .declarative = e[7].mode else { Issue.record("segment 7 is not declarative"); return }
        expectExpressions(7, [refFunc0])
        expectActive(8, table: 0, offset: [0x41, 0x03, 0x0B]); expectFunctions(8, [0])
        #expect(e.map(\.type) == [.funcref, .funcref, .funcref, .funcref, .funcref, .externref, .externref, .funcref, .funcref])
        #expect(e.map(\.items.count) == [1, 2, 1, 1, 2, 1, 2, 1, 1])
    }

    /// A module with only a funcref table (section 8..<14) and this element section, whose
    /// first segment starts at offset 17.
    func tableAndElements(_ segments: [[UInt8]], table: UInt8 = 0x70) -> [UInt8] {
        var spec = ModuleSpec()
        spec.types = []
        spec.functionType = nil
        spec.tables = [[table, 0x00, 0x01]]
        spec.elements = segments
        return spec.bytes
    }

    @Test func malformedElementSegments() {
        expectValid(tableAndElements([[0x00, 0x41, 0x00, 0x0B, 0x00]]))
        expectError(tableAndElements([[0x08, 0x00]]), .malformed, at: 17, "malformed elements segment kind 8")
        expectError(tableAndElements([[0xFF, 0xFF, 0xFF, 0xFF, 0x0F]]), .malformed, at: 17, "malformed elements segment kind 4294967295")
        // Element kind (encodings 1–3) must be 0x00 (funcref).
        expectError(tableAndElements([[0x01, 0x01, 0x00]]), .malformed, at: 18, "malformed element kind")
        // Reference type (encodings 5–7) must be funcref or externref.
        expectError(tableAndElements([[0x05, 0x7F, 0x00]]), .malformed, at: 18, "malformed reference type 0x7f")
        // A constant expression without its end runs into the next segment, then the section's end.
        expectError(tableAndElements([[0x00, 0x41, 0x00, 0x00]]), .malformed, at: nil, "unexpected end")
    }

    @Test func invalidElementSegments() {
        // No table at all: the element section is the only one (id 8, size 9, count 10).
        var spec = ModuleSpec()
        spec.types = []
        spec.functionType = nil
        spec.elements = [[0x00, 0x41, 0x00, 0x0B, 0x00]]
        expectError(spec.bytes, .invalid, at: 11, "unknown table 0 in element segment")
        // An externref segment for a funcref table, and the reverse.
        expectError(tableAndElements([[0x06, 0x00, 0x41, 0x00, 0x0B, 0x6F, 0x00]]), .invalid, at: 17,
                    "type mismatch: externref segment for a table of funcref")
        expectError(tableAndElements([[0x00, 0x41, 0x00, 0x0B, 0x00]], table: 0x6F), .invalid, at: 17,
                    "type mismatch: funcref segment for a table of externref")
        // Function indices that do not exist (there are no functions).
        expectError(tableAndElements([[0x01, 0x00, 0x01, 0x00]]), .invalid, at: 17, "unknown function 0 in element segment")
        // An item expression of the wrong reference type: reported at its end (offset 22).
        expectError(tableAndElements([[0x05, 0x70, 0x01, 0xD0, 0x6F, 0x0B]]), .invalid, at: 22, "type mismatch")
        // An offset of the wrong type.
        expectError(tableAndElements([[0x00, 0x42, 0x00, 0x0B, 0x00]]), .invalid, at: 20,
                    "type mismatch: constant expression must produce [i32], found [i64]")
    }

    @Test func dataSegmentsInAllThreeEncodings() {
        var spec = ModuleSpec()
        spec.memories = [B.limits(min: 1)]
        spec.data = [
            [0x00, 0x41, 0x00, 0x0B] + B.name("abc"),  // 0: active, memory 0
            [0x01] + B.name("de"),  // 1: passive
            [0x02, 0x00, 0x41, 0x08, 0x0B] + B.name("f"),  // 2: active, explicit memory 0
            [0x02, 0x80, 0x00, 0x41, 0x09, 0x0B] + B.name(""),  // 2 again, memory index padded
        ]
        spec.dataCount = 4
        guard let (module, summary) = expectValid(spec.bytes) else { return }
        #expect(summary.features.contains(.bulkMemory))
        let d = module.data
        #expect(d.map { String(decoding: module.bytes[$0.bytes], as: UTF8.self) } == ["abc", "de", "f", ""])
        var offsets: [[UInt8]] = []
        for (i, segment) in d.enumerated() {
            switch segment.mode {
            case .active(let memory, let offset):
                #expect(memory == 0)
                #expect(i != 1)
                offsets.append(text(offset, in: module))
            case .passive:
                #expect(i == 1)
            }
        }
        #expect(offsets == [[0x41, 0x00, 0x0B], [0x41, 0x08, 0x0B], [0x41, 0x09, 0x0B]])
    }

    @Test func badDataSegments() {
        // Memory section 8..<13; data section id 13, size 14, count 15, first segment at 16.
        var spec = ModuleSpec()
        spec.types = []
        spec.functionType = nil
        spec.memories = [B.limits(min: 1)]
        spec.data = [[0x03, 0x00]]
        expectError(spec.bytes, .malformed, at: 16, "malformed data segment kind 3")
        spec.data = [[0x02, 0x01, 0x41, 0x00, 0x0B, 0x00]]
        expectError(spec.bytes, .invalid, at: 16, "unknown memory 1 in data segment")
        spec.data = [[0x00, 0x43, 0x00, 0x00, 0x00, 0x00, 0x0B, 0x00]]
        expectError(spec.bytes, .invalid, at: 22, "type mismatch: constant expression must produce [i32], found [f32]")
        spec.data = [[0x00, 0x41, 0x00, 0x0B, 0x05, 0x61]]
        expectError(spec.bytes, .malformed, at: 20, "length out of bounds")
        // Without a memory (data section id 8, size 9, count 10, segment 11).
        spec.memories = []
        spec.data = [[0x00, 0x41, 0x00, 0x0B, 0x00]]
        expectError(spec.bytes, .invalid, at: 11, "unknown memory 0 in data segment")
        // A passive segment needs no memory.
        spec.data = [[0x01, 0x00]]
        expectValid(spec.bytes)
    }

    // MARK: - Data count

    func bulkMemoryModule(_ code: [UInt8], dataCount: UInt32?, segments: Int = 1) -> (bytes: [UInt8], codeStart: Int) {
        var spec = ModuleSpec()
        spec.memories = [B.limits(min: 1)]
        spec.dataCount = dataCount
        spec.code = code
        spec.data = [[UInt8]](repeating: [0x01, 0x01, 0x2A], count: segments)
        return spec.build()
    }

    @Test func memoryInitAndDataDropNeedTheDataCountSection() {
        let memoryInit: [UInt8] = [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0x0B]
        let dataDrop: [UInt8] = [0xFC, 0x09, 0x00, 0x0B]
        expectValid(bulkMemoryModule(memoryInit, dataCount: 1).bytes)
        expectValid(bulkMemoryModule(dataDrop, dataCount: 1).bytes)
        let (initBytes, initStart) = bulkMemoryModule(memoryInit, dataCount: nil)
        expectError(initBytes, .malformed, at: initStart + 6, "data count section required")
        let (dropBytes, dropStart) = bulkMemoryModule(dataDrop, dataCount: nil)
        expectError(dropBytes, .malformed, at: dropStart, "data count section required")
        // With the section, an index past the count is invalid, not malformed.
        let (outOfRange, start) = bulkMemoryModule([0xFC, 0x09, 0x01, 0x0B], dataCount: 1)
        expectError(outOfRange, .invalid, at: start, "unknown data segment 1")
        // Other bulk-memory operators do not need it.
        expectValid(bulkMemoryModule([0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0B, 0x00, 0x0B], dataCount: nil).bytes)
    }

    @Test func dataCountMustMatchTheDataSection() {
        // Declared 2, one segment: reported right after the data section's count.
        let (two, _) = bulkMemoryModule([0x0B], dataCount: 2)
        let dataSection = two.count - 6  // id, size, count, one 3-byte segment
        #expect(Array(two[dataSection...]) == [0x0B, 0x04, 0x01, 0x01, 0x01, 0x2A])
        expectError(two, .malformed, at: dataSection + 3,
                    "data count and data section have inconsistent lengths (2 declared, 1 present)")
        // Declared 1, no data section at all: reported at the end of the module.
        let (none, _) = bulkMemoryModule([0x0B], dataCount: 1, segments: 0)
        expectError(none, .malformed, at: none.count, "data count and data section have inconsistent lengths")
        // Declared 0 and no data section is fine; so is a count that matches.
        expectValid(bulkMemoryModule([0x0B], dataCount: 0, segments: 0).bytes)
        expectValid(bulkMemoryModule([0x0B], dataCount: 3, segments: 3).bytes)
    }

    @Test func malformedBodyWinsOverAnEarlierInvalidOne() {
        // Function 0 is invalid (i64 where i32 is expected); function 1 uses data.drop without a
        // data count section, which is malformed. The spec orders decoding before validation.
        let bytes = B.module(
            B.section(.type, B.vector([B.functionType([], [])])),
            B.section(.function, B.vector([[0x00], [0x00]])),
            B.section(.memory, B.vector([B.limits(min: 1)])),
            B.section(.code, B.vector([
                B.functionBody([0x42, 0x00, 0x45, 0x1A, 0x0B]),
                B.functionBody([0xFC, 0x09, 0x00, 0x0B]),
            ])),
            B.section(.data, B.vector([[0x01, 0x00]])))
        expectError(bytes, .malformed, at: nil, "data count section required")
    }
}
