/// A decoded WebAssembly module (spec §2.5), as the parser leaves it.
///
/// Function bodies are kept as byte ranges into ``bytes`` and decoded by whoever walks them
/// (the validator now, the translator later), so parsing never materialises instructions.
/// Index spaces put imports first, as the spec does; the `*Count` properties give their sizes.
public struct WasmModule: Sendable {
    /// The whole file; every range in the module points into it.
    public let bytes: [UInt8]
    public internal(set) var sections: [SectionInfo] = []
    public internal(set) var types: [FunctionType] = []
    public internal(set) var imports: [Import] = []
    /// Type index of each function defined in this module (not imports).
    public internal(set) var functionTypeIndices: [UInt32] = []
    public internal(set) var tables: [TableType] = []
    public internal(set) var memories: [MemoryType] = []
    public internal(set) var globals: [Global] = []
    public internal(set) var exports: [Export] = []
    public internal(set) var start: UInt32?
    public internal(set) var startOffset: Int = 0
    public internal(set) var elements: [ElementSegment] = []
    public internal(set) var dataCount: UInt32?
    public internal(set) var code: [FunctionBody] = []
    public internal(set) var data: [DataSegment] = []
    public internal(set) var customSections: [CustomSection] = []
    /// Names from the `name` custom section, for diagnostics; empty when absent or malformed.
    public internal(set) var names = NameMap()

    /// Imported entities of each kind, in import order (the low end of each index space).
    public internal(set) var importedFunctionTypes: [UInt32] = []
    public internal(set) var importedTables: [TableType] = []
    public internal(set) var importedMemories: [MemoryType] = []
    public internal(set) var importedGlobals: [GlobalType] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    public var functionCount: Int { importedFunctionTypes.count + functionTypeIndices.count }
    public var tableCount: Int { importedTables.count + tables.count }
    public var memoryCount: Int { importedMemories.count + memories.count }
    public var globalCount: Int { importedGlobals.count + globals.count }

    /// The type index of function `index` in the function index space, if it exists.
    public func typeIndex(ofFunction index: UInt32) -> UInt32? {
        let i = Int(index)
        if i < importedFunctionTypes.count { return importedFunctionTypes[i] }
        let local = i - importedFunctionTypes.count
        return local < functionTypeIndices.count ? functionTypeIndices[local] : nil
    }

    /// The type of function `index`, if the function and its type exist.
    public func functionType(ofFunction index: UInt32) -> FunctionType? {
        guard let t = typeIndex(ofFunction: index), Int(t) < types.count else { return nil }
        return types[Int(t)]
    }

    public func tableType(_ index: UInt32) -> TableType? {
        let i = Int(index)
        if i < importedTables.count { return importedTables[i] }
        let local = i - importedTables.count
        return local < tables.count ? tables[local] : nil
    }

    public func memoryType(_ index: UInt32) -> MemoryType? {
        let i = Int(index)
        if i < importedMemories.count { return importedMemories[i] }
        let local = i - importedMemories.count
        return local < memories.count ? memories[local] : nil
    }

    public func globalType(_ index: UInt32) -> GlobalType? {
        let i = Int(index)
        if i < importedGlobals.count { return importedGlobals[i] }
        let local = i - importedGlobals.count
        return local < globals.count ? globals[local].type : nil
    }

    /// A readable name for function `index`: its debug name if the module has one.
    public func functionName(_ index: UInt32) -> String {
        names.functions[index].map { "$\($0) (#\(index))" } ?? "#\(index)"
    }
}

/// Where a section lies in the file, for `inspect` and diagnostics.
public struct SectionInfo: Sendable {
    public var id: SectionID
    /// Offset of the section's id byte.
    public var offset: Int
    /// Range of the section's contents (after id and size).
    public var contents: Range<Int>
    /// For custom sections, the name.
    public var customName: String?
}

