@testable import FrontEnd
import Testing
import WasmTestSupport

/// Names (binary §5.2.4) must be valid UTF-8; export names are compared byte-wise; the `name`
/// custom section (appendix 7.4) is read for diagnostics and dropped when it is broken.
@Suite struct NameTests {
    static let invalidUTF8: [(String, [UInt8])] = [
        // Overlong encodings.
        ("overlong NUL", [0xC0, 0x80]),
        ("overlong 0x7F", [0xC1, 0xBF]),
        ("overlong 3-byte", [0xE0, 0x80, 0x80]),
        ("overlong U+07FF", [0xE0, 0x9F, 0xBF]),
        ("overlong 4-byte", [0xF0, 0x80, 0x80, 0x80]),
        ("overlong U+FFFF", [0xF0, 0x8F, 0xBF, 0xBF]),
        // UTF-16 surrogates, alone and as a CESU-8 pair.
        ("surrogate U+D800", [0xED, 0xA0, 0x80]),
        ("surrogate U+DFFF", [0xED, 0xBF, 0xBF]),
        ("surrogate pair", [0xED, 0xAF, 0xBF, 0xED, 0xB0, 0x80]),
        // Beyond U+10FFFF, and bytes that never occur.
        ("U+110000", [0xF4, 0x90, 0x80, 0x80]),
        ("lead 0xF5", [0xF5, 0x80, 0x80, 0x80]),
        ("lead 0xF7", [0xF7, 0xBF, 0xBF, 0xBF]),
        ("5-byte form", [0xF8, 0x88, 0x80, 0x80, 0x80]),
        ("byte 0xFE", [0xFE]),
        ("byte 0xFF", [0x61, 0xFF]),
        // Truncated sequences and stray continuation bytes.
        ("truncated 2-byte", [0xC3]),
        ("truncated 3-byte", [0xE2, 0x82]),
        ("truncated 4-byte", [0xF0, 0x9F, 0x8E]),
        ("truncated after ASCII", [0x61, 0x62, 0xE2, 0x82]),
        ("truncated before ASCII", [0xE2, 0x82, 0x61]),
        ("lone continuation", [0x80]),
        ("continuation after ASCII", [0x61, 0xBF]),
    ]

    static let validUTF8: [[UInt8]] = [
        [],
        [0x00],
        [0xC3, 0xA9],  // é
        [0xE2, 0x82, 0xAC],  // €
        [0xF0, 0x9F, 0x8E, 0xB9],  // 🎹
        [0xED, 0x9F, 0xBF],  // U+D7FF, just below the surrogates
        [0xEE, 0x80, 0x80],  // U+E000, just above them
        [0xF4, 0x8F, 0xBF, 0xBF],  // U+10FFFF
        [0xEF, 0xBF, 0xBF],  // U+FFFF
    ]

    @Test(arguments: invalidUTF8)
    func invalidUTF8IsMalformedWherever(_ label: String, _ name: [UInt8]) {
        // Export name: id 8, size 9, count 10, length 11, name bytes from 12.
        let exportModule = B.module(B.section(.export, [0x01] + B.name(bytes: name) + [0x00, 0x00]))
        expectError(exportModule, .malformed, at: 12, "malformed UTF-8 encoding")
        // Import module and field names.
        let importModule = B.module(B.section(.import, [0x01] + B.name(bytes: name) + B.name("f") + [0x00, 0x00]))
        expectError(importModule, .malformed, at: 12, "malformed UTF-8 encoding")
        let importField = B.module(B.section(.import, [0x01] + B.name("m") + B.name(bytes: name) + [0x00, 0x00]))
        expectError(importField, .malformed, at: 14, "malformed UTF-8 encoding")
        // Custom section name: id 8, size 9, length 10, bytes from 11.
        expectError(B.module(B.section(.custom, B.name(bytes: name))), .malformed, at: 11, "malformed UTF-8 encoding")
    }

    @Test(arguments: validUTF8)
    func validUTF8IsAccepted(_ name: [UInt8]) {
        guard let (module, _) = expectValid(B.module(B.section(.custom, B.name(bytes: name) + [0x01]))) else { return }
        #expect(Array(module.customSections[0].name.utf8) == name)
    }

