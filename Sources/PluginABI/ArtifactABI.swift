/// The contract between a compiled artifact (a shared object) and the runtime that loads it.
///
/// Each artifact exports exactly one data symbol, ``descriptorSymbol``: an array of 8-byte
/// words laid out as ``DescriptorWord``. Everything else in the object has internal or hidden
/// linkage, so calls inside the module never go through the PLT and the object has no
/// undefined symbols (runtime services come through the VM context).
public enum ArtifactABI {
    /// Bumped whenever anything in PluginABI changes meaning: the descriptor, the VM context
    /// layout, builtins, trap codes, entry or adapter signatures. The runtime refuses others.
    public static let version: UInt64 = 3
    /// "MIDIMON\u{1}" as a little-endian word: the first word of every descriptor.
    public static let magic: UInt64 = 0x014E_4F4D_4944_494D
    public static let descriptorSymbol = "midimon_module_descriptor"

    /// Word indices of the descriptor.
    public enum DescriptorWord: Int, CaseIterable, Sendable {
        /// ``ArtifactABI/magic``.
        case magic
        /// ``ArtifactABI/version``.
        case abiVersion
        /// Pointer to the module's *skeleton*: its binary form without the code section
        /// (types, imports, exports, limits, globals, segments, names), which the runtime parses
        /// to instantiate. Data segments live here.
        case skeleton
        /// Bytes in the skeleton.
        case skeletonLength
        /// Number of functions defined by the module (imports excluded).
        case definedFunctionCount
        /// Pointer to `definedFunctionCount` code pointers: the native functions,
        /// `(vmctx, params...) -> results` (several results come back as a struct).
        case functions
        /// Pointer to `definedFunctionCount` entry pointers, `void entry(vmctx, u64* values)`:
        /// reads the parameters from `values`, calls the function, writes the results back to
        /// `values`. Null for functions the host can never call directly (not exported, not
        /// the start function).
        case entries
        /// Pointer to one adapter per imported function, with the import's native signature,
        /// for imports the host provides: it packs the arguments into a `values` array, calls
        /// the `VMHostContext` callback, and traps if the callback returns a trap code.
        case importAdapters
        /// The VM context size the compiler assumed; the runtime checks it against its own
        /// ``VMOffsets``.
        case vmctxSize
        /// ``CodeFlags`` of the compiled code.
        case flags
        /// Pointer to `definedFunctionCount` u32 byte offsets, ascending: where each defined
        /// function's body starts in the module file. A trap site (an operator's offset) lies
        /// in the last body starting at or before it, which names the trapping function.
        case bodyOffsets
    }

    public static var descriptorWordCount: Int { DescriptorWord.allCases.count }

    /// Options baked into the code that the runtime must honour.
    public struct CodeFlags: OptionSet, Sendable {
        public let rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        /// Fuel counters were injected.
        public static let fuel = CodeFlags(rawValue: 1 << 0)
        /// Memory accesses are unchecked and rely on guard pages (else: explicit checks).
        public static let guardPages = CodeFlags(rawValue: 1 << 1)
    }
}
