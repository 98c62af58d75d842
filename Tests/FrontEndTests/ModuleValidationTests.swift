@testable import FrontEnd
import Testing
import WasmTestSupport

/// Module-level rules of spec §3.4: start function, limits, the single memory, `ref.func`
/// declarations, imports.
@Suite struct ModuleValidationTests {
    @Test func startFunctionMustTakeAndReturnNothing() {
        var spec = ModuleSpec()
        spec.start = 0
        expectValid(spec.bytes)
        // Type section 8..<15 ([i32] -> []), function 15..<19, start section at 19: contents at 21.
        spec.types = [B.functionType([.i32], [])]
        let (bytes, _) = spec.build()
        #expect(Array(bytes[19..<22]) == [0x08, 0x01, 0x00])
        expectError(bytes, .invalid, at: 21, "start function must have type [] -> [], found [i32] -> []")
        spec.types = [B.functionType([], [.i32])]
        spec.code = [0x41, 0x00, 0x0B]
        expectError(spec.bytes, .invalid, at: 21, "found [] -> [i32]")
        spec.types = [B.functionType([], [])]
        spec.code = [0x0B]
        spec.start = 5
        // Back to a [] -> [] type, one byte shorter: the start section's contents are at 20.
        expectError(spec.bytes, .invalid, at: 20, "unknown function 5 as start function")
        // An imported function can be the start function.
        spec.imports = [B.name("m") + B.name("f") + [0x00, 0x00]]
        spec.start = 0
        expectValid(spec.bytes)
    }

    /// Only a memory section (id 8) or only an import section.
    func memories(_ limits: [[UInt8]]) -> [UInt8] {
        var spec = ModuleSpec()
        spec.types = []
        spec.functionType = nil
        spec.memories = limits
        return spec.bytes
    }

    @Test func memoryLimits() {
        expectValid(memories([B.limits(min: 65536, max: 65536)]))
        expectValid(memories([B.limits(min: 0, max: 0)]))
        expectError(memories([B.limits(min: 65537)]), .invalid, at: 8, "memory size must be at most 65536 pages (4GiB)")
        expectError(memories([B.limits(min: 1, max: 65537)]), .invalid, at: 8, "memory size must be at most 65536 pages")
        expectError(memories([B.limits(min: 0xFFFF_FFFF)]), .invalid, at: 8, "memory size must be at most 65536 pages")
        expectError(memories([B.limits(min: 2, max: 1)]), .invalid, at: 8, "size minimum must not be greater than maximum (memory 2..1)")
        // Limits flags: 0x02/0x03 are shared memories (threads), anything else is malformed.
        expectError(memories([[0x03, 0x01, 0x02]]), .unsupported, at: 11, "shared memories")
        expectError(memories([[0x04, 0x01]]), .malformed, at: 11, "malformed limits flags 0x4")
        // An imported memory obeys the same rules (import entry at 11).
        let imported = B.module(B.section(.import, B.vector([B.name("m") + B.name("mem") + [0x02] + B.limits(min: 65537)])))
        expectError(imported, .invalid, at: 11, "memory size must be at most 65536 pages")
    }

    @Test func tableLimits() {
        var spec = ModuleSpec()
        spec.types = []
        spec.functionType = nil
        spec.tables = [[0x70] + B.limits(min: 0xFFFF_FFFF)]  // tables have no page limit
        expectValid(spec.bytes)
        spec.tables = [[0x70] + B.limits(min: 10, max: 10)]
        expectValid(spec.bytes)
        spec.tables = [[0x70] + B.limits(min: 10, max: 5)]
        expectError(spec.bytes, .invalid, at: 8, "size minimum must not be greater than maximum (table 10..5)")
        spec.tables = [[0x6F] + B.limits(min: 1), [0x70] + B.limits(min: 3, max: 2)]
        expectError(spec.bytes, .invalid, at: 8, "table 3..2")
        spec.tables = [[0x7F] + B.limits(min: 1)]
        expectError(spec.bytes, .malformed, at: 11, "malformed reference type 0x7f")
        let imported = B.module(B.section(.import, B.vector([B.name("m") + B.name("t") + [0x01, 0x70] + B.limits(min: 2, max: 1)])))
        expectError(imported, .invalid, at: 11, "size minimum must not be greater than maximum")
    }

