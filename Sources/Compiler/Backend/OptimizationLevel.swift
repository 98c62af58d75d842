import CLLVM

/// How hard LLVM works on the code: the middle-end pipeline (`default<O0>` ... `default<O3>`)
/// and the code generator's level move together, as with clang's `-O0` ... `-O3`.
public enum OptimizationLevel: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case o0 = 0
    case o1 = 1
    case o2 = 2
    case o3 = 3

    /// The new pass manager's textual pipeline for this level.
    public var passPipeline: String { "default<O\(rawValue)>" }

    /// `O0` ... `O3`, as used in cache keys and diagnostics.
    public var description: String { "O\(rawValue)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    var codeGenLevel: LLVMCodeGenOptLevel {
        switch self {
        case .o0: LLVMCodeGenLevelNone
        case .o1: LLVMCodeGenLevelLess
        case .o2: LLVMCodeGenLevelDefault
        case .o3: LLVMCodeGenLevelAggressive
        }
    }
}
