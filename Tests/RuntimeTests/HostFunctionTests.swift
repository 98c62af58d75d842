import FrontEnd
import Runtime
import Synchronization
import Testing

/// Host functions imported by compiled code: called through the import adapter and the
/// `VMHostContext`, with results, with traps, and calling back into WebAssembly.
struct HostFunctionTests {
    /// `run(x)` returns `2 * host(x)`; `callback(x)` returns `x + 1` or traps for x < 0.
    static let artifact = CArtifact(
        wat: """
            (module
              (import "env" "host" (func (param i32) (result i32)))
              (func (export "run") (param i32) (result i32) unreachable)
              (func (export "callback") (param i32) (result i32) unreachable))
            """,
        c: """
            /* What the compiler emits for an import the host provides. */
            int32_t adapter0(void *host, int32_t a) {
                uint64_t values[1] = { (uint32_t)a };
                midimon_vm_host_context *context = host;
                int32_t code = context->callback(host, values);
                if (code != 0) ((trap_fn)context->trap)(host, code, 0);
                return (int32_t)values[0];
            }

            int32_t run(void *vmctx, int32_t x) {
                midimon_vm_func_ref *import = FUNCREF(vmctx, 0);
                int32_t (*code)(void *, int32_t) = (int32_t (*)(void *, int32_t))import->code;
                return 2 * code(import->vmctx, x);
            }
            void run_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)run(vmctx, (int32_t)v[0]); }

            int32_t callback(void *vmctx, int32_t x) {
                if (x < 0) TRAP(vmctx, 1, 7);
                return x + 1;
            }
            void callback_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)callback(vmctx, (int32_t)v[0]); }
            """,
        functions: ["run", "callback"], entries: ["run_entry", "callback_entry"], adapters: ["adapter0"])

    static let i32ToI32 = FunctionType(parameters: [.i32], results: [.i32])

    func instantiate(_ host: HostFunction) async throws -> Instance {
        var imports = Imports()
        imports.define(module: "env", name: "host", host)
        return try Instance(try await Self.artifact.load(), store: Store(), imports: imports)
    }

    @Test func typedHostFunction() async throws {
        let instance = try await instantiate(HostFunction(type: Self.i32ToI32) { _, arguments in
            [Value(arguments[0].int32! * 10)]
        })
        #expect(try instance.exportedFunction(named: "run")?.call([.i32(4)]) == [.i32(80)])
    }

    @Test func rawHostFunction() async throws {
        let instance = try await instantiate(HostFunction(type: Self.i32ToI32, body: { _, values in
            values[0] = values[0] &+ 3
            return nil
        }))
        #expect(try instance.exportedFunction(named: "run")?.call([.i32(4)]) == [.i32(14)])
    }

    @Test func hostTrapCodeBecomesATrap() async throws {
        let instance = try await instantiate(HostFunction(type: Self.i32ToI32, body: { _, values in
            values[0] == 13 ? .unreachable : nil
        }))
        let run = try #require(instance.exportedFunction(named: "run"))
        #expect { _ = try run.call([.i32(13)]) } throws: { ($0 as! Trap).code == .unreachable }
        #expect(try run.call([.i32(2)]) == [.i32(4)])
    }

    struct Refusal: Error, CustomStringConvertible {
        var description: String { "the host refuses" }
    }

    @Test func thrownErrorIsAHostErrorTrapWithItsMessage() async throws {
        let instance = try await instantiate(HostFunction(type: Self.i32ToI32) { _, _ in throw Refusal() })
        let run = try #require(instance.exportedFunction(named: "run"))
        do {
            _ = try run.call([.i32(1)])
            Issue.record("expected a trap")
        } catch {
            #expect(error.code == .hostError)
            #expect(error.detail == "the host refuses")
        }
    }

