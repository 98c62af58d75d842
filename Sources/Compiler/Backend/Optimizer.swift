import CLLVM

/// Checks a module and runs LLVM's standard pipeline on it, through the new pass manager.
public enum Optimizer {
    /// Runs LLVM's verifier. A broken module (a block without a terminator, a type mismatch,
    /// an instruction that does not dominate its uses) makes passes and the code generator
    /// assert or crash, so it is rejected here with LLVM's description instead.
    public static func verify(_ module: LLVMModuleRef) throws(BackendError) {
        var message: UnsafeMutablePointer<CChar>?
        // ReturnStatusAction: report, never print or abort. The message is always allocated.
        let broken = LLVMVerifyModule(module, LLVMReturnStatusAction, &message) != 0
        let text = takeLLVMMessage(message)
        if broken {
            throw BackendError(.invalidModule, "LLVM rejected the module: \(text.trimmingTrailingNewlines())")
        }
    }

    /// Runs `default<On>` for the target machine's level on `module`, which must already carry
    /// the machine's triple and data layout (``TargetMachine/configure(_:)``). Every defined
    /// function is first marked `"no-builtins"` (see ``markFreestanding(_:)``).
    ///
    /// - Parameter verify: run ``verify(_:)`` first. Only turn it off for modules known to be
    ///   well formed; the pipeline on a broken module may abort the process.
    public static func run(_ module: LLVMModuleRef, on target: TargetMachine, verify: Bool = true) throws(BackendError) {
        if verify { try self.verify(module) }
        markFreestanding(module)
        let options = LLVMCreatePassBuilderOptions()!
        defer { LLVMDisposePassBuilderOptions(options) }
        // Vectorizers as clang enables them: from O2 up.
        let vectorize: LLVMBool = target.optimization >= .o2 ? 1 : 0
        LLVMPassBuilderOptionsSetLoopVectorization(options, vectorize)
        LLVMPassBuilderOptionsSetSLPVectorization(options, vectorize)
        if let error = LLVMRunPasses(module, target.optimization.passPipeline, target.ref, options) {
            throw BackendError(.optimization, "pipeline \(target.optimization.passPipeline) failed: \(takeLLVMError(error))")
        }
    }
}

extension Optimizer {
    /// Adds `"no-builtins"` to every function defined in `module`.
    ///
    /// Compiled code may call nothing outside its shared object (``ArtifactABI``; the link uses
    /// `-z defs`), but from O2 up the loop-idiom pass turns a loop that clears or copies
    /// memory into a call to `memset` or `memcpy`, and other passes recognise and create libc
    /// calls too. With this attribute LLVM treats no function as a known library routine, so
    /// the optimizer never introduces one; the translator does not have to remember it.
    public static func markFreestanding(_ module: LLVMModuleRef) {
        let context = LLVMGetModuleContext(module)
        let attribute = LLVMCreateStringAttribute(context, "no-builtins", 11, "", 0)
        var function = LLVMGetFirstFunction(module)
        while let current = function {
            if LLVMIsDeclaration(current) == 0 {
                // Index ~0: the function itself, not its return value or a parameter.
                LLVMAddAttributeAtIndex(current, LLVMAttributeIndex(bitPattern: -1), attribute)
            }
            function = LLVMGetNextFunction(current)
        }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self[...]
        while text.last?.isNewline == true { text = text.dropLast() }
        return String(text)
    }
}
