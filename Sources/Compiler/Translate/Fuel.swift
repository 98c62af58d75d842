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
/// - Inside a function the remaining fuel is a local (an SSA value after `mem2reg`). Between
///   the module's own functions it travels in a register: a direct call passes it as a
///   parameter and gets it back as an extra result, so a call costs no memory traffic
///   (recursive code would otherwise wait on a store and a reload at every call). Everywhere
///   else it lives in `VMStoreContext.fuel`: each function's host wrapper (the one exports,
///   tables and other instances call) loads it before and stores it after; calls to imports
///   and `call_indirect` store it before and reload it after; every trap path stores it.
/// - So the store's count is exact whenever the host can look: after a return to the host,
///   inside an import, and after a trap taken on a trap path. A fault caught by a signal
///   (guard pages, the stack's guard page) leaves the count of the last host boundary.
/// - Costs accumulate at translation time and are subtracted in one instruction where a
///   straight-line region ends: before any branch, `if`, `else`, `end`, `loop`, call, return
///   or `unreachable`. So on every path the local holds the fuel left after every operator
///   executed so far, except those of the current region, which ``pending`` holds.
/// - A trap path records the exact count: it captures the local and ``pending`` (including the
///   trapping operator itself) and stores their difference before trapping.
/// - The budget is checked at function entry and at loop headers, after charging: fuel below
///   zero traps `out of fuel`. A call tree without loops still meets a check at every entry
///   (wasmtime's "zip bomb" argument), a loop at every iteration: at its header, or, when every
///   iteration calls a function of the module before it can branch, at that callee's entry.
///   Between checks, a region may run the count below zero; the next check stops it.
/// - A loop header's check is also the deadline check: it compares the fuel with the store's
///   interrupt flag, 0 normally and `VMStoreContext.interruptedFlag` (Int64.max) once
///   interrupted. Fuel there is below Int64.max (the function's entry unit is charged; should
///   a host function set the store's fuel to Int64.max, the loop's next iteration charges its
///   branch), so the check fails when fuel < 0 or the deadline passed; its cold path tells
///   them apart.
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

    func functionEntry(_ t: FunctionTranslator, carried: ArraySlice<LLVMValueRef>) {
        store = t.load(t.ir.ptr, from: t.vmctx, at: VMOffsets.store, invariant: true, name: "store")
        slot = LLVMBuildAlloca(t.builder, t.ir.i64, "fuel.slot")
        LLVMBuildStore(t.builder, carried.first!, slot!)
        pending = 1  // the entry unit
        flush(t)
        check(t)
    }

    func beforeOperator(_ t: FunctionTranslator, _ opcode: Opcode) {
        pending += Self.cost(opcode)
        if Self.endsRegion(opcode) { flush(t) }
    }

    func loopHeader(_ t: FunctionTranslator) {
        guard !t.everyIterationEntersAFunction else { return }
        let fuel = LLVMBuildLoad2(t.builder, t.ir.i64, slot!, "")!
        let flag = t.loadMonotonic(from: store!, at: VMStoreContext.interrupt, name: "interrupt")
        let failed = t.appendBlock("loop.check.failed")
        let next = t.appendBlock("loop.check.ok")
        let branch = LLVMBuildCondBr(t.builder, LLVMBuildICmp(t.builder, LLVMIntSLT, fuel, flag, "")!, failed, next)!
        LLVMSetMetadata(branch, t.ir.profKind, t.ir.unlikelyFirst)
        LLVMPositionBuilderAtEnd(t.builder, failed)
        t.trapIf(LLVMBuildICmp(t.builder, LLVMIntSLT, fuel, t.ir.i64(0), "")!, .outOfFuel)
        t.branchToTrap(.deadlineExceeded)
        LLVMPositionBuilderAtEnd(t.builder, next)
    }

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

    func carriedTypes(_ ir: IRContext) -> [LLVMTypeRef] { [ir.i64] }

    /// Every call and every path to the return ends a region, so nothing is pending here.
    func carriedValues(_ t: FunctionTranslator) -> [LLVMValueRef] {
        precondition(pending == 0, "fuel carried with uncharged operators")
        return [LLVMBuildLoad2(t.builder, t.ir.i64, slot!, "fuel")!]
    }

    func afterDirectCall(_ t: FunctionTranslator, carried: ArraySlice<LLVMValueRef>) {
        LLVMBuildStore(t.builder, carried.first!, slot!)
    }

    func loadCarried(_ ir: IRContext, _ builder: LLVMBuilderRef, vmctx: LLVMValueRef) -> [LLVMValueRef] {
        [LLVMBuildLoad2(builder, ir.i64, Self.fuelAddress(ir, builder, vmctx: vmctx), "fuel")!]
    }

    func storeCarried(_ ir: IRContext, _ builder: LLVMBuilderRef, vmctx: LLVMValueRef, _ values: ArraySlice<LLVMValueRef>) {
        LLVMBuildStore(builder, values.first!, Self.fuelAddress(ir, builder, vmctx: vmctx))
    }

    /// `&vmctx->store->fuel`, in a host wrapper.
    private static func fuelAddress(_ ir: IRContext, _ builder: LLVMBuilderRef, vmctx: LLVMValueRef) -> LLVMValueRef {
        func field(_ base: LLVMValueRef, _ offset: Int) -> LLVMValueRef {
            var index: LLVMValueRef? = ir.i64(offset)
            return LLVMBuildGEP2(builder, ir.i8, base, &index, 1, "")!
        }
        let store = LLVMBuildLoad2(builder, ir.ptr, field(vmctx, VMOffsets.store), "store")!
        return field(store, VMStoreContext.fuel)
    }

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
