import WasmKit

#if canImport(Glibc)
import Glibc
#endif

/// `midimon-bench driver-wasmkit KERNELS.wasm`: WasmKit's interpreter (the WasmKit package
/// this benchmark package pins, the same engine as the toolchain's `wasmkit` command) in its
/// default configuration: direct-threaded register machine, lazy translation, default bounds
/// checking, no fuel. Serves kernel calls through `Function.invoke` (see ``DriverProtocol``).
///
/// It lives in its own file because WasmKit's `Store`, `Instance` and `Function` share their
/// names with midimon's Runtime types.
enum WasmKitDriver {
    static func run(_ arguments: [String]) {
        guard arguments.count == 1 else {
            print("usage: midimon-bench driver-wasmkit KERNELS.wasm")
            exit(2)
        }
        let instance: Instance
        let start = DriverProtocol.now()
        do {
            let module = try parseWasm(bytes: KernelBenchmarks.readAll(arguments[0]))
            let engine = Engine(configuration: EngineConfiguration(compilationMode: .eager))
            instance = try module.instantiate(store: Store(engine: engine))
        } catch {
            DriverProtocol.notReady("\(error)")
            return
        }
        let setup = DriverProtocol.now() - start
        DriverProtocol.serve(facts: "\"version\": \"0.4.2\", \"setup_ns\": \(setup)") { request in
            guard let function = instance.exports[function: request.name] else { return .failure("no export \(request.name)") }
            let arguments = request.arguments.map { Value.i32(UInt32(bitPattern: $0)) }
            let start = DriverProtocol.now()
            let results: [Value]
            do { results = try function.invoke(arguments) } catch { return .failure("trap: \(error)") }
            let end = DriverProtocol.now()
            let bits: UInt64
            switch results.first {
            case .i32(let v): bits = UInt64(v)
            case .i64(let v): bits = v
            case .f32(let v): bits = UInt64(v)
            case .f64(let v): bits = v
            default: return .failure("unexpected result \(results)")
            }
            return .result(bits: bits, nanoseconds: end - start)
        }
    }
}
