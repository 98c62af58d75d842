import CLLVM
import FrontEnd

/// Where policy enters the translator. The translator calls these at fixed points and knows
/// nothing of what they emit; each policy (the stack limit, fuel, interruption) is one small
/// type in its own file that documents the invariant it relies on.
///
/// A hook object lives for one function's translation, so it may keep per-function state.
protocol TranslationHook: AnyObject {
    /// In the entry block, after locals are initialised and before the first operator.
    func functionEntry(_ translator: FunctionTranslator)
    /// Before each reachable operator is emitted.
    func beforeOperator(_ translator: FunctionTranslator, _ opcode: Opcode)
    /// At the top of a loop header, before its body.
    func loopHeader(_ translator: FunctionTranslator)
    /// Right before a call to a WebAssembly function or an import.
    func beforeCall(_ translator: FunctionTranslator)
    /// Right after such a call returns.
    func afterCall(_ translator: FunctionTranslator)
    /// In the exit block, before `ret`.
    func beforeReturn(_ translator: FunctionTranslator)
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
    func functionEntry(_ translator: FunctionTranslator) {}
    func beforeOperator(_ translator: FunctionTranslator, _ opcode: Opcode) {}
    func loopHeader(_ translator: FunctionTranslator) {}
    func beforeCall(_ translator: FunctionTranslator) {}
    func afterCall(_ translator: FunctionTranslator) {}
    func beforeReturn(_ translator: FunctionTranslator) {}
    func trapValueTypes(_ ir: IRContext) -> [LLVMTypeRef] { [] }
    func trapValues(_ translator: FunctionTranslator) -> [LLVMValueRef] { [] }
    func beforeTrap(_ translator: FunctionTranslator, _ values: ArraySlice<LLVMValueRef>) {}
    func loopVersionGuard(_ translator: FunctionTranslator, iterations: LLVMValueRef, costPerIteration: Int64) -> LLVMValueRef? { nil }
}

/// The hooks of one function's translation, called in order.
struct TranslationHooks {
    var hooks: [any TranslationHook]

    func functionEntry(_ t: FunctionTranslator) { for h in hooks { h.functionEntry(t) } }
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

    /// The hooks a compilation with `options` uses, fresh for one function. Fuel comes first:
    /// the other hooks' trap paths record the fuel it set up at entry.
    static func forFunction(_ options: CompileOptions) -> TranslationHooks {
        var hooks: [any TranslationHook] = []
        if options.fuel { hooks.append(FuelHook()) }
        hooks.append(InterruptHook())
        hooks.append(StackLimitHook())
        return TranslationHooks(hooks: hooks)
    }
}
