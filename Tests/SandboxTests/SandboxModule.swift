import Compiler
import Foundation
import Runtime
import Synchronization
import WAT

/// A `.wat` text compiled through the real pipeline and loaded, for the limit, deadline and
/// trap-location tests.
enum SandboxModule {
    /// Compiles `wat` (with its `name` section: `$names` become function names) and loads the
    /// shared object; the file is removed at once (the mapping stays).
    static func load(_ wat: String, fuel: Bool = true, bounds: BoundsCheckStrategy = .explicit,
                     optimization: OptimizationLevel = .o2) throws -> Artifact {
        let bytes = try wat2wasm(wat, options: EncodeOptions(nameSection: true))
        return try load(bytes: bytes, options: CompileOptions(optimization: optimization, bounds: bounds, fuel: fuel))
    }

    static func load(bytes: [UInt8], options: CompileOptions) throws -> Artifact {
        let directory = NSTemporaryDirectory() + "midimon-sandbox-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/module.so"
        _ = try ModuleCompiler.compile(bytes, options: options, output: path)
        return try Artifact(path: path)
    }

    /// The trap a call throws, or nil when it returns.
    static func trap(_ function: Function, _ arguments: [Value] = []) -> Trap? {
        do {
            _ = try function.call(arguments)
            return nil
        } catch {
            return error
        }
    }
}

extension Instance {
    /// The export `name`, which the tests know exists.
    func function(_ name: String) -> Function {
        guard let function = exportedFunction(named: name) else { fatalError("no export \(name)") }
        return function
    }
}

/// Runs `body` on a new thread and returns at once; `wait()` joins it.
final class TestThread: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    init(_ body: @escaping @Sendable () -> Void) {
        let done = self.done
        Thread {
            body()
            done.signal()
        }.start()
    }
    func wait() { done.wait() }
}

/// A flag one thread sets and another polls.
final class Flag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
