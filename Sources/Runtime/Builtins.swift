import CRuntimeSupport
import Glibc
import PluginABI

/// The builtins table every VM context points at: one C function per ``Builtin`` case, in
/// `Builtin.allCases` order, with exactly the signatures listed there.
///
/// Semantics are the spec's (§4.4.7, §4.4.6): every bounds check happens before any effect;
/// an access that ends exactly at the end (including a zero-length one there) is in bounds;
/// a dropped segment has length 0. Failures are returned as trap codes and compiled code
/// traps itself, so no Swift frame is ever jumped over. Nothing here allocates except
/// `table.grow`, which may `realloc`.
enum Builtins {
    /// Shared by all instances; never freed.
    nonisolated(unsafe) static let table: UnsafeMutableRawPointer = {
        let table = UnsafeMutablePointer<UnsafeRawPointer?>.allocate(capacity: Builtin.allCases.count)
        for builtin in Builtin.allCases {
            table[builtin.rawValue] = switch builtin {
            case .trap: UnsafeRawPointer(midimon_trap_address())
            case .memoryGrow: unsafeBitCast(memoryGrow, to: UnsafeRawPointer.self)
            case .memset: unsafeBitCast(cMemset, to: UnsafeRawPointer.self)
            case .memmove: unsafeBitCast(cMemmove, to: UnsafeRawPointer.self)
            case .memoryInit: unsafeBitCast(memoryInit, to: UnsafeRawPointer.self)
            case .dataDrop: unsafeBitCast(dataDrop, to: UnsafeRawPointer.self)
            case .tableGrow: unsafeBitCast(tableGrow, to: UnsafeRawPointer.self)
            case .tableFill: unsafeBitCast(tableFill, to: UnsafeRawPointer.self)
            case .tableCopy: unsafeBitCast(tableCopy, to: UnsafeRawPointer.self)
            case .tableInit: unsafeBitCast(tableInit, to: UnsafeRawPointer.self)
            case .elemDrop: unsafeBitCast(elemDrop, to: UnsafeRawPointer.self)
            }
        }
        return UnsafeMutableRawPointer(table)
    }()

    typealias VMContext = UnsafeMutableRawPointer?

    /// The instance whose VM context compiled code passed, without retaining it.
    @inline(__always)
    private static func with<R>(_ vmctx: VMContext, _ body: (InstanceState) -> R) -> R {
        let instance = vmctx.unsafelyUnwrapped.load(fromByteOffset: VMOffsets.instance, as: UnsafeRawPointer.self)
        return Unmanaged<InstanceState>.fromOpaque(instance)._withUnsafeGuaranteedRef(body)
    }

    private static func u32(_ value: Int32) -> UInt32 { UInt32(bitPattern: value) }
    private static func bits(_ pointer: UnsafeMutableRawPointer?) -> UInt64 { UInt64(UInt(bitPattern: pointer)) }

    static let memoryGrow: @convention(c) (VMContext, Int32) -> Int32 = { vmctx, delta in
        with(vmctx) { $0.memoryGrow(by: u32(delta)) }
    }
    /// The C library's own functions: compiled code has checked the ranges.
    static let cMemset: @convention(c) (UnsafeMutableRawPointer, Int32, Int) -> UnsafeMutableRawPointer? = memset
    static let cMemmove: @convention(c) (UnsafeMutableRawPointer, UnsafeRawPointer, Int) -> UnsafeMutableRawPointer? = memmove
    static let memoryInit: @convention(c) (VMContext, Int32, Int32, Int32, Int32) -> Int32 = { vmctx, segment, destination, source, count in
        with(vmctx) { $0.memoryInit(segment: Int(u32(segment)), destination: u32(destination), source: u32(source), count: u32(count)) }
    }
    static let dataDrop: @convention(c) (VMContext, Int32) -> Void = { vmctx, segment in
        with(vmctx) { $0.dataDrop(segment: Int(u32(segment))) }
    }
    static let tableGrow: @convention(c) (VMContext, Int32, UnsafeMutableRawPointer?, Int32) -> Int32 = { vmctx, table, initial, delta in
        with(vmctx) { $0.tableGrow(table: Int(u32(table)), initial: bits(initial), delta: u32(delta)) }
    }
    static let tableFill: @convention(c) (VMContext, Int32, Int32, UnsafeMutableRawPointer?, Int32) -> Int32 = { vmctx, table, destination, value, count in
        with(vmctx) { $0.tableFill(table: Int(u32(table)), destination: u32(destination), value: bits(value), count: u32(count)) }
    }
    static let tableCopy: @convention(c) (VMContext, Int32, Int32, Int32, Int32, Int32) -> Int32 = { vmctx, to, from, destination, source, count in
        with(vmctx) {
            $0.tableCopy(destinationTable: Int(u32(to)), sourceTable: Int(u32(from)),
                         destination: u32(destination), source: u32(source), count: u32(count))
        }
    }
    static let tableInit: @convention(c) (VMContext, Int32, Int32, Int32, Int32, Int32) -> Int32 = { vmctx, table, segment, destination, source, count in
        with(vmctx) {
            $0.tableInit(table: Int(u32(table)), segment: Int(u32(segment)),
                         destination: u32(destination), source: u32(source), count: u32(count))
        }
    }
    static let elemDrop: @convention(c) (VMContext, Int32) -> Void = { vmctx, segment in
        with(vmctx) { $0.elemDrop(segment: Int(u32(segment))) }
    }
}

