import Compiler
import Runtime

#if canImport(Glibc)
import Glibc
#endif

/// The state of one script executed through the real pipeline: every module is validated,
/// compiled by LLVM to a shared object, loaded with `dlopen` and instantiated in one store,
/// so that modules registered by a script can import from each other as the spec requires.
final class WastSession {
    let options: CompileOptions
    let store = Store()
    private(set) var imports = Imports()
    private var named: [String: Instance] = [:]
    private(set) var current: Instance?
    /// `(module definition $M ...)`: validated, instantiated later by `(module instance)`.
    private var definitions: [String: [UInt8]] = [:]
    private var lastDefinition: [UInt8]?
    private let directory: String
    private var compiled = 0

    /// Why a module did not become an instance.
    enum ModuleFailure: Error, CustomStringConvertible {
        case invalid(WasmError)
        case compile(String)
        case load(ArtifactError)
        case instantiate(InstantiationError)

        var description: String {
            switch self {
            case .invalid(let e): "\(e.kind): \(e)"
            case .compile(let message): "compile: \(message)"
            case .load(let e): "load: \(e.message)"
            case .instantiate(let e): "instantiate: \(e.message)"
            }
        }
    }

    init(options: CompileOptions) throws {
        self.options = options
        var template = Array("/tmp/midimon-wast-XXXXXX".utf8CString)
        guard let path = mkdtemp(&template) else { throw ModuleFailure.compile("cannot create a scratch directory") }
        directory = String(cString: path)
        try SpecTestHost.define(in: &imports, store: store)
    }

    deinit { rmdir(directory) }

    // MARK: - Modules

    /// Compiles and instantiates `bytes`; on success it becomes the current module.
    @discardableResult
    func instantiate(_ bytes: [UInt8], id: String?) throws(ModuleFailure) -> Instance {
        let artifact = try load(bytes)
        let instance: Instance
        do {
            instance = try Instance(artifact, store: store, imports: imports)
        } catch {
            throw .instantiate(error)
        }
        current = instance
        if let id { named[id] = instance }
        return instance
    }

    /// Validate, compile to a shared object in the scratch directory, load it. The file is
    /// removed once loaded: the mapping stays valid, and nothing accumulates on disk.
    func load(_ bytes: [UInt8]) throws(ModuleFailure) -> Artifact {
        do {
            _ = try ModuleValidator.check(bytes)
        } catch {
            throw .invalid(error)
        }
        compiled += 1
        let path = "\(directory)/module\(compiled).so"
        defer { unlink(path) }
        do {
            _ = try ModuleCompiler.compile(bytes, options: options, output: path)
        } catch {
            throw .compile("\(error)")
        }
        do {
            return try Artifact(path: path)
        } catch {
            throw .load(error)
        }
    }

    func define(_ bytes: [UInt8], id: String?) throws(ModuleFailure) {
        do {
            _ = try ModuleValidator.check(bytes)
        } catch {
            throw .invalid(error)
        }
        lastDefinition = bytes
        if let id { definitions[id] = bytes }
    }

    func instantiateDefinition(_ module: String?, as instance: String?) throws(ModuleFailure) {
        guard let bytes = module.flatMap({ definitions[$0] }) ?? lastDefinition else {
            throw .compile("no module definition \(module ?? "")")
        }
        try instantiate(bytes, id: instance)
    }

    func register(_ name: String, module: String?) -> Bool {
        guard let instance = module.map({ named[$0] }) ?? current else { return false }
        imports.define(module: name, instance)
        return true
    }

    func instance(_ id: String?) -> Instance? {
        id.map { named[$0] } ?? current
    }
}
