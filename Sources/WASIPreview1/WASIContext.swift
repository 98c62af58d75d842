import FrontEnd
import Glibc
import PluginABI
import Runtime

/// The state of one guest's `wasi_snapshot_preview1`: its file descriptors, arguments,
/// environment and pending exit. Make one per instance, define its functions into the
/// instance's imports, and ask it after a trap whether the guest exited:
///
/// ```swift
/// let wasi = try WASIContext(configuration)
/// var imports = Imports()
/// wasi.define(into: &imports)
/// let instance = try Instance(artifact, store: store, imports: imports)
/// let status = try wasi.runCommand(instance)   // _start; proc_exit's code, or 0
/// ```
///
/// Threads: the context is used by the calls into its instance's store, which never overlap
/// (``Store``), so it takes no lock.
public final class WASIContext: @unchecked Sendable {
    /// The most descriptors a guest may hold open at once (beyond the standard streams and
    /// preopens): a plugin cannot exhaust the daemon's.
    public static let maximumOpenFiles = 128

    /// What the guest was given; fixed for the context's life.
    public let configuration: WASIConfiguration
    /// Guest descriptor → entry. 0, 1, 2 are the standard streams, 3... the preopens.
    var descriptors: [UInt32: Descriptor] = [:]
    /// The guest's `argv` and `environ`, NUL-terminated, built once.
    let argumentStrings: [[UInt8]]
    let environmentStrings: [[UInt8]]
    /// Set by `proc_exit`, taken by ``takeExit()``.
    private var pendingExit: WASIExit?
    /// Functions already reported through ``WASIConfiguration/denied``.
    private var reportedDenials: Set<String> = []

