import CRuntimeSupport
import FrontEnd
import Glibc
import PluginABI

/// A compiled plugin: a shared object loaded with `dlopen`, its descriptor checked against
/// this runtime's ``ArtifactABI`` and ``VMOffsets``, and its module skeleton parsed.
///
/// `dlopen` returns the same handle for a path that is already loaded (glibc compares names
/// and file identity), so loading a file, rewriting it in place and loading it again gets
/// the old code: the compiler's cache writes each artifact under a new name instead. The
/// object stays loaded while any ``Artifact`` or instance of it exists.
public final class Artifact: @unchecked Sendable {
    /// The path it was loaded from.
    public let path: String
    /// The module without its code: types, imports, exports, segments, names.
    public let module: WasmModule
    /// Options the code was compiled with.
    public let flags: ArtifactABI.CodeFlags
    /// The VM context layout the code expects.
    public let offsets: VMOffsets

    let handle: UnsafeMutableRawPointer
    /// The skeleton inside the object; data segments are copied from here.
    let skeleton: UnsafeRawPointer
    /// Per defined function: native code (null unless referenced from outside) and entry
    /// thunk (null unless exported or the start function).
    let functions: UnsafePointer<UnsafeRawPointer?>?
    let entries: UnsafePointer<UnsafeRawPointer?>?
    /// Per imported function, in import order.
    let importAdapters: UnsafePointer<UnsafeRawPointer?>?
    /// Per defined function, ascending: where its body starts in the module file. Empty when
    /// the descriptor has none (hand-written artifacts); traps then name no function.
    let bodyOffsets: UnsafeBufferPointer<UInt32>

