import FrontEnd
import Runtime
import Testing

/// Two instances of one store sharing a memory, a table, a global and a function; and the
/// import matching rules.
struct LinkingTests {
    /// Exports everything; `bump()` increments the global and returns it.
    static let exporter = CArtifact(
        wat: """
            (module
              (memory (export "memory") 1 10)
              (table (export "table") 2 20 funcref)
              (global (export "counter") (mut i32) (i32.const 100))
              (global (export "constant") i64 (i64.const -1))
              (elem (i32.const 0) $bump)
              (func $bump (export "bump") (result i32) unreachable))
            """,
        c: """
            int32_t bump(void *vmctx) {
                uint32_t *counter = (uint32_t *)GLOBAL(vmctx, 0);
                return (int32_t)++*counter;
            }
            void bump_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)bump(vmctx); }
            """,
        functions: ["bump"], entries: ["bump_entry"])

    /// Imports them; `run()` writes to memory, bumps through the import and through the
    /// table, and reads the global through its pointer.
    static let importer = CArtifact(
        wat: """
            (module
              (import "a" "memory" (memory 1))
              (import "a" "table" (table 1 funcref))
              (import "a" "counter" (global (mut i32)))
              (import "a" "bump" (func $bump (result i32)))
              (export "reexported" (func $bump))
              (func (export "run") (result i32) unreachable))
            """,
        c: """
            typedef int32_t (*bump_fn)(void *);
            int32_t run(void *vmctx) {
                MEMORY(vmctx)->base[7] = 0x77;
                midimon_vm_func_ref *import = FUNCREF(vmctx, 0);
                ((bump_fn)import->code)(import->vmctx);
                midimon_vm_func_ref *element = (midimon_vm_func_ref *)TABLE(vmctx, 0)->elements[0];
                ((bump_fn)element->code)(element->vmctx);
                return **(int32_t **)GLOBAL(vmctx, 0);
            }
            void run_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)run(vmctx); }
            int32_t adapter0(void *host) { return 0; }
            """,
        functions: ["run"], entries: ["run_entry"], adapters: ["adapter0"])

    @Test func sharedMemoryTableGlobalAndFunction() async throws {
        let store = Store()
        let a = try Instance(try await Self.exporter.load(), store: store)
        var imports = Imports()
        imports.define(module: "a", a)
        let b = try Instance(try await Self.importer.load(), store: store, imports: imports)

        #expect(try b.exportedFunction(named: "run")?.call([]) == [.i32(102)])
        #expect(a.exportedGlobal(named: "counter")?.value == .i32(102))
        #expect(a.memory?.read(at: 7, count: 1) == [0x77])
        // The host sees the same objects from either side.
        #expect(b.memory?.byteCount == a.memory?.byteCount)
        #expect(a.exportedMemory(named: "memory")?.grow(by: 1) == 1)
        #expect(b.memory?.pageCount == 2)
        #expect(a.exportedGlobal(named: "counter")?.set(.i32(0)) == true)
        #expect(try b.exportedFunction(named: "run")?.call([]) == [.i32(2)])
        #expect(a.exportedGlobal(named: "constant")?.set(.i64(0)) == false)
        // A re-exported import calls the exporter's function.
        #expect(try b.exportedFunction(named: "reexported")?.call([]) == [.i32(3)])
        #expect(a.exportedGlobal(named: "counter")?.value == .i32(3))
    }

    @Test func importMatching() async throws {
        let store = Store()
        let a = try Instance(try await Self.exporter.load(), store: store)
        let importer = try await Self.importer.load()
        func failure(_ change: (inout Imports) throws -> Void) rethrows -> InstantiationError? {
            var imports = Imports()
            imports.define(module: "a", a)
            try change(&imports)
            do {
                _ = try Instance(importer, store: store, imports: imports)
                return nil
            } catch {
                return error
            }
        }
        // A global of the wrong mutability.
        #expect(failure { $0.define(module: "a", name: "counter", .global(Global(store: store, value: .i32(0), isMutable: false)!)) }?.kind == .incompatibleImportType)
        // A memory too small for the import's minimum, and one without the maximum it needs.
        #expect(try failure { $0.define(module: "a", name: "memory", .memory(try Memory(store: store, limits: Limits(min: 0)))) }?.kind == .incompatibleImportType)
        // A function of another type, and something that is not a function.
        #expect(failure { $0.define(module: "a", name: "bump", .function(a.exportedFunction(named: "bump")!)) } == nil)
        #expect(failure { $0.define(module: "a", name: "bump", .global(a.exportedGlobal(named: "counter")!)) }?.kind == .incompatibleImportType)
        // A table of the wrong element type.
        #expect(try failure { $0.define(module: "a", name: "table", .table(try Table(store: store, elementType: .externref, limits: Limits(min: 1)))) }?.kind == .incompatibleImportType)
        // Anything from another store.
        #expect(try failure { $0.define(module: "a", name: "memory", .memory(try Memory(store: Store(), limits: Limits(min: 1)))) }?.kind == .foreignStore)
    }

    @Test func importedLimitsMustFit() async throws {
        let store = Store()
        let artifact = try await CArtifact(
            wat: #"(module (import "m" "memory" (memory 1 5)))"#, c: "").load()
        func instantiate(_ limits: Limits) throws -> Instance {
            var imports = Imports()
            imports.define(module: "m", name: "memory", .memory(try Memory(store: store, limits: limits)))
            return try Instance(artifact, store: store, imports: imports)
        }
        _ = try instantiate(Limits(min: 2, max: 5))
        _ = try instantiate(Limits(min: 1, max: 3))
        #expect(throws: InstantiationError.self) { _ = try instantiate(Limits(min: 1)) }
        #expect(throws: InstantiationError.self) { _ = try instantiate(Limits(min: 1, max: 6)) }
    }

    @Test func hostGlobalsAndExternrefTables() throws {
        let store = Store()
        let global = try #require(Global(store: store, value: .f64(Double(2.5).bitPattern), isMutable: true))
        #expect(global.value.double == 2.5)
        #expect(global.set(Value(Double(-1))))
        #expect(!global.set(.i32(1)))
        let table = try Table(store: store, elementType: .externref, limits: Limits(min: 1, max: 3), initial: .externref(ExternRef(0)))
        #expect(table.get(0) == .externref(ExternRef(0)))
        #expect(table.grow(by: 2, initial: .externref(ExternRef(9))) == 1)
        #expect(table.get(2) == .externref(ExternRef(9)))
        #expect(table.grow(by: 1) == nil)
        #expect(table.set(1, .externref(nil)))
        #expect(table.get(1) == .externref(nil))
    }
}