    @Test func atMostOneMemory() {
        expectValid(memories([B.limits(min: 1)]))
        expectError(memories([B.limits(min: 1), B.limits(min: 1)]), .invalid, at: 8, "multiple memories")
        let importMemory = B.name("m") + B.name("mem") + [0x02] + B.limits(min: 1)
        // Imported and defined: the memory section (at 20) follows the import section (8..<20).
        var spec = ModuleSpec()
        spec.types = []
        spec.functionType = nil
        spec.imports = [importMemory]
        spec.memories = [B.limits(min: 1)]
        expectError(spec.bytes, .invalid, at: 20, "multiple memories: a module may have at most one memory (found 2)")
        // Two imported memories: the second import (at 20) is where the second memory appears.
        spec.imports = [importMemory, importMemory]
        spec.memories = []
        expectError(spec.bytes, .invalid, at: 20, "found 2")
    }

    @Test func refFuncMustBeDeclaredOutsideTheBody() {
        let code: [UInt8] = [0xD2, 0x00, 0x1A, 0x0B]
        var spec = function(code)
        let (bytes, start) = spec.build()
        expectError(bytes, .invalid, at: start, "undeclared function reference 0")
        // Declared by an export, a declarative segment, an active segment, a segment expression
        // or a global initializer: each is enough.
        spec.exports = [export("f")]
        expectValid(spec.bytes)
        spec.exports = []
        spec.elements = [[0x03, 0x00, 0x01, 0x00]]
        expectValid(spec.bytes)
        spec.elements = [[0x07, 0x70, 0x01, 0xD2, 0x00, 0x0B]]
        expectValid(spec.bytes)
        spec.elements = []
        spec.globals = [global(.funcref, [0xD2, 0x00, 0x0B])]
        expectValid(spec.bytes)
        spec.globals = []
        spec.tables = [[0x70] + B.limits(min: 1)]
        spec.elements = [[0x00, 0x41, 0x00, 0x0B, 0x01, 0x00]]
        expectValid(spec.bytes)
        // A function that does not exist is unknown whatever was declared.
        spec.code = [0xD2, 0x01, 0x1A, 0x0B]
        expectError(spec.bytes, .invalid, at: nil, "unknown function 1")
    }

    @Test func importsAndExportsMustReferToSomething() {
        // Import of a function whose type does not exist (import entry at 11).
        expectError(B.module(B.section(.import, B.vector([B.name("m") + B.name("f") + [0x00, 0x03]]))), .invalid, at: 11,
                    "unknown type 3 in import \"m\" \"f\"")
        expectError(B.module(B.section(.import, B.vector([B.name("m") + B.name("f") + [0x04, 0x00]]))), .malformed, at: 15,
                    "malformed import kind 0x4")
        var spec = ModuleSpec()
        spec.exports = [export("g", kind: 3, index: 0)]
        expectError(spec.bytes, .invalid, at: nil, "unknown global 0 in export \"g\"")
        spec.exports = [export("f", kind: 0, index: 1)]
        expectError(spec.bytes, .invalid, at: nil, "unknown func 1 in export \"f\"")
        spec.exports = [B.name("x") + [0x04, 0x00]]
        expectError(spec.bytes, .malformed, at: nil, "malformed export kind 0x4")
        // A function section naming a type that does not exist.
        spec.exports = []
        spec.functionType = 7
        expectError(spec.bytes, .invalid, at: 14, "unknown type 7")
    }

    @Test func functionAndCodeCountsMustAgree() {
        // A function without a body, and a body without a function.
        let types = B.section(.type, B.vector([B.functionType([], [])]))
        let oneFunction = B.section(.function, B.vector([[0x00]]))
        let noBodies = B.section(.code, B.vector([]))
        expectError(B.module(types, oneFunction, noBodies), .malformed, at: 20, "function and code section have inconsistent lengths (1 functions, 0 bodies)")
        expectError(B.module(types, oneFunction), .malformed, at: 18, "function and code section have inconsistent lengths")
        let oneBody = B.section(.code, B.vector([B.functionBody([0x0B])]))
        expectError(B.module(types, oneBody), .malformed, at: 16, "inconsistent lengths (0 functions, 1 bodies)")
    }
}