    /// Opens the preopens (when ``WASIConfiguration/filesystemAllowed``; otherwise they are
    /// ignored). Throws ``WASIContextError`` naming a preopen that is not a directory the
    /// host can open.
    public init(_ configuration: WASIConfiguration) throws(WASIContextError) {
        self.configuration = configuration
        argumentStrings = configuration.arguments.map { Array($0.utf8) + [0] }
        environmentStrings = configuration.environment.map { Array("\($0.name)=\($0.value)".utf8) + [0] }
        descriptors[0] = Descriptor(kind: .standardInput)
        descriptors[1] = Descriptor(kind: .output(.stdout))
        descriptors[2] = Descriptor(kind: .output(.stderr))
        guard configuration.filesystemAllowed else { return }
        for (i, preopen) in configuration.preopens.enumerated() {
            let fd = open(preopen.hostPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else {
                throw WASIContextError(message: "cannot open preopened directory \(preopen.hostPath): \(String(cString: strerror(errno)))")
            }
            descriptors[UInt32(3 + i)] = Descriptor(kind: .directory(preopenName: preopen.guestPath), host: fd)
        }
    }

    // MARK: - Imports

    /// Defines every function of `wasi_snapshot_preview1` in `imports`: the implemented ones,
    /// and an `ENOSYS` (52) stub for each of the others, so that any preview 1 module links.
    public func define(into imports: inout Imports) {
        for (name, parameters) in Preview1.signatures {
            imports.define(module: Preview1.moduleName, name: name, hostFunction(name, parameters: parameters))
        }
    }

    /// Whether `module` imports anything from `wasi_snapshot_preview1`.
    public static func isImported(by module: WasmModule) -> Bool {
        module.imports.contains { $0.module == Preview1.moduleName }
    }

    private func hostFunction(_ name: String, parameters: String) -> HostFunction {
        let type = Preview1.type(name: name, parameters: parameters)
        if name == "proc_exit" {
            // The typed form keeps the thrown exit's description as the trap's detail.
            return HostFunction(type: type) { [self] _, arguments in
                let exit = WASIExit(code: arguments.first?.int32.map { UInt32(bitPattern: $0) } ?? 0)
                pendingExit = exit
                throw exit
            }
        }
        let call = Self.calls[name] ?? Self.notImplemented
        let filesystem = Self.filesystemCalls.contains(name)
        return HostFunction(type: type) { [self] caller, values in
            let result: WASIErrno
            if filesystem && !configuration.filesystemAllowed {
                deny(name)
                result = .notCapable
            } else {
                result = perform(call, caller: caller, values: values)
            }
            values[0] = UInt64(result.rawValue)
            return nil
        }
    }

    /// Runs `call` over the caller's memory (empty when it has none) and the raw arguments.
    private func perform(_ call: Call, caller: Caller, values: UnsafeMutablePointer<UInt64>) -> WASIErrno {
        let arguments = Arguments(values: values)
        func run(_ bytes: UnsafeMutableRawBufferPointer) -> WASIErrno {
            do throws(WASIErrno) {
                try call(self, GuestMemory(bytes: bytes), arguments)
                return .success
            } catch {
                return error
            }
        }
        guard let memory = caller.memory else { return run(UnsafeMutableRawBufferPointer(start: nil, count: 0)) }
        return memory.withUnsafeMutableBytes(run)
    }

    private func deny(_ name: String) {
        guard reportedDenials.insert(name).inserted else { return }
        configuration.denied("\(name) refused: the filesystem capability is not granted")
    }

    // MARK: - Exit

    /// The exit the guest asked for with `proc_exit` during the last call, if it did; taking
    /// it clears it. After ``Function/invoke(_:)`` returns ``TrapCode/hostError``, this tells
    /// an exit (nil otherwise: a real failure).
    public func takeExit() -> WASIExit? {
        defer { pendingExit = nil }
        return pendingExit
    }

    /// The exit `trap` stands for, or nil when it is a real trap. Takes the pending exit
    /// (``takeExit()``). The trap of an exit has code ``TrapCode/hostError`` and the detail
    /// `proc_exit(N)`; only the context knows it was not forged by another host function.
    public func exit(from trap: Trap) -> WASIExit? {
        guard trap.code == .hostError else { return nil }
        return takeExit()
    }

    /// Runs a WASI command: calls `entry` (`_start`, no parameters or results) and returns
    /// the exit code: `proc_exit`'s argument, or 0 when `entry` returns. Any other trap is
    /// thrown as the ``Trap``; a missing `entry` as a ``WASIContextError``.
    public func runCommand(_ instance: Instance, entry: String = "_start") throws -> UInt32 {
        _ = takeExit()
        guard let function = instance.exportedFunction(named: entry) else {
            throw WASIContextError(message: "no exported function \"\(entry)\"")
        }
        do {
            _ = try function.call([])
            return 0
        } catch {
            if let exit = exit(from: error) { return exit.code }
            throw error
        }
    }

    // MARK: - Descriptors

    /// The entry of guest descriptor `fd`, or `EBADF`.
    func descriptor(_ fd: UInt32) throws(WASIErrno) -> Descriptor {
        guard let entry = descriptors[fd] else { throw .badDescriptor }
        return entry
    }

    /// A directory entry to resolve paths beneath, or `EBADF`/`ENOTDIR`.
    func directory(_ fd: UInt32) throws(WASIErrno) -> Descriptor {
        let entry = try descriptor(fd)
        guard entry.isDirectory else { throw .notDirectory }
        return entry
    }

    /// Gives `entry` the lowest free descriptor number, or `EMFILE` past
    /// ``maximumOpenFiles``.
    func insert(_ entry: Descriptor) throws(WASIErrno) -> UInt32 {
        let fixed = 3 + (configuration.filesystemAllowed ? configuration.preopens.count : 0)
        guard descriptors.count < fixed + Self.maximumOpenFiles else { throw .tooManyFiles }
        var fd: UInt32 = 3
        while descriptors[fd] != nil { fd += 1 }
        descriptors[fd] = entry
        return fd
    }
}

/// `proc_exit(code)`: the guest ended itself. Not a failure: ``WASIContext/runCommand(_:entry:)``
/// returns the code, and ``WASIContext/exit(from:)`` tells it from a trap.
public struct WASIExit: Error, Sendable, Equatable, CustomStringConvertible {
    /// The guest's exit status (0 for success, as in POSIX).
    public let code: UInt32

    public init(code: UInt32) {
        self.code = code
    }

    public var description: String { "proc_exit(\(code))" }
}

/// A configuration the host cannot honour (a preopen that cannot be opened), or a command
/// without its entry point.
public struct WASIContextError: Error, Sendable, CustomStringConvertible {
    /// A sentence naming what failed (`cannot open preopened directory /x: No such file or directory`).
    public let message: String
    public var description: String { message }
}

/// The raw arguments of a call: 8-byte slots, i32 in the low half.
struct Arguments {
    let values: UnsafeMutablePointer<UInt64>

    func i32(_ index: Int) -> UInt32 { UInt32(truncatingIfNeeded: values[index]) }
    func i64(_ index: Int) -> UInt64 { values[index] }
}

extension WASIContext {
    /// An implemented function: its arguments, over the caller's memory.
    typealias Call = @Sendable (WASIContext, GuestMemory, Arguments) throws(WASIErrno) -> Void
}
