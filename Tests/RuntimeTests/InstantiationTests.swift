import FrontEnd
import Runtime
import Testing

/// Global initializers, the start function, and what a store frees.
struct InstantiationTests {
    @Test func constantExpressions() async throws {
        let artifact = try await CArtifact(
            wat: """
                (module
                  (import "env" "base" (global $base i32))
                  (memory 1)
                  (global (export "scaled") i32 (i32.mul (global.get $base) (i32.const 2)))
                  (global (export "wide") i64 (i64.sub (i64.const 10) (i64.const 20)))
                  (global (export "half") f32 (f32.const 1.5))
                  (global (export "nan") f64 (f64.const nan:0x4000000000001))
                  (global (export "ref") funcref (ref.func $f))
                  (global (export "none") externref (ref.null extern))
                  (data (global.get $base) "!")
                  (func $f (export "f") (result i32) unreachable))
                """,
            c: """
                int32_t f(void *vmctx) { return 99; }
                void f_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)f(vmctx); }
                """,
            functions: ["f"], entries: ["f_entry"]).load()
        let store = Store()
        var imports = Imports()
        imports.define(module: "env", name: "base", .global(try #require(Global(store: store, value: .i32(21), isMutable: false))))
        let instance = try Instance(artifact, store: store, imports: imports)
        #expect(instance.exportedGlobal(named: "scaled")?.value == .i32(42))
        #expect(instance.exportedGlobal(named: "wide")?.value == Value(Int64(-10)))
        #expect(instance.exportedGlobal(named: "half")?.value == Value(Float(1.5)))
        #expect(instance.exportedGlobal(named: "nan")?.value == .f64(0x7FF4_0000_0000_0001))
        #expect(instance.exportedGlobal(named: "none")?.value == .externref(nil))
        guard case .funcref(let f?) = instance.exportedGlobal(named: "ref")?.value else {
            Issue.record("expected a function")
            return
        }
        #expect(try f.call([]) == [.i32(99)])
        #expect(instance.memory?.read(at: 21, count: 1) == Array("!".utf8))
    }

    /// `start` writes to memory; with `fail` set in memory first... it is data that decides:
    /// the start function traps when byte 0 is non-zero.
    static func startArtifact(data: String) -> CArtifact {
        CArtifact(
            wat: """
                (module
                  (memory (export "memory") 1)
                  (data (i32.const 0) "\(data)")
                  (func $start unreachable)
                  (start $start))
                """,
            c: """
                void start(void *vmctx) {
                    uint8_t *memory = MEMORY(vmctx)->base;
                    if (memory[0] != 0) TRAP(vmctx, 1, 0x99);
                    memory[1] = 0x51;
                }
                void start_entry(void *vmctx, uint64_t *v) { start(vmctx); }
                """,
            functions: ["start"], entries: ["start_entry"])
    }

    @Test func theStartFunctionRunsLast() async throws {
        let instance = try Instance(try await Self.startArtifact(data: "\\00").load(), store: Store())
        #expect(instance.memory?.read(at: 0, count: 2) == [0, 0x51])
    }

    @Test func aTrappingStartFunctionFailsInstantiation() async throws {
        let artifact = try await Self.startArtifact(data: "\\01").load()
        #expect { _ = try Instance(artifact, store: Store()) } throws: { error in
            let error = error as! InstantiationError
            return error.kind == .trap && error.trap?.code == .unreachable && error.trap?.site == 0x99
        }
    }

    @Test func anImportedStartFunction() async throws {
        let artifact = try await CArtifact(
            wat: #"(module (import "env" "start" (func $s)) (start $s))"#,
            c: """
                void adapter0(void *host) {
                    uint64_t values[1];
                    midimon_vm_host_context *context = host;
                    int32_t code = context->callback(host, values);
                    if (code != 0) ((trap_fn)context->trap)(host, code, 0);
                }
                """,
            adapters: ["adapter0"]).load()
        let calls = Failures()
        var imports = Imports()
        imports.define(module: "env", name: "start", HostFunction(type: FunctionType(parameters: [], results: [])) { _, _ in
            calls.record("called")
            return []
        })
        _ = try Instance(artifact, store: Store(), imports: imports)
        #expect(calls.messages == ["called"])
    }

    /// Each memory reserves 8 GiB of address space: 20 000 of them are more than a process
    /// has (128 TiB), so this loop only passes if dropped stores and failed instantiations
    /// give their reservations back.
    @Test func storesAndFailedInstantiationsFreeTheirMemory() async throws {
        let artifact = try await CArtifact(
            wat: #"(module (memory 1) (table 5 funcref))"#, c: "").load()
        let failing = InstanceConfiguration(tableElementLimit: 2)   // fails after the memory exists
        var failures = 0
        for i in 0..<20_000 {
            if i % 2 == 0 {
                _ = try Instance(artifact, store: Store())
            } else {
                do { _ = try Instance(artifact, store: Store(), configuration: failing) } catch { failures += 1 }
            }
        }
        #expect(failures == 10_000)
    }
}
