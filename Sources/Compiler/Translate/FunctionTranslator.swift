import CLLVM
import FrontEnd
import PluginABI

/// Translates one WebAssembly function body into one LLVM function, in a single pass over
/// its operators.
///
/// The module has been validated, so the operand stack always holds what each operator
/// expects; the translator keeps LLVM values on it instead of types. Control frames hold the
/// LLVM blocks that branches go to, with phi nodes carrying a block's results (or a loop's
/// parameters). Locals are `alloca`s that `mem2reg` turns into SSA values.
///
/// Code after an unconditional branch is decoded but not emitted (``deadDepth`` counts the
/// blocks opened inside it), as WAVM's `UnreachableOpVisitor` does.
///
/// Policy stays out of this file: the stack-limit check, fuel and bounds checks come in
/// through ``TranslationHooks`` and ``BoundsChecks``; the emitters for each family of
/// operators live in `Emit*.swift`, one extension each.
final class FunctionTranslator {
    let ir: IRContext
    let unit: ModuleUnit
    let builder: LLVMBuilderRef
    let function: LLVMValueRef
    let functionIndex: UInt32
    let type: FunctionType
    /// The VM context, first parameter of every function.
    let vmctx: LLVMValueRef

    /// One `alloca` per parameter and local.
    var locals: [LLVMValueRef] = []
    var localTypes: [ValueType] = []
    /// The operand stack.
    var stack: [LLVMValueRef] = []
    var frames: [ControlFrame] = []
    /// False after an unconditional branch until the end of the enclosing block.
    var reachable = true
    /// Blocks opened in unreachable code, whose `end`s must be skipped.
    var deadDepth = 0
    /// Byte offset of the operator being translated: the trap site and debug location.
    var offset = 0

    /// The entry block, where `alloca`s go, and the block the body starts in after them.
    let entryBlock: LLVMBasicBlockRef
    /// Shared cold trap block per trap code, with a phi of the trapping sites.
    var trapBlocks: [TrapCode: TrapBlock] = [:]
    /// Memory 0's `VMMemory`, base and a slot holding its current size in bytes (see
    /// `EmitMemory.swift`); nil when the module has no memory.
    var memory: MemoryState?
    var hooks: TranslationHooks
    /// Loads that guard pages check, in guard mode only (GuardLoads.swift).
    var guardLoads: GuardLoads?
    /// Where the operators come from; a versioned loop reads its body twice (LoopVersioning).
    var decoder = InstructionDecoder(reader: ByteReader(bytes: []), hasDataCount: false)
    /// The check-free copy of a versioned loop being translated (LoopVersioning.swift).
    var fastLoop: FastLoop?

    struct MemoryState {
        /// `VMMemory*`, loaded once at entry: the pointer never changes for an instance.
        let descriptor: LLVMValueRef
        /// The base never moves (a memory reserves its maximum), so this load is invariant.
        let base: LLVMValueRef
        /// An `alloca` holding the size in bytes, reloaded after calls and `memory.grow`.
        let sizeSlot: LLVMValueRef
    }

    init(unit: ModuleUnit, function: LLVMValueRef, functionIndex: UInt32, type: FunctionType, hooks: TranslationHooks) {
        self.ir = unit.ir
        self.unit = unit
        self.function = function
        self.functionIndex = functionIndex
        self.type = type
        self.hooks = hooks
        builder = LLVMCreateBuilderInContext(unit.ir.context)
        vmctx = LLVMGetParam(function, 0)
        LLVMSetValueName2(vmctx, "vmctx", 5)
        entryBlock = LLVMAppendBasicBlockInContext(unit.ir.context, function, "entry")!
    }

    deinit { LLVMDisposeBuilder(builder) }

    // MARK: - Driver

