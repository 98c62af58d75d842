/// The runtime functions compiled code calls: listed once, here. The translator declares each
/// from ``parameters`` and ``result`` and calls it through the `builtins` table of the VM
/// context (slot = ``rawValue``), so a shared object has no undefined symbols; the runtime
/// fills that table in the same order with functions of exactly these C signatures.
///
/// Builtins that can fail return a ``TrapCode`` raw value (0 = success) instead of unwinding
/// themselves: compiled code tests it and takes its cold trap path, so no Swift frame is
/// ever skipped by `siglongjmp`. Only ``trap`` itself unwinds.
public enum Builtin: Int, CaseIterable, Sendable {
    /// `(vmctx, code: i32, site: i32) -> never`: leaves WebAssembly code for the runtime's
    /// call trampoline. `site` identifies the trapping instruction (0 when unknown).
    case trap
    /// `(vmctx, delta: i32) -> i32`: `memory.grow`; the old size in pages, or -1.
    case memoryGrow
    /// `(destination: ptr, value: i32, length: i64) -> ptr`, no `vmctx`: C's `memset`, for
    /// `memory.fill` once compiled code has checked the range (BoundsChecks.swift).
    case memset
    /// `(destination: ptr, source: ptr, length: i64) -> ptr`, no `vmctx`: C's `memmove`, for
    /// `memory.copy` once compiled code has checked both ranges.
    case memmove
    /// `(vmctx, segment: i32, destination: i32, source: i32, length: i32) -> trap code`.
    case memoryInit
    /// `(vmctx, segment: i32) -> void`: `data.drop`.
    case dataDrop
    /// `(vmctx, table: i32, initial: ptr, delta: i32) -> i32`: `table.grow`; old size or -1.
    case tableGrow
    /// `(vmctx, table: i32, destination: i32, value: ptr, length: i32) -> trap code`.
    case tableFill
    /// `(vmctx, destinationTable: i32, sourceTable: i32, destination: i32, source: i32,
    /// length: i32) -> trap code`: `table.copy`.
    case tableCopy
    /// `(vmctx, table: i32, segment: i32, destination: i32, source: i32, length: i32) ->
    /// trap code`: `table.init`.
    case tableInit
    /// `(vmctx, segment: i32) -> void`: `elem.drop`.
    case elemDrop

    /// The machine types of builtin signatures.
    public enum ABIType: Sendable {
        case i32
        case i64
        case pointer
    }

    /// Whether compiled code passes its `vmctx` first: every builtin but the C library's.
    public var takesContext: Bool {
        switch self {
        case .memset, .memmove: false
        default: true
        }
    }

    /// Parameters, `vmctx` included where ``takesContext``.
    public var parameters: [ABIType] {
        switch self {
        case .trap: [.pointer, .i32, .i32]
        case .memoryGrow: [.pointer, .i32]
        case .memset: [.pointer, .i32, .i64]
        case .memmove: [.pointer, .pointer, .i64]
        case .memoryInit: [.pointer, .i32, .i32, .i32, .i32]
        case .dataDrop, .elemDrop: [.pointer, .i32]
        case .tableGrow: [.pointer, .i32, .pointer, .i32]
        case .tableFill: [.pointer, .i32, .i32, .pointer, .i32]
        case .tableCopy, .tableInit: [.pointer, .i32, .i32, .i32, .i32, .i32]
        }
    }

    /// Nil for `void` (and for ``trap``, which does not return).
    public var result: ABIType? {
        switch self {
        case .trap, .dataDrop, .elemDrop: nil
        case .memset, .memmove: .pointer
        default: .i32
        }
    }

    /// Whether the result is a trap code that compiled code must check.
    public var returnsTrapCode: Bool {
        switch self {
        case .memoryInit, .tableFill, .tableCopy, .tableInit: true
        default: false
        }
    }

    /// A name for IR and diagnostics.
    public var name: String { "midimon_builtin_\(self)" }
}
