import FrontEnd
import Runtime
import Testing

/// Element and data segments at instantiation: active ones written in order (elements before
/// data), out-of-bounds ones trapping with the earlier effects left in imported tables and
/// memories, and funcrefs in tables callable through `call_indirect`-style C.
struct SegmentTests {
    /// `call_indirect` as the compiler emits it, returning the trap codes it would raise.
    static let callIndirect = """
        int32_t call_indirect(void *vmctx, int32_t index) {
            midimon_vm_table *table = TABLE(vmctx, 0);
            if ((uint32_t)index >= table->size) TRAP(vmctx, 7, 1);
            midimon_vm_func_ref *ref = (midimon_vm_func_ref *)table->elements[(uint32_t)index];
            if (ref == 0) TRAP(vmctx, 8, 2);
            if (ref->type_id != TYPE_ID(vmctx, 0)) TRAP(vmctx, 9, 3);
            return ((int32_t (*)(void *))ref->code)(ref->vmctx);
        }
        void call_indirect_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)call_indirect(vmctx, (int32_t)v[0]); }
        int32_t f(void *vmctx) { return 11; }
        void f_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)f(vmctx); }
        int32_t g(void *vmctx) { return 22; }
        int64_t h(void *vmctx) { return 33; }
        """

    static let artifact = CArtifact(
        wat: """
            (module
              (type $r (func (result i32)))
              (memory (export "memory") 1)
              (table (export "table") 4 funcref)
              (global (export "g") i32 (i32.add (i32.const 40) (i32.const 2)))
              (data (i32.const 16) "hello")
              (data "passive")
              (data (i32.const 18) "LL")
              (elem (i32.const 1) $f $g)
              (elem (i32.const 3) funcref (ref.func $h))
              (func $f (export "f") (type $r) unreachable)
              (func $g (type $r) unreachable)
              (func $h (result i64) unreachable)
              (func (export "call_indirect") (param i32) (result i32) unreachable))
            """,
        c: callIndirect,
        functions: ["f", "g", "h", "call_indirect"], entries: ["f_entry", nil, nil, "call_indirect_entry"])

    @Test func activeSegmentsAreWrittenInOrder() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        #expect(instance.memory?.read(at: 16, count: 5) == Array("heLLo".utf8))
        #expect(instance.exportedGlobal(named: "g")?.value == .i32(42))
        let table = try #require(instance.exportedTable(named: "table"))
        #expect(table.get(0) == .funcref(nil))
        let call = try #require(instance.exportedFunction(named: "call_indirect"))
        #expect(try call.call([.i32(1)]) == [.i32(11)])
        #expect(try call.call([.i32(2)]) == [.i32(22)])
        #expect { _ = try call.call([.i32(0)]) } throws: { ($0 as! Trap).code == .uninitializedElement }
        #expect { _ = try call.call([.i32(3)]) } throws: { ($0 as! Trap).code == .indirectCallTypeMismatch }
        #expect { _ = try call.call([.i32(4)]) } throws: { ($0 as! Trap).code == .undefinedElement }
    }

    @Test func tableElementsAreFunctions() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        let table = try #require(instance.exportedTable(named: "table"))
        guard case .funcref(let f?) = table.get(1) else {
            Issue.record("expected a function in slot 1")
            return
        }
        #expect(f == instance.exportedFunction(named: "f"))
        #expect(try f.call([]) == [.i32(11)])
        // $g has no entry: the host cannot call it, but may move it around.
        guard case .funcref(let g?) = table.get(2) else {
            Issue.record("expected a function in slot 2")
            return
        }
        #expect(!g.isCallable)
        #expect(throws: Trap.self) { _ = try g.call([]) }
        #expect(table.set(0, .funcref(g)))
        #expect(try instance.exportedFunction(named: "call_indirect")?.call([.i32(0)]) == [.i32(22)])
        #expect(!table.set(0, .externref(ExternRef(1))))
        #expect(!table.set(9, .funcref(nil)))
    }

    /// `memory` and `table` imported; the second of each kind of segment is out of bounds.
    static func importing(elements: String, data: String) -> CArtifact {
        CArtifact(
            wat: """
                (module
                  (import "host" "memory" (memory 1))
                  (import "host" "table" (table 2 funcref))
                  \(elements)
                  \(data)
                  (func $f (result i32) unreachable))
                """,
            c: "int32_t f(void *vmctx) { return 5; }",
            functions: ["f"], entries: [nil])
    }

    func hostImports(_ store: Store) throws -> (Imports, Memory, Table) {
        let memory = try Memory(store: store, limits: Limits(min: 1))
        let table = try Table(store: store, elementType: .funcref, limits: Limits(min: 2))
        var imports = Imports()
        imports.define(module: "host", name: "memory", .memory(memory))
        imports.define(module: "host", name: "table", .table(table))
        return (imports, memory, table)
    }

    @Test func anOutOfBoundsElementSegmentKeepsEarlierOnesAndSkipsData() async throws {
        let store = Store()
        let (imports, memory, table) = try hostImports(store)
        let artifact = try await Self.importing(
            elements: "(elem (i32.const 0) $f) (elem (i32.const 1) $f $f)",
            data: "(data (i32.const 0) \"x\")").load()
        #expect { _ = try Instance(artifact, store: store, imports: imports) } throws: { error in
            let error = error as! InstantiationError
            return error.kind == .trap && error.trap?.code == .outOfBoundsTableAccess
                && error.message == "out of bounds table access"
        }
        guard case .funcref(let f?) = table.get(0) else {
            Issue.record("the first segment should have been written")
            return
        }
        #expect(f.type == FunctionType(parameters: [], results: [.i32]))
        #expect(table.get(1) == .funcref(nil))
        #expect(memory.read(at: 0, count: 1) == [0])   // data comes after elements
    }

    @Test func anOutOfBoundsDataSegmentKeepsEarlierOnes() async throws {
        let store = Store()
        let (imports, memory, _) = try hostImports(store)
        let artifact = try await Self.importing(
            elements: "",
            data: "(data (i32.const 0) \"ab\") (data (i32.const 65535) \"cd\")").load()
        #expect { _ = try Instance(artifact, store: store, imports: imports) } throws: { error in
            let error = error as! InstantiationError
            return error.kind == .trap && error.trap?.code == .outOfBoundsMemoryAccess
        }
        #expect(memory.read(at: 0, count: 2) == Array("ab".utf8))
        #expect(memory.read(at: 65535, count: 1) == [0])
    }

    @Test func anEmptySegmentAtTheEndIsInBoundsButNotPastIt() async throws {
        let store = Store()
        let (imports, _, _) = try hostImports(store)
        let atEnd = try await Self.importing(elements: "(elem (i32.const 2))", data: "(data (i32.const 65536) \"\")").load()
        _ = try Instance(atEnd, store: store, imports: imports)
        let pastEnd = try await Self.importing(elements: "(elem (i32.const 3))", data: "").load()
        #expect(throws: InstantiationError.self) { _ = try Instance(pastEnd, store: store, imports: imports) }
    }
}
