import CRuntimeSupport
import FrontEnd
import PluginABI

/// Module instantiation (spec §4.5.4, WebAssembly 2.0), in the spec's order:
///
/// 1. resolve every import and match its type (`unknown import`, `incompatible import type`);
/// 2. allocate: VM context, memory, tables, globals (initializers evaluated), the
///    references of every element segment;
/// 3. active element segments, in order: `table.init` then `elem.drop`; declarative ones are
///    dropped (`out of bounds table access` stops here);
/// 4. active data segments, in order: `memory.init` then `data.drop`
///    (`out of bounds memory access`);
/// 5. the start function.
///
/// A failure in steps 1–2 changes nothing outside the new instance, which is freed at once.
/// From step 3 on, earlier segments stay written into imported tables and memories, as the
/// spec requires; such tables may then hold references to the failed instance's functions,
/// so if it imports anything the store keeps it (unreachable, but safe to call through).
extension InstanceState {
    static func instantiate(
        _ artifact: Artifact, store: Store, imports: Imports, configuration: InstanceConfiguration
    ) throws(InstantiationError) -> InstanceState {
        let module = artifact.module
        var resolved: [Extern] = []
        for declared in module.imports {
            guard let value = imports.lookup(module: declared.module, name: declared.name) else {
                throw .unknownImport(declared.module, declared.name)
            }
            if let owner = value.store, owner !== store {
                throw InstantiationError(.foreignStore,
                    "import \"\(declared.module)\" \"\(declared.name)\" belongs to another store")
            }
            try match(declared, value, in: module)
            resolved.append(value)
        }

        let state = InstanceState(store: store, artifact: artifact)
        try state.initialize(imports: resolved, configuration: configuration)
        do {
            try state.runSegmentsAndStart()
        } catch {
            if !module.imports.isEmpty { store.retain(state) }
            throw error
        }
        store.retain(state)
        return state
    }

    /// External type matching (spec §4.5.3): functions by type, tables and memories by
    /// limits (the actual current size and declared maximum against the import's), globals
    /// by value type and mutability.
    private static func match(_ declared: Import, _ value: Extern, in module: WasmModule) throws(InstantiationError) {
        func incompatible(_ why: String) -> InstantiationError { .incompatible(declared.module, declared.name, why) }
        func limitsMatch(_ actual: Limits, _ wanted: Limits) -> Bool {
            guard actual.min >= wanted.min else { return false }
            guard let wantedMax = wanted.max else { return true }
            return actual.max.map { $0 <= wantedMax } ?? false
        }
        switch (declared.descriptor, value) {
        case (.function(let typeIndex), .function(let function)):
            let wanted = module.types[Int(typeIndex)]
            guard function.type == wanted else { throw incompatible("function \(function.type), expected \(wanted)") }
        case (.function(let typeIndex), .hostFunction(let function)):
            let wanted = module.types[Int(typeIndex)]
            guard function.type == wanted else { throw incompatible("host function \(function.type), expected \(wanted)") }
        case (.table(let wanted), .table(let table)):
            guard table.elementType == wanted.elementType else {
                throw incompatible("table of \(table.elementType), expected \(wanted.elementType)")
            }
            guard limitsMatch(table.limits, wanted.limits) else {
                throw incompatible("table limits \(table.limits), expected \(wanted.limits)")
            }
        case (.memory(let wanted), .memory(let memory)):
            guard limitsMatch(memory.limits, wanted.limits) else {
                throw incompatible("memory limits \(memory.limits), expected \(wanted.limits)")
            }
        case (.global(let wanted), .global(let global)):
            guard global.valueType == wanted.valueType, global.isMutable == wanted.isMutable else {
                let actual = (global.isMutable ? "mut " : "") + global.valueType.description
                throw incompatible("global \(actual), expected \(wanted)")
            }
        default:
            throw incompatible("\(value.kind) given, \(declared.kind) expected")
        }
    }

    /// Steps 3–5 of the order above.
    private func runSegmentsAndStart() throws(InstantiationError) {
        let module = self.module
        for (i, segment) in module.elements.enumerated() {
            switch segment.mode {
            case .active(let table, let offset):
                let destination = UInt32(truncatingIfNeeded: try evaluate(offset))
                let code = tableInit(table: Int(table), segment: i, destination: destination, source: 0,
                                     count: UInt32(segment.items.count))
                if code != 0 {
                    throw .trapped(Trap(rawCode: code, site: Int32(truncatingIfNeeded: segment.offset),
                                        location: TrapLocation(.elementSegment(i), offset: nil)))
                }
                elemDrop(segment: i)
            case .declarative:
                elemDrop(segment: i)
            case .passive:
                break
            }
        }
        for (i, segment) in module.data.enumerated() {
            guard case .active(_, let offset) = segment.mode else { continue }
            let destination = UInt32(truncatingIfNeeded: try evaluate(offset))
            let code = memoryInit(segment: i, destination: destination, source: 0, count: UInt32(segment.bytes.count))
            // No offset in the location: segment offsets are the skeleton's, and the data
            // section comes after the code section that the skeleton leaves out.
            if code != 0 {
                throw .trapped(Trap(rawCode: code, site: Int32(truncatingIfNeeded: segment.offset),
                                    location: TrapLocation(.dataSegment(i), offset: nil)))
            }
            dataDrop(segment: i)
        }
        if let start = module.start {
            do {
                _ = try function(Int(start)).call([])
            } catch {
                throw .trapped(error)
            }
        }
    }
}