    /// Loads and checks the artifact at `path`.
    public init(path: String) throws(ArtifactError) {
        self.path = path
        func fail(_ kind: ArtifactError.Kind, _ message: String) -> ArtifactError { ArtifactError(kind, path, message) }

        guard access(path, F_OK) == 0 else { throw fail(.notFound, "no such file") }
        // Without a slash dlopen would search the library path instead of opening the file.
        let openPath = path.contains("/") ? path : "./" + path
        // dlopen faults (SIGBUS) on a truncated object instead of failing: check it first.
        if let problem = ELFPrecheck.problem(path: openPath) {
            throw fail(.notLoadable, "not a loadable shared object: \(problem)")
        }
        guard let handle = dlopen(openPath, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown reason"
            throw fail(.notLoadable, "not a loadable shared object: \(reason)")
        }
        var loaded = false
        defer { if !loaded { dlclose(handle) } }

        guard let symbol = dlsym(handle, ArtifactABI.descriptorSymbol) else {
            throw fail(.missingDescriptor, "not a midimon artifact: no \(ArtifactABI.descriptorSymbol) symbol")
        }
        // A foreign object may define the name with fewer bytes than the descriptor has.
        let descriptorBytes = ArtifactABI.descriptorWordCount * 8
        guard midimon_symbol_size(symbol) >= descriptorBytes else {
            throw fail(.inconsistent, "\(ArtifactABI.descriptorSymbol) is smaller than the \(descriptorBytes)-byte descriptor")
        }
        let words = UnsafeRawPointer(symbol)
        func word(_ w: ArtifactABI.DescriptorWord) -> UInt64 { words.loadUnaligned(fromByteOffset: 8 * w.rawValue, as: UInt64.self) }
        func pointer(_ w: ArtifactABI.DescriptorWord) -> UnsafeRawPointer? { UnsafeRawPointer(bitPattern: UInt(word(w))) }

        guard word(.magic) == ArtifactABI.magic else {
            throw fail(.badMagic, "bad descriptor magic 0x\(String(word(.magic), radix: 16))")
        }
        guard word(.abiVersion) == ArtifactABI.version else {
            throw fail(.versionMismatch, "artifact ABI version \(word(.abiVersion)), this runtime needs \(ArtifactABI.version): recompile it")
        }
        let objectBase = midimon_object_base(symbol)
        /// Whether `count` bytes at `start` lie in this object (checked at both ends).
        func inObject(_ start: UnsafeRawPointer, _ count: Int) -> Bool {
            count > 0 && midimon_object_base(start) == objectBase && midimon_object_base(start + (count - 1)) == objectBase
        }

        let length = word(.skeletonLength)
        guard let skeleton = pointer(.skeleton), length >= 8, length < 1 << 31, inObject(skeleton, Int(length)) else {
            throw fail(.inconsistent, "the descriptor's skeleton (\(length) bytes) is not inside the object")
        }
        let bytes = Array(UnsafeRawBufferPointer(start: skeleton, count: Int(length)))
        let module: WasmModule
        do {
            module = try ModuleParser.parse(bytes, codeRequired: false)
            _ = try ModuleValidator.validate(module)
        } catch {
            throw fail(.malformedSkeleton, "malformed module skeleton: \(error)")
        }
        guard module.memoryCount <= 1 else { throw fail(.unsupported, "more than one memory") }

        let offsets = VMOffsets(typeCount: module.types.count, tableCount: module.tableCount,
                                globalCount: module.globalCount, functionCount: module.functionCount)
        guard word(.vmctxSize) == UInt64(offsets.size) else {
            throw fail(.inconsistent, "VM context size \(word(.vmctxSize)) in the descriptor, \(offsets.size) by this runtime's layout")
        }
        let defined = module.functionTypeIndices.count
        guard word(.definedFunctionCount) == UInt64(defined) else {
            throw fail(.inconsistent, "the descriptor counts \(word(.definedFunctionCount)) functions, the skeleton defines \(defined)")
        }
        let flags = ArtifactABI.CodeFlags(rawValue: word(.flags))
        guard flags.isSubset(of: [.fuel, .guardPages]) else {
            throw fail(.inconsistent, "unknown code flags 0x\(String(flags.rawValue, radix: 16))")
        }

        /// A table of `count` code pointers, each null or inside the object.
        func codeTable(_ w: ArtifactABI.DescriptorWord, _ count: Int) throws(ArtifactError) -> UnsafePointer<UnsafeRawPointer?>? {
            guard count > 0 else { return nil }
            guard let start = pointer(w), inObject(start, 8 * count) else {
                throw fail(.inconsistent, "the descriptor's \(w) table is not inside the object")
            }
            let table = start.assumingMemoryBound(to: UnsafeRawPointer?.self)
            for i in 0..<count {
                if let code = table[i], midimon_object_base(code) != objectBase {
                    throw fail(.inconsistent, "\(w)[\(i)] points outside the object")
                }
            }
            return table
        }
        let functions = try codeTable(.functions, defined)
        let entries = try codeTable(.entries, defined)
        let adapters = try codeTable(.importAdapters, module.importedFunctionTypes.count)
        for i in module.importedFunctionTypes.indices where adapters?[i] == nil {
            throw fail(.inconsistent, "imported function \(i) has no import adapter")
        }
        // Optional; when present it must be inside the object and ascending, or the binary
        // search of trap locations would name the wrong function.
        var bodyOffsets = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
        if let start = pointer(.bodyOffsets), defined > 0 {
            guard inObject(start, 4 * defined) else {
                throw fail(.inconsistent, "the descriptor's bodyOffsets table is not inside the object")
            }
            bodyOffsets = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt32.self), count: defined)
            guard zip(bodyOffsets, bodyOffsets.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw fail(.inconsistent, "the descriptor's body offsets are not ascending")
            }
        }

        // What the host can call needs an entry; what can become a funcref needs code.
        let imported = module.importedFunctionTypes.count
        var callable = module.exports.filter { $0.kind == .function }.map(\.index)
        if let start = module.start { callable.append(start) }
        for index in callable where Int(index) >= imported {
            let local = Int(index) - imported
            guard entries?[local] != nil, functions?[local] != nil else {
                throw fail(.inconsistent, "function \(module.functionName(index)) is exported or the start function but has no entry or code")
            }
        }
        for index in Self.referencedFunctions(module) where Int(index) >= imported {
            guard functions?[Int(index) - imported] != nil else {
                throw fail(.inconsistent, "function \(module.functionName(index)) can be referenced but has no code")
            }
        }

        self.handle = handle
        self.module = module
        self.flags = flags
        self.offsets = offsets
        self.skeleton = skeleton
        self.functions = functions
        self.entries = entries
        self.importAdapters = adapters
        self.bodyOffsets = bodyOffsets
        loaded = true
    }

    deinit {
        dlclose(handle)
    }

    /// Functions named by element segments and global initializers: the ones that can
    /// become funcref values without going through an export.
    private static func referencedFunctions(_ module: WasmModule) -> Set<UInt32> {
        var result = Set<UInt32>()
        func scan(_ expression: ConstantExpression) {
            var decoder = InstructionDecoder(
                reader: ByteReader(bytes: module.bytes, position: expression.range.lowerBound, end: expression.range.upperBound),
                hasDataCount: true)
            while let instruction = try? decoder.decode(), instruction.opcode != .end {
                if instruction.opcode == .refFunc { result.insert(instruction.immediates.index) }
            }
        }
        for global in module.globals { scan(global.initializer) }
        for segment in module.elements {
            switch segment.items {
            case .functions(let indices): result.formUnion(indices)
            case .expressions(let expressions): expressions.forEach(scan)
            }
        }
        return result
    }

    /// The function in the function index space (imports first) whose body holds byte `offset`
    /// of the module file: the last body to start at or before it. Nil when the artifact has
    /// no body offsets or `offset` lies before the first body.
    public func functionIndex(containing offset: Int) -> UInt32? {
        // Binary search for the number of bodies starting at or before `offset`.
        var low = 0, high = bodyOffsets.count
        while low < high {
            let middle = (low + high) / 2
            if Int(bodyOffsets[middle]) <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        return UInt32(module.importedFunctionTypes.count + low - 1)
    }

    /// Where trap site `site` (an operator's byte offset, 0 = unknown) lies: its function,
    /// named from the `name` section when the module has one.
    public func location(ofSite site: Int) -> TrapLocation? {
        guard site > 0, let index = functionIndex(containing: site) else { return nil }
        return TrapLocation(.function(index: index, name: module.names.functions[index]), offset: site)
    }

    /// Code of defined function `local`, or nil.
    func code(local: Int) -> UnsafeRawPointer? { functions?[local] }
    func entry(local: Int) -> midimon_entry? {
        entries?[local].map { unsafeBitCast($0, to: midimon_entry.self) }
    }
    func adapter(import index: Int) -> UnsafeRawPointer? { importAdapters?[index] }

    /// A readable name for diagnostics: the file's last component.
    var displayName: String { path.split(separator: "/").last.map(String.init) ?? path }
}
