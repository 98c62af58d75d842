import CLLVM
import FrontEnd
import PluginABI

/// Structured control flow: blocks, loops, ifs, branches and returns (spec §4.4.8).
///
/// Every frame has an `end` block with one phi per result. A branch adds the values on top of
/// the stack as incoming values of the target's phis and jumps; for a loop the target is its
/// header, whose phis hold the loop's parameters.
extension FunctionTranslator {
    func blockSignature(_ blockType: BlockType) -> (parameters: [ValueType], results: [ValueType]) {
        switch blockType {
        case .empty: return ([], [])
        case .value(let t): return ([], [t])
        case .typeIndex(let i):
            let type = unit.module.types[Int(i)]
            return (type.parameters, type.results)
        }
    }

    func emitUnreachable() {
        branchToTrap(.unreachable)
        reachable = false
    }

    func emitBlock(_ blockType: BlockType) {
        let (parameters, results) = blockSignature(blockType)
        let end = appendBlock("block.end")
        let phis = makePhis(in: end, for: results)
        frames.append(ControlFrame(kind: .block, parameters: parameters, results: results,
                                   height: stack.count - parameters.count,
                                   branchTarget: end, branchPhis: phis, end: end, endPhis: phis))
    }

    /// A loop: its header block takes the parameters through phis. `end` is the block after
    /// the loop (given when two copies of a versioned loop share it); without `checks`, the
    /// header skips the hooks' per-iteration checks (the fast copy of a versioned loop, whose
    /// guard proved them unnecessary).
    func emitLoop(_ blockType: BlockType, end sharedEnd: LLVMBasicBlockRef? = nil, checks: Bool = true) {
        let (parameters, results) = blockSignature(blockType)
        let header = appendBlock("loop")
        let headerPhis = makePhis(in: header, for: parameters)
        addIncoming(headerPhis, from: stack.suffix(parameters.count))
        LLVMBuildBr(builder, header)
        LLVMPositionBuilderAtEnd(builder, header)
        stack.removeLast(parameters.count)
        stack.append(contentsOf: headerPhis)
        let end = sharedEnd ?? appendBlock("loop.end")
        let endPhis = sharedEnd == nil ? makePhis(in: end, for: results) : []
        frames.append(ControlFrame(kind: .loop, parameters: parameters, results: results,
                                   height: stack.count - parameters.count,
                                   branchTarget: header, branchPhis: headerPhis, end: end, endPhis: endPhis))
        if checks { hooks.loopHeader(self) }
    }

    func emitIf(_ blockType: BlockType) {
        let value = pop()
        let condition = fastLoopExitCondition() ?? isNonZero(value)
        let (parameters, results) = blockSignature(blockType)
        let then = appendBlock("if.then")
        let otherwise = appendBlock("if.else")
        let end = appendBlock("if.end")
        let phis = makePhis(in: end, for: results)
        LLVMBuildCondBr(builder, condition, then, otherwise)
        LLVMPositionBuilderAtEnd(builder, then)
        frames.append(ControlFrame(kind: .if(elseBlock: otherwise, parameters: Array(stack.suffix(parameters.count))),
                                   parameters: parameters, results: results,
                                   height: stack.count - parameters.count,
                                   branchTarget: end, branchPhis: phis, end: end, endPhis: phis))
    }

    /// Also called in unreachable code: the else arm is reachable whenever its `if` was.
    func emitElse() {
        var frame = frames.removeLast()
        guard case .if(let elseBlock, let parameters) = frame.kind else {
            preconditionFailure("validated: else closes an if")
        }
        if reachable {
            addIncoming(frame.endPhis, from: stack.suffix(frame.results.count))
            LLVMBuildBr(builder, frame.end)
        }
        stack.removeLast(stack.count - frame.height)
        stack.append(contentsOf: parameters)
        LLVMPositionBuilderAtEnd(builder, elseBlock)
        reachable = true
        frame.kind = .else
        frames.append(frame)
    }

