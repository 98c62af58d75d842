/// Decodes the binary format (spec §5) into a ``WasmModule``: every section, every segment
/// encoding, exact LEB128 and UTF-8 rules. Function bodies are delimited and their locals
/// read, but their instructions are left for the validator's single pass.
///
/// Bad input is an error with the byte offset where it was found. Declared counts are checked
/// against the bytes that remain before anything is reserved, so a module that claims four
/// billion functions fails at once without allocating them.
public enum ModuleParser {
    /// A body may declare at most this many locals (parameters included); V8, SpiderMonkey and
    /// wasmtime use the same bound, so real toolchains never come near it.
    public static let maxLocals = 50_000

    /// - Parameter codeRequired: false for a compiled artifact's *skeleton*, a module whose
    ///   code section was left out on purpose (the code is native by then).
    public static func parse(_ bytes: [UInt8], codeRequired: Bool = true) throws(WasmError) -> WasmModule {
        var parser = SectionParser(bytes: bytes)
        parser.codeRequired = codeRequired
        try parser.parseModule()
        return parser.module
    }
}

private struct SectionParser {
    var module: WasmModule
    var reader: ByteReader
    var lastRank = 0
    var codeRequired = true

    init(bytes: [UInt8]) {
        module = WasmModule(bytes: bytes)
        reader = ByteReader(bytes: bytes)
    }

    mutating func parseModule() throws(WasmError) {
        let magic: [UInt8] = [0x00, 0x61, 0x73, 0x6D]
        guard reader.bytes.count >= 4, Array(reader.bytes[0..<4]) == magic else {
            throw .malformed("magic header not detected", at: 0)
        }
        reader.position = 4
        guard reader.bytes.count >= 8 else { throw .malformed("unexpected end", at: reader.bytes.count) }
        let version = try reader.readFixedU32()
        guard version == 1 else { throw .malformed("unknown binary version \(version)", at: 4) }

        while !reader.isAtEnd {
            try parseSection()
        }
        if codeRequired && module.functionTypeIndices.count != module.code.count {
            throw .malformed("function and code section have inconsistent lengths", at: reader.position)
        }
        if let declared = module.dataCount, Int(declared) != module.data.count {
            throw .malformed("data count and data section have inconsistent lengths", at: reader.position)
        }
    }

    mutating func parseSection() throws(WasmError) {
        let sectionStart = reader.position
        let idByte = try reader.readByte()
        guard let id = SectionID(rawValue: idByte) else {
            throw .malformed("malformed section id \(idByte)", at: sectionStart)
        }
        let sizeOffset = reader.position
        let size = Int(try reader.readU32())
        guard size <= reader.remaining else {
            throw .malformed("length out of bounds: section size \(size) exceeds the \(reader.remaining) bytes left", at: sizeOffset)
        }
        let contents = reader.position..<(reader.position + size)
        if id != .custom {
            guard id.orderRank > lastRank else {
                throw .malformed("unexpected content after last section: \(id) section out of order or repeated", at: sectionStart)
            }
            lastRank = id.orderRank
        }

        let outerEnd = reader.end
        reader.end = contents.upperBound
        var info = SectionInfo(id: id, offset: sectionStart, contents: contents)
        switch id {
        case .custom: info.customName = try parseCustomSection()
        case .type: try parseTypeSection()
        case .import: try parseImportSection()
        case .function: try parseFunctionSection()
        case .table: try parseTableSection()
        case .memory: try parseMemorySection()
        case .global: try parseGlobalSection()
        case .export: try parseExportSection()
        case .start:
            module.startOffset = reader.position
            module.start = try reader.readU32()
        case .element: try parseElementSection()
        case .code: try parseCodeSection()
        case .data: try parseDataSection()
        case .dataCount: module.dataCount = try reader.readU32()
        }
        guard reader.position == contents.upperBound else {
            throw .malformed("section size mismatch: \(id) section declares \(size) bytes but its contents end at offset 0x\(String(reader.position, radix: 16))", at: reader.position)
        }
        reader.end = outerEnd
        module.sections.append(info)
    }

    // MARK: - Types and imports

    mutating func parseTypeSection() throws(WasmError) {
        let count = try reader.readCount(minElementSize: 3)
        module.types.reserveCapacity(count)
        for _ in 0..<count {
            let at = reader.position
            let form = try reader.readByte()
            guard form == 0x60 else { throw .malformed("malformed function type: expected 0x60, found 0x\(String(form, radix: 16))", at: at) }
            let parameters = try readValueTypes()
            let results = try readValueTypes()
            module.types.append(FunctionType(parameters: parameters, results: results))
        }
    }

