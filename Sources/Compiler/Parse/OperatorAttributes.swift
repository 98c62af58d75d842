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

/// The proposals midimon accepts, all merged into WebAssembly 2.0.
public enum Feature: String, Sendable, CaseIterable {
    case mvp
    case signExtension
    case saturatingFloatToInt
    case multiValue
    case bulkMemory
    case referenceTypes
    case mutableGlobals
    case extendedConst
}

/// Operand types of an operator whose typing the table fully describes (at most two
/// operands, at most one result). Operands are listed bottom of stack first.
public struct OperatorSignature: Sendable {
    public let paramCount: Int
    public let param0: ValueType?
    public let param1: ValueType?
    public let result: ValueType?
}