    /// Also called in unreachable code, for the `end` of the frame that became unreachable.
    func emitEnd() {
        let frame = frames.removeLast()
        if reachable {
            addIncoming(frame.endPhis, from: stack.suffix(frame.results.count))
            LLVMBuildBr(builder, frame.end)
        }
        if case .if(let elseBlock, let parameters) = frame.kind {
            // No else arm: it passes the parameters through as results (validated equal types).
            LLVMPositionBuilderAtEnd(builder, elseBlock)
            addIncoming(frame.endPhis, from: parameters[...])
            LLVMBuildBr(builder, frame.end)
        }
        stack.removeLast(stack.count - frame.height)
        LLVMPositionBuilderAtEnd(builder, frame.end)
        let reached = LLVMGetFirstUse(LLVMBasicBlockAsValue(frame.end)) != nil
        if case .function = frame.kind {
            if reached { emitReturnInstruction(frame.endPhis) } else { LLVMBuildUnreachable(builder) }
            return
        }
        if reached {
            stack.append(contentsOf: frame.endPhis)
            reachable = true
        } else {
            // Nothing branches here and nothing falls through: the rest of the enclosing
            // frame is dead code. (The two copies of a versioned loop share this block, so
            // the second copy may find it already closed.)
            if LLVMGetBasicBlockTerminator(frame.end) == nil { LLVMBuildUnreachable(builder) }
            reachable = false
        }
    }

    func emitBr(depth: UInt32) {
        countFastIteration(depth)
        let frame = frames[frames.count - 1 - Int(depth)]
        addIncoming(frame.branchPhis, from: stack.suffix(frame.branchPhis.count))
        LLVMBuildBr(builder, frame.branchTarget)
        reachable = false
    }

    func emitBrIf(depth: UInt32) {
        let value = pop()
        let condition = fastLoopExitCondition() ?? isNonZero(value)
        countFastIteration(depth)
        let frame = frames[frames.count - 1 - Int(depth)]
        addIncoming(frame.branchPhis, from: stack.suffix(frame.branchPhis.count))
        let next = appendBlock("br_if.next")
        LLVMBuildCondBr(builder, condition, frame.branchTarget, next)
        LLVMPositionBuilderAtEnd(builder, next)
    }

    /// A switch. Targets that take values get one edge block each, so that every phi sees the
    /// switch's block at most once as a predecessor however many cases share a target.
    func emitBrTable(targets: [UInt32], defaultDepth: UInt32) {
        let index = pop()
        let current = LLVMGetInsertBlock(builder)!
        var destinations: [UInt32: LLVMBasicBlockRef] = [:]
        func destination(_ depth: UInt32) -> LLVMBasicBlockRef {
            if let known = destinations[depth] { return known }
            let frame = frames[frames.count - 1 - Int(depth)]
            var block = frame.branchTarget
            if !frame.branchPhis.isEmpty {
                block = appendBlock("br_table.edge")
                LLVMPositionBuilderAtEnd(builder, block)
                addIncoming(frame.branchPhis, from: stack.suffix(frame.branchPhis.count))
                LLVMBuildBr(builder, frame.branchTarget)
                LLVMPositionBuilderAtEnd(builder, current)
            }
            destinations[depth] = block
            return block
        }
        let defaultBlock = destination(defaultDepth)
        let caseBlocks = targets.map(destination)
        let switchInstruction = LLVMBuildSwitch(builder, index, defaultBlock, UInt32(targets.count))
        for (value, block) in caseBlocks.enumerated() {
            LLVMAddCase(switchInstruction, ir.i32(UInt32(value)), block)
        }
        reachable = false
    }

    func emitReturn() {
        emitBr(depth: UInt32(frames.count - 1))
    }

    /// `ret` of the function's results and then the hooks' carried values, in the exit block
    /// every return branches to.
    private func emitReturnInstruction(_ results: [LLVMValueRef]) {
        hooks.beforeReturn(self)
        if let guardLoads, unit.droppedResults.contains(functionIndex) {
            for value in results { guardLoads.discarded(value) }
        }
        ir.buildReturn(builder, results + hooks.carriedValues(self))
    }

    func isNonZero(_ value: LLVMValueRef) -> LLVMValueRef {
        LLVMBuildICmp(builder, LLVMIntNE, value, LLVMConstNull(LLVMTypeOf(value)), "")!
    }
}
