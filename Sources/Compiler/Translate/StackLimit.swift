import CLLVM
import FrontEnd
import PluginABI

/// Deep or endless recursion becomes the trap `call stack exhausted`, never a segfault.
///
/// Invariant: the runtime sets `VMStoreContext.stackLimit` before entering WebAssembly code to
/// a native stack address that leaves a safety margin above the thread's real stack end (see
/// the runtime's call trampoline). Every function compares the stack pointer with it on entry,
/// after its own frame is allocated; a function's frame and the trap path itself fit in the
/// margin, so no access ever reaches the guard page below the stack.
///
/// The check is one load of the limit and one compare per call, on the cold side of a
/// weighted branch. It is also the deadline check of function entries (Interrupt.swift): an
/// interrupt sets the limit to `VMStoreContext.interruptedStackLimit`, above every stack
/// pointer, so the check fails; its cold path tells the two apart by the limit. The load is
/// a monotonic atomic one, since the interrupting thread writes the limit during the call
/// (an ordinary `mov` on x86).
final class StackLimitHook: TranslationHook {
    func functionEntry(_ t: FunctionTranslator, carried: ArraySlice<LLVMValueRef>) {
        let store = t.load(t.ir.ptr, from: t.vmctx, at: VMOffsets.store, invariant: true, name: "store")
        let limit = t.loadMonotonic(from: store, at: VMStoreContext.stackLimit, name: "stack.limit")
        let (stacksave, type) = t.ir.intrinsic("llvm.stacksave", [t.ir.ptr])
        let sp = LLVMBuildCall2(t.builder, type, stacksave, nil, 0, "sp")!
        let spAddress = LLVMBuildPtrToInt(t.builder, sp, t.ir.i64, "")!
        let failed = t.appendBlock("stack.check.failed")
        let next = t.appendBlock("stack.check.ok")
        let branch = LLVMBuildCondBr(t.builder, LLVMBuildICmp(t.builder, LLVMIntULT, spAddress, limit, "")!, failed, next)!
        LLVMSetMetadata(branch, t.ir.profKind, t.ir.unlikelyFirst)
        LLVMPositionBuilderAtEnd(t.builder, failed)
        let interrupted = LLVMBuildICmp(t.builder, LLVMIntEQ, limit, t.ir.i64(VMStoreContext.interruptedStackLimit), "")!
        t.trapIf(interrupted, .deadlineExceeded)
        t.branchToTrap(.callStackExhausted)
        LLVMPositionBuilderAtEnd(t.builder, next)
    }
}
