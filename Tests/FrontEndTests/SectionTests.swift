@testable import FrontEnd
import Testing
import WasmTestSupport

/// The module's outer structure (binary §5.5): preamble, section ids, sizes and order.
@Suite struct SectionTests {
    /// A module with one section of every kind the function needs: imports, a table, a memory,
    /// a global, an export, a start function, an element segment, data count and data.
    static func richModule() -> ModuleSpec {
        var spec = ModuleSpec()
        spec.types = [B.functionType([], []), B.functionType([.i32], [.i32])]
        spec.imports = [B.name("env") + B.name("f") + [0x00, 0x01]]
        spec.tables = [[0x70] + B.limits(min: 2)]
        spec.memories = [B.limits(min: 1, max: 2)]
        spec.globals = [global(.i32, mutable: true, [0x41, 0x2A, 0x0B])]
        spec.exports = [export("run", index: 1), export("mem", kind: 2)]
        spec.start = 1
        spec.elements = [[0x00, 0x41, 0x00, 0x0B, 0x02, 0x00, 0x01]]
        spec.dataCount = 1
        spec.locals = [(1, .i32)]
        spec.code = [0x23, 0x00, 0x10, 0x00, 0x21, 0x00, 0x0B]
        spec.data = [[0x00, 0x41, 0x10, 0x0B, 0x03, 0x61, 0x62, 0x63]]
        return spec
    }

    @Test func preamble() {
        expectValid(B.header())
        expectError([], .malformed, at: 0, "magic header not detected")
        expectError([0x00, 0x61, 0x73], .malformed, at: 0, "magic header not detected")
        expectError([0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00], .malformed, at: 0, "magic header not detected")
        expectError([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00], .malformed, at: 6, "unexpected end")
        expectError(B.header(version: 2), .malformed, at: 4, "unknown binary version 2")
        expectError(B.header(version: 0x0100_0000), .malformed, at: 4, "unknown binary version")
    }

    @Test func sectionSizeLargerThanTheFile() {
        // Type section: id at 8, size at 9, four bytes of contents where ten are declared.
        let module = B.module(B.section(.type, [0x01, 0x60, 0x00, 0x00], declaredSize: 10))
        expectError(module, .malformed, at: 9, "length out of bounds: section size 10 exceeds the 4 bytes left")
        // A size that does not even fit in a u32.
        expectError(B.header() + [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F], .malformed, at: 9, "integer too large")
    }

    @Test func sectionSizeLargerThanItsContents() {
        // The type is read by 14, but the section claims one byte more (the next section's id).
        let module = B.module(B.section(.type, [0x01, 0x60, 0x00, 0x00], declaredSize: 5), B.customSection("x"))
        expectError(module, .malformed, at: 14, "section size mismatch: type section declares 5 bytes")
    }

    @Test func sectionSizeSmallerThanItsContents() {
        // Declared 3 of 4 bytes: one type needs at least 3 bytes after the count at 10, and
        // only 2 are inside the section.
        let module = B.module(B.section(.type, [0x01, 0x60, 0x00, 0x00], declaredSize: 3))
        expectError(module, .malformed, at: 10, "unexpected end of section or function")
        // Declared 4 of 5 bytes ([] -> [i32]): the result count at 13 promises a type that
        // lies outside the section.
        let cut = B.module(B.section(.type, [0x01, 0x60, 0x00, 0x01, 0x7F], declaredSize: 4))
        expectError(cut, .malformed, at: 13, "unexpected end of section or function")
        // Same with a code body whose own size runs past its section.
        var spec = function([0x0B])
        let valid = spec.bytes
        spec.code = [0x01, 0x0B]
        let (bytes, _) = spec.build()
        // Shrink the code section's size byte (just after its id, 0x0A) by one.
        var lying = bytes
        let codeID = bytes.count - 7  // 0A, size 05, count 01, body size 03, no locals 00, nop 01, end 0B
        #expect(Array(bytes[codeID...]) == [0x0A, 0x05, 0x01, 0x03, 0x00, 0x01, 0x0B])
        lying[codeID + 1] -= 1
        // The body's size (3, at codeID + 3) asks for more than the section's 4 bytes hold.
        expectError(lying, .malformed, at: codeID + 4, "unexpected end of section or function")
        expectValid(valid)
    }

