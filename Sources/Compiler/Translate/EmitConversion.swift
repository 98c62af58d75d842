import CLLVM
import FrontEnd

/// Conversions between numeric types (spec §4.3.4), trapping and saturating.
extension FunctionTranslator {
    /// Emits `op` if it is a conversion; false for any other operator.
    func emitConversion(_ op: Opcode) -> Bool {
        switch op {
        case .i32WrapI64: cast(LLVMBuildTrunc, ir.i32)
        case .i64ExtendI32S: cast(LLVMBuildSExt, ir.i64)
        case .i64ExtendI32U: cast(LLVMBuildZExt, ir.i64)

        case .i32TruncF32S: truncate(to: ir.i32, signed: true, bounds: .i32FromF32S)
        case .i32TruncF32U: truncate(to: ir.i32, signed: false, bounds: .i32FromF32U)
        case .i32TruncF64S: truncate(to: ir.i32, signed: true, bounds: .i32FromF64S)
        case .i32TruncF64U: truncate(to: ir.i32, signed: false, bounds: .i32FromF64U)
        case .i64TruncF32S: truncate(to: ir.i64, signed: true, bounds: .i64FromF32S)
        case .i64TruncF32U: truncate(to: ir.i64, signed: false, bounds: .i64FromF32U)
        case .i64TruncF64S: truncate(to: ir.i64, signed: true, bounds: .i64FromF64S)
        case .i64TruncF64U: truncate(to: ir.i64, signed: false, bounds: .i64FromF64U)

        // llvm.fpto[su]i.sat are the non-trapping conversions exactly: NaN gives 0 and
        // out-of-range values saturate to the target's minimum or maximum.
        case .i32TruncSatF32S, .i32TruncSatF64S: saturate("llvm.fptosi.sat", ir.i32)
        case .i32TruncSatF32U, .i32TruncSatF64U: saturate("llvm.fptoui.sat", ir.i32)
        case .i64TruncSatF32S, .i64TruncSatF64S: saturate("llvm.fptosi.sat", ir.i64)
        case .i64TruncSatF32U, .i64TruncSatF64U: saturate("llvm.fptoui.sat", ir.i64)

        // sitofp/uitofp round to nearest, ties to even, as the spec's convert does.
        case .f32ConvertI32S, .f32ConvertI64S: cast(LLVMBuildSIToFP, ir.f32)
        case .f32ConvertI32U, .f32ConvertI64U: cast(LLVMBuildUIToFP, ir.f32)
        case .f64ConvertI32S, .f64ConvertI64S: cast(LLVMBuildSIToFP, ir.f64)
        case .f64ConvertI32U, .f64ConvertI64U: cast(LLVMBuildUIToFP, ir.f64)
        // LLVM folds demote(promote(x)) to x, which leaves a signalling NaN signalling; the
        // conversions themselves quiet it. Quieting both results keeps the spec's NaN rule
        // whatever LLVM folds (both are rare in hot loops).
        case .f32DemoteF64: cast(LLVMBuildFPTrunc, ir.f32); push(quietNaN(pop()))
        case .f64PromoteF32: cast(LLVMBuildFPExt, ir.f64); push(quietNaN(pop()))

        // Bit casts keep every bit, NaN payloads included.
        case .i32ReinterpretF32: cast(LLVMBuildBitCast, ir.i32)
        case .i64ReinterpretF64: cast(LLVMBuildBitCast, ir.i64)
        case .f32ReinterpretI32: cast(LLVMBuildBitCast, ir.f32)
        case .f64ReinterpretI64: cast(LLVMBuildBitCast, ir.f64)

        default:
            return false
        }
        return true
    }

    private func cast(_ build: (LLVMBuilderRef?, LLVMValueRef?, LLVMTypeRef?, UnsafePointer<CChar>?) -> LLVMValueRef?, _ type: LLVMTypeRef) {
        push(build(builder, pop(), type, "")!)
    }

    private func saturate(_ name: String, _ type: LLVMTypeRef) {
        let value = pop()
        call(intrinsic: name, overloads: [type, LLVMTypeOf(value)], [value])
    }

    /// fpto[su]i of NaN or of a value whose truncation does not fit is poison in LLVM; the
    /// spec traps ("invalid conversion to integer" for NaN, "integer overflow" otherwise).
    /// Both are checked first, so the conversion only ever sees values in range.
    private func truncate(to type: LLVMTypeRef, signed: Bool, bounds: TruncationBounds) {
        let value = pop()
        let floatType = LLVMTypeOf(value)!
        let isNaN = LLVMBuildFCmp(builder, LLVMRealUNO, value, value, "")!
        trapIf(isNaN, .invalidConversionToInteger)
        let (lower, upper) = bounds.exclusive
        func constant(_ x: Double) -> LLVMValueRef {
            floatType == ir.f32 ? ir.f32(bits: Float(x).bitPattern) : ir.f64(bits: x.bitPattern)
        }
        let aboveLower = LLVMBuildFCmp(builder, LLVMRealOGT, value, constant(lower), "")
        let belowUpper = LLVMBuildFCmp(builder, LLVMRealOLT, value, constant(upper), "")
        let inRange = LLVMBuildAnd(builder, aboveLower, belowUpper, "")!
        trapIf(LLVMBuildNot(builder, inRange, "")!, .integerOverflow)
        push((signed ? LLVMBuildFPToSI : LLVMBuildFPToUI)(builder, value, type, "")!)
    }
}

/// The open interval (lower, upper) of source values whose truncation toward zero fits the
/// target integer type. Each bound is exactly representable in the source type: the largest
/// representable value below the target's minimum minus one... as computed below.
enum TruncationBounds {
    case i32FromF32S, i32FromF32U, i32FromF64S, i32FromF64U
    case i64FromF32S, i64FromF32U, i64FromF64S, i64FromF64U

    var exclusive: (Double, Double) {
        switch self {
        // Signed: values above the next representable number below -2^(N-1) truncate to at
        // least -2^(N-1); values below 2^(N-1) truncate to at most 2^(N-1) - 1.
        case .i32FromF32S: (Double(Float(-2147483648.0).nextDown), 2147483648.0)
        case .i32FromF64S: (-2147483649.0, 2147483648.0)
        case .i64FromF32S: (Double(Float(-9223372036854775808.0).nextDown), 9223372036854775808.0)
        case .i64FromF64S: ((-9223372036854775808.0).nextDown, 9223372036854775808.0)
        // Unsigned: anything above -1 truncates to at least 0; below 2^N fits.
        case .i32FromF32U, .i32FromF64U: (-1.0, 4294967296.0)
        case .i64FromF32U, .i64FromF64U: (-1.0, 18446744073709551616.0)
        }
    }
}