    mutating func readValueTypes() throws(WasmError) -> [ValueType] {
        let count = try reader.readCount()
        var types: [ValueType] = []
        types.reserveCapacity(count)
        for _ in 0..<count { types.append(try reader.readValueType()) }
        return types
    }

    mutating func parseImportSection() throws(WasmError) {
        let count = try reader.readCount(minElementSize: 4)
        for _ in 0..<count {
            let at = reader.position
            let moduleName = try reader.readName()
            let name = try reader.readName()
            let kindOffset = reader.position
            let kind = try reader.readByte()
            let descriptor: Import.Descriptor
            switch kind {
            case 0x00:
                let typeIndex = try reader.readU32()
                module.importedFunctionTypes.append(typeIndex)
                descriptor = .function(typeIndex: typeIndex)
            case 0x01:
                let table = try readTableType()
                module.importedTables.append(table)
                descriptor = .table(table)
            case 0x02:
                let memory = MemoryType(limits: try readLimits())
                module.importedMemories.append(memory)
                descriptor = .memory(memory)
            case 0x03:
                let global = try readGlobalType()
                module.importedGlobals.append(global)
                descriptor = .global(global)
            default:
                throw .malformed("malformed import kind 0x\(String(kind, radix: 16))", at: kindOffset)
            }
            module.imports.append(Import(module: moduleName, name: name, descriptor: descriptor, offset: at))
        }
    }

    mutating func readLimits() throws(WasmError) -> Limits {
        let at = reader.position
        let flags = try reader.readByte()
        switch flags {
        case 0x00: return Limits(min: try reader.readU32())
        case 0x01:
            let min = try reader.readU32()
            return Limits(min: min, max: try reader.readU32())
        case 0x02, 0x03:
            throw WasmError(.unsupported, "shared memories (threads proposal) are not supported", at: at)
        default:
            throw .malformed("integer too large: malformed limits flags 0x\(String(flags, radix: 16))", at: at)
        }
    }

    mutating func readTableType() throws(WasmError) -> TableType {
        let elementType = try reader.readReferenceType()
        return TableType(elementType: elementType, limits: try readLimits())
    }

    mutating func readGlobalType() throws(WasmError) -> GlobalType {
        let valueType = try reader.readValueType()
        let at = reader.position
        let mutability = try reader.readByte()
        guard mutability <= 1 else { throw .malformed("malformed mutability 0x\(String(mutability, radix: 16))", at: at) }
        return GlobalType(valueType: valueType, isMutable: mutability == 1)
    }

    // MARK: - Functions, tables, memories, globals, exports

    mutating func parseFunctionSection() throws(WasmError) {
        let count = try reader.readCount()
        module.functionTypeIndices.reserveCapacity(count)
        for _ in 0..<count { module.functionTypeIndices.append(try reader.readU32()) }
    }

    mutating func parseTableSection() throws(WasmError) {
        let count = try reader.readCount(minElementSize: 3)
        for _ in 0..<count { module.tables.append(try readTableType()) }
    }

    mutating func parseMemorySection() throws(WasmError) {
        let count = try reader.readCount(minElementSize: 2)
        for _ in 0..<count { module.memories.append(MemoryType(limits: try readLimits())) }
    }

    mutating func parseGlobalSection() throws(WasmError) {
        let count = try reader.readCount(minElementSize: 3)
        module.globals.reserveCapacity(count)
        for _ in 0..<count {
            let at = reader.position
            let type = try readGlobalType()
            module.globals.append(Global(type: type, initializer: try readConstantExpression(), offset: at))
        }
    }

    mutating func readConstantExpression() throws(WasmError) -> ConstantExpression {
        let start = reader.position
        var decoder = InstructionDecoder(reader: reader, hasDataCount: true)
        try decoder.skipExpression()
        reader.position = decoder.reader.position
        return ConstantExpression(range: start..<reader.position)
    }

    mutating func parseExportSection() throws(WasmError) {
        let count = try reader.readCount(minElementSize: 3)
        module.exports.reserveCapacity(count)
        for _ in 0..<count {
            let at = reader.position
            let name = try reader.readName()
            let kindOffset = reader.position
            let kindByte = try reader.readByte()
            guard let kind = ExternalKind(rawValue: kindByte) else {
                throw .malformed("malformed export kind 0x\(String(kindByte, radix: 16))", at: kindOffset)
            }
            module.exports.append(Export(name: name, kind: kind, index: try reader.readU32(), offset: at))
        }
    }

    // MARK: - Segments