    @Test func sectionsOutOfOrderOrRepeated() {
        let types = B.section(.type, B.vector([]))
        let functions = B.section(.function, B.vector([]))
        let code = B.section(.code, B.vector([]))
        expectValid(B.module(types, functions, code))
        // Function (3) before type (1): the type section at offset 11 is out of order.
        expectError(B.module(functions, types), .malformed, at: 11, "unexpected content after last section")
        expectError(B.module(types, types), .malformed, at: 11, "type section out of order or repeated")
        expectError(B.module(types, functions, code, code), .malformed, at: 17, "code section out of order or repeated")
        // Data count (12) goes between element and code, so after code it is out of order.
        let dataCount = B.section(.dataCount, [0x00])
        expectValid(B.module(types, functions, dataCount, code))
        expectError(B.module(types, functions, code, dataCount), .malformed, at: 17, "data count section out of order")
        // Data (11) after code (10); the reverse is out of order.
        let data = B.section(.data, B.vector([]))
        expectValid(B.module(code, data))
        expectError(B.module(data, code), .malformed, at: 11, "code section out of order")
        let memory = B.section(.memory, B.vector([]))
        let table = B.section(.table, B.vector([]))
        expectError(B.module(memory, table), .malformed, at: 11, "table section out of order")
    }

    @Test func customSectionsMayAppearAnywhere() throws {
        let plain = Self.richModule().bytes
        let original = try ModuleParser.parse(plain)
        #expect(original.sections.count == 12)
        // Put a custom section before every section and one at the end.
        var interleaved = B.header()
        for (i, section) in original.sections.enumerated() {
            interleaved += B.customSection("c\(i)", [UInt8(i), 0xFF, 0x00])
            interleaved += Array(plain[section.offset..<section.contents.upperBound])
        }
        interleaved += B.customSection("last")
        guard let (module, _) = expectValid(interleaved) else { return }
        #expect(module.customSections.map(\.name) == (0..<12).map { "c\($0)" } + ["last"])
        #expect(module.customSections[3].contents.count == 3)
        #expect(module.sections.filter { $0.id != .custom }.map(\.id) == original.sections.map(\.id))
        #expect(module.code.count == 1 && module.elements.count == 1 && module.data.count == 1 && module.start == 1)
        // Contents of a custom section are anything at all, even a lying count.
        expectValid(B.module(B.customSection("anything", [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])))
        // But the name must be there and be a name.
        expectError(B.module(B.section(.custom, [])), .malformed, at: 10, "unexpected end")
        expectError(B.module(B.section(.custom, [0x05, 0x61]), B.customSection("z")), .malformed, at: 10, "unexpected end of section or function")
    }

    @Test func unknownSectionIDs() {
        expectError(B.module(B.section(id: 13, [])), .malformed, at: 8, "malformed section id 13")
        expectError(B.module(B.section(.type, B.vector([])), B.section(id: 0x7F, [0x00])), .malformed, at: 11, "malformed section id 127")
        expectError(B.module(B.section(id: 0xFF, [])), .malformed, at: 8, "malformed section id 255")
    }

