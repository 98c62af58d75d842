import CLLVM
import FrontEnd
import PluginABI

/// What a compilation is asked for: the options that change the generated code (and so
/// belong in every cache key).
public struct CompileOptions: Sendable, Equatable {
    /// LLVM's `default<O0>` … `default<O3>` pipeline.
    public var optimization: OptimizationLevel
    /// Split the module into at most this many partitions compiled in parallel (1 = never).
    /// Does not change what the code does, only how fast it compiles.
    public var maxPartitions: Int
    /// How memory accesses are kept inside linear memory (BoundsChecks.swift).
    public var bounds: BoundsCheckStrategy
    /// Inject fuel counters (Fuel.swift): a deterministic budget of WebAssembly operators.
    public var fuel: Bool

    public init(optimization: OptimizationLevel = .o2, maxPartitions: Int = ParallelCodegen.defaultThreadCount,
                bounds: BoundsCheckStrategy = .explicit, fuel: Bool = true) {
        self.optimization = optimization
        self.maxPartitions = maxPartitions
        self.bounds = bounds
        self.fuel = fuel
    }

    /// What the runtime must know about the code (ArtifactABI.CodeFlags).
    var codeFlags: ArtifactABI.CodeFlags {
        var flags: ArtifactABI.CodeFlags = []
        if fuel { flags.insert(.fuel) }
        if bounds == .guardPages { flags.insert(.guardPages) }
        return flags
    }
}

/// One partition of a module being translated: its LLVM context and module, and the LLVM
/// functions of the WebAssembly functions it defines or calls.
///
/// Partitions are translated and compiled on separate threads, each in its own context.
/// Functions called across partitions have hidden visibility: the linker binds those calls
/// directly, without a PLT, and nothing but the descriptor is exported from the shared object.
final class ModuleUnit {
    let ir: IRContext
    let module: WasmModule
    let offsets: VMOffsets
    let options: CompileOptions
    let plan: PartitionPlan
    let partition: Int
    /// In guard mode, functions whose result some caller drops (GuardLoads.swift).
    let droppedResults: Set<UInt32>
    /// What the hooks carry in registers across direct calls (TranslationHooks.swift): the
    /// same for every function of the compilation.
    let carried: [LLVMTypeRef]
    /// LLVM function per defined function (index = function index − imported functions),
    /// created on first use.
    private var functions: [LLVMValueRef?]
    /// Their host wrappers, when something is carried (else the functions themselves).
    private var hostFunctions: [LLVMValueRef?]

    init(module: WasmModule, options: CompileOptions, plan: PartitionPlan, partition: Int) {
        self.module = module
        self.options = options
        self.plan = plan
        self.partition = partition
        offsets = VMOffsets(module)
        ir = IRContext(name: "wasm.\(partition)")
        functions = Array(repeating: nil, count: module.code.count)
        hostFunctions = functions
        carried = TranslationHooks.forFunction(options).carriedTypes(ir)
        droppedResults = options.bounds == .guardPages ? Self.droppedResults(of: module) : []
    }

    /// The LLVM function for a function defined by the module, with the carried values in its
    /// signature (``IRContext/functionType(_:carrying:)``): what direct calls call. Declared
    /// if another partition defines it.
    func function(_ index: UInt32) -> LLVMValueRef {
        let local = Int(index) - module.importedFunctionTypes.count
        if let existing = functions[local] { return existing }
        let type = module.types[Int(module.functionTypeIndices[local])]
        let function = declare(Self.symbol(ofDefined: local), ir.functionType(type, carrying: carried))
        functions[local] = function
        return function
    }

    /// The same function as the host, tables and other instances call it, with the plain
    /// signature ``IRContext/functionType(_:)``: a wrapper that moves the carried values from
    /// and to the store (ModuleTranslator.emitHostWrapper), or the function itself when
    /// nothing is carried.
    func hostFunction(_ index: UInt32) -> LLVMValueRef {
        let local = Int(index) - module.importedFunctionTypes.count
        if carried.isEmpty { return function(index) }
        if let existing = hostFunctions[local] { return existing }
        let type = module.types[Int(module.functionTypeIndices[local])]
        let wrapper = declare("wasm_host_f\(local)", ir.functionType(type))
        hostFunctions[local] = wrapper
        return wrapper
    }

    private func declare(_ symbol: String, _ type: LLVMTypeRef) -> LLVMValueRef {
        let function = LLVMAddFunction(ir.module, symbol, type)!
        if plan.partitionCount == 1 {
            LLVMSetLinkage(function, LLVMInternalLinkage)
        } else {
            LLVMSetLinkage(function, LLVMExternalLinkage)
            LLVMSetVisibility(function, LLVMHiddenVisibility)
        }
        return function
    }

    static func symbol(ofDefined local: Int) -> String { "wasm_f\(local)" }
}

extension VMOffsets {
    /// The layout for a module's index spaces.
    init(_ module: WasmModule) {
        self.init(typeCount: module.types.count, tableCount: module.tableCount,
                  globalCount: module.globalCount, functionCount: module.functionCount)
    }
}

/// Which defined functions go to which partition: contiguous runs of roughly equal code size.
/// Partition 0 also holds the descriptor and the import adapters.
struct PartitionPlan: Sendable {
    /// Defined-function ranges, one per partition.
    let ranges: [Range<Int>]
    var partitionCount: Int { ranges.count }

    /// Below this much code a module is not worth splitting (thread start-up and a second
    /// object cost more than they save).
    static let minimumBytesPerPartition = 256 * 1024

    init(module: WasmModule, maxPartitions: Int) {
        let sizes = module.code.map { $0.expression.count }
        let total = sizes.reduce(0, +)
        let count = max(1, min(maxPartitions, total / Self.minimumBytesPerPartition, sizes.count))
        var ranges: [Range<Int>] = []
        var start = 0
        var accumulated = 0
        for (i, size) in sizes.enumerated() where ranges.count < count - 1 {
            accumulated += size
            if accumulated >= total * (ranges.count + 1) / count {
                ranges.append(start..<(i + 1))
                start = i + 1
            }
        }
        ranges.append(start..<sizes.count)
        self.ranges = ranges
    }

    func partition(ofDefined local: Int) -> Int {
        ranges.firstIndex { $0.contains(local) }!
    }
}