    mutating func parseElementSection() throws(WasmError) {
        let count = try reader.readCount()
        for _ in 0..<count {
            let at = reader.position
            let flags = try reader.readU32()
            guard flags <= 7 else { throw .malformed("malformed elements segment kind \(flags)", at: at) }
            // Bit 0: passive or declarative (else active); bit 1: explicit table index (active)
            // or declarative (otherwise); bit 2: items are expressions, not function indices.
            let mode: ElementSegment.Mode
            if flags & 1 == 0 {
                let table = flags & 2 != 0 ? try reader.readU32() : 0
                mode = .active(table: table, offset: try readConstantExpression())
            } else {
                mode = flags & 2 != 0 ? .declarative : .passive
            }
            let usesExpressions = flags & 4 != 0
            var type = ValueType.funcref
            if flags & 3 != 0 {
                if usesExpressions {
                    type = try reader.readReferenceType()
                } else {
                    let kindOffset = reader.position
                    guard try reader.readByte() == 0x00 else { throw .malformed("malformed element kind", at: kindOffset) }
                }
            }
            let items: ElementSegment.Items
            let itemCount = try reader.readCount()
            if usesExpressions {
                var expressions: [ConstantExpression] = []
                expressions.reserveCapacity(itemCount)
                for _ in 0..<itemCount { expressions.append(try readConstantExpression()) }
                items = .expressions(expressions)
            } else {
                var functions: [UInt32] = []
                functions.reserveCapacity(itemCount)
                for _ in 0..<itemCount { functions.append(try reader.readU32()) }
                items = .functions(functions)
            }
            module.elements.append(ElementSegment(mode: mode, type: type, items: items, offset: at))
        }
    }

    mutating func parseDataSection() throws(WasmError) {
        let count = try reader.readCount()
        if let declared = module.dataCount, Int(declared) != count {
            throw .malformed("data count and data section have inconsistent lengths (\(declared) declared, \(count) present)", at: reader.position)
        }
        module.data.reserveCapacity(count)
        for _ in 0..<count {
            let at = reader.position
            let flags = try reader.readU32()
            let mode: DataSegment.Mode
            switch flags {
            case 0: mode = .active(memory: 0, offset: try readConstantExpression())
            case 1: mode = .passive
            case 2:
                let memory = try reader.readU32()
                mode = .active(memory: memory, offset: try readConstantExpression())
            default: throw .malformed("malformed data segment kind \(flags)", at: at)
            }
            let length = try reader.readCount()
            module.data.append(DataSegment(mode: mode, bytes: try reader.readRange(length), offset: at))
        }
    }

    // MARK: - Code

    mutating func parseCodeSection() throws(WasmError) {
        let countOffset = reader.position
        let count = try reader.readCount()
        guard count == module.functionTypeIndices.count else {
            throw .malformed("function and code section have inconsistent lengths (\(module.functionTypeIndices.count) functions, \(count) bodies)", at: countOffset)
        }
        module.code.reserveCapacity(count)
        for _ in 0..<count {
            let at = reader.position
            let size = Int(try reader.readU32())
            let body = try reader.readRange(size)
            let outerEnd = reader.end
            reader.position = body.lowerBound
            reader.end = body.upperBound

            let groupCount = try reader.readCount()
            var groups: [FunctionBody.LocalGroup] = []
            groups.reserveCapacity(groupCount)
            var total: UInt64 = 0
            for _ in 0..<groupCount {
                let groupOffset = reader.position
                let n = try reader.readU32()
                total += UInt64(n)
                if total > UInt64(UInt32.max) {
                    throw .malformed("too many locals", at: groupOffset)
                }
                groups.append(FunctionBody.LocalGroup(count: n, type: try reader.readValueType()))
            }
            if total > UInt64(ModuleParser.maxLocals) {
                throw WasmError(.implementationLimit, "too many locals: \(total) declared, midimon accepts at most \(ModuleParser.maxLocals)", at: at)
            }
            module.code.append(FunctionBody(locals: groups, localCount: Int(total), expression: reader.position..<body.upperBound, offset: at))
            reader.position = body.upperBound
            reader.end = outerEnd
        }
    }

    // MARK: - Custom sections

    mutating func parseCustomSection() throws(WasmError) -> String {
        let at = reader.position - 1
        let name = try reader.readName()
        let contents = reader.position..<reader.end
        module.customSections.append(CustomSection(name: name, contents: contents, offset: at))
        if name == "name" {
            // The name section only serves diagnostics: if it is broken, drop it, keep the module.
            module.names = (try? NameSectionParser.parse(bytes: reader.bytes, range: contents)) ?? NameMap()
        }
        reader.position = reader.end
        return name
    }
}
