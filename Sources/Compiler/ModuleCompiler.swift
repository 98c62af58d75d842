import CLLVM
import FrontEnd
import PluginABI

#if canImport(Glibc)
import Glibc
#endif

/// What one compilation did.
public struct CompileReport: Sendable {
    /// The shared object written.
    public var output: String
    /// Partitions compiled in parallel.
    public var partitions: Int
    /// Functions defined by the module.
    public var functions: Int
    /// Wall-clock seconds, validation included.
    public var seconds: Double
}

/// A module's bytes to a native shared object: validate, translate each partition to LLVM IR
/// on its own thread, optimize, emit and link (PluginABI's `ArtifactABI`).
public enum ModuleCompiler {
    public static func compile(_ bytes: [UInt8], options: CompileOptions, output: String) throws -> CompileReport {
        let start = ContinuousClock.now
        let (module, summary) = try ModuleValidator.check(bytes)
        let plan = PartitionPlan(module: module, maxPartitions: options.maxPartitions)
        try ParallelCodegen.compileSharedObject(
            partitionCount: plan.partitionCount, optimization: options.optimization,
            output: output, soname: soname(output)
        ) { index, target in
            let ir = try ModuleTranslator.translate(module, summary: summary, options: options, plan: plan, partition: index)
            target.configure(ir.module)
            return OwnedModule(context: ir.context, module: ir.module)
        }
        let elapsed = ContinuousClock.now - start
        return CompileReport(output: output, partitions: plan.partitionCount, functions: module.code.count,
                             seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// The module's LLVM IR as text, in one partition, before or after the pass pipeline:
    /// for `midimon compile --emit-llvm` and the golden IR tests.
    public static func textualIR(_ bytes: [UInt8], options: CompileOptions, optimized: Bool) throws -> String {
        let (module, summary) = try ModuleValidator.check(bytes)
        let plan = PartitionPlan(module: module, maxPartitions: 1)
        let ir = try ModuleTranslator.translate(module, summary: summary, options: options, plan: plan, partition: 0)
        defer { ir.dispose() }
        let target = try TargetMachine(optimization: options.optimization)
        target.configure(ir.module)
        if getenv("MIDIMON_DUMP_UNVERIFIED_IR") != nil { LLVMDumpModule(ir.module) }
        if optimized {
            try Optimizer.run(ir.module, on: target, verify: true)
        } else {
            try Optimizer.verify(ir.module)
        }
        let text = LLVMPrintModuleToString(ir.module)!
        defer { LLVMDisposeMessage(text) }
        return String(cString: text)
    }

    private static func soname(_ path: String) -> String {
        String(path.split(separator: "/").last ?? "module.so")
    }
}
