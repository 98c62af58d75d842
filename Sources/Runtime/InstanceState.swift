import CRuntimeSupport
import FrontEnd
import PluginABI

/// An instance's runtime state: its VM context and everything the context points at that it
/// owns. The ``Store`` keeps it (see there why); ``Instance`` is the public handle.
///
/// The VM context's `instance` word points here (unretained), which is how builtins find
/// their memory, tables and segments.
///
/// `@unchecked Sendable`: the store's rule (one thread at a time calls into it) covers it.
final class InstanceState: @unchecked Sendable {
    /// Unowned: the store outlives every instance state it holds, and a state is only reached
    /// through a handle that keeps the store alive or through code running in the store.
    unowned(unsafe) let store: Store
    let artifact: Artifact
    let offsets: VMOffsets
    /// The VM context: `offsets.size` bytes, zeroed, filled by ``initialize(imports:configuration:)``.
    let vmctx: UnsafeMutableRawPointer

    var memory: LinearMemory?
    /// This instance's limits (``InstanceConfiguration``), which its `memory.grow` and
    /// `table.grow` honour even for imported memories and tables.
    var memoryLimitPages: UInt64 = 0
    var tableElementLimit: UInt64 = 0
    /// All tables and globals, imports first (index spaces).
    var tables: [TableStorage] = []
    var globals: [GlobalStorage] = []
    /// How the host reaches each function of the index space, imports first.
    var targets: [Function.Target] = []
    /// Host functions this instance imports, kept alive for their `VMHostContext`s.
    private var hostFunctions: [HostFunction] = []
    private var hostContexts: UnsafeMutableBufferPointer<midimon_vm_host_context>?

    /// Per data segment: its bytes inside the artifact's skeleton; dropped = empty.
    var dataSegments = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>(start: nil, count: 0)
    /// Per element segment: its evaluated references; dropped = empty (and freed).
    var elementSegments = UnsafeMutableBufferPointer<UnsafeMutableBufferPointer<UInt64>>(start: nil, count: 0)

    var module: WasmModule { artifact.module }

    init(store: Store, artifact: Artifact) {
        self.store = store
        self.artifact = artifact
        offsets = artifact.offsets
        vmctx = .allocate(byteCount: offsets.size, alignment: 16)
        vmctx.initializeMemory(as: UInt8.self, repeating: 0, count: offsets.size)
    }

    deinit {
        for segment in elementSegments { segment.deallocate() }
        elementSegments.deallocate()
        dataSegments.deallocate()
        hostContexts?.deallocate()
        vmctx.deallocate()
    }

    // MARK: - Filling the VM context

