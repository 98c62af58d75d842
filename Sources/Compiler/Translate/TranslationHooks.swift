import CLLVM
import FrontEnd

/// Where policy enters the translator. The translator calls these at fixed points and knows
/// nothing of what they emit; each policy (the stack limit, fuel, interruption) is one small
/// type in its own file that documents the invariant it relies on.
///
/// A hook object lives for one function's translation, so it may keep per-function state.
protocol TranslationHook: AnyObject {
    /// In the entry block, after locals are initialised and before the first operator, with
    /// the hook's carried values as the caller passed them.
    func functionEntry(_ translator: FunctionTranslator, carried: ArraySlice<LLVMValueRef>)
    /// Before each reachable operator is emitted.
    func beforeOperator(_ translator: FunctionTranslator, _ opcode: Opcode)
    /// At the top of a loop header, before its body.
    func loopHeader(_ translator: FunctionTranslator)
    /// Right before a call that leaves the module's own calling convention: an import, a
    /// `call_indirect` (which enters a callee through its host wrapper), never a direct call
    /// to a function the module defines.
    func beforeCall(_ translator: FunctionTranslator)
    /// Right after such a call returns.
    func afterCall(_ translator: FunctionTranslator)
    /// In the exit block, before `ret`.
    func beforeReturn(_ translator: FunctionTranslator)

    /// Values the hook keeps in registers across direct calls between the module's own
    /// functions instead of in the store: a function takes them after its VM context and
    /// returns them after its results (ModuleUnit.swift). The same for every function of a
    /// compilation, so the hook answers from the options alone.
    func carriedTypes(_ ir: IRContext) -> [LLVMTypeRef]
    /// The carried values to pass to a direct callee, or to return.
    func carriedValues(_ translator: FunctionTranslator) -> [LLVMValueRef]
    /// After a direct call returns: the values the callee handed back.
    func afterDirectCall(_ translator: FunctionTranslator, carried: ArraySlice<LLVMValueRef>)
    /// In a defined function's host wrapper (the one tables, exports and other instances
    /// call): the carried values from the store, before calling the function ...
    func loadCarried(_ ir: IRContext, _ builder: LLVMBuilderRef, vmctx: LLVMValueRef) -> [LLVMValueRef]
    /// ... and back into the store after it returns.
    func storeCarried(_ ir: IRContext, _ builder: LLVMBuilderRef, vmctx: LLVMValueRef, _ values: ArraySlice<LLVMValueRef>)
    /// The types of the values ``trapValues(_:)`` captures.
    func trapValueTypes(_ ir: IRContext) -> [LLVMTypeRef]
    /// Values captured where a trap is taken: each becomes a phi of the shared trap block.
    func trapValues(_ translator: FunctionTranslator) -> [LLVMValueRef]
    /// In a trap block, before the trap builtin is called, with the phis of the captured values.
    func beforeTrap(_ translator: FunctionTranslator, _ values: ArraySlice<LLVMValueRef>)
    /// Before a versioned loop (LoopVersioning.swift) that runs at most `iterations` times,
    /// each costing at most `costPerIteration` fuel: a condition under which the hook's
    /// per-iteration checks cannot fail, or nil when the hook has none. The fast copy then
    /// runs without ``loopHeader(_:)``.
    func loopVersionGuard(_ translator: FunctionTranslator, iterations: LLVMValueRef, costPerIteration: Int64) -> LLVMValueRef?
}

extension TranslationHook {
    func functionEntry(_ translator: FunctionTranslator, carried: ArraySlice<LLVMValueRef>) {}
    func beforeOperator(_ translator: FunctionTranslator, _ opcode: Opcode) {}
    func loopHeader(_ translator: FunctionTranslator) {}
    func beforeCall(_ translator: FunctionTranslator) {}
    func afterCall(_ translator: FunctionTranslator) {}
    func beforeReturn(_ translator: FunctionTranslator) {}
    func trapValueTypes(_ ir: IRContext) -> [LLVMTypeRef] { [] }
    func trapValues(_ translator: FunctionTranslator) -> [LLVMValueRef] { [] }
    func beforeTrap(_ translator: FunctionTranslator, _ values: ArraySlice<LLVMValueRef>) {}
    func loopVersionGuard(_ translator: FunctionTranslator, iterations: LLVMValueRef, costPerIteration: Int64) -> LLVMValueRef? { nil }
    func carriedTypes(_ ir: IRContext) -> [LLVMTypeRef] { [] }
    func carriedValues(_ translator: FunctionTranslator) -> [LLVMValueRef] { [] }
    func afterDirectCall(_ translator: FunctionTranslator, carried: ArraySlice<LLVMValueRef>) {}
    func loadCarried(_ ir: IRContext, _ builder: LLVMBuilderRef, vmctx: LLVMValueRef) -> [LLVMValueRef] { [] }
    func storeCarried(_ ir: IRContext, _ builder: LLVMBuilderRef, vmctx: LLVMValueRef, _ values: ArraySlice<LLVMValueRef>) {}
}