/// Section ids of the binary format (binary §5.5.2).
public enum SectionID: UInt8, Sendable, CustomStringConvertible {
    case custom = 0, type, `import`, function, table, memory, global, export, start, element, code, data, dataCount

    /// Position in the required section order; custom sections have none.
    var orderRank: Int {
        switch self {
        case .custom: 0
        case .type: 1
        case .import: 2
        case .function: 3
        case .table: 4
        case .memory: 5
        case .global: 6
        case .export: 7
        case .start: 8
        case .element: 9
        case .dataCount: 10
        case .code: 11
        case .data: 12
        }
    }

    public var description: String {
        switch self {
        case .custom: "custom"
        case .type: "type"
        case .import: "import"
        case .function: "function"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        case .export: "export"
        case .start: "start"
        case .element: "element"
        case .code: "code"
        case .data: "data"
        case .dataCount: "data count"
        }
    }
}

/// The four kinds of importable and exportable entities.
public enum ExternalKind: UInt8, Sendable, CustomStringConvertible {
    case function = 0, table, memory, global

    public var description: String {
        switch self {
        case .function: "func"
        case .table: "table"
        case .memory: "memory"
        case .global: "global"
        }
    }
}

public struct Import: Sendable {
    public enum Descriptor: Sendable {
        case function(typeIndex: UInt32)
        case table(TableType)
        case memory(MemoryType)
        case global(GlobalType)
    }

    public var module: String
    public var name: String
    public var descriptor: Descriptor
    public var offset: Int

    public var kind: ExternalKind {
        switch descriptor {
        case .function: .function
        case .table: .table
        case .memory: .memory
        case .global: .global
        }
    }
}

public struct Export: Sendable {
    public var name: String
    public var kind: ExternalKind
    public var index: UInt32
    public var offset: Int
}

/// A constant expression (spec §3.3.10), kept as the bytes of its instruction sequence,
/// including the final `end`, and decoded again by whoever evaluates it.
public struct ConstantExpression: Sendable {
    public var range: Range<Int>
}

public struct Global: Sendable {
    public var type: GlobalType
    public var initializer: ConstantExpression
    public var offset: Int
}

/// An element segment in any of the eight binary encodings (binary §5.5.12).
public struct ElementSegment: Sendable {
    public enum Mode: Sendable {
        case passive
        case active(table: UInt32, offset: ConstantExpression)
        case declarative
    }

    public enum Items: Sendable {
        /// Encodings 0–3: a vector of function indices.
        case functions([UInt32])
        /// Encodings 4–7: a vector of constant expressions.
        case expressions([ConstantExpression])

        public var count: Int {
            switch self {
            case .functions(let f): f.count
            case .expressions(let e): e.count
            }
        }
    }

    public var mode: Mode
    public var type: ValueType
    public var items: Items
    public var offset: Int
}

/// A data segment in any of the three binary encodings.
public struct DataSegment: Sendable {
    public enum Mode: Sendable {
        case passive
        case active(memory: UInt32, offset: ConstantExpression)
    }

    public var mode: Mode
    public var bytes: Range<Int>
    public var offset: Int
}

/// A function body: its declared locals (run-length, as encoded) and its expression.
public struct FunctionBody: Sendable {
    public struct LocalGroup: Sendable {
        public var count: UInt32
        public var type: ValueType
    }

    public var locals: [LocalGroup]
    /// Total number of declared locals (parameters excluded).
    public var localCount: Int
    /// The instruction bytes, from the first instruction to the final `end` inclusive.
    public var expression: Range<Int>
    /// Offset of the body's size field, where the body starts in the file.
    public var offset: Int
}

public struct CustomSection: Sendable {
    public var name: String
    public var contents: Range<Int>
    public var offset: Int
}

/// Debug names from the `name` custom section.
public struct NameMap: Sendable {
    public var module: String?
    public var functions: [UInt32: String] = [:]
    public var locals: [UInt32: [UInt32: String]] = [:]
}