    /// Everything but segments and the start function (spec §4.5.4 steps up to allocation):
    /// header, type ids, function references, memory, tables, globals, segment contents.
    /// Throws before anything outside this instance has changed.
    func initialize(imports: [Extern], configuration: InstanceConfiguration) throws(InstantiationError) {
        let module = self.module
        memoryLimitPages = UInt64(max(configuration.memoryLimit, 0) / VMMemory.pageSize)
        tableElementLimit = UInt64(max(configuration.tableElementLimit, 0))
        vmctx.storeBytes(of: UnsafeMutableRawPointer(store.context), toByteOffset: VMOffsets.store, as: UnsafeMutableRawPointer.self)
        vmctx.storeBytes(of: Builtins.table, toByteOffset: VMOffsets.builtins, as: UnsafeMutableRawPointer.self)
        vmctx.storeBytes(of: Unmanaged.passUnretained(self).toOpaque(), toByteOffset: VMOffsets.instance, as: UnsafeMutableRawPointer.self)

        let typeIDs = module.types.map(TypeRegistry.id(of:))
        for (i, id) in typeIDs.enumerated() {
            vmctx.storeBytes(of: id, toByteOffset: offsets.typeID(i), as: UInt32.self)
        }

        // Imports, in import order (each kind's index space starts with them).
        let hostCount = imports.count { if case .hostFunction = $0 { true } else { false } }
        if hostCount > 0 {
            hostContexts = .allocate(capacity: hostCount)
        }
        var functionImport = 0
        for value in imports {
            switch value {
            case .function(let function):
                funcRef(targets.count).initialize(to: function.reference.load(as: midimon_vm_func_ref.self))
                targets.append(function.target)
                functionImport += 1
            case .hostFunction(let function):
                let context = hostContexts!.baseAddress! + hostFunctions.count
                context.initialize(to: midimon_vm_host_context(
                    callback: midimon_host_trampoline,
                    trap: midimon_trap_address(),
                    dispatch: hostDispatch,
                    function: Unmanaged.passUnretained(function).toOpaque(),
                    caller: Unmanaged.passUnretained(self).toOpaque()))
                hostFunctions.append(function)
                guard let adapter = artifact.adapter(import: functionImport) else {
                    throw InstantiationError(.malformedArtifact, "no adapter for imported function \(functionImport)")
                }
                funcRef(targets.count).initialize(to: midimon_vm_func_ref(
                    code: UnsafeMutableRawPointer(mutating: adapter),
                    type_id: typeIDs[Int(module.importedFunctionTypes[functionImport])],
                    padding: 0, vmctx: UnsafeMutableRawPointer(context)))
                targets.append(.host(context: UnsafeMutableRawPointer(context)))
                functionImport += 1
            case .memory(let memory):
                self.memory = memory.storage
            case .table(let table):
                tables.append(table.storage)
            case .global(let global):
                vmctx.storeBytes(of: global.storage.slot, toByteOffset: offsets.global(globals.count), as: UnsafeMutablePointer<UInt64>.self)
                globals.append(global.storage)
            }
        }

        for (local, typeIndex) in module.functionTypeIndices.enumerated() {
            funcRef(targets.count).initialize(to: midimon_vm_func_ref(
                code: artifact.code(local: local).map(UnsafeMutableRawPointer.init(mutating:)),
                type_id: typeIDs[Int(typeIndex)], padding: 0, vmctx: vmctx))
            targets.append(.compiled(entry: artifact.entry(local: local), vmctx: vmctx))
        }

        if let type = module.memories.first {
            memory = try LinearMemory(limits: type.limits, limitBytes: configuration.memoryLimit)
        }
        if let memory {
            vmctx.storeBytes(of: memory.descriptor, toByteOffset: VMOffsets.memory, as: UnsafeMutablePointer<midimon_vm_memory>.self)
        }

        for type in module.tables {
            tables.append(try TableStorage(elementType: type.elementType, limits: type.limits, limit: configuration.tableElementLimit))
        }
        for (i, table) in tables.enumerated() {
            vmctx.storeBytes(of: table.descriptor, toByteOffset: offsets.table(i), as: UnsafeMutablePointer<midimon_vm_table>.self)
        }

        // In order: an initializer sees the globals before it (imports, by validation).
        for global in module.globals {
            let value = try evaluate(global.initializer)
            let slot = (vmctx + offsets.global(globals.count)).assumingMemoryBound(to: UInt64.self)
            slot.pointee = value
            globals.append(GlobalStorage(valueType: global.type.valueType, isMutable: global.type.isMutable, slot: slot))
        }

        // Segment contents (spec: the element segments' references are evaluated when the
        // instance is allocated; passive ones serve `table.init` later).
        elementSegments = .allocate(capacity: module.elements.count)
        elementSegments.initialize(repeating: UnsafeMutableBufferPointer(start: nil, count: 0))
        for (i, segment) in module.elements.enumerated() {
            let items = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: segment.items.count)
            items.initialize(repeating: 0)
            elementSegments[i] = items
            switch segment.items {
            case .functions(let indices):
                for (j, index) in indices.enumerated() { items[j] = reference(toFunction: index) }
            case .expressions(let expressions):
                for (j, expression) in expressions.enumerated() { items[j] = try evaluate(expression) }
            }
        }
        dataSegments = .allocate(capacity: module.data.count)
        for (i, segment) in module.data.enumerated() {
            dataSegments[i] = UnsafeRawBufferPointer(start: artifact.skeleton + segment.bytes.lowerBound, count: segment.bytes.count)
        }
    }

    /// The `VMFuncRef` of function `index`.
    func funcRef(_ index: Int) -> UnsafeMutablePointer<midimon_vm_func_ref> {
        (vmctx + offsets.funcRef(index)).assumingMemoryBound(to: midimon_vm_func_ref.self)
    }

    /// The funcref value of function `index` (validation guarantees it exists).
    func reference(toFunction index: UInt32) -> UInt64 {
        UInt64(UInt(bitPattern: funcRef(Int(index))))
    }

    // MARK: - Functions as handles

    func containsFuncRef(_ address: UInt) -> Bool {
        let start = UInt(bitPattern: vmctx + offsets.funcRefs)
        let end = UInt(bitPattern: vmctx + offsets.size)
        return address >= start && address < end && (address - start) % UInt(VMFuncRef.size) == 0
    }

    /// The function whose `VMFuncRef` is at `address` (see ``containsFuncRef(_:)``).
    func function(atFuncRef address: UInt, store: Store) -> Function {
        let index = Int(address - UInt(bitPattern: vmctx + offsets.funcRefs)) / VMFuncRef.size
        return function(index)
    }

    func function(_ index: Int) -> Function {
        let exportName = module.exports.first { $0.kind == .function && Int($0.index) == index }?.name
        let name = exportName.map { "\"\($0)\"" } ?? "function \(module.functionName(UInt32(index)))"
        return Function(store: store, type: module.functionType(ofFunction: UInt32(index))!,
                        name: "\(name) in \(artifact.displayName)",
                        reference: UnsafeMutableRawPointer(funcRef(index)), target: targets[index])
    }
}
