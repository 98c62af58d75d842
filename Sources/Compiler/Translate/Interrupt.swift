import CLLVM
import FrontEnd
import PluginABI

/// The deadline: a watchdog thread sets `VMStoreContext.interrupt` when a call's wall-clock
/// budget has passed, and compiled code stops with `deadline exceeded` at the next function
/// entry or loop header, with or without fuel.
///
/// Invariants: every unbounded execution passes a function entry or a loop header again and
/// again, so it meets the check. Loop headers test the flag here. Function entries do not:
/// an interrupt also poisons `VMStoreContext.stackLimit` (`midimon_store_context_interrupt`),
/// so the stack check every entry makes anyway fails, and its trap path reports `deadline
/// exceeded` (StackLimit.swift) — one load and compare per call instead of two. The flag is
/// read with a monotonic atomic load: another thread writes it, and a plain load in a loop
/// without calls could be hoisted out of the loop by LLVM and never seen to change. On x86
/// that load is an ordinary `mov`.
///
/// With fuel, loop headers leave the flag to the fuel check, which compares the fuel with it
/// (Fuel.swift): one load and compare per iteration covers both.
final class InterruptHook: TranslationHook {
    private var store: LLVMValueRef?
    /// Whether the fuel hook's loop-header check covers the deadline.
    private let fuelChecksLoops: Bool

    init(fuelChecksLoops: Bool) { self.fuelChecksLoops = fuelChecksLoops }

    func functionEntry(_ t: FunctionTranslator, carried: ArraySlice<LLVMValueRef>) {
        store = t.load(t.ir.ptr, from: t.vmctx, at: VMOffsets.store, invariant: true, name: "store")
    }

    /// A loop whose every iteration calls a function of this module meets that function's
    /// entry check (the poisoned stack limit) once per iteration: its header needs none.
    func loopHeader(_ t: FunctionTranslator) {
        if !fuelChecksLoops && !t.everyIterationEntersAFunction {
            check(t)
        }
    }

    private func check(_ t: FunctionTranslator) {
        let flag = t.loadMonotonic(from: store!, at: VMStoreContext.interrupt, name: "interrupt")
        t.trapIf(LLVMBuildICmp(t.builder, LLVMIntNE, flag, t.ir.i64(0), "")!, .deadlineExceeded)
    }
}
