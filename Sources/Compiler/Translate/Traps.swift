import CLLVM
import FrontEnd
import PluginABI

/// Trap paths: one cold block per trap code and function, reached by conditional branches
/// weighted as unlikely, with a phi of the trapping instruction's offset (the trap site) so
/// that a report can say where, and phis of whatever the hooks capture at the site (the fuel
/// spent so far). The block calls the `trap` builtin, which never returns.
extension FunctionTranslator {
    /// A trap block: its phis are filled from every branch that reaches it.
    struct TrapBlock {
        let block: LLVMBasicBlockRef
        let site: LLVMValueRef
        let hookValues: [LLVMValueRef]
    }

    /// Branches to the trap block of `code` when `condition` holds; continues in a new block.
    func trapIf(_ condition: LLVMValueRef, _ code: TrapCode) {
        let trap = trapBlock(code)
        let values = hooks.trapValues(self)
        let next = appendBlock("\(code).skip")
        let branch = LLVMBuildCondBr(builder, condition, trap.block, next)!
        LLVMSetMetadata(branch, ir.profKind, ir.unlikelyFirst)
        addIncoming(trap, values)
        LLVMPositionBuilderAtEnd(builder, next)
    }

    /// Ends the current block with a jump to the trap block of `code`.
    func branchToTrap(_ code: TrapCode) {
        let trap = trapBlock(code)
        let values = hooks.trapValues(self)
        LLVMBuildBr(builder, trap.block)
        addIncoming(trap, values)
    }

    /// Traps with a code computed at run time (a builtin's result) when it is not zero. The
    /// trap block is this site's own: such sites are rare (bulk operations).
    func trapIfNonZero(_ code: LLVMValueRef) {
        let failed = LLVMBuildICmp(builder, LLVMIntNE, code, ir.i32(Int32(0)), "")!
        let values = hooks.trapValues(self)
        let trap = appendBlock("builtin.trap")
        let next = appendBlock("builtin.ok")
        let branch = LLVMBuildCondBr(builder, failed, trap, next)!
        LLVMSetMetadata(branch, ir.profKind, ir.unlikelyFirst)
        LLVMPositionBuilderAtEnd(builder, trap)
        hooks.beforeTrap(self, values)
        emitTrapCall(code: code, site: ir.i32(UInt32(truncatingIfNeeded: offset)))
        LLVMPositionBuilderAtEnd(builder, next)
    }

    /// Calls the trap builtin in the current block, which it ends.
    func emitTrapCall(code: LLVMValueRef, site: LLVMValueRef) {
        let call = callBuiltin(.trap, [code, site])
        LLVMAddCallSiteAttribute(call, LLVMAttributeIndex(bitPattern: -1), ir.enumAttribute("noreturn"))
        LLVMAddCallSiteAttribute(call, LLVMAttributeIndex(bitPattern: -1), ir.enumAttribute("cold"))
        LLVMBuildUnreachable(builder)
    }

    private func addIncoming(_ trap: TrapBlock, _ values: [LLVMValueRef]) {
        var from: LLVMBasicBlockRef? = LLVMGetInsertBlock(builder)
        var site: LLVMValueRef? = ir.i32(UInt32(truncatingIfNeeded: offset))
        LLVMAddIncoming(trap.site, &site, &from, 1)
        for (phi, value) in zip(trap.hookValues, values) {
            var value: LLVMValueRef? = value
            LLVMAddIncoming(phi, &value, &from, 1)
        }
    }

    private func trapBlock(_ code: TrapCode) -> TrapBlock {
        if let existing = trapBlocks[code] { return existing }
        let saved = LLVMGetInsertBlock(builder)!
        let block = appendBlock("\(code)")
        LLVMPositionBuilderAtEnd(builder, block)
        let site = LLVMBuildPhi(builder, ir.i32, "site")!
        let hookValues = hooks.trapValueTypes(ir).map { LLVMBuildPhi(builder, $0, "")! }
        hooks.beforeTrap(self, hookValues)
        emitTrapCall(code: ir.i32(code.rawValue), site: site)
        LLVMPositionBuilderAtEnd(builder, saved)
        let trap = TrapBlock(block: block, site: site, hookValues: hookValues)
        trapBlocks[code] = trap
        return trap
    }

    /// Moves the trap blocks after the body, out of the way of the hot code's layout, in
    /// trap-code order so that the output does not depend on dictionary order.
    func finishTrapBlocks() {
        for code in trapBlocks.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let block = trapBlocks[code]!.block
            if let last = LLVMGetLastBasicBlock(function), last != block {
                LLVMMoveBasicBlockAfter(block, last)
            }
        }
    }
}