    func translate(body: FunctionBody) throws(WasmError) {
        LLVMPositionBuilderAtEnd(builder, entryBlock)
        offset = body.offset
        declareLocals(body)
        if unit.module.memoryCount > 0 { loadMemoryState() }
        if unit.options.bounds == .guardPages { guardLoads = GuardLoads(localCount: localTypes.count) }

        let exit = LLVMAppendBasicBlockInContext(ir.context, function, "return")!
        let exitPhis = makePhis(in: exit, for: type.results)
        frames.append(ControlFrame(kind: .function, parameters: [], results: type.results, height: 0,
                                   branchTarget: exit, branchPhis: exitPhis, end: exit, endPhis: exitPhis))
        let carried = unit.carried.indices.map { LLVMGetParam(function, UInt32(1 + $0))! }
        hooks.functionEntry(self, carried: carried)

        decoder = InstructionDecoder(
            reader: ByteReader(bytes: unit.module.bytes, position: body.expression.lowerBound, end: body.expression.upperBound),
            hasDataCount: unit.module.dataCount != nil)
        try drive(untilFrameCount: 0)
        guardLoads?.finish()
        finishTrapBlocks()
    }

    /// Translates operators until the control stack is down to `count` frames: 0 for the
    /// whole body, or the depth outside a loop whose copy is being translated.
    func drive(untilFrameCount count: Int) throws(WasmError) {
        while frames.count > count {
            let instruction = try decoder.decode()
            offset = instruction.offset
            if reachable {
                try emit(instruction, branchTargets: decoder.branchTargets)
            } else {
                skipUnreachable(instruction, branchTargets: decoder.branchTargets)
            }
        }
    }

    /// Code after `br`, `br_table`, `return` or `unreachable`: only structure matters.
    private func skipUnreachable(_ instruction: Instruction, branchTargets: [UInt32]) {
        switch instruction.opcode {
        case .block, .loop, .if:
            deadDepth += 1
        case .else where deadDepth == 0:
            emitElse()
        case .end where deadDepth == 0:
            emitEnd()
        case .end:
            deadDepth -= 1
        default:
            break
        }
    }

    private func emit(_ instruction: Instruction, branchTargets: [UInt32]) throws(WasmError) {
        let imm = instruction.immediates
        hooks.beforeOperator(self, instruction.opcode)
        switch instruction.opcode {
        // Control (EmitControl.swift)
        case .unreachable: emitUnreachable()
        case .nop: break
        case .block: emitBlock(imm.blockType)
        case .loop: try emitLoopOrVersions(imm.blockType)
        case .if: emitIf(imm.blockType)
        case .else: emitElse()
        case .end: emitEnd()
        case .br: emitBr(depth: imm.index)
        case .brIf: emitBrIf(depth: imm.index)
        case .brTable: emitBrTable(targets: branchTargets, defaultDepth: imm.index)
        case .return: emitReturn()

        // Calls (EmitCall.swift)
        case .call: emitCall(function: imm.index)
        case .callIndirect: emitCallIndirect(typeIndex: imm.index, table: imm.index2)

        // Parametric and variables (EmitVariables.swift)
        case .drop:
            let value = pop()
            guardLoads?.discarded(value)
        case .select, .selectTyped: emitSelect()
        case .localGet:
            guardLoads?.localRead(Int(imm.index))
            push(LLVMBuildLoad2(builder, ir.type(localTypes[Int(imm.index)]), locals[Int(imm.index)], "")!)
        case .localSet:
            guardLoads?.localWritten(Int(imm.index), top)
            LLVMBuildStore(builder, pop(), locals[Int(imm.index)])
        case .localTee:
            guardLoads?.localWritten(Int(imm.index), top)
            LLVMBuildStore(builder, top, locals[Int(imm.index)])
        case .globalGet: emitGlobalGet(imm.index)
        case .globalSet: emitGlobalSet(imm.index)

        // Tables and references (EmitTable.swift)
        case .tableGet: emitTableGet(imm.index)
        case .tableSet: emitTableSet(imm.index)
        case .tableSize: emitTableSize(imm.index)
        case .tableGrow: emitTableGrow(imm.index)
        case .tableFill: emitTableFill(imm.index)
        case .tableCopy: emitTableCopy(destination: imm.index, source: imm.index2)
        case .tableInit: emitTableInit(segment: imm.index, table: imm.index2)
        case .elemDrop: emitElemDrop(imm.index)
        case .refNull: push(ir.nullPointer)
        case .refIsNull: push(zext32(LLVMBuildIsNull(builder, pop(), "")!))
        case .refFunc: push(funcRefAddress(imm.index))

        // Memory (EmitMemory.swift)
        case .i32Load, .i64Load, .f32Load, .f64Load,
             .i32Load8S, .i32Load8U, .i32Load16S, .i32Load16U,
             .i64Load8S, .i64Load8U, .i64Load16S, .i64Load16U, .i64Load32S, .i64Load32U:
            emitLoad(instruction.opcode, offset: imm.memoryOffset)
        case .i32Store, .i64Store, .f32Store, .f64Store,
             .i32Store8, .i32Store16, .i64Store8, .i64Store16, .i64Store32:
            emitStore(instruction.opcode, offset: imm.memoryOffset)
        case .memorySize: emitMemorySize()
        case .memoryGrow: emitMemoryGrow()
        case .memoryFill: emitMemoryFill()
        case .memoryCopy: emitMemoryCopy()
        case .memoryInit: emitMemoryInit(segment: imm.index)
        case .dataDrop: emitDataDrop(imm.index)

        // Constants
        case .i32Const: push(ir.constant(ir.i32, bits: imm.bits & 0xFFFF_FFFF))
        case .i64Const: push(ir.i64(imm.bits))
        case .f32Const: push(ir.f32(bits: UInt32(truncatingIfNeeded: imm.bits)))
        case .f64Const: push(ir.f64(bits: imm.bits))

        default:
            // Every remaining operator is numeric (EmitNumeric.swift, EmitConversion.swift).
            if !emitNumeric(instruction.opcode) && !emitConversion(instruction.opcode) {
                throw WasmError(.unsupported, "internal error: no translation for \(instruction.opcode.name)", at: offset)
            }
        }
    }

