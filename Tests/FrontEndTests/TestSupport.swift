@testable import FrontEnd
import Testing
import WAT
import WasmTestSupport

/// Short name for the encoder every test file uses.
typealias B = BinaryBuilder

/// Parses and validates `bytes`; the error, or nil when the module is valid.
func moduleError(_ bytes: [UInt8]) -> WasmError? {
    do {
        _ = try ModuleValidator.check(bytes)
        return nil
    } catch {
        return error
    }
}

/// Expects `bytes` to parse and validate, and returns the module and summary.
@discardableResult
func expectValid(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> (WasmModule, ValidationSummary)? {
    do {
        return try ModuleValidator.check(bytes)
    } catch {
        Issue.record("expected a valid module, got \(error.kind): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Expects `bytes` to be rejected with exactly this kind, at exactly this offset (unless nil),
/// with a message containing `message`.
@discardableResult
func expectError(
    _ bytes: [UInt8], _ kind: WasmError.Kind, at offset: Int?, _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) -> WasmError? {
    guard let error = moduleError(bytes) else {
        Issue.record("expected \(kind) \"\(message)\", but the module is valid", sourceLocation: sourceLocation)
        return nil
    }
    #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
    if let offset {
        #expect(error.offset == offset, "expected offset 0x\(String(offset, radix: 16)), got \(error)", sourceLocation: sourceLocation)
    }
    #expect(error.message.contains(message), "expected \"\(message)\" in \"\(error.message)\"", sourceLocation: sourceLocation)
    return error
}

/// The text format through WasmKit's assembler (valid modules only).
func wat(_ text: String, names: Bool = false) throws -> [UInt8] {
    try wat2wasm(text, options: EncodeOptions(nameSection: names))
}

/// A module with one defined function (and whatever else a test sets), built by hand so that
/// tests know the offset of every byte. Sections with nothing in them are left out.
struct ModuleSpec {
    var types: [[UInt8]] = [B.functionType([], [])]
    var imports: [[UInt8]] = []
    /// Type of the single defined function; nil for a module without a function and code section.
    var functionType: UInt32? = 0
    var tables: [[UInt8]] = []
    var memories: [[UInt8]] = []
    var globals: [[UInt8]] = []
    var exports: [[UInt8]] = []
    var start: UInt32?
    var elements: [[UInt8]] = []
    var dataCount: UInt32?
    var locals: [(count: UInt32, type: B.ValueType)] = []
    /// The body's instructions, final `end` included.
    var code: [UInt8] = [0x0B]
    var data: [[UInt8]] = []

    /// The module, and the file offset of the body's first instruction.
    func build() -> (bytes: [UInt8], codeStart: Int) {
        var prefix = B.header()
        if !types.isEmpty { prefix += B.section(.type, B.vector(types)) }
        if !imports.isEmpty { prefix += B.section(.import, B.vector(imports)) }
        if let functionType { prefix += B.section(.function, B.vector([B.unsigned(UInt64(functionType))])) }
        if !tables.isEmpty { prefix += B.section(.table, B.vector(tables)) }
        if !memories.isEmpty { prefix += B.section(.memory, B.vector(memories)) }
        if !globals.isEmpty { prefix += B.section(.global, B.vector(globals)) }
        if !exports.isEmpty { prefix += B.section(.export, B.vector(exports)) }
        if let start { prefix += B.section(.start, B.unsigned(UInt64(start))) }
        if !elements.isEmpty { prefix += B.section(.element, B.vector(elements)) }
        if let dataCount { prefix += B.section(.dataCount, B.unsigned(UInt64(dataCount))) }
        var codeStart = prefix.count
        if functionType != nil {
            let entry = B.functionBody(locals: locals, code)
            let contents = B.vector([entry])
            let section = B.section(.code, contents)
            // id and size, the count, then the body's size and local declarations.
            codeStart += (section.count - contents.count) + 1 + (entry.count - code.count)
            prefix += section
        }
        if !data.isEmpty { prefix += B.section(.data, B.vector(data)) }
        return (prefix, codeStart)
    }

    /// Just the bytes of ``build()``.
    var bytes: [UInt8] { build().bytes }
}

/// A module with one function of type `params` -> `results`, with these locals and this body
/// (final `end` included), and nothing else; add sections to the returned spec as needed.
func function(_ code: [UInt8], params: [B.ValueType] = [], results: [B.ValueType] = [],
              locals: [(count: UInt32, type: B.ValueType)] = []) -> ModuleSpec {
    var spec = ModuleSpec()
    spec.types = [B.functionType(params, results)]
    spec.locals = locals
    spec.code = code
    return spec
}

/// Export entry: a name, a kind (0 function, 1 table, 2 memory, 3 global) and an index.
func export(_ name: String, kind: UInt8 = 0, index: UInt32 = 0) -> [UInt8] {
    B.name(name) + [kind] + B.unsigned(UInt64(index))
}

/// A global entry: type, mutability, initializer (end included).
func global(_ type: B.ValueType, mutable: Bool = false, _ initializer: [UInt8]) -> [UInt8] {
    [type.rawValue, mutable ? 1 : 0] + initializer
}
