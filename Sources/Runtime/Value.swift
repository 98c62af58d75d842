import FrontEnd

/// A WebAssembly value, as the host passes and receives it. Floats are kept as bit
/// patterns so that NaN payloads survive a round trip exactly; ``init(_:)-(Float)`` and
/// ``float`` convert.
public enum Value: Sendable, Equatable, CustomStringConvertible {
    case i32(UInt32)
    case i64(UInt64)
    /// The bit pattern of a `Float`.
    case f32(UInt32)
    /// The bit pattern of a `Double`.
    case f64(UInt64)
    /// A function reference; nil is `ref.null func`.
    case funcref(Function?)
    /// An external reference; nil is `ref.null extern`.
    case externref(ExternRef?)

    public init(_ value: Int32) { self = .i32(UInt32(bitPattern: value)) }
    public init(_ value: Int64) { self = .i64(UInt64(bitPattern: value)) }
    public init(_ value: Float) { self = .f32(value.bitPattern) }
    public init(_ value: Double) { self = .f64(value.bitPattern) }

    public var type: ValueType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .funcref: .funcref
        case .externref: .externref
        }
    }

    public var int32: Int32? { if case .i32(let v) = self { Int32(bitPattern: v) } else { nil } }
    public var int64: Int64? { if case .i64(let v) = self { Int64(bitPattern: v) } else { nil } }
    public var float: Float? { if case .f32(let v) = self { Float(bitPattern: v) } else { nil } }
    public var double: Double? { if case .f64(let v) = self { Double(bitPattern: v) } else { nil } }

    public var description: String {
        switch self {
        case .i32(let v): "i32:\(Int32(bitPattern: v))"
        case .i64(let v): "i64:\(Int64(bitPattern: v))"
        case .f32(let v): "f32:\(Float(bitPattern: v))"
        case .f64(let v): "f64:\(Double(bitPattern: v))"
        case .funcref(let f): f.map { "funcref:\($0.name)" } ?? "funcref:null"
        case .externref(let e): e.map { "externref:\($0.value)" } ?? "externref:null"
        }
    }

    /// The 8-byte slot form (VMContextLayout: i32/f32 in the low 4 bytes), or nil for a
    /// funcref of another store, which this store's code must never see.
    func bits(in store: Store) -> UInt64? {
        switch self {
        case .i32(let v): UInt64(v)
        case .i64(let v): v
        case .f32(let v): UInt64(v)
        case .f64(let v): v
        case .funcref(nil): 0
        case .funcref(let f?): f.store === store ? UInt64(UInt(bitPattern: f.reference)) : nil
        case .externref(let e): e?.bits ?? 0
        }
    }

    /// Reads a slot of type `type`.
    init(bits: UInt64, type: ValueType, store: Store) {
        switch type {
        case .i32: self = .i32(UInt32(truncatingIfNeeded: bits))
        case .i64: self = .i64(bits)
        case .f32: self = .f32(UInt32(truncatingIfNeeded: bits))
        case .f64: self = .f64(bits)
        case .funcref: self = .funcref(store.function(fromReference: bits))
        case .externref: self = .externref(ExternRef(bits: bits))
        }
    }
}

/// An external reference: an opaque number the host chooses (`ref.extern N` in the spec
/// suite). In slots it is `value + 1`, so that 0 stays null; `UInt64.max` therefore wraps
/// to null and must not be used.
public struct ExternRef: Hashable, Sendable {
    public let value: UInt64

    public init(_ value: UInt64) {
        self.value = value
    }

    init?(bits: UInt64) {
        guard bits != 0 else { return nil }
        value = bits - 1
    }

    var bits: UInt64 { value &+ 1 }
}