/// The hooks of one function's translation, called in order.
struct TranslationHooks {
    var hooks: [any TranslationHook]

    /// `carried`: the function's carried parameters, all hooks' in hook order.
    func functionEntry(_ t: FunctionTranslator, carried: [LLVMValueRef]) {
        for (h, values) in zip(hooks, split(carried, t.ir)) { h.functionEntry(t, carried: values) }
    }
    func beforeOperator(_ t: FunctionTranslator, _ op: Opcode) { for h in hooks { h.beforeOperator(t, op) } }
    func loopHeader(_ t: FunctionTranslator) { for h in hooks { h.loopHeader(t) } }
    func beforeCall(_ t: FunctionTranslator) { for h in hooks { h.beforeCall(t) } }
    func afterCall(_ t: FunctionTranslator) { for h in hooks { h.afterCall(t) } }
    func beforeReturn(_ t: FunctionTranslator) { for h in hooks { h.beforeReturn(t) } }
    func trapValueTypes(_ ir: IRContext) -> [LLVMTypeRef] { hooks.flatMap { $0.trapValueTypes(ir) } }
    func trapValues(_ t: FunctionTranslator) -> [LLVMValueRef] { hooks.flatMap { $0.trapValues(t) } }

    /// All hooks' conditions for a versioned loop, combined; nil when none has one.
    func loopVersionGuard(_ t: FunctionTranslator, iterations: LLVMValueRef, costPerIteration: Int64) -> LLVMValueRef? {
        hooks.compactMap { $0.loopVersionGuard(t, iterations: iterations, costPerIteration: costPerIteration) }
            .reduce(nil) { sum, condition in sum.map { LLVMBuildAnd(t.builder, $0, condition, "")! } ?? condition }
    }

    func beforeTrap(_ t: FunctionTranslator, _ values: [LLVMValueRef]) {
        var start = 0
        for h in hooks {
            let count = h.trapValueTypes(t.ir).count
            h.beforeTrap(t, values[start..<(start + count)])
            start += count
        }
    }

    func carriedTypes(_ ir: IRContext) -> [LLVMTypeRef] { hooks.flatMap { $0.carriedTypes(ir) } }
    func carriedValues(_ t: FunctionTranslator) -> [LLVMValueRef] { hooks.flatMap { $0.carriedValues(t) } }
    func afterDirectCall(_ t: FunctionTranslator, carried: [LLVMValueRef]) {
        for (h, values) in zip(hooks, split(carried, t.ir)) { h.afterDirectCall(t, carried: values) }
    }
    func loadCarried(_ ir: IRContext, _ builder: LLVMBuilderRef, vmctx: LLVMValueRef) -> [LLVMValueRef] {
        hooks.flatMap { $0.loadCarried(ir, builder, vmctx: vmctx) }
    }
    func storeCarried(_ ir: IRContext, _ builder: LLVMBuilderRef, vmctx: LLVMValueRef, _ values: [LLVMValueRef]) {
        for (h, slice) in zip(hooks, split(values, ir)) { h.storeCarried(ir, builder, vmctx: vmctx, slice) }
    }

    /// All hooks' carried values → each hook's share.
    private func split(_ values: [LLVMValueRef], _ ir: IRContext) -> [ArraySlice<LLVMValueRef>] {
        var start = 0
        return hooks.map { h in
            let count = h.carriedTypes(ir).count
            defer { start += count }
            return values[start..<(start + count)]
        }
    }

    /// The hooks a compilation with `options` uses, fresh for one function. Fuel comes first:
    /// the other hooks' trap paths record the fuel it set up at entry.
    static func forFunction(_ options: CompileOptions) -> TranslationHooks {
        var hooks: [any TranslationHook] = []
        if options.fuel { hooks.append(FuelHook()) }
        hooks.append(InterruptHook(fuelChecksLoops: options.fuel))
        hooks.append(StackLimitHook())
        return TranslationHooks(hooks: hooks)
    }
}

extension FunctionTranslator {
    /// At a loop header: whether the loop body runs straight-line operators (which may trap,
    /// never branch) up to a `call` of a function defined in the module, so that no iteration
    /// can end or repeat without entering it and meeting that function's entry checks (the
    /// stack limit, which an interrupt poisons, and fuel). An imported function may be the
    /// host's, which has no entry check.
    var everyIterationEntersAFunction: Bool {
        var decoder = decoder
        while let instruction = try? decoder.decode() {
            if instruction.opcode == .call { return Int(instruction.immediates.index) >= unit.module.importedFunctionTypes.count }
            if !LoopVersioning.isStraightLine(instruction.opcode) { return false }
        }
        return false
    }
}
