/// What module-level validation works out once and function validation reads.
struct ModuleContext {
    /// C.refs of the spec: functions named outside function bodies (exports, global
    /// initializers, element segments). Only these may appear in `ref.func` inside a body.
    var declaredFunctionReferences: Set<UInt32> = []
}

/// The outcome of validating a module: facts `inspect` and the compiler use.
public struct ValidationSummary: Sendable {
    /// Proposals beyond the MVP that the module uses.
    public var features: FeatureSet
    /// Operators in all function bodies.
    public var instructionCount: Int
    /// The functions that may be referenced as values (C.refs of the spec: named by exports,
    /// global initializers or element segments). Only these can reach a table or the host.
    public var functionReferences: Set<UInt32>
}

/// Validates a parsed module against every rule of spec §3.4 (modules) and, through
/// ``FunctionValidator``, §3.3 (instructions).
///
/// When a module is both invalid and malformed, the spec calls it malformed (decoding comes
/// first). Bodies are decoded only here, so after an invalid finding the remaining bodies are
/// decoded once more, encoding only, and a malformed finding replaces the invalid one.
public enum ModuleValidator {
    public static func validate(_ module: WasmModule) throws(WasmError) -> ValidationSummary {
        do {
            return try validateUnordered(module)
        } catch let error where error.kind == .invalid {
            try sweepForMalformedBodies(module)
            throw error
        }
    }

    /// Parses and validates in one call.
    public static func check(_ bytes: [UInt8]) throws(WasmError) -> (WasmModule, ValidationSummary) {
        let module = try ModuleParser.parse(bytes)
        return (module, try validate(module))
    }

    private static func validateUnordered(_ module: WasmModule) throws(WasmError) -> ValidationSummary {
        var features = FeatureSet()
        var context = ModuleContext()
        try validateDeclarations(module, &features)
        try validateGlobals(module, &context, &features)
        try validateExports(module, &context, &features)
        try validateStart(module)
        try validateElements(module, &context, &features)
        try validateData(module, &features)

        var functions = FunctionValidator(module: module, context: context)
        for index in module.code.indices {
            try functions.validate(function: index)
        }
        features.formUnion(functions.features)
        return ValidationSummary(features: features, instructionCount: functions.instructionCount,
                                 functionReferences: context.declaredFunctionReferences)
    }

    private static func sweepForMalformedBodies(_ module: WasmModule) throws(WasmError) {
        for body in module.code {
            var decoder = InstructionDecoder(
                reader: ByteReader(bytes: module.bytes, position: body.expression.lowerBound, end: body.expression.upperBound),
                hasDataCount: module.dataCount != nil)
            try decoder.skipExpression()
            guard decoder.isAtEnd else {
                throw .malformed("section size mismatch: operators after the function's final end", at: decoder.reader.position)
            }
        }
    }

    // MARK: - Types, imports, functions, tables, memories

    private static func validateDeclarations(_ module: WasmModule, _ features: inout FeatureSet) throws(WasmError) {
        for type in module.types where type.results.count > 1 { features.insert(.multiValue) }
        for imported in module.imports {
            switch imported.descriptor {
            case .function(let typeIndex):
                guard Int(typeIndex) < module.types.count else {
                    throw .invalid("unknown type \(typeIndex) in import \"\(imported.module)\" \"\(imported.name)\"", at: imported.offset)
                }
            case .table(let table):
                try validate(table, at: imported.offset, &features)
            case .memory(let memory):
                try validate(memory, at: imported.offset)
            case .global(let global):
                if global.isMutable { features.insert(.mutableGlobals) }
                if global.valueType.isReference { features.insert(.referenceTypes) }
            }
        }
        let functionSection = module.sections.first { $0.id == .function }?.offset ?? 0
        for typeIndex in module.functionTypeIndices where Int(typeIndex) >= module.types.count {
            throw .invalid("unknown type \(typeIndex)", at: functionSection)
        }
        let tableSection = module.sections.first { $0.id == .table }?.offset ?? 0
        for table in module.tables { try validate(table, at: tableSection, &features) }
        if module.tableCount > 1 { features.insert(.referenceTypes) }
        let memorySection = module.sections.first { $0.id == .memory }?.offset ?? 0
        for memory in module.memories { try validate(memory, at: memorySection) }
        if module.memoryCount > 1 {
            // With only imported memories there is no memory section, and offset 0 would point
            // at the magic number: point at the second memory import instead.
            let at = module.memories.isEmpty
                ? module.imports.filter { $0.kind == .memory }.dropFirst().first?.offset ?? 0
                : memorySection
            throw .invalid("multiple memories: a module may have at most one memory (found \(module.memoryCount))", at: at)
        }
    }

    private static func validate(_ table: TableType, at offset: Int, _ features: inout FeatureSet) throws(WasmError) {
        if table.elementType != .funcref { features.insert(.referenceTypes) }
        if let max = table.limits.max, max < table.limits.min {
            throw .invalid("size minimum must not be greater than maximum (table \(table.limits))", at: offset)
        }
    }