    @Test func wrongResultTypesAreAHostError() async throws {
        let instance = try await instantiate(HostFunction(type: Self.i32ToI32) { _, _ in [.i64(1)] })
        #expect { _ = try instance.exportedFunction(named: "run")?.call([.i32(1)]) } throws: {
            ($0 as! Trap).code == .hostError
        }
    }

    /// A host function that calls back into WebAssembly: the nested call has its own trap
    /// frame, so a trap inside it returns to the host function, and the outer call goes on.
    @Test func reentrantCallsAndNestedTraps() async throws {
        let callee = Mutex<Function?>(nil)
        let nestedTraps = Mutex(0)
        let instance = try await instantiate(HostFunction(type: Self.i32ToI32) { _, arguments in
            let function = callee.withLock { $0 }!
            do {
                _ = try function.call([Value(Int32(-1))])
            } catch {
                nestedTraps.withLock { $0 += 1 }
            }
            return try function.call(arguments)
        })
        callee.withLock { $0 = instance.exportedFunction(named: "callback") }
        #expect(try instance.exportedFunction(named: "run")?.call([.i32(20)]) == [.i32(42)])
        #expect(nestedTraps.withLock { $0 } == 1)
    }

    @Test func callerSeesTheImportersMemory() async throws {
        let artifact = CArtifact(
            wat: """
                (module
                  (import "env" "poke" (func (param i32)))
                  (memory 1)
                  (func (export "run") (param i32) unreachable))
                """,
            c: """
                void adapter0(void *host, int32_t a) {
                    uint64_t values[1] = { (uint32_t)a };
                    midimon_vm_host_context *context = host;
                    int32_t code = context->callback(host, values);
                    if (code != 0) ((trap_fn)context->trap)(host, code, 0);
                }
                void run(void *vmctx, int32_t x) {
                    midimon_vm_func_ref *import = FUNCREF(vmctx, 0);
                    ((void (*)(void *, int32_t))import->code)(import->vmctx, x);
                }
                void run_entry(void *vmctx, uint64_t *v) { run(vmctx, (int32_t)v[0]); }
                """,
            functions: ["run"], entries: ["run_entry"], adapters: ["adapter0"])
        var imports = Imports()
        imports.define(module: "env", name: "poke", HostFunction(type: FunctionType(parameters: [.i32], results: [])) { caller, arguments in
            caller.memory?.write([0xAB], at: Int(arguments[0].int32!))
            return []
        })
        let instance = try Instance(try await artifact.load(), store: Store(), imports: imports)
        _ = try instance.exportedFunction(named: "run")?.call([.i32(5)])
        #expect(instance.memory?.read(at: 5, count: 1) == [0xAB])
    }

    @Test func hostFunctionOfTheWrongTypeIsIncompatible() async throws {
        var imports = Imports()
        imports.define(module: "env", name: "host", HostFunction(type: FunctionType(parameters: [.i64], results: [.i32])) { _, _ in [.i32(0)] })
        let artifact = try await Self.artifact.load()
        #expect { _ = try Instance(artifact, store: Store(), imports: imports) } throws: { error in
            let error = error as! InstantiationError
            return error.kind == .incompatibleImportType && error.message.hasPrefix("incompatible import type")
        }
    }

    @Test func missingImportIsUnknown() async throws {
        let artifact = try await Self.artifact.load()
        #expect { _ = try Instance(artifact, store: Store()) } throws: { error in
            let error = error as! InstantiationError
            return error.kind == .unknownImport && error.message == "unknown import \"env\" \"host\""
        }
    }
}

/// A host function an instance imports and exports again is callable from the host too.
struct ReexportedHostFunctionTests {
    @Test func callingAReexportedHostFunction() async throws {
        let artifact = try await CArtifact(
            wat: #"(module (import "env" "twice" (func $t (param i64) (result i64))) (export "twice" (func $t)))"#,
            c: "int64_t adapter0(void *host, int64_t x) { return x; }",
            adapters: ["adapter0"]).load()
        var imports = Imports()
        imports.define(module: "env", name: "twice", HostFunction(type: FunctionType(parameters: [.i64], results: [.i64])) { _, arguments in
            [.i64(arguments[0].int64.map { UInt64(bitPattern: $0 * 2) }!)]
        })
        let instance = try Instance(artifact, store: Store(), imports: imports)
        #expect(try instance.exportedFunction(named: "twice")?.call([.i64(21)]) == [.i64(42)])
    }
}
