/// A WebAssembly value type (spec §2.3.4, binary §5.3.4).
///
/// The raw value is the binary encoding, so a decoded byte maps to a case directly. `v128`
/// is absent on purpose: SIMD is rejected with its own message while parsing.
public enum ValueType: UInt8, Sendable, Hashable, CustomStringConvertible {
    case i32 = 0x7F
    case i64 = 0x7E
    case f32 = 0x7D
    case f64 = 0x7C
    case funcref = 0x70
    case externref = 0x6F

    /// True for `funcref` and `externref`, the types a table may hold.
    public var isReference: Bool { self == .funcref || self == .externref }

    public var description: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .funcref: "funcref"
        case .externref: "externref"
        }
    }
}

/// A function type: parameters and results (multi-value allows several results).
public struct FunctionType: Hashable, Sendable, CustomStringConvertible {
    public var parameters: [ValueType]
    public var results: [ValueType]

    public init(parameters: [ValueType], results: [ValueType]) {
        self.parameters = parameters
        self.results = results
    }

    public var description: String {
        "[\(parameters.map(\.description).joined(separator: " "))] -> [\(results.map(\.description).joined(separator: " "))]"
    }
}

/// Size bounds of a memory (in 64 KiB pages) or a table (in elements).
public struct Limits: Hashable, Sendable, CustomStringConvertible {
    public var min: UInt32
    public var max: UInt32?

    public init(min: UInt32, max: UInt32? = nil) {
        self.min = min
        self.max = max
    }

    public var description: String { max.map { "\(min)..\($0)" } ?? "\(min).." }
}

/// A table: its element type (a reference type) and limits.
public struct TableType: Hashable, Sendable {
    public var elementType: ValueType
    public var limits: Limits
}

/// A linear memory's limits, in 64 KiB pages.
public struct MemoryType: Hashable, Sendable {
    public var limits: Limits
    /// The largest page count a 32-bit memory can have (4 GiB).
    public static let maxPages: UInt32 = 65536
}

/// A global's value type and mutability.
public struct GlobalType: Hashable, Sendable, CustomStringConvertible {
    public var valueType: ValueType
    public var isMutable: Bool

    public var description: String { isMutable ? "(mut \(valueType))" : valueType.description }
}

/// The type of a structured instruction (`block`, `loop`, `if`): empty, one result, or a
/// type index for multi-value blocks (binary §5.4.1, encoded as a signed 33-bit LEB128).
public enum BlockType: Hashable, Sendable {
    case empty
    case value(ValueType)
    case typeIndex(UInt32)
}