    private static func validate(_ memory: MemoryType, at offset: Int) throws(WasmError) {
        let limits = memory.limits
        guard limits.min <= MemoryType.maxPages, (limits.max ?? 0) <= MemoryType.maxPages else {
            throw .invalid("memory size must be at most 65536 pages (4GiB), found \(limits)", at: offset)
        }
        if let max = limits.max, max < limits.min {
            throw .invalid("size minimum must not be greater than maximum (memory \(limits))", at: offset)
        }
    }

    // MARK: - Globals, exports, start

    // Constant expressions may read imported globals only: WebAssembly 2.0 validates them
    // under the context C′ that holds just the imports (spec §3.4.10); the suite checks this
    // for global initializers and segment offsets alike.

    private static func validateGlobals(_ module: WasmModule, _ context: inout ModuleContext, _ features: inout FeatureSet) throws(WasmError) {
        // A mutable global of the module's own is MVP; the mutable-globals proposal is only
        // about importing and exporting them (checked with imports and exports).
        for global in module.globals {
            if global.type.valueType.isReference { features.insert(.referenceTypes) }
            try ConstantExpressionValidator.validate(
                global.initializer, type: global.type.valueType, in: module, context: &context, features: &features)
        }
    }

    private static func validateExports(_ module: WasmModule, _ context: inout ModuleContext, _ features: inout FeatureSet) throws(WasmError) {
        // Names compare as bytes: Swift's String equality would merge canonically equivalent
        // spellings ("\u{C5}" and "A\u{30A}"), which are distinct export names.
        var names = Set<[UInt8]>()
        names.reserveCapacity(module.exports.count)
        for export in module.exports {
            guard names.insert(Array(export.name.utf8)).inserted else {
                throw .invalid("duplicate export name \"\(export.name)\"", at: export.offset)
            }
            let count: Int
            switch export.kind {
            case .function:
                count = module.functionCount
                context.declaredFunctionReferences.insert(export.index)
            case .table: count = module.tableCount
            case .memory: count = module.memoryCount
            case .global:
                count = module.globalCount
                if let g = module.globalType(export.index), g.isMutable { features.insert(.mutableGlobals) }
            }
            guard Int(export.index) < count else {
                throw .invalid("unknown \(export.kind) \(export.index) in export \"\(export.name)\"", at: export.offset)
            }
        }
    }

    private static func validateStart(_ module: WasmModule) throws(WasmError) {
        guard let start = module.start else { return }
        guard let type = module.functionType(ofFunction: start) else {
            throw .invalid("unknown function \(start) as start function", at: module.startOffset)
        }
        guard type.parameters.isEmpty, type.results.isEmpty else {
            throw .invalid("start function must have type [] -> [], found \(type)", at: module.startOffset)
        }
    }

    // MARK: - Segments

    private static func validateElements(_ module: WasmModule, _ context: inout ModuleContext, _ features: inout FeatureSet) throws(WasmError) {
        // Functions named in segments are declared for ref.func; collect them all before any
        // expression in a segment is checked against that set.
        for segment in module.elements {
            if case .functions(let functions) = segment.items { context.declaredFunctionReferences.formUnion(functions) }
        }
        for segment in module.elements {
            if segment.type != .funcref { features.insert(.referenceTypes) }
            switch segment.mode {
            case .passive, .declarative:
                features.insert(.bulkMemory)
            case .active(let tableIndex, let offset):
                guard let table = module.tableType(tableIndex) else {
                    throw .invalid("unknown table \(tableIndex) in element segment", at: segment.offset)
                }
                if tableIndex != 0 { features.insert(.referenceTypes) }
                guard table.elementType == segment.type else {
                    throw .invalid("type mismatch: \(segment.type) segment for a table of \(table.elementType)", at: segment.offset)
                }
                try ConstantExpressionValidator.validate(
                    offset, type: .i32, in: module, context: &context, features: &features)
            }
            switch segment.items {
            case .functions(let functions):
                for f in functions where Int(f) >= module.functionCount {
                    throw .invalid("unknown function \(f) in element segment", at: segment.offset)
                }
            case .expressions(let expressions):
                for e in expressions {
                    try ConstantExpressionValidator.validate(
                        e, type: segment.type, in: module, context: &context, features: &features)
                }
            }
        }
    }

    private static func validateData(_ module: WasmModule, _ features: inout FeatureSet) throws(WasmError) {
        if module.dataCount != nil { features.insert(.bulkMemory) }
        var unused = ModuleContext()
        for segment in module.data {
            switch segment.mode {
            case .passive:
                features.insert(.bulkMemory)
            case .active(let memory, let offset):
                guard Int(memory) < module.memoryCount else {
                    throw .invalid("unknown memory \(memory) in data segment", at: segment.offset)
                }
                try ConstantExpressionValidator.validate(
                    offset, type: .i32, in: module, context: &unused, features: &features)
            }
        }
    }
}
