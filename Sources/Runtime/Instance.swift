import FrontEnd

/// An instantiated artifact (spec §4.5.4): its functions callable, its exports importable by
/// other instances of the same store.
public final class Instance: @unchecked Sendable {
    /// The store the instance lives in; the handle keeps it alive.
    public let store: Store
    public let artifact: Artifact
    let state: InstanceState

    /// Instantiates `artifact` in `store`, resolving its imports from `imports`, with
    /// `configuration`'s limits for the memory and tables it defines. Runs the element and
    /// data segments and the start function; see ``InstantiationError`` for what can fail.
    public init(_ artifact: Artifact, store: Store, imports: Imports = Imports(),
                configuration: InstanceConfiguration = InstanceConfiguration()) throws(InstantiationError) {
        self.store = store
        self.artifact = artifact
        state = try InstanceState.instantiate(artifact, store: store, imports: imports, configuration: configuration)
    }

    /// Export names, in the module's order.
    public var exportNames: [String] { artifact.module.exports.map(\.name) }

    /// The export called `name`, if any.
    public func export(named name: String) -> Extern? {
        // Names match byte for byte (spec §2.5.10): Swift's String equality would also match
        // canonically equivalent spellings such as "\u{C5}" and "A\u{30A}".
        guard let export = artifact.module.exports.first(where: { $0.name.utf8.elementsEqual(name.utf8) }) else { return nil }
        let index = Int(export.index)
        switch export.kind {
        case .function: return .function(state.function(index))
        case .memory: return state.memory.map { .memory(Memory(store: store, storage: $0)) }
        case .table: return .table(Table(store: store, storage: state.tables[index]))
        case .global: return .global(Global(store: store, storage: state.globals[index]))
        }
    }

    /// The exported function called `name`; its ``Function/type`` says how to call it.
    public func exportedFunction(named name: String) -> Function? {
        if case .function(let f) = export(named: name) { f } else { nil }
    }

    public func exportedMemory(named name: String) -> Memory? {
        if case .memory(let m) = export(named: name) { m } else { nil }
    }

    public func exportedTable(named name: String) -> Table? {
        if case .table(let t) = export(named: name) { t } else { nil }
    }

    public func exportedGlobal(named name: String) -> Global? {
        if case .global(let g) = export(named: name) { g } else { nil }
    }

    /// Memory 0, exported or not (for host functions and tests).
    public var memory: Memory? { state.memory.map { Memory(store: store, storage: $0) } }
}
