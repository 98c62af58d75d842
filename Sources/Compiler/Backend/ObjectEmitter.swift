import CLLVM

/// Turns an optimized module into an ELF relocatable object, in memory.
public enum ObjectEmitter {
    /// Generates `module`'s machine code with `target` and returns the object file's bytes.
    /// The module must carry the machine's triple and data layout (``TargetMachine/configure(_:)``)
    /// and should have been verified (``Optimizer/verify(_:)``): the code generator asserts on
    /// broken IR.
    public static func emit(_ module: LLVMModuleRef, with target: TargetMachine) throws(BackendError) -> [UInt8] {
        var error: UnsafeMutablePointer<CChar>?
        var buffer: LLVMMemoryBufferRef?
        let failed = LLVMTargetMachineEmitToMemoryBuffer(target.ref, module, LLVMObjectFile, &error, &buffer) != 0
        guard !failed, let buffer else {
            throw BackendError(.emission, "LLVM could not emit an object file: \(takeLLVMMessage(error))")
        }
        defer { LLVMDisposeMemoryBuffer(buffer) }
        let count = LLVMGetBufferSize(buffer)
        guard count > 0, let start = LLVMGetBufferStart(buffer) else { return [] }
        return start.withMemoryRebound(to: UInt8.self, capacity: count) {
            Array(UnsafeBufferPointer(start: $0, count: count))
        }
    }
}
