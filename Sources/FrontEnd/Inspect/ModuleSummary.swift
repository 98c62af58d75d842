/// A readable description of a module, for `midimon inspect` (text and `--json`).
///
/// Built from a parsed module and, when the module is valid, from the validator's findings
/// (the features it uses, its operator count). Everything here is plain data and `Codable`,
/// so the JSON form is exactly these field names; tools may rely on them.
public struct ModuleSummary: Codable, Sendable {
    public struct Section: Codable, Sendable {
        public var id: String
        /// The name of a custom section.
        public var name: String?
        /// Offset of the section's id byte in the file.
        public var offset: Int
        /// Bytes of contents (after the id and size fields).
        public var size: Int
    }

    public struct ImportEntry: Codable, Sendable {
        public var module: String
        public var name: String
        public var kind: String
        /// `[i32 i32] -> [i32]`, `(mut i32)`, `funcref 1..10`, `1.. pages`.
        public var type: String
    }

    public struct ExportEntry: Codable, Sendable {
        public var name: String
        public var kind: String
        public var index: UInt32
        /// The function's debug name, when the name section has one.
        public var debugName: String?
    }

    public struct Function: Codable, Sendable {
        public var index: UInt32
        public var name: String?
        public var type: String
        /// Size of the body as encoded: its size field, locals and instructions.
        public var bodySize: Int
        public var locals: Int
    }

    public struct Memory: Codable, Sendable {
        public var imported: Bool
        public var minPages: UInt32
        public var maxPages: UInt32?
    }

    public struct Table: Codable, Sendable {
        public var imported: Bool
        public var elementType: String
        public var min: UInt32
        public var max: UInt32?
    }

    public struct GlobalEntry: Codable, Sendable {
        public var imported: Bool
        public var type: String
    }

    public struct Segment: Codable, Sendable {
        /// `active`, `passive` or `declarative`.
        public var mode: String
        /// Table or memory index of an active segment.
        public var target: UInt32?
        /// Elements in an element segment, bytes in a data segment.
        public var count: Int
        public var offset: Int
    }

    public var file: String
    public var size: Int
    /// Nil when the module is valid; the validation error otherwise.
    public var error: String?
    public var sections: [Section]
    public var types: Int
    public var imports: [ImportEntry]
    public var exports: [ExportEntry]
    public var importedFunctions: Int
    public var functions: [Function]
    public var totalBodyBytes: Int
    public var operators: Int?
    public var memories: [Memory]
    public var tables: [Table]
    public var globals: [GlobalEntry]
    public var elementSegments: [Segment]
    public var dataSegments: [Segment]
    public var start: UInt32?
    public var customSections: [String]
    /// Proposals beyond the MVP that the module uses (from validation; empty if invalid).
    public var features: [String]
    public var moduleName: String?

    public init(file: String, module: WasmModule, validation: Result<ValidationSummary, WasmError>) {
        self.file = file
        size = module.bytes.count
        sections = module.sections.map {
            Section(id: $0.id.description, name: $0.customName, offset: $0.offset, size: $0.contents.count)
        }
        types = module.types.count
        imports = module.imports.map { ImportEntry(module: $0.module, name: $0.name, kind: $0.kind.description, type: Self.describe($0.descriptor, in: module)) }
        exports = module.exports.map {
            ExportEntry(name: $0.name, kind: $0.kind.description, index: $0.index,
                        debugName: $0.kind == .function ? module.names.functions[$0.index] : nil)
        }
        importedFunctions = module.importedFunctionTypes.count
        functions = module.code.indices.map { i in
            let index = UInt32(module.importedFunctionTypes.count + i)
            let type = module.functionType(ofFunction: index).map(\.description) ?? "unknown type"
            let body = module.code[i]
            return Function(index: index, name: module.names.functions[index], type: type,
                            bodySize: body.expression.upperBound - body.offset, locals: body.localCount)
        }
        totalBodyBytes = functions.reduce(0) { $0 + $1.bodySize }
        memories = module.importedMemories.map { Memory(imported: true, minPages: $0.limits.min, maxPages: $0.limits.max) }
            + module.memories.map { Memory(imported: false, minPages: $0.limits.min, maxPages: $0.limits.max) }
        tables = module.importedTables.map { Table(imported: true, elementType: $0.elementType.description, min: $0.limits.min, max: $0.limits.max) }
            + module.tables.map { Table(imported: false, elementType: $0.elementType.description, min: $0.limits.min, max: $0.limits.max) }
        globals = module.importedGlobals.map { GlobalEntry(imported: true, type: $0.description) }
            + module.globals.map { GlobalEntry(imported: false, type: $0.type.description) }
        elementSegments = module.elements.map { segment in
            switch segment.mode {
            case .active(let table, _): Segment(mode: "active", target: table, count: segment.items.count, offset: segment.offset)
            case .passive: Segment(mode: "passive", count: segment.items.count, offset: segment.offset)
            case .declarative: Segment(mode: "declarative", count: segment.items.count, offset: segment.offset)
            }
        }
        dataSegments = module.data.map { segment in
            switch segment.mode {
            case .active(let memory, _): Segment(mode: "active", target: memory, count: segment.bytes.count, offset: segment.offset)
            case .passive: Segment(mode: "passive", count: segment.bytes.count, offset: segment.offset)
            }
        }
        start = module.start
        customSections = module.customSections.map(\.name)
        moduleName = module.names.module
        switch validation {
        case .success(let summary):
            error = nil
            operators = summary.instructionCount
            features = summary.features.proposals.map(\.rawValue)
        case .failure(let failure):
            error = failure.description
            operators = nil
            features = []
        }
    }

