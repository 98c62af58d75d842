@_exported import ArtifactCache
import CLLVM
import Compiler

/// The compile side of the cache: what only a process with LLVM knows (the toolchain's
/// identity), and ``ModuleCompiler`` run on a miss.
public enum CachedCompiler {
    /// LLVM's version, target triple and host CPU: the toolchain part of every key. Computed
    /// once per process (it initialises LLVM's native target through ``HostTarget``).
    public static func toolchain() throws -> ToolchainIdentity {
        let host = try HostTarget.current()
        return ToolchainIdentity(llvmVersion: llvmVersion, triple: host.triple, cpu: host.cpuName, features: host.features)
    }

    /// `LLVMGetVersion` as `major.minor.patch`.
    public static let llvmVersion: String = {
        var major: UInt32 = 0, minor: UInt32 = 0, patch: UInt32 = 0
        LLVMGetVersion(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }()

    /// The settings of `options` that change code (not `maxPartitions`).
    public static func codeSettings(_ options: CompileOptions) -> CodeSettings {
        CodeSettings(optLevel: options.optimization.rawValue, bounds: options.bounds.rawValue, fuel: options.fuel)
    }

    /// The module's own name from its name section (wasm-ld writes the output file's name,
    /// so a `.wasm` suffix is dropped), or nil.
    static func moduleName(_ module: [UInt8]) -> String? {
        guard var name = (try? ModuleParser.parse(module))?.names.module, !name.isEmpty else { return nil }
        if name.hasSuffix(".wasm") { name.removeLast(5) }
        return name.isEmpty ? nil : name
    }

    /// The key inputs of `module` compiled with `options` by this process's toolchain.
    public static func inputs(_ module: [UInt8], options: CompileOptions) throws -> KeyInputs {
        KeyInputs(module: module, toolchain: try toolchain(), code: codeSettings(options))
    }

    /// The verified entry for `module` compiled with `options`, compiled now on a miss (or
    /// when the entry was bad: see ``Resolution/rejected``). `plugin` names the module in
    /// listings when it has no name of its own; `source` is the file it came from.
    public static func compile(_ module: [UInt8], options: CompileOptions, cache: ArtifactCache,
                               plugin: String? = nil, source: String? = nil) throws -> Resolution {
        let inputs = try inputs(module, options: options)
        return try cache.resolve(inputs, module: module, plugin: plugin, source: source) { output in
            let report = try ModuleCompiler.compile(module, options: options, output: output)
            return CompileStats(seconds: report.seconds, functions: report.functions,
                                partitions: report.partitions, plugin: moduleName(module) ?? plugin)
        }
    }
}
