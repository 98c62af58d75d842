/// Validates one function body in a single decoding pass, following the algorithm in the
/// specification's appendix: a typed operand stack in which `nil` is the "unknown" type of
/// unreachable code, and a stack of control frames.
///
/// Operators whose typing the opcode table describes are checked from their
/// ``OperatorSignature``; every other operator has a case below. The validator owns its
/// stacks and reuses them for the next function, so validating allocates almost nothing.
struct FunctionValidator {
    let module: WasmModule
    let context: ModuleContext
    private var operands: [ValueType?] = []
    private var frames: [ControlFrame] = []
    private var locals: [ValueType] = []
    private var scratch: [ValueType?] = []
    private var offset = 0
    /// Features seen so far, for `inspect`.
    var features = FeatureSet()
    /// Operators decoded so far (all functions).
    var instructionCount = 0

    init(module: WasmModule, context: ModuleContext) {
        self.module = module
        self.context = context
    }

    mutating func validate(function index: Int) throws(WasmError) {
        let body = module.code[index]
        let functionIndex = UInt32(module.importedFunctionTypes.count + index)
        let typeIndex = module.functionTypeIndices[index]
        guard Int(typeIndex) < module.types.count else {
            throw .invalid("unknown type \(typeIndex) for function \(module.functionName(functionIndex))", at: body.offset)
        }
        let type = module.types[Int(typeIndex)]
        if type.results.count > 1 { features.insert(.multiValue) }

        locals.removeAll(keepingCapacity: true)
        locals.append(contentsOf: type.parameters)
        if locals.count + body.localCount > ModuleParser.maxLocals {
            throw WasmError(.implementationLimit, "too many locals: midimon accepts at most \(ModuleParser.maxLocals) parameters and locals", at: body.offset)
        }
        for group in body.locals {
            locals.append(contentsOf: repeatElement(group.type, count: Int(group.count)))
        }
        operands.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        frames.append(ControlFrame(kind: .function, startTypes: .empty, endTypes: .list(type.results), height: 0))

        var decoder = InstructionDecoder(
            reader: ByteReader(bytes: module.bytes, position: body.expression.lowerBound, end: body.expression.upperBound),
            hasDataCount: module.dataCount != nil)
        while !frames.isEmpty {
            guard !decoder.isAtEnd else {
                throw .malformed("unexpected end of section or function: END opcode expected", at: decoder.reader.position)
            }
            let instruction = try decoder.decode()
            offset = instruction.offset
            instructionCount += 1
            try visit(instruction, branchTargets: decoder.branchTargets)
        }
        guard decoder.isAtEnd else {
            throw .malformed("section size mismatch: operators after the function's final end", at: decoder.reader.position)
        }
    }

    // MARK: - Stack primitives

    private mutating func push(_ type: ValueType?) { operands.append(type) }

    private mutating func pop() throws(WasmError) -> ValueType? {
        let frame = frames[frames.count - 1]
        if operands.count == frame.height {
            if frame.unreachable { return nil }
            throw .invalid("type mismatch: operand stack is empty", at: offset)
        }
        return operands.removeLast()
    }

    @discardableResult
    private mutating func pop(_ expected: ValueType) throws(WasmError) -> ValueType? {
        let actual = try pop()
        if let actual, actual != expected {
            throw .invalid("type mismatch: expected \(expected), found \(actual)", at: offset)
        }
        // Unknown stays unknown: `br_table` pushes back what it popped, and an operand of
        // unreachable code must keep matching any type (spec appendix, `pop_val`).
        return actual
    }

    private mutating func pop(_ types: TypeList) throws(WasmError) {
        var i = types.count
        while i > 0 {
            i -= 1
            try pop(types[i])
        }
    }

    private mutating func push(_ types: TypeList) {
        for i in 0..<types.count { operands.append(types[i]) }
    }

    /// Pops a reference type (or unknown) and returns it.
    private mutating func popReference() throws(WasmError) -> ValueType? {
        let actual = try pop()
        if let actual, !actual.isReference {
            throw .invalid("type mismatch: expected a reference, found \(actual)", at: offset)
        }
        return actual
    }

    private mutating func pushFrame(_ kind: ControlFrame.Kind, _ blockType: BlockType) throws(WasmError) {
        let (start, end) = try types(of: blockType)
        try pop(start)
        frames.append(ControlFrame(kind: kind, startTypes: start, endTypes: end, height: operands.count))
        push(start)
    }

    private mutating func popFrame() throws(WasmError) -> ControlFrame {
        let frame = frames[frames.count - 1]
        try pop(frame.endTypes)
        guard operands.count == frame.height else {
            throw .invalid("type mismatch: \(operands.count - frame.height) values left on the stack at the end of a block", at: offset)
        }
        frames.removeLast()
        return frame
    }

