import CLLVM
import FrontEnd

/// Where policy enters the translator. The translator calls these at fixed points and knows
/// nothing of what they emit; each policy (the stack limit, fuel, interruption) is one small
/// type in its own file that documents the invariant it relies on.
protocol TranslationHook: Sendable {
    /// In the entry block, after locals are initialised and before the first operator.
    func functionEntry(_ translator: FunctionTranslator)
    /// Before each reachable operator is emitted.
    func beforeOperator(_ translator: FunctionTranslator, _ opcode: Opcode)
    /// At the top of a loop header, before its body.
    func loopHeader(_ translator: FunctionTranslator)
    /// Right after a call returns (to a WebAssembly function, an import or a builtin that may
    /// run WebAssembly code).
    func afterCall(_ translator: FunctionTranslator)
    /// In the exit block, before `ret`.
    func beforeReturn(_ translator: FunctionTranslator)
}

extension TranslationHook {
    func functionEntry(_ translator: FunctionTranslator) {}
    func beforeOperator(_ translator: FunctionTranslator, _ opcode: Opcode) {}
    func loopHeader(_ translator: FunctionTranslator) {}
    func afterCall(_ translator: FunctionTranslator) {}
    func beforeReturn(_ translator: FunctionTranslator) {}
}

/// The hooks a compilation uses, called in order.
struct TranslationHooks: Sendable {
    var hooks: [any TranslationHook]

    func functionEntry(_ t: FunctionTranslator) { for h in hooks { h.functionEntry(t) } }
    func beforeOperator(_ t: FunctionTranslator, _ op: Opcode) { for h in hooks { h.beforeOperator(t, op) } }
    func loopHeader(_ t: FunctionTranslator) { for h in hooks { h.loopHeader(t) } }
    func afterCall(_ t: FunctionTranslator) { for h in hooks { h.afterCall(t) } }
    func beforeReturn(_ t: FunctionTranslator) { for h in hooks { h.beforeReturn(t) } }
}
