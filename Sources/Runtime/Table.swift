import CRuntimeSupport
import FrontEnd
import Glibc

/// A table's elements: 8-byte slots (`VMFuncRef *` for funcref, ``ExternRef`` bits for
/// externref, 0 = null) in a `malloc` block that `table.grow` may move; compiled code reloads
/// `VMTable.elements` after every call for that reason.
final class TableStorage {
    let descriptor: UnsafeMutablePointer<midimon_vm_table>
    let elementType: ValueType
    let declaredMaximum: UInt32?
    /// What `grow` may reach: the declared maximum or the limit, whichever is less.
    let maximum: UInt32

    init(elementType: ValueType, limits: Limits, limit: Int, initial: UInt64 = 0) throws(InstantiationError) {
        let maximum = min(UInt64(limits.max ?? .max), UInt64(max(limit, 0)), UInt64(UInt32.max))
        guard UInt64(limits.min) <= maximum else {
            throw InstantiationError(.resourceExhausted, "table of \(limits.min) elements exceeds the limit of \(maximum)")
        }
        // Never a zero-byte block, so that growing is always a realloc.
        guard let raw = malloc(8 * max(Int(limits.min), 1)) else {
            throw InstantiationError(.resourceExhausted, "cannot allocate a table of \(limits.min) elements")
        }
        let elements = raw.bindMemory(to: UInt64.self, capacity: max(Int(limits.min), 1))
        elements.initialize(repeating: initial, count: Int(limits.min))
        descriptor = .allocate(capacity: 1)
        descriptor.initialize(to: midimon_vm_table(elements: elements, size: UInt64(limits.min)))
        self.elementType = elementType
        declaredMaximum = limits.max
        self.maximum = UInt32(maximum)
    }

    deinit {
        free(descriptor.pointee.elements)
        descriptor.deallocate()
    }

    var elements: UnsafeMutablePointer<UInt64> { descriptor.pointee.elements }
    var count: UInt64 { descriptor.pointee.size }

    /// `table.grow`: the old size, or -1 past the maximum or when memory runs out.
    func grow(by delta: UInt32, initial: UInt64) -> Int32 {
        let old = count
        guard delta > 0 else { return Int32(truncatingIfNeeded: old) }
        let new = old + UInt64(delta)
        guard new <= UInt64(maximum) else { return -1 }
        guard let raw = realloc(descriptor.pointee.elements, Int(new) * 8) else { return -1 }
        let elements = raw.assumingMemoryBound(to: UInt64.self)
        (elements + Int(old)).initialize(repeating: initial, count: Int(delta))
        descriptor.pointee.elements = elements
        descriptor.pointee.size = new
        return Int32(truncatingIfNeeded: old)
    }

    /// Whether [start, start + count) is inside the table (a zero count at the end is).
    @inline(__always)
    func contains(_ start: UInt64, _ count: UInt64) -> Bool {
        start + count <= self.count
    }
}

/// A table that can be exported, imported into other instances of the same store, or created
/// by the host.
public struct Table: @unchecked Sendable {
    /// The store whose instances may import it; the handle keeps it alive.
    public let store: Store
    let storage: TableStorage

    init(store: Store, storage: TableStorage) {
        self.store = store
        self.storage = storage
    }

    /// A table of `elementType` (funcref or externref) for instances of `store` to import,
    /// its elements set to `initial` (null by default).
    public init(store: Store, elementType: ValueType, limits: Limits, initial: Value? = nil,
                limit: Int = InstanceConfiguration.defaultTableElementLimit) throws(InstantiationError) {
        guard elementType.isReference else {
            throw InstantiationError(.incompatibleImportType, "a table holds references, not \(elementType)")
        }
        var bits: UInt64 = 0
        if let initial {
            guard initial.type == elementType, let b = initial.bits(in: store) else {
                throw InstantiationError(.incompatibleImportType, "initial value \(initial) does not fit a \(elementType) table of this store")
            }
            bits = b
        }
        self.init(store: store, storage: try TableStorage(elementType: elementType, limits: limits, limit: limit, initial: bits))
    }

    public var elementType: ValueType { storage.elementType }
    /// Current size and declared maximum: what import matching compares.
    public var limits: Limits { Limits(min: UInt32(storage.count), max: storage.declaredMaximum) }
    public var count: Int { Int(storage.count) }

    /// Element `index`, or nil when out of bounds.
    public func get(_ index: Int) -> Value? {
        guard index >= 0, UInt64(index) < storage.count else { return nil }
        return Value(bits: storage.elements[index], type: storage.elementType, store: store)
    }

    /// Sets element `index`; false (nothing changed) when out of bounds, of the wrong type, or
    /// a function of another store.
    @discardableResult
    public func set(_ index: Int, _ value: Value) -> Bool {
        guard index >= 0, UInt64(index) < storage.count, value.type == storage.elementType,
              let bits = value.bits(in: store) else { return false }
        storage.elements[index] = bits
        return true
    }

    /// Grows by `delta` elements set to `initial`; the old size, or nil past the maximum.
    public func grow(by delta: UInt32, initial: Value? = nil) -> UInt32? {
        var bits: UInt64 = 0
        if let initial {
            guard initial.type == storage.elementType, let b = initial.bits(in: store) else { return nil }
            bits = b
        }
        let old = storage.grow(by: delta, initial: bits)
        return old == -1 ? nil : UInt32(bitPattern: old)
    }
}