    private mutating func markUnreachable() {
        let height = frames[frames.count - 1].height
        operands.removeSubrange(height...)
        frames[frames.count - 1].unreachable = true
    }

    private func types(of blockType: BlockType) throws(WasmError) -> (TypeList, TypeList) {
        switch blockType {
        case .empty: return (.empty, .empty)
        case .value(let t): return (.empty, .one(t))
        case .typeIndex(let i):
            guard Int(i) < module.types.count else { throw .invalid("unknown type \(i)", at: offset) }
            let type = module.types[Int(i)]
            return (.list(type.parameters), .list(type.results))
        }
    }

    private func label(_ depth: UInt32) throws(WasmError) -> TypeList {
        guard Int(depth) < frames.count else { throw .invalid("unknown label \(depth)", at: offset) }
        return frames[frames.count - 1 - Int(depth)].labelTypes
    }

    private func requireMemory(_ index: UInt32 = 0) throws(WasmError) {
        guard Int(index) < module.memoryCount else { throw .invalid("unknown memory \(index)", at: offset) }
    }

    private func table(_ index: UInt32) throws(WasmError) -> TableType {
        guard let t = module.tableType(index) else { throw .invalid("unknown table \(index)", at: offset) }
        return t
    }

    private func local(_ index: UInt32) throws(WasmError) -> ValueType {
        guard Int(index) < locals.count else { throw .invalid("unknown local \(index)", at: offset) }
        return locals[Int(index)]
    }

    private func global(_ index: UInt32) throws(WasmError) -> GlobalType {
        guard let g = module.globalType(index) else { throw .invalid("unknown global \(index)", at: offset) }
        return g
    }

    private func functionType(_ index: UInt32) throws(WasmError) -> FunctionType {
        guard let t = module.functionType(ofFunction: index) else { throw .invalid("unknown function \(index)", at: offset) }
        return t
    }

    private func elementType(_ index: UInt32) throws(WasmError) -> ValueType {
        guard Int(index) < module.elements.count else { throw .invalid("unknown elem segment \(index)", at: offset) }
        return module.elements[Int(index)].type
    }

    private func requireData(_ index: UInt32) throws(WasmError) {
        guard let count = module.dataCount, index < count else { throw .invalid("unknown data segment \(index)", at: offset) }
    }

    // MARK: - Operators

