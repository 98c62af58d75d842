import CLLVM

/// An LLVM module together with the context that owns it, which go everywhere together and
/// are disposed together, exactly once (module first, then context), when this value ends.
///
/// One context per partition: an `LLVMContext` and everything in it may be used by one thread
/// at a time, so partitions compiled in parallel never share one. The type is non-copyable so
/// that ownership is explicit: the translator builds the module and returns it from the
/// ``ParallelCodegen`` build closure, which hands it to the back end for good.
public struct OwnedModule: ~Copyable {
    /// The context everything in ``module`` belongs to.
    public let context: LLVMContextRef
    /// The module.
    public let module: LLVMModuleRef

    /// Takes ownership of `module` and of `context`, which must be the module's context.
    public init(context: LLVMContextRef, module: LLVMModuleRef) {
        self.context = context
        self.module = module
    }

    /// Creates an empty module named `name` in a new context of its own.
    public init(name: String) {
        let context = LLVMContextCreate()!
        self.init(context: context, module: LLVMModuleCreateWithNameInContext(name, context))
    }

    deinit {
        LLVMDisposeModule(module)
        LLVMContextDispose(context)
    }
}
