/// Validates constant expressions (spec §3.3.10) for global initializers and segment offsets
/// and items: constants, `ref.null`, `ref.func`, `global.get` of an immutable global, and the
/// extended-const arithmetic `i32/i64.add/sub/mul` that Zig and recent LLVM emit.
enum ConstantExpressionValidator {
    static func validate(
        _ expression: ConstantExpression, type expected: ValueType, in module: WasmModule,
        context: inout ModuleContext, features: inout FeatureSet
    ) throws(WasmError) {
        var decoder = InstructionDecoder(
            reader: ByteReader(bytes: module.bytes, position: expression.range.lowerBound, end: expression.range.upperBound),
            hasDataCount: true)
        var stack: [ValueType] = []
        func pop(_ t: ValueType, at offset: Int) throws(WasmError) {
            guard let top = stack.popLast(), top == t else {
                throw .invalid("type mismatch in constant expression: expected \(t)", at: offset)
            }
        }
        while true {
            let instruction = try decoder.decode()
            let at = instruction.offset
            let imm = instruction.immediates
            switch instruction.opcode {
            case .i32Const: stack.append(.i32)
            case .i64Const: stack.append(.i64)
            case .f32Const: stack.append(.f32)
            case .f64Const: stack.append(.f64)
            case .refNull:
                features.insert(.referenceTypes)
                stack.append(imm.valueType)
            case .refFunc:
                features.insert(.referenceTypes)
                guard Int(imm.index) < module.functionCount else { throw .invalid("unknown function \(imm.index)", at: at) }
                context.declaredFunctionReferences.insert(imm.index)
                stack.append(.funcref)
            case .globalGet:
                // Only imported globals are visible here (spec §3.4.10, context C′).
                guard Int(imm.index) < module.importedGlobals.count, let global = module.globalType(imm.index) else {
                    throw .invalid("unknown global \(imm.index)", at: at)
                }
                guard !global.isMutable else {
                    throw .invalid("constant expression required: global.get of mutable global \(imm.index)", at: at)
                }
                stack.append(global.valueType)
            case .i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul:
                features.insert(.extendedConst)
                let t: ValueType = instruction.info.signature!.result!
                try pop(t, at: at)
                try pop(t, at: at)
                stack.append(t)
            case .end:
                guard stack.count == 1, stack[0] == expected else {
                    let found = "[" + stack.map(\.description).joined(separator: " ") + "]"
                    throw .invalid("type mismatch: constant expression must produce [\(expected)], found \(found)", at: at)
                }
                return
            default:
                throw .invalid("constant expression required: \(instruction.opcode.name) is not constant", at: at)
            }
        }
    }
}