    @Test func exportNamesCompareAsBytes() {
        // "Å" precomposed and "A" + combining ring are canonically equivalent, so Swift's ==
        // calls them equal; as export names they are two different byte strings.
        #expect("\u{C5}" == "A\u{30A}")
        var spec = ModuleSpec()
        spec.exports = [export("\u{C5}"), export("A\u{30A}")]
        guard let (module, _) = expectValid(spec.bytes) else { return }
        #expect(module.exports.map { Array($0.name.utf8) } == [[0xC3, 0x85], [0x41, 0xCC, 0x8A]])
    }

    @Test func duplicateExportNamesAreInvalid() {
        // Type section 8..<14, function section 14..<18, export section at 18: id, size,
        // count, then entries from 21; each export("a") takes 4 bytes.
        var spec = ModuleSpec()
        spec.memories = [B.limits(min: 0)]
        spec.exports = [export("a"), export("b"), export("a", kind: 2)]
        let bytes = spec.bytes
        // Type section 8..<14, function 14..<18, memory 18..<23; the export section's entries
        // start at 26 and take 4 bytes each.
        #expect(Array(bytes[18..<23]) == [0x05, 0x03, 0x01, 0x00, 0x00])
        #expect(Array(bytes[23..<26]) == [0x07, 0x0D, 0x03])
        expectError(bytes, .invalid, at: 34, "duplicate export name \"a\"")
        spec.exports = [export("x"), export("x")]
        expectError(spec.bytes, .invalid, at: 30, "duplicate export name \"x\"")
    }

    // MARK: - The name section

    @Test func functionAndLocalNamesAreRead() throws {
        let bytes = try wat("""
            (module $plugin
              (func $add (param $x i32) (param $y i32) (result i32) (local $sum i32)
                local.get $x
                local.get $y
                i32.add)
              (func $noop)
              (export "add" (func $add)))
            """, names: true)
        guard let (module, _) = expectValid(bytes) else { return }
        #expect(module.customSections.map(\.name) == ["name"])
        #expect(module.names.functions == [0: "add", 1: "noop"])
        #expect(module.names.locals[0] == [0: "x", 1: "y", 2: "sum"])
        #expect(module.functionName(0) == "$add (#0)")
        #expect(module.functionName(7) == "#7")
        // Without the section, no names.
        guard let (plain, _) = expectValid(try wat("(module (func $f))")) else { return }
        #expect(plain.names.functions.isEmpty)
    }

    @Test func handWrittenNameSection() {
        // Subsections: module name (0), function names (1), local names (2), and an unknown
        // subsection (9) that is skipped.
        let payload = Self.subsection(0, B.name("m"))
            + Self.subsection(9, [0xDE, 0xAD])
            + Self.subsection(1, B.vector([B.unsigned(0) + B.name("main")]))
            + Self.subsection(2, B.vector([B.unsigned(0) + B.vector([B.unsigned(0) + B.name("n")])]))
        let bytes = function([0x0B], params: [.i32]).bytes + B.customSection("name", payload)
        guard let (module, _) = expectValid(bytes) else { return }
        #expect(module.names.module == "m")
        #expect(module.names.functions == [0: "main"])
        #expect(module.names.locals == [0: [0: "n"]])
    }

    static func subsection(_ id: UInt8, _ contents: [UInt8]) -> [UInt8] {
        [id] + B.unsigned(UInt64(contents.count)) + contents
    }

    static let brokenNameSections: [[UInt8]] = [
        [0x01, 0xFF],  // function names with a truncated size
        [0x01, 0x05, 0x01, 0x00],  // size larger than what follows
        subsection(1, B.vector([B.unsigned(0) + B.name(bytes: [0xC0, 0x80])])),  // bad UTF-8
        subsection(1, [0x02, 0x00] + B.name("a")),  // count larger than the entries
        subsection(1, B.vector([B.unsigned(0) + B.name("a")])) + [0x02],  // good, then garbage
        subsection(2, [0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),  // four billion local names
    ]

    @Test(arguments: brokenNameSections.indices)
    func brokenNameSectionIsDroppedAndTheModuleStaysValid(_ index: Int) {
        let payload = Self.brokenNameSections[index]
        let bytes = function([0x0B]).bytes + B.customSection("name", payload)
        guard let (module, _) = expectValid(bytes) else { return }
        #expect(module.customSections.map(\.name) == ["name"])
        #expect(module.names.functions.isEmpty && module.names.locals.isEmpty && module.names.module == nil)
    }
}