/// The builtins' bodies, also used by instantiation for active segments. Indices come from
/// validated code, but are checked anyway (a corrupt artifact gets a trap, not a crash).
extension InstanceState {
    private static let memoryOutOfBounds = TrapCode.outOfBoundsMemoryAccess.rawValue
    private static let tableOutOfBounds = TrapCode.outOfBoundsTableAccess.rawValue

    func memoryInit(segment: Int, destination: UInt32, source: UInt32, count: UInt32) -> Int32 {
        guard let memory, segment < dataSegments.count else { return Self.memoryOutOfBounds }
        let bytes = dataSegments[segment]
        guard UInt64(source) + UInt64(count) <= UInt64(bytes.count),
              memory.contains(UInt64(destination), UInt64(count)) else { return Self.memoryOutOfBounds }
        if count > 0 {
            (memory.base + Int(destination)).copyMemory(from: bytes.baseAddress! + Int(source), byteCount: Int(count))
        }
        return 0
    }

    func dataDrop(segment: Int) {
        guard segment < dataSegments.count else { return }
        dataSegments[segment] = UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// `memory.grow`: the old size in pages, or -1 past the memory's own maximum or this
    /// instance's limit (which also caps an imported memory; growing by 0 always succeeds).
    func memoryGrow(by delta: UInt32) -> Int32 {
        guard let memory else { return -1 }
        if delta > 0 && UInt64(memory.pageCount) + UInt64(delta) > memoryLimitPages { return -1 }
        return memory.grow(by: delta)
    }

    /// `table.grow`: the old size, or -1 past the table's own maximum or this instance's limit.
    func tableGrow(table: Int, initial: UInt64, delta: UInt32) -> Int32 {
        guard table < tables.count else { return -1 }
        let storage = tables[table]
        if delta > 0 && storage.count + UInt64(delta) > tableElementLimit { return -1 }
        return storage.grow(by: delta, initial: initial)
    }

    func tableFill(table: Int, destination: UInt32, value: UInt64, count: UInt32) -> Int32 {
        guard table < tables.count else { return Self.tableOutOfBounds }
        let storage = tables[table]
        guard storage.contains(UInt64(destination), UInt64(count)) else { return Self.tableOutOfBounds }
        (storage.elements + Int(destination)).update(repeating: value, count: Int(count))
        return 0
    }

    func tableCopy(destinationTable: Int, sourceTable: Int, destination: UInt32, source: UInt32, count: UInt32) -> Int32 {
        guard destinationTable < tables.count, sourceTable < tables.count else { return Self.tableOutOfBounds }
        let to = tables[destinationTable], from = tables[sourceTable]
        guard to.contains(UInt64(destination), UInt64(count)), from.contains(UInt64(source), UInt64(count)) else {
            return Self.tableOutOfBounds
        }
        // The same table may overlap itself: memmove semantics.
        memmove(to.elements + Int(destination), from.elements + Int(source), 8 * Int(count))
        return 0
    }

    func tableInit(table: Int, segment: Int, destination: UInt32, source: UInt32, count: UInt32) -> Int32 {
        guard table < tables.count, segment < elementSegments.count else { return Self.tableOutOfBounds }
        let storage = tables[table]
        let items = elementSegments[segment]
        guard UInt64(source) + UInt64(count) <= UInt64(items.count),
              storage.contains(UInt64(destination), UInt64(count)) else { return Self.tableOutOfBounds }
        if count > 0 {
            (storage.elements + Int(destination)).update(from: items.baseAddress! + Int(source), count: Int(count))
        }
        return 0
    }

    func elemDrop(segment: Int) {
        guard segment < elementSegments.count else { return }
        elementSegments[segment].deallocate()
        elementSegments[segment] = UnsafeMutableBufferPointer(start: nil, count: 0)
    }
}
