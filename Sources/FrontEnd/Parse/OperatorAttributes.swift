/// How an operator's immediates are encoded; the decoder reads them by this kind alone.
/// The names match the `immediates` column of `Utilities/instructions.txt`.
public enum ImmediateKind: Sendable {
    case none
    case blockType
    case label
    case brTable
    case function
    /// Type index, then table index (a LEB128 since reference types; LLVM 20+ writes `0x80 0x00`).
    case callIndirect
    case local
    case global
    case table
    case memarg
    /// The reserved memory index of `memory.size`/`memory.grow`/`memory.fill`: one zero byte.
    case memory
    case i32
    case i64
    case f32
    case f64
    case selectTypes
    case refType
    /// Data index, then a zero byte.
    case memoryInit
    case data
    /// Two zero bytes.
    case memoryCopy
    /// Element index, then table index.
    case tableInit
    case element
    /// Destination table, then source table.
    case tableCopy
}

/// The proposals midimon accepts, all merged into WebAssembly 2.0. The raw value is the name
/// `inspect --json` prints.
public enum Feature: String, Sendable, CaseIterable {
    case mvp
    case signExtension
    case saturatingFloatToInt
    case multiValue
    case bulkMemory
    case referenceTypes
    case mutableGlobals
    case extendedConst

    /// The feature's bit in a ``FeatureSet``.
    var bit: UInt32 {
        switch self {
        case .mvp: 1 << 0
        case .signExtension: 1 << 1
        case .saturatingFloatToInt: 1 << 2
        case .multiValue: 1 << 3
        case .bulkMemory: 1 << 4
        case .referenceTypes: 1 << 5
        case .mutableGlobals: 1 << 6
        case .extendedConst: 1 << 7
        }
    }
}

/// Operand types of an operator whose typing the table fully describes (at most two
/// operands, at most one result). Operands are listed bottom of stack first.
public struct OperatorSignature: Sendable {
    public let paramCount: UInt8
    public let param0: ValueType?
    public let param1: ValueType?
    public let result: ValueType?
}

/// Everything the opcode table says about one operator, found by its encoding in the generated
/// lookup tables (``oneByte``, ``prefixedFC``) so that decoding does no search.
public struct OpcodeInfo: Sendable {
    public let opcode: Opcode
    /// How the decoder reads the immediates.
    public let immediates: ImmediateKind
    /// The proposal that introduced the operator.
    public let feature: Feature
    /// Bytes a memory operator reads or writes (its natural alignment); 0 for other operators.
    public let accessSize: UInt8
    /// Operand types for operators checked from the table alone; nil where the validator has a
    /// rule of its own.
    public let signature: OperatorSignature?
}

extension Opcode {
    /// The table row of this operator.
    public var info: OpcodeInfo {
        rawValue < 0x100 ? OpcodeInfo.oneByte[Int(rawValue)]! : OpcodeInfo.prefixedFC[Int(rawValue & 0xFF)]!
    }
}
