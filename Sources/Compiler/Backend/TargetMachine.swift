import CLLVM

/// The machine compiled code runs on: this one. Artifacts are compiled for the host CPU, with
/// all of its features, because they are only ever loaded on the machine that compiled them
/// (the triple, CPU and features belong in the cache key for that reason).
public struct HostTarget: Sendable, Hashable {
    /// LLVM's default triple, e.g. `x86_64-pc-linux-gnu`.
    public let triple: String
    /// The host CPU as LLVM names it, e.g. `znver3` or `skylake`.
    public let cpuName: String
    /// The host CPU's features, e.g. `+sse4.2,+avx2,-avx512f,...`.
    public let features: String

    /// The host, detected once per process. The first call also registers LLVM's native target
    /// and its assembly printer, which must happen exactly once before any target machine is
    /// made; a `static let` gives that once-only, thread-safe initialisation.
    public static func current() throws(BackendError) -> HostTarget {
        try detected.get()
    }

    private static let detected = Result { () throws(BackendError) -> HostTarget in
        // Both return 1 on failure (LLVMBool), e.g. when libLLVM was built without the host's
        // back end.
        if LLVMInitializeNativeTarget() != 0 || LLVMInitializeNativeAsmPrinter() != 0 {
            throw BackendError(.target, "LLVM has no back end for this machine's architecture")
        }
        return HostTarget(
            triple: takeLLVMMessage(LLVMGetDefaultTargetTriple()),
            cpuName: takeLLVMMessage(LLVMGetHostCPUName()),
            features: takeLLVMMessage(LLVMGetHostCPUFeatures())
        )
    }
}

/// An LLVM target machine for the host: position-independent code (the output is a shared
/// object), the default code model, and the code generator level of an ``OptimizationLevel``.
///
/// LLVM's `TargetMachine` keeps mutable state while it generates code, so one instance must
/// not be used by two threads at once: ``ParallelCodegen`` gives each worker thread its own.
/// Creating one is cheap next to compiling a module.
public final class TargetMachine {
    /// What the machine generates code for.
    public let host: HostTarget
    /// The level of both the pass pipeline (``Optimizer``) and the code generator.
    public let optimization: OptimizationLevel
    /// The LLVM handle, owned by this object (disposed in `deinit`).
    public let ref: LLVMTargetMachineRef
    /// The data layout string modules compiled by this machine must carry.
    public let dataLayout: String

    /// Creates a target machine for the host.
    public init(optimization: OptimizationLevel) throws(BackendError) {
        let host = try HostTarget.current()
        var target: LLVMTargetRef?
        var error: UnsafeMutablePointer<CChar>?
        guard LLVMGetTargetFromTriple(host.triple, &target, &error) == 0, let target else {
            throw BackendError(.target, "no LLVM target for \(host.triple): \(takeLLVMMessage(error))")
        }
        guard let machine = LLVMCreateTargetMachine(
            target, host.triple, host.cpuName, host.features,
            optimization.codeGenLevel, LLVMRelocPIC, LLVMCodeModelDefault
        ) else {
            throw BackendError(.target, "LLVM could not create a target machine for \(host.triple) (\(host.cpuName))")
        }
        let layout = LLVMCreateTargetDataLayout(machine)
        defer { LLVMDisposeTargetData(layout) }
        self.host = host
        self.optimization = optimization
        self.ref = machine
        self.dataLayout = takeLLVMMessage(LLVMCopyStringRepOfTargetData(layout))
    }

    deinit { LLVMDisposeTargetMachine(ref) }

    /// Stamps `module` with this machine's triple and data layout. Passes read the data layout
    /// (type sizes, alignments, legal integer widths), and code generation assumes it matches
    /// the machine, so this must happen before ``Optimizer/run(_:on:verify:)``.
    public func configure(_ module: LLVMModuleRef) {
        LLVMSetTarget(module, host.triple)
        LLVMSetDataLayout(module, dataLayout)
    }
}

/// One thread at a time (see the type's documentation).
@available(*, unavailable)
extension TargetMachine: Sendable {}