    private mutating func visit(_ instruction: Instruction, branchTargets: [UInt32]) throws(WasmError) {
        let info = instruction.info
        let op = info.opcode
        let imm = instruction.immediates
        features.insert(info.feature)

        if let signature = info.signature {
            if info.accessSize != 0 {
                try requireMemory()
                // The alignment hint is log2 bytes and may not exceed the access's natural alignment.
                guard 1 << imm.alignment <= UInt32(info.accessSize) else {
                    throw .invalid("alignment must not be larger than natural (2^\(imm.alignment) > \(info.accessSize))", at: offset)
                }
            } else if op == .memorySize || op == .memoryGrow {
                try requireMemory()
            }
            if signature.paramCount == 2 { try pop(signature.param1!) }
            if signature.paramCount >= 1 { try pop(signature.param0!) }
            if let result = signature.result { push(result) }
            return
        }

        switch op {
        // Control
        case .unreachable:
            markUnreachable()
        case .block, .loop:
            if case .typeIndex = imm.blockType { features.insert(.multiValue) }
            try pushFrame(op == .block ? .block : .loop, imm.blockType)
        case .if:
            if case .typeIndex = imm.blockType { features.insert(.multiValue) }
            try pop(.i32)
            try pushFrame(.if, imm.blockType)
        case .else:
            guard frames[frames.count - 1].kind == .if else {
                throw .malformed("else without a matching if", at: offset)
            }
            let frame = try popFrame()
            frames.append(ControlFrame(kind: .else, startTypes: frame.startTypes, endTypes: frame.endTypes, height: operands.count))
            push(frame.startTypes)
        case .end:
            let frame = try popFrame()
            // An `if` without `else` behaves as if the else branch passed its inputs through.
            if frame.kind == .if && !frame.startTypes.equals(frame.endTypes) {
                throw .invalid("type mismatch: if without else must leave \(frame.startTypes.description), not \(frame.endTypes.description)", at: offset)
            }
            if !frames.isEmpty { push(frame.endTypes) }
        case .br:
            try pop(try label(imm.index))
            markUnreachable()
        case .brIf:
            try pop(.i32)
            let types = try label(imm.index)
            try pop(types)
            push(types)
        case .brTable:
            try pop(.i32)
            let defaultTypes = try label(imm.index)
            for target in branchTargets {
                let types = try label(target)
                guard types.count == defaultTypes.count else {
                    throw .invalid("type mismatch: br_table targets of different arity (\(types.count) and \(defaultTypes.count))", at: offset)
                }
                // Check each target against the stack while keeping unknown operands unknown.
                scratch.removeAll(keepingCapacity: true)
                var i = types.count
                while i > 0 {
                    i -= 1
                    scratch.append(try pop(types[i]))
                }
                while let t = scratch.popLast() { push(t) }
            }
            try pop(defaultTypes)
            markUnreachable()
        case .return:
            try pop(frames[0].endTypes)
            markUnreachable()
        case .call:
            let type = try functionType(imm.index)
            try pop(.list(type.parameters))
            push(.list(type.results))
        case .callIndirect:
            let table = try table(imm.index2)
            guard table.elementType == .funcref else {
                throw .invalid("type mismatch: call_indirect through table \(imm.index2) of \(table.elementType)", at: offset)
            }
            guard Int(imm.index) < module.types.count else { throw .invalid("unknown type \(imm.index)", at: offset) }
            let type = module.types[Int(imm.index)]
            try pop(.i32)
            try pop(.list(type.parameters))
            push(.list(type.results))

        // Parametric
        case .drop:
            _ = try pop()
        case .select:
            try pop(.i32)
            let t1 = try pop()
            let t2 = try pop()
            if let t1, t1.isReference { throw .invalid("type mismatch: select without a type needs numeric operands", at: offset) }
            if let t2, t2.isReference { throw .invalid("type mismatch: select without a type needs numeric operands", at: offset) }
            if let t1, let t2, t1 != t2 { throw .invalid("type mismatch: select operands \(t2) and \(t1)", at: offset) }
            push(t1 ?? t2)
        case .selectTyped:
            guard imm.index == 1 else { throw .invalid("invalid result arity: typed select takes exactly one type", at: offset) }
            try pop(.i32)
            try pop(imm.valueType)
            try pop(imm.valueType)
            push(imm.valueType)

        // Variables
        case .localGet:
            push(try local(imm.index))
        case .localSet:
            try pop(try local(imm.index))
        case .localTee:
            let t = try local(imm.index)
            try pop(t)
            push(t)
        case .globalGet:
            push(try global(imm.index).valueType)
        case .globalSet:
            let g = try global(imm.index)
            guard g.isMutable else { throw .invalid("global is immutable: global.set \(imm.index)", at: offset) }
            try pop(g.valueType)

        // Tables
        case .tableGet:
            let t = try table(imm.index)
            try pop(.i32)
            push(t.elementType)
        case .tableSet:
            let t = try table(imm.index)
            try pop(t.elementType)
            try pop(.i32)
        case .tableSize:
            _ = try table(imm.index)
            push(.i32)
        case .tableGrow:
            let t = try table(imm.index)
            try pop(.i32)
            try pop(t.elementType)
            push(.i32)
        case .tableFill:
            let t = try table(imm.index)
            try pop(.i32)
            try pop(t.elementType)
            try pop(.i32)
        case .tableCopy:
            let destination = try table(imm.index)
            let source = try table(imm.index2)
            guard destination.elementType == source.elementType else {
                throw .invalid("type mismatch: table.copy from \(source.elementType) to \(destination.elementType)", at: offset)
            }
            try pop(.i32); try pop(.i32); try pop(.i32)
        case .tableInit:
            let t = try table(imm.index2)
            let e = try elementType(imm.index)
            guard t.elementType == e else {
                throw .invalid("type mismatch: table.init of \(e) segment into \(t.elementType) table", at: offset)
            }
            try pop(.i32); try pop(.i32); try pop(.i32)
        case .elemDrop:
            _ = try elementType(imm.index)

        // Bulk memory
        case .memoryInit:
            try requireMemory()
            try requireData(imm.index)
            try pop(.i32); try pop(.i32); try pop(.i32)
        case .dataDrop:
            try requireData(imm.index)
        case .memoryCopy, .memoryFill:
            try requireMemory()
            try pop(.i32); try pop(.i32); try pop(.i32)

        // References
        case .refNull:
            push(imm.valueType)
        case .refIsNull:
            _ = try popReference()
            push(.i32)
        case .refFunc:
            _ = try functionType(imm.index)
            guard context.declaredFunctionReferences.contains(imm.index) else {
                throw .invalid("undeclared function reference \(imm.index)", at: offset)
            }
            push(.funcref)

        default:
            // A table row without a signature and without a case here: a midimon bug, reported
            // as such instead of crashing on untrusted input. FrontEndTests covers every opcode.
            throw WasmError(.unsupported, "internal error: \(op.name) has neither a signature in the opcode table nor a validation rule", at: offset)
        }
    }
}
