import FrontEnd
import Runtime
import Testing

/// `memory.grow` against the module's maximum and the instance's limit, and the exact bounds
/// rules of the `memory.init` builtin. The C functions return the builtins' results as they
/// are. (`memory.fill` and `memory.copy` check their ranges in compiled code:
/// SandboxTests/BulkMemoryTests.)
struct MemoryTests {
    static func artifact(memory: String) -> CArtifact {
        CArtifact(
            wat: """
                (module
                  (memory (export "memory") \(memory))
                  (data $passive "abcdef")
                  (func (export "grow") (param i32) (result i32) unreachable)
                  (func (export "init") (param i32 i32 i32) (result i32) unreachable)
                  (func (export "drop")))
                """,
            c: """
                typedef int32_t (*grow_fn)(void *, int32_t);
                typedef int32_t (*four_fn)(void *, int32_t, int32_t, int32_t, int32_t);
                typedef void (*drop_fn)(void *, int32_t);
                void grow(void *vmctx, uint64_t *v) { v[0] = (uint32_t)((grow_fn)BUILTIN(vmctx, memoryGrow))(vmctx, (int32_t)v[0]); }
                void init(void *vmctx, uint64_t *v) { v[0] = (uint32_t)((four_fn)BUILTIN(vmctx, memoryInit))(vmctx, 0, v[0], v[1], v[2]); }
                void drop(void *vmctx, uint64_t *v) { ((drop_fn)BUILTIN(vmctx, dataDrop))(vmctx, 0); }
                """,
            // Entry thunks stand in for the functions: these are never called natively.
            functions: ["grow", "init", "drop"], entries: ["grow", "init", "drop"])
    }

    func call(_ instance: Instance, _ name: String, _ arguments: UInt32...) throws -> Int32 {
        let f = try #require(instance.exportedFunction(named: name))
        return try f.call(arguments.map { .i32($0) }).first?.int32 ?? 0
    }

    @Test func growStopsAtTheDefaultLimit() async throws {
        let instance = try Instance(try await Self.artifact(memory: "1").load(), store: Store())
        #expect(try call(instance, "grow", 0) == 1)
        #expect(try call(instance, "grow", 2047) == 1)   // 2048 pages = 128 MiB
        #expect(try call(instance, "grow", 1) == -1)
        #expect(try call(instance, "grow", 0) == 2048)
        #expect(instance.memory?.byteCount == 128 << 20)
        // Fresh pages read as zero and are writable.
        #expect(instance.memory?.read(at: (128 << 20) - 4, count: 4) == [0, 0, 0, 0])
        #expect(instance.memory?.write([1, 2], at: (128 << 20) - 2) == true)
        #expect(instance.memory?.write([1, 2], at: (128 << 20) - 1) == false)
    }

    @Test func aLowerModuleMaximumWins() async throws {
        let instance = try Instance(try await Self.artifact(memory: "1 4").load(), store: Store())
        #expect(try call(instance, "grow", 4) == -1)
        #expect(try call(instance, "grow", 3) == 1)
        #expect(try call(instance, "grow", 1) == -1)
        #expect(try call(instance, "grow", 0xFFFF_FFFF) == -1)
    }

    @Test func theLimitIsConfigurablePerInstance() async throws {
        let artifact = try await Self.artifact(memory: "1").load()
        let small = try Instance(artifact, store: Store(), configuration: InstanceConfiguration(memoryLimit: 3 << 16))
        #expect(try call(small, "grow", 2) == 1)
        #expect(try call(small, "grow", 1) == -1)
        let large = try Instance(artifact, store: Store(), configuration: InstanceConfiguration(memoryLimit: 1 << 30))
        #expect(try call(large, "grow", 10000) == 1)
    }

    @Test func aMinimumAboveTheLimitFailsInstantiation() async throws {
        let artifact = try await Self.artifact(memory: "4").load()
        #expect { _ = try Instance(artifact, store: Store(), configuration: InstanceConfiguration(memoryLimit: 2 << 16)) } throws: {
            ($0 as! InstantiationError).kind == .resourceExhausted
        }
    }

    @Test func initAndDrop() async throws {
        let instance = try Instance(try await Self.artifact(memory: "1").load(), store: Store())
        let memory = try #require(instance.memory)
        #expect(try call(instance, "init", 100, 2, 3) == 0)
        #expect(memory.read(at: 100, count: 3) == Array("cde".utf8))
        #expect(try call(instance, "init", 100, 6, 0) == 0)           // empty, at the segment's end
        #expect(try call(instance, "init", 100, 7, 0) == 5)           // empty, past it
        #expect(try call(instance, "init", 100, 4, 3) == 5)
        #expect(try call(instance, "init", 65535, 0, 2) == 5)
        _ = try instance.exportedFunction(named: "drop")?.call([])
        #expect(try call(instance, "init", 0, 0, 0) == 0)             // a dropped segment is empty
        #expect(try call(instance, "init", 0, 0, 1) == 5)
    }

    @Test func hostCreatedMemory() throws {
        let store = Store()
        let memory = try Memory(store: store, limits: Limits(min: 1, max: 3))
        #expect(memory.limits == Limits(min: 1, max: 3))
        #expect(memory.grow(by: 2) == 1)
        #expect(memory.grow(by: 1) == nil)
        #expect(memory.pageCount == 3)
        #expect(throws: InstantiationError.self) { _ = try Memory(store: store, limits: Limits(min: 10), limit: 5 << 16) }
    }
}