    /// Every proper prefix of a non-trivial module is an error (not a crash), except those that
    /// end exactly where the module is complete enough to be valid: after the header, the type
    /// section, and the import section. Cutting anywhere later leaves functions without code
    /// or a data count without data.
    @Test(arguments: ["rich", "synthetic"])
    func everyTruncationIsMalformed(_ which: String) throws {
        let bytes = which == "rich" ? Self.richModule().bytes : SyntheticModule.large(functionCount: 2)
        let full = try ModuleParser.parse(bytes)
        #expect(expectValid(bytes) != nil)
        let typeEnd = full.sections.first { $0.id == .type }!.contents.upperBound
        let importEnd = full.sections.first { $0.id == .import }!.contents.upperBound
        var accepted: [Int] = []
        for length in 0..<bytes.count {
            let prefix = Array(bytes[..<length])
            guard let error = moduleError(prefix) else {
                accepted.append(length)
                continue
            }
            #expect(error.kind == .malformed, "prefix of \(length) bytes: \(error)")
            #expect(error.offset <= length, "prefix of \(length) bytes: \(error)")
        }
        #expect(accepted == [8, typeEnd, importEnd])
    }

    @Test func truncatedInsideSectionsGivesTheRightMessage() {
        let bytes = Self.richModule().bytes
        // Cut one byte into the type section's contents (id 8, size 9, count 10).
        expectError(Array(bytes[..<11]), .malformed, at: 9, "length out of bounds")
        // Cut inside the size itself.
        expectError(Array(bytes[..<9]), .malformed, at: 9, "unexpected end")
        // Cut the last byte: the data section's declared size no longer fits.
        guard let data = try? ModuleParser.parse(bytes).sections.last else { Issue.record("rich module does not parse"); return }
        #expect(data.id == .data && data.contents.count == 9)
        expectError(Array(bytes.dropLast()), .malformed, at: data.offset + 1, "length out of bounds: section size 9 exceeds the 8 bytes left")
    }

    /// Counts are checked against the bytes that remain before anything is reserved, so four
    /// billion of anything fails at once instead of allocating.
    @Test func hugeDeclaredCountsFailFast() {
        let clock = ContinuousClock()
        let huge = B.unsigned(0xFFFF_FFFF)
        let elapsed = clock.measure {
            // Types, as the last section: "length out of bounds" at the count (offset 10).
            expectError(B.module(B.section(.type, huge)), .malformed, at: 10, "length out of bounds")
            // Functions, followed by another section: the section's end comes first.
            expectError(B.module(B.section(.function, huge), B.customSection("x")), .malformed, at: 10,
                        "unexpected end of section or function")
            // Imports, tables, memories, globals, exports, elements, data, code.
            for id in [B.Section.import, .table, .memory, .global, .export, .element, .data, .code] {
                expectError(B.module(B.section(id, huge + [0x00, 0x00]), B.customSection("x")), .malformed, at: 10,
                            "unexpected end of section or function")
            }
            // Four billion parameters in a type.
            expectError(B.module(B.section(.type, [0x01, 0x60] + huge)), .malformed, at: 12, "length out of bounds")
            // A body with four billion local groups, and one with a group of four billion locals.
            var spec = function([0x0B])
            spec.locals = []
            let groups = B.module(
                B.section(.type, B.vector([B.functionType([], [])])), B.section(.function, [0x01, 0x00]),
                B.section(.code, [0x01, 0x07] + huge + [0x7F, 0x0B]), B.customSection("x"))
            expectError(groups, .malformed, at: nil, "unexpected end of section or function")
            spec.locals = [(0xFFFF_FFFF, .i32)]
            expectError(spec.bytes, .implementationLimit, at: nil, "too many locals")
            // br_table with four billion targets.
            spec.locals = []
            spec.code = [0x02, 0x40, 0x41, 0x00, 0x0E] + huge + [0x00, 0x0B, 0x0B]
            let (bytes, start) = spec.build()
            // (The body ends the file, so running out of it reads as the file's end.)
            expectError(bytes, .malformed, at: start + 5, "length out of bounds")
            // A name of four billion bytes.
            expectError(B.module(B.section(.export, [0x01] + huge + [0x61])), .malformed, at: 11, "length out of bounds")
            // A data segment of four billion bytes.
            expectError(B.module(B.section(.data, [0x01, 0x01] + huge + [0x61])), .malformed, at: 12, "length out of bounds")
        }
        #expect(elapsed < .seconds(2), "huge counts took \(elapsed)")
    }
}
