import FrontEnd
import PluginABI

/// Constant expressions (spec §3.3.10): global initializers, segment offsets and element
/// items. The skeleton was validated at load, so types are right; indices and the stack are
/// checked again anyway, since a corrupt artifact must fail, not crash.
extension InstanceState {
    /// The expression's value as slot bits.
    func evaluate(_ expression: ConstantExpression) throws(InstantiationError) -> UInt64 {
        let module = self.module
        var decoder = InstructionDecoder(
            reader: ByteReader(bytes: module.bytes, position: expression.range.lowerBound, end: expression.range.upperBound),
            hasDataCount: true)
        var stack: [UInt64] = []
        func malformed(_ why: String) -> InstantiationError {
            InstantiationError(.malformedArtifact, "constant expression at offset 0x\(String(expression.range.lowerBound, radix: 16)): \(why)")
        }
        func operands() throws(InstantiationError) -> (UInt64, UInt64) {
            guard stack.count >= 2 else { throw malformed("operand stack underflow") }
            let right = stack.removeLast()
            return (stack.removeLast(), right)
        }
        while true {
            let instruction: Instruction
            do {
                instruction = try decoder.decode()
            } catch {
                throw malformed("\(error)")
            }
            let imm = instruction.immediates
            switch instruction.opcode {
            case .i32Const, .f32Const: stack.append(imm.bits & 0xFFFF_FFFF)
            case .i64Const, .f64Const: stack.append(imm.bits)
            case .refNull: stack.append(0)
            case .refFunc:
                guard Int(imm.index) < module.functionCount else { throw malformed("unknown function \(imm.index)") }
                stack.append(reference(toFunction: imm.index))
            case .globalGet:
                guard Int(imm.index) < globals.count else { throw malformed("unknown global \(imm.index)") }
                stack.append(globals[Int(imm.index)].slot.pointee)
            case .i32Add, .i32Sub, .i32Mul:
                let (a, b) = try operands()
                let (x, y) = (UInt32(truncatingIfNeeded: a), UInt32(truncatingIfNeeded: b))
                let r: UInt32 = switch instruction.opcode {
                case .i32Add: x &+ y
                case .i32Sub: x &- y
                default: x &* y
                }
                stack.append(UInt64(r))
            case .i64Add, .i64Sub, .i64Mul:
                let (a, b) = try operands()
                let r: UInt64 = switch instruction.opcode {
                case .i64Add: a &+ b
                case .i64Sub: a &- b
                default: a &* b
                }
                stack.append(r)
            case .end:
                guard stack.count == 1 else { throw malformed("\(stack.count) values at the end") }
                return stack[0]
            default:
                throw malformed("\(instruction.opcode.name) is not constant")
            }
        }
    }
}
