/// The VM context (`vmctx`): the one block of memory per instance that compiled code reads.
/// Every WebAssembly function takes it as its first argument. This file is the only place its
/// layout is written down; the translator computes addresses from ``VMOffsets`` and the
/// runtime fills the block from the same ``VMOffsets``, so the two cannot disagree.
///
/// ```
///   vmctx ──►┌──────────────────────────────┐ 0
///            │ store        ─────────────────────► VMStoreContext (shared by instances that
///            │                              │        call each other: one budget, one limit)
///            │ memory       ─────────────────────► VMMemory of memory 0 (null without memory;
///            │                              │        imported memories point at the exporter's)
///            │ builtins     ─────────────────────► [fn ptr] in `Builtin.allCases` order
///            │ instance     (opaque to compiled code: the runtime's instance, for builtins)
///            ├──────────────────────────────┤ 32 = typeIDs
///            │ u32 canonical type id, one per module type index (padded to 8 bytes)
///            ├──────────────────────────────┤ tables
///            │ ptr VMTable, one per table (imports first); imported ones are the exporter's
///            ├──────────────────────────────┤ globals
///            │ 8-byte slot per global (imports first): a defined global holds its value,
///            │ an imported one holds a pointer to the exporter's slot
///            ├──────────────────────────────┤ funcRefs
///            │ VMFuncRef per function (imports first): what `call` of an import, `ref.func`
///            │ and tables use; the address of an entry is the funcref value
///            └──────────────────────────────┘ size
///
///   VMStoreContext: fuel i64 @0 (remaining), stackLimit u64 @8 (lowest native stack pointer
///                   allowed; UInt64.max once interrupted), interrupt u64 @16 (0, or
///                   Int64.max once the deadline passed: stop)
///   VMMemory:       base ptr @0 (never moves: a memory reserves its whole maximum up front),
///                   size u64 @8 (bytes accessible now)
///   VMTable:        elements ptr @0 (8-byte slots: VMFuncRef* for funcref, the runtime's
///                   handle for externref, 0 = null), size u64 @8 (elements now)
///   VMFuncRef:      code ptr @0 (native function: (vmctx, params...) -> results),
///                   typeID u32 @8 (canonical, compared by `call_indirect`), vmctx ptr @16
///                   (the callee's context: its instance's vmctx, or a VMHostContext)
///   VMHostContext:  callback ptr @0 ((hostContext, values*) -> trap code, 0 = return normally),
///                   trap ptr @8 (the trap builtin), then whatever the runtime keeps there
/// ```
///
/// Value slots (globals, `values` arrays of entry thunks and host callbacks) are 8 bytes,
/// little-endian: i32 and f32 in the low 4 bytes (upper bytes unspecified), i64 and f64 in
/// all 8, references as pointer bits.
public struct VMOffsets: Sendable, Equatable {
    public let typeCount: Int
    public let tableCount: Int
    public let globalCount: Int
    public let functionCount: Int

    public init(typeCount: Int, tableCount: Int, globalCount: Int, functionCount: Int) {
        self.typeCount = typeCount
        self.tableCount = tableCount
        self.globalCount = globalCount
        self.functionCount = functionCount
    }

    public static let pointerSize = 8

    // MARK: Header

    public static let store = 0
    public static let memory = 8
    public static let builtins = 16
    public static let instance = 24

    // MARK: Variable parts

    public var typeIDs: Int { 32 }
    public func typeID(_ typeIndex: Int) -> Int { typeIDs + 4 * typeIndex }

    public var tables: Int { typeIDs + (4 * typeCount + 7) & ~7 }
    public func table(_ index: Int) -> Int { tables + 8 * index }

    public var globals: Int { tables + 8 * tableCount }
    public func global(_ index: Int) -> Int { globals + 8 * index }

    public var funcRefs: Int { globals + 8 * globalCount }
    public func funcRef(_ index: Int) -> Int { funcRefs + VMFuncRef.size * index }

    /// Bytes in the whole block.
    public var size: Int { funcRefs + VMFuncRef.size * functionCount }
}

/// Field offsets of ``VMOffsets``' store context.
public enum VMStoreContext {
    public static let fuel = 0
    public static let stackLimit = 8
    public static let interrupt = 16
    public static let size = 24
    /// What an interrupt writes into `stackLimit` after setting `interrupt`, so that the stack
    /// check every function entry makes fails and reports `deadline exceeded` instead: function
    /// entries need no check of their own (StackLimit.swift).
    public static let interruptedStackLimit = UInt64.max
    /// What an interrupt writes into `interrupt`: non-zero, and above any fuel count a loop
    /// header can see (every function charges its entry unit first), so with fuel one signed
    /// compare `fuel < interrupt` is both the budget check and the deadline check (Fuel.swift).
    public static let interruptedFlag = UInt64(Int64.max)
}

/// Field offsets of a memory's shared descriptor.
public enum VMMemory {
    public static let base = 0
    public static let size = 8
    public static let byteSize = 16
    /// 64 KiB.
    public static let pageSize = 65536
    /// Address space every memory reserves, whatever its size: the largest effective address
    /// (2^32 − 1 + an offset of 2^32 − 1) plus the widest access (8 bytes) fits below it, so
    /// code compiled for guard pages never reaches outside the reservation.
    public static let reservation = (8 << 30) + 65536
}

/// Field offsets of a table's shared descriptor.
public enum VMTable {
    public static let elements = 0
    public static let size = 8
    public static let byteSize = 16
}

/// Field offsets of a function reference.
public enum VMFuncRef {
    public static let code = 0
    public static let typeID = 8
    public static let vmctx = 16
    public static let size = 24
}

/// Field offsets of the context a host function's adapter receives as its `vmctx`.
public enum VMHostContext {
    public static let callback = 0
    public static let trap = 8
}
