import Compiler
import Runtime

#if canImport(Glibc)
import Glibc
#endif

/// `midimon-bench driver-midimon CONFIGURATION KERNELS.wasm`: compiles the module once with
/// the configuration's options (O2, code for the host CPU, every core), loads and instantiates
/// it in a default ``Store`` (5 s deadline, as a plugin host runs), and serves kernel calls
/// through ``Function/invoke(_:)`` (see ``DriverProtocol``). Compile and load time are not in
/// the call figures; they are printed with the ready line.
enum MidimonDriver {
    static func run(_ arguments: [String]) {
        guard arguments.count == 2,
              let options = KernelBenchmarks.configurations.first(where: { $0.0 == arguments[0] })?.1 else {
            print("usage: midimon-bench driver-midimon \(KernelBenchmarks.configurations.map(\.0).joined(separator: "|")) KERNELS.wasm")
            exit(2)
        }
        let directory = CompilerBenchmarks.scratch()
        let path = "\(directory)/kernels.so"
        defer { unlink(path); rmdir(directory) }
        let instance: Instance
        let compileStart = DriverProtocol.now()
        do {
            _ = try ModuleCompiler.compile(KernelBenchmarks.readAll(arguments[1]), options: options, output: path)
            instance = try Instance(try Artifact(path: path), store: Store())
        } catch {
            DriverProtocol.notReady("\(error)")
            return
        }
        let setup = DriverProtocol.now() - compileStart
        Runtime.prepareCurrentThread()
        let values = UnsafeMutablePointer<UInt64>.allocate(capacity: 8)
        defer { values.deallocate() }
        var functions: [String: Function] = [:]
        DriverProtocol.serve(facts: "\"version\": \"\(Runtime.version)\", \"setup_ns\": \(setup)") { request in
            guard let function = functions[request.name] ?? instance.exportedFunction(named: request.name) else {
                return .failure("no export \(request.name)")
            }
            functions[request.name] = function
            if options.fuel { instance.store.fuel = .max }  // outside the timed region
            for (i, a) in request.arguments.enumerated() { values[i] = UInt64(UInt32(bitPattern: a)) }
            let start = DriverProtocol.now()
            let trap = function.invoke(values)
            let end = DriverProtocol.now()
            if let trap { return .failure("trap: \(trap)") }
            return .result(bits: DriverProtocol.mask(values[0], request.result), nanoseconds: end - start)
        }
    }
}
