import CLLVM
import FrontEnd
import PluginABI

/// Trap paths: one cold block per trap code and function, reached by conditional branches
/// weighted as unlikely, with a phi of the trapping instruction's offset (the trap site) so
/// that a report can say where. The block calls the `trap` builtin, which never returns.
extension FunctionTranslator {
    /// Branches to the trap block of `code` when `condition` holds; continues in a new block.
    func trapIf(_ condition: LLVMValueRef, _ code: TrapCode) {
        let (block, site) = trapBlock(code)
        let next = appendBlock("\(code).skip")
        let branch = LLVMBuildCondBr(builder, condition, block, next)!
        LLVMSetMetadata(branch, ir.profKind, ir.unlikelyFirst)
        addSite(site)
        LLVMPositionBuilderAtEnd(builder, next)
    }

    /// Ends the current block with a jump to the trap block of `code`.
    func branchToTrap(_ code: TrapCode) {
        let (block, site) = trapBlock(code)
        LLVMBuildBr(builder, block)
        addSite(site)
    }

    /// Calls the trap builtin in the current block, which it ends.
    func emitTrapCall(code: LLVMValueRef, site: LLVMValueRef) {
        let call = callBuiltin(.trap, [code, site])
        LLVMAddCallSiteAttribute(call, LLVMAttributeIndex(bitPattern: -1), ir.enumAttribute("noreturn"))
        LLVMAddCallSiteAttribute(call, LLVMAttributeIndex(bitPattern: -1), ir.enumAttribute("cold"))
        LLVMBuildUnreachable(builder)
    }

    private func addSite(_ phi: LLVMValueRef) {
        var site: LLVMValueRef? = ir.i32(UInt32(truncatingIfNeeded: offset))
        var from: LLVMBasicBlockRef? = LLVMGetInsertBlock(builder)
        LLVMAddIncoming(phi, &site, &from, 1)
    }

    private func trapBlock(_ code: TrapCode) -> (LLVMBasicBlockRef, LLVMValueRef) {
        if let existing = trapBlocks[code] { return existing }
        let saved = LLVMGetInsertBlock(builder)!
        let block = appendBlock("\(code)")
        LLVMPositionBuilderAtEnd(builder, block)
        let site = LLVMBuildPhi(builder, ir.i32, "site")!
        emitTrapCall(code: ir.i32(code.rawValue), site: site)
        LLVMPositionBuilderAtEnd(builder, saved)
        trapBlocks[code] = (block, site)
        return (block, site)
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