    // MARK: - Stack

    func push(_ value: LLVMValueRef) { stack.append(value) }
    func pop() -> LLVMValueRef { stack.removeLast() }
    var top: LLVMValueRef { stack[stack.count - 1] }

    /// Pops `count` values, returned bottom first.
    func pop(_ count: Int) -> [LLVMValueRef] {
        let values = Array(stack.suffix(count))
        stack.removeLast(count)
        return values
    }

    // MARK: - Locals

    private func declareLocals(_ body: FunctionBody) {
        localTypes = type.parameters
        for group in body.locals {
            localTypes.append(contentsOf: repeatElement(group.type, count: Int(group.count)))
        }
        locals.reserveCapacity(localTypes.count)
        for (index, valueType) in localTypes.enumerated() {
            let slot = LLVMBuildAlloca(builder, ir.type(valueType), "")!
            locals.append(slot)
            // Parameters arrive after vmctx and the carried values; declared locals start at
            // zero (spec §4.4.10).
            let initial = index < type.parameters.count
                ? LLVMGetParam(function, UInt32(1 + unit.carried.count + index))! : ir.zero(valueType)
            LLVMBuildStore(builder, initial, slot)
        }
    }

    // MARK: - Blocks and phis

    func appendBlock(_ name: String) -> LLVMBasicBlockRef {
        LLVMAppendBasicBlockInContext(ir.context, function, name)!
    }

    func makePhis(in block: LLVMBasicBlockRef, for types: [ValueType]) -> [LLVMValueRef] {
        guard !types.isEmpty else { return [] }
        let saved = LLVMGetInsertBlock(builder)
        LLVMPositionBuilderAtEnd(builder, block)
        let phis = types.map { LLVMBuildPhi(builder, ir.type($0), "")! }
        if let saved { LLVMPositionBuilderAtEnd(builder, saved) }
        return phis
    }

    /// Adds the top `phis.count` operands as incoming values from the current block.
    func addIncoming(_ phis: [LLVMValueRef], from values: ArraySlice<LLVMValueRef>) {
        guard !phis.isEmpty else { return }
        var block: LLVMBasicBlockRef? = LLVMGetInsertBlock(builder)
        for (phi, value) in zip(phis, values) {
            var value: LLVMValueRef? = value
            LLVMAddIncoming(phi, &value, &block, 1)
        }
    }