    private static func describe(_ descriptor: Import.Descriptor, in module: WasmModule) -> String {
        switch descriptor {
        case .function(let typeIndex):
            Int(typeIndex) < module.types.count ? module.types[Int(typeIndex)].description : "unknown type \(typeIndex)"
        case .table(let table): "\(table.elementType) \(table.limits)"
        case .memory(let memory): "\(memory.limits) pages"
        case .global(let global): global.description
        }
    }
}

extension ModuleSummary {
    /// The human-readable form `midimon inspect` prints.
    public var text: String {
        var out: [String] = []
        func line(_ s: String) { out.append(s) }
        line("\(file): \(size) bytes, \(error.map { "INVALID: \($0)" } ?? "valid")")
        if let moduleName { line("module name: \(moduleName)") }
        if !features.isEmpty { line("features: \(features.joined(separator: ", "))") }

        line("sections:")
        for s in sections {
            let label = s.name.map { "custom \"\($0)\"" } ?? s.id
            line("  \(pad(label, 24)) offset 0x\(String(s.offset, radix: 16)), \(s.size) bytes")
        }
        line("types: \(types)")
        if !imports.isEmpty {
            line("imports (\(imports.count)):")
            for i in imports { line("  \(i.kind) \"\(i.module)\" \"\(i.name)\": \(i.type)") }
        }
        if !exports.isEmpty {
            line("exports (\(exports.count)):")
            for e in exports {
                line("  \(e.kind) \"\(e.name)\" -> #\(e.index)\(e.debugName.map { " ($\($0))" } ?? "")")
            }
        }
        let operatorText = operators.map { ", \($0) operators" } ?? ""
        line("functions: \(importedFunctions) imported, \(functions.count) defined, \(totalBodyBytes) bytes of code\(operatorText)")
        if !functions.isEmpty {
            let largest = functions.sorted { $0.bodySize > $1.bodySize }.prefix(10)
            line("  largest bodies:")
            for f in largest {
                let name = f.name.map { "$\($0)" } ?? ""
                line("    #\(f.index) \(name) \(f.type): \(f.bodySize) bytes, \(f.locals) locals")
            }
        }
        for (i, m) in memories.enumerated() {
            line("memory \(i)\(m.imported ? " (imported)" : ""): \(m.minPages)..\(m.maxPages.map(String.init) ?? "") pages")
        }
        for (i, t) in tables.enumerated() {
            line("table \(i)\(t.imported ? " (imported)" : ""): \(t.elementType) \(t.min)..\(t.max.map(String.init) ?? "")")
        }
        if !globals.isEmpty {
            let imported = globals.filter(\.imported).count
            line("globals: \(globals.count) (\(imported) imported): \(globals.map(\.type).joined(separator: " "))")
        }
        if let start { line("start: #\(start)") }
        for (i, s) in elementSegments.enumerated() {
            line("elem \(i): \(s.mode)\(s.target.map { " table \($0)" } ?? ""), \(s.count) elements")
        }
        for (i, s) in dataSegments.enumerated() {
            line("data \(i): \(s.mode)\(s.target.map { " memory \($0)" } ?? ""), \(s.count) bytes")
        }
        if !customSections.isEmpty { line("custom sections: \(customSections.joined(separator: ", "))") }
        return out.joined(separator: "\n")
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}
