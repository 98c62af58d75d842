import PluginABI

/// The compiler that produced an artifact, as far as the code depends on it: LLVM's version
/// and what it generated code for. Only the compile side can ask LLVM; it records this in
/// every entry and in `toolchains/<machine>.json`, where the daemon reads it (see
/// `cache/README.md`, "How the daemon finds an entry").
public struct ToolchainIdentity: Codable, Sendable, Hashable {
    /// `LLVMGetVersion`, e.g. `19.1.7`.
    public var llvmVersion: String
    /// LLVM's target triple, e.g. `x86_64-pc-linux-gnu`.
    public var triple: String
    /// LLVM's name for the host CPU, e.g. `znver3`.
    public var cpu: String
    /// LLVM's host CPU features, e.g. `+avx2,-avx512f,...`.
    public var features: String

    public init(llvmVersion: String, triple: String, cpu: String, features: String) {
        self.llvmVersion = llvmVersion
        self.triple = triple
        self.cpu = cpu
        self.features = features
    }
}

/// Every compile option that changes the generated code. `maxPartitions` is not one (it
/// changes how fast a module compiles, not what it compiles to), so it is not here. An option
/// added to the compiler that changes code must be added here too; a test in CacheTests
/// lists `CompileOptions`' properties so that a new one cannot be forgotten.
public struct CodeSettings: Codable, Sendable, Hashable, CustomStringConvertible {
    /// LLVM pipeline, 0 to 3.
    public var optLevel: Int
    /// `explicit` or `guard` (the compiler's `BoundsCheckStrategy` raw value).
    public var bounds: String
    /// Fuel counters injected.
    public var fuel: Bool

    public init(optLevel: Int, bounds: String, fuel: Bool) {
        self.optLevel = optLevel
        self.bounds = bounds
        self.fuel = fuel
    }

    /// What `midimon compile` uses without options (O2, explicit bounds checks, fuel).
    public static let `default` = CodeSettings(optLevel: 2, bounds: "explicit", fuel: true)

    /// `O2 explicit fuel`, for listings.
    public var description: String { "O\(optLevel) \(bounds) \(fuel ? "fuel" : "no-fuel")" }

    /// The `midimon compile` options that select these settings (defaults left out).
    public var commandLineOptions: [String] {
        var options: [String] = []
        if optLevel != Self.default.optLevel { options += ["--opt-level", "\(optLevel)"] }
        if bounds != Self.default.bounds { options += ["--bounds", bounds] }
        if !fuel { options.append("--no-fuel") }
        return options
    }
}

/// Everything an artifact depends on. Its SHA-256 (``key``) names the entry: two inputs that
/// differ in any field never share an entry, so a changed module, compiler, LLVM, CPU or code
/// option can never be served a stale artifact.
public struct KeyInputs: Codable, Sendable, Hashable {
    /// SHA-256 of the module's bytes.
    public var moduleSHA256: String
    /// ``MidimonVersion/string`` of the compiler.
    public var midimonVersion: String
    /// ``ArtifactABI/version`` the code was generated for.
    public var abiVersion: UInt64
    public var toolchain: ToolchainIdentity
    /// ``MachineIdentity/current``: the machine, identified without LLVM.
    public var machine: String
    public var code: CodeSettings

    public init(moduleSHA256: String, midimonVersion: String = MidimonVersion.string,
                abiVersion: UInt64 = ArtifactABI.version, toolchain: ToolchainIdentity,
                machine: String = MachineIdentity.current, code: CodeSettings) {
        self.moduleSHA256 = moduleSHA256
        self.midimonVersion = midimonVersion
        self.abiVersion = abiVersion
        self.toolchain = toolchain
        self.machine = machine
        self.code = code
    }

    /// The inputs for `module` compiled by this midimon with `toolchain` on this machine.
    public init(module: [UInt8], toolchain: ToolchainIdentity, code: CodeSettings) {
        self.init(moduleSHA256: Self.sha256(module), toolchain: toolchain, code: code)
    }

    /// The text that is hashed: one `name=length:value` line per input, in a fixed order.
    /// Lengths make it unambiguous whatever the values contain.
    public var canonicalText: String {
        CanonicalText.lines([
            ("format", "midimon-cache-key-1"),
            ("module-sha256", moduleSHA256),
            ("midimon", midimonVersion),
            ("artifact-abi", "\(abiVersion)"),
            ("llvm", toolchain.llvmVersion),
            ("triple", toolchain.triple),
            ("cpu", toolchain.cpu),
            ("features", toolchain.features),
            ("machine", machine),
            ("opt-level", "\(code.optLevel)"),
            ("bounds", code.bounds),
            ("fuel", code.fuel ? "on" : "off"),
        ])
    }

    /// The cache key: SHA-256 of ``canonicalText``, 64 hex digits.
    public var key: String { POSIX.sha256(canonicalText) }

    /// SHA-256 of bytes as 64 lowercase hex digits.
    public static func sha256(_ bytes: [UInt8]) -> String { POSIX.sha256(bytes) }
}

/// `name=length:value` lines, the form the key and the metadata checksums hash.
enum CanonicalText {
    static func lines(_ fields: [(String, String)]) -> String {
        var text = ""
        for (name, value) in fields { text += "\(name)=\(value.utf8.count):\(value)\n" }
        return text
    }
}
