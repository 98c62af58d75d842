import FrontEnd

/// A global's 8-byte slot: in its instance's VM context for a defined global, or a block of
/// its own for a host global. An importing instance stores the slot's address.
final class GlobalStorage {
    let valueType: ValueType
    let isMutable: Bool
    let slot: UnsafeMutablePointer<UInt64>
    /// Host globals own their slot; instance globals borrow the VM context's, which the
    /// store keeps alive as long as any handle to this storage.
    private let ownsSlot: Bool

    init(valueType: ValueType, isMutable: Bool, slot: UnsafeMutablePointer<UInt64>) {
        self.valueType = valueType
        self.isMutable = isMutable
        self.slot = slot
        ownsSlot = false
    }

    init(valueType: ValueType, isMutable: Bool, value: UInt64) {
        self.valueType = valueType
        self.isMutable = isMutable
        slot = .allocate(capacity: 1)
        slot.initialize(to: value)
        ownsSlot = true
    }

    deinit {
        if ownsSlot { slot.deallocate() }
    }
}

/// A global that can be exported, imported into other instances of the same store, or
/// created by the host.
public struct Global: @unchecked Sendable {
    /// The store whose instances may import it; the handle keeps it alive.
    public let store: Store
    let storage: GlobalStorage

    init(store: Store, storage: GlobalStorage) {
        self.store = store
        self.storage = storage
    }

    /// A host global holding `value`; nil when `value` is a function of another store.
    public init?(store: Store, value: Value, isMutable: Bool) {
        guard let bits = value.bits(in: store) else { return nil }
        self.init(store: store, storage: GlobalStorage(valueType: value.type, isMutable: isMutable, value: bits))
    }

    public var valueType: ValueType { storage.valueType }
    public var isMutable: Bool { storage.isMutable }

    /// The current value.
    public var value: Value { Value(bits: storage.slot.pointee, type: storage.valueType, store: store) }

    /// Sets a mutable global; false (nothing changed) when immutable, of another type, or a
    /// function of another store.
    @discardableResult
    public func set(_ value: Value) -> Bool {
        guard storage.isMutable, value.type == storage.valueType, let bits = value.bits(in: store) else { return false }
        storage.slot.pointee = bits
        return true
    }
}