    // MARK: - Helpers shared by the emitters

    /// `i1` → `i32` 0 or 1, the result of every WebAssembly comparison.
    func zext32(_ flag: LLVMValueRef) -> LLVMValueRef { LLVMBuildZExt(builder, flag, ir.i32, "")! }

    /// Loads a field at a constant byte offset from a pointer.
    func load(_ type: LLVMTypeRef, from base: LLVMValueRef, at byteOffset: Int, invariant: Bool = false, name: String = "") -> LLVMValueRef {
        let value = LLVMBuildLoad2(builder, type, address(base, byteOffset), name)!
        if invariant { markInvariant(value) }
        return value
    }

    /// A monotonic atomic load of an i64 field that another thread writes during a call (the
    /// store's interrupt flag and stack limit): never hoisted out of a loop by LLVM, and an
    /// ordinary `mov` on x86.
    func loadMonotonic(from base: LLVMValueRef, at byteOffset: Int, name: String) -> LLVMValueRef {
        let value = LLVMBuildLoad2(builder, ir.i64, address(base, byteOffset), name)!
        LLVMSetOrdering(value, LLVMAtomicOrderingMonotonic)
        LLVMSetAlignment(value, 8)
        return value
    }

    func address(_ base: LLVMValueRef, _ byteOffset: Int) -> LLVMValueRef {
        guard byteOffset != 0 else { return base }
        var index: LLVMValueRef? = ir.i64(byteOffset)
        return LLVMBuildGEP2(builder, ir.i8, base, &index, 1, "")!
    }

    /// `!invariant.load`: the loaded location never changes while the code runs, so LLVM may
    /// hoist the load and reuse it across calls.
    func markInvariant(_ load: LLVMValueRef) {
        let kind = LLVMGetMDKindIDInContext(ir.context, "invariant.load", 14)
        LLVMSetMetadata(load, kind, LLVMMDNodeInContext2(ir.context, nil, 0).map { LLVMMetadataAsValue(ir.context, $0) })
    }

    /// Calls a runtime builtin through the VM context's table (no undefined symbols).
    @discardableResult
    func callBuiltin(_ builtin: Builtin, _ arguments: [LLVMValueRef]) -> LLVMValueRef {
        let table = load(ir.ptr, from: vmctx, at: VMOffsets.builtins, invariant: true)
        let callee = load(ir.ptr, from: table, at: builtin.rawValue * VMOffsets.pointerSize, invariant: true)
        var arguments: [LLVMValueRef?] = (builtin.takesContext ? [vmctx] : []) + arguments
        return LLVMBuildCall2(builder, ir.builtinType(builtin), callee, &arguments, UInt32(arguments.count), "")!
    }

    /// Calls a builtin that returns a trap code and traps with it when it is not zero.
    func callCheckedBuiltin(_ builtin: Builtin, _ arguments: [LLVMValueRef]) {
        precondition(builtin.returnsTrapCode)
        trapIfNonZero(callBuiltin(builtin, arguments))
    }
}

/// A control frame: where branches to it go and what they carry.
struct ControlFrame {
    enum Kind {
        case function
        case block
        case loop
        /// The else block and the parameter values both arms start from.
        case `if`(elseBlock: LLVMBasicBlockRef, parameters: [LLVMValueRef])
        case `else`
    }

    var kind: Kind
    var parameters: [ValueType]
    var results: [ValueType]
    /// Operand stack height below the frame's parameters.
    var height: Int
    /// Where a branch to this frame goes: the end for blocks, the header for loops.
    var branchTarget: LLVMBasicBlockRef
    /// What a branch carries there: result phis, or the loop's parameter phis.
    var branchPhis: [LLVMValueRef]
    /// The block after the frame, with phis for its results.
    var end: LLVMBasicBlockRef
    var endPhis: [LLVMValueRef]
    /// Whether the code before the frame reached it (an `if` whose then-arm ends unreachable
    /// still has a reachable else arm).
    var startReachable = true
}
