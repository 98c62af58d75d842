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
/// The check is one load of the limit (through the store pointer, both invariant for the
/// duration of a call) and one compare per call, on the cold side of a weighted branch.
final class StackLimitHook: TranslationHook {
    func functionEntry(_ t: FunctionTranslator) {
        let store = t.load(t.ir.ptr, from: t.vmctx, at: VMOffsets.store, invariant: true, name: "store")
        let limit = t.load(t.ir.i64, from: store, at: VMStoreContext.stackLimit, name: "stack.limit")
        let (stacksave, type) = t.ir.intrinsic("llvm.stacksave", [t.ir.ptr])
        let sp = LLVMBuildCall2(t.builder, type, stacksave, nil, 0, "sp")!
        let spAddress = LLVMBuildPtrToInt(t.builder, sp, t.ir.i64, "")!
        t.trapIf(LLVMBuildICmp(t.builder, LLVMIntULT, spAddress, limit, "")!, .callStackExhausted)
    }
}
