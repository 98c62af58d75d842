import CLLVM
import FrontEnd
import PluginABI

/// Fuel: a deterministic budget of WebAssembly operators (issue 4), with wasmtime's cost model
/// so that budgets carry over from wasmtime-based hosts.
///
/// Cost model (wasmtime 50, checked against its Python package in the tests): one unit on
/// function entry, one per operator, except `nop`, `drop`, `block`, `loop`, `unreachable`,
/// `return`, `else` and `end`, which cost nothing.
///
/// Invariants:
/// - The remaining fuel lives in `VMStoreContext.fuel` between calls and in a local (an SSA
///   value after `mem2reg`) inside a function: loaded at entry and after every call, stored
///   before every call, at every return and on every trap path.
/// - Costs accumulate at translation time and are subtracted in one instruction where a
///   straight-line region ends: before any branch, `if`, `else`, `end`, `loop`, call, return
///   or `unreachable`. So on every path the local holds the fuel left after every operator
///   executed so far, except those of the current region, which ``pending`` holds.
/// - A trap path records the exact count: it captures the local and ``pending`` (including the
///   trapping operator itself) and stores their difference before trapping.
/// - The budget is checked at function entry and at loop headers, after charging: fuel below
///   zero traps `out of fuel`. A call tree without loops still meets a check at every entry
///   (wasmtime's "zip bomb" argument), a loop at every iteration. Between checks, a region may
///   run the count below zero; the next check stops it.
/// - The count after a normal return is therefore exact: the budget minus the cost of every
///   operator executed, whatever LLVM does to the code, at every optimisation level and with
///   either bounds-check strategy.
final class FuelHook: TranslationHook {
    /// The local holding the remaining fuel.
    private var slot: LLVMValueRef?
    /// The store context, loaded once.
    private var store: LLVMValueRef?
    /// Units of the current region not yet subtracted from the local.
    private var pending: Int64 = 0

    static func cost(_ opcode: Opcode) -> Int64 {
        switch opcode {
        case .nop, .drop, .block, .loop, .unreachable, .return, .else, .end: 0
        default: 1
        }
    }

    /// Whether `opcode` ends a straight-line region (see the invariants).
    static func endsRegion(_ opcode: Opcode) -> Bool {
        switch opcode {
        case .br, .brIf, .brTable, .if, .else, .end, .loop, .call, .callIndirect, .return, .unreachable: true
        default: false
        }
    }

    func functionEntry(_ t: FunctionTranslator) {
        store = t.load(t.ir.ptr, from: t.vmctx, at: VMOffsets.store, invariant: true, name: "store")
        slot = LLVMBuildAlloca(t.builder, t.ir.i64, "fuel.slot")
        reload(t)
        pending = 1  // the entry unit
        flush(t)
        check(t)
    }

    func beforeOperator(_ t: FunctionTranslator, _ opcode: Opcode) {
        pending += Self.cost(opcode)
        if Self.endsRegion(opcode) { flush(t) }
    }

    func loopHeader(_ t: FunctionTranslator) { check(t) }

    /// A versioned loop may skip the per-iteration check when the fuel left covers every
    /// iteration at its highest cost: fuel ≥ iterations × cost, so no check inside could find
    /// it below zero. The charges themselves stay in the fast copy, so the count is the same.
    /// Both factors are below 2^33 and 2^31 (a module is far smaller), so the product fits.
    func loopVersionGuard(_ t: FunctionTranslator, iterations: LLVMValueRef, costPerIteration: Int64) -> LLVMValueRef? {
        let fuel = LLVMBuildLoad2(t.builder, t.ir.i64, slot!, "")
        let needed = LLVMBuildMul(t.builder, iterations, t.ir.i64(costPerIteration), "fuel.needed")
        return LLVMBuildICmp(t.builder, LLVMIntSGE, fuel, needed, "")
    }

    func beforeCall(_ t: FunctionTranslator) { save(t) }

    func afterCall(_ t: FunctionTranslator) { reload(t) }

    func beforeReturn(_ t: FunctionTranslator) { save(t) }

    func trapValueTypes(_ ir: IRContext) -> [LLVMTypeRef] { [ir.i64, ir.i64] }

    func trapValues(_ t: FunctionTranslator) -> [LLVMValueRef] {
        [LLVMBuildLoad2(t.builder, t.ir.i64, slot!, "fuel")!, t.ir.i64(pending)]
    }

    func beforeTrap(_ t: FunctionTranslator, _ values: ArraySlice<LLVMValueRef>) {
        let remaining = LLVMBuildSub(t.builder, values[values.startIndex], values[values.startIndex + 1], "")!
        LLVMBuildStore(t.builder, remaining, t.address(store!, VMStoreContext.fuel))
    }

    // MARK: -

    private func flush(_ t: FunctionTranslator) {
        guard pending != 0 else { return }
        let fuel = LLVMBuildLoad2(t.builder, t.ir.i64, slot!, "")
        // Fuel is a signed 64-bit count that starts at most at Int64.max and drops by at most
        // the size of a module per region between checks: it cannot wrap.
        LLVMBuildStore(t.builder, LLVMBuildSub(t.builder, fuel, t.ir.i64(pending), "fuel"), slot!)
        pending = 0
    }

    private func check(_ t: FunctionTranslator) {
        let fuel = LLVMBuildLoad2(t.builder, t.ir.i64, slot!, "")
        t.trapIf(LLVMBuildICmp(t.builder, LLVMIntSLT, fuel, t.ir.i64(0), "")!, .outOfFuel)
    }

    private func save(_ t: FunctionTranslator) {
        LLVMBuildStore(t.builder, LLVMBuildLoad2(t.builder, t.ir.i64, slot!, ""), t.address(store!, VMStoreContext.fuel))
    }

    private func reload(_ t: FunctionTranslator) {
        LLVMBuildStore(t.builder, t.load(t.ir.i64, from: store!, at: VMStoreContext.fuel), slot!)
    }
}
