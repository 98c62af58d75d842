import Compiler
import Foundation
import PluginABI
import Runtime
import Testing
import WAT

/// The host's limits on memory, tables and native stack, and bulk operations over the whole
/// 4 GiB address range: `memory.grow` and `table.grow` return -1 at the limit, endless
/// recursion traps `call stack exhausted`, and `memory.fill` of 4 GiB traps before it writes
/// anything. Each time the host goes on, and a fresh instance works.
struct LimitTests {
    static let wat = """
        (module
          (memory (export "memory") 1)
          (table $t (export "table") 1 funcref)
          ;; Grows by one page until memory.grow says -1; returns the size in pages.
          (func $growMemory (export "growMemory") (result i32)
            (block $done (loop $l
              (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
              (br $l)))
            (memory.size))
          ;; Grows by `delta` elements until table.grow says -1; returns the size.
          (func $growTable (export "growTable") (param $delta i32) (result i32)
            (block $done (loop $l
              (br_if $done (i32.eq (table.grow $t (ref.null func) (local.get $delta)) (i32.const -1)))
              (br $l)))
            (table.size $t))
          (func $recurse (export "recurse") (call $recurse))
          (func $depth (export "depth") (param i32) (result i32)
            (if (result i32) (local.get 0)
              (then (i32.add (i32.const 1) (call $depth (i32.sub (local.get 0) (i32.const 1)))))
              (else (i32.const 0))))
          (func $fillAll (export "fillAll") (memory.fill (i32.const 0) (i32.const 0xAB) (i32.const -1)))
          (func $copyAll (export "copyAll") (memory.copy (i32.const 0) (i32.const 0) (i32.const -1)))
          (func $answer (export "answer") (result i32) (i32.const 42)))
        """

    /// The same growth loops over an imported memory and table.
    static let importingWat = """
        (module
          (import "env" "memory" (memory 1))
          (import "env" "table" (table $t 1 funcref))
          (func (export "growMemory") (result i32)
            (block $done (loop $l
              (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
              (br $l)))
            (memory.size))
          (func (export "growTable") (param $delta i32) (result i32)
            (block $done (loop $l
              (br_if $done (i32.eq (table.grow $t (ref.null func) (local.get $delta)) (i32.const -1)))
              (br $l)))
            (table.size $t)))
        """

    static func artifact() throws -> Artifact { try SandboxModule.load(wat) }
    static func importing() throws -> Artifact { try SandboxModule.load(importingWat) }

    @Test func theDefaults() {
        #expect(InstanceConfiguration.defaultMemoryLimit == 128 << 20)
        #expect(InstanceConfiguration.defaultTableElementLimit == 10_000)
        #expect(InstanceConfiguration().tableElementLimit == 10_000)
        #expect(Store.defaultStackBudget == 512 * 1024)
        #expect(Store().stackBudget == 512 * 1024)
    }

    // MARK: - Memory

    @Test func memoryGrowReturnsMinusOneAtTheLimit() throws {
        let artifact = try Self.artifact()
        // 1 MiB + 100 bytes: rounded down to 16 pages.
        let small = try Instance(artifact, store: Store(), configuration: InstanceConfiguration(memoryLimit: (1 << 20) + 100))
        #expect(try small.function("growMemory").call([]) == [.i32(16)])
        #expect(small.memory?.pageCount == 16)
        // The default: 128 MiB.
        let roomy = try Instance(artifact, store: Store())
        #expect(try roomy.function("growMemory").call([]) == [.i32(2048)])
        #expect(try small.function("answer").call([]) == [.i32(42)])
    }

    /// An imported memory keeps its own limit, and the importer's limit also stops its grows.
    @Test func importedMemoriesHonourBothLimits() throws {
        let artifact = try Self.importing()
        func instance(memoryLimit: Int, configuration: InstanceConfiguration) throws -> (Instance, Memory) {
            let store = Store()
            let memory = try Memory(store: store, limits: Limits(min: 1), limit: memoryLimit)
            var imports = Imports()
            imports.define(module: "env", name: "memory", .memory(memory))
            imports.define(module: "env", name: "table", .table(try Table(store: store, elementType: .funcref, limits: Limits(min: 1))))
            return (try Instance(artifact, store: store, imports: imports, configuration: configuration), memory)
        }
        // The memory's own limit: 2 MiB.
        let (first, memory) = try instance(memoryLimit: 2 << 20, configuration: InstanceConfiguration())
        #expect(try first.function("growMemory").call([]) == [.i32(32)])
        #expect(memory.grow(by: 1) == nil)
        // The importer's: 1 MiB, under the memory's 128 MiB; the host may still grow it.
        let (second, shared) = try instance(memoryLimit: 128 << 20, configuration: InstanceConfiguration(memoryLimit: 1 << 20))
        #expect(try second.function("growMemory").call([]) == [.i32(16)])
        #expect(shared.grow(by: 1) == 16)
        // The size the host gave it, above the importer's limit, is still its size.
        #expect(try second.function("growMemory").call([]) == [.i32(17)])
    }

    // MARK: - Tables

    @Test func tableGrowReturnsMinusOneAtTheLimit() throws {
        let artifact = try Self.artifact()
        let roomy = try Instance(artifact, store: Store())
        #expect(try roomy.function("growTable").call([.i32(1)]) == [.i32(10_000)])
        // 1 + 1000 × 9 = 9001; one more thousand is past the limit.
        let chunks = try Instance(artifact, store: Store())
        #expect(try chunks.function("growTable").call([.i32(1000)]) == [.i32(9001)])
        let small = try Instance(artifact, store: Store(), configuration: InstanceConfiguration(tableElementLimit: 100))
        #expect(try small.function("growTable").call([.i32(7)]) == [.i32(99)])
        #expect(small.exportedTable(named: "table")?.count == 99)
        #expect(try small.function("answer").call([]) == [.i32(42)])
    }

    @Test func importedTablesHonourBothLimits() throws {
        let artifact = try Self.importing()
        func instance(tableLimit: Int, configuration: InstanceConfiguration) throws -> Instance {
            let store = Store()
            var imports = Imports()
            imports.define(module: "env", name: "memory", .memory(try Memory(store: store, limits: Limits(min: 1))))
            imports.define(module: "env", name: "table",
                           .table(try Table(store: store, elementType: .funcref, limits: Limits(min: 1), limit: tableLimit)))
            return try Instance(artifact, store: store, imports: imports, configuration: configuration)
        }
        #expect(try instance(tableLimit: 50, configuration: InstanceConfiguration()).function("growTable").call([.i32(1)]) == [.i32(50)])
        #expect(try instance(tableLimit: 10_000, configuration: InstanceConfiguration(tableElementLimit: 20))
            .function("growTable").call([.i32(1)]) == [.i32(20)])
        // A host table's default limit is 10,000 too.
        let store = Store()
        let table = try Table(store: store, elementType: .funcref, limits: Limits(min: 9_999))
        #expect(table.grow(by: 1) == 9_999)
        #expect(table.grow(by: 1) == nil)
    }

    // MARK: - Stack

    @Test func endlessRecursionTrapsAtTheStackLimit() throws {
        let artifact = try Self.artifact()
        for budget in [64 * 1024, Store.defaultStackBudget] {
            let instance = try Instance(artifact, store: Store(stackBudget: budget))
            let trap = try #require(SandboxModule.trap(instance.function("recurse")))
            #expect(trap.code == .callStackExhausted)
            #expect(trap.message == "call stack exhausted")
            #expect(trap.location?.place == .function(index: 2, name: "recurse"))
            // The store goes on: shallow recursion fits.
            #expect(try instance.function("depth").call([.i32(100)]) == [.i32(100)])
        }
        let fresh = try Instance(artifact, store: Store())
        #expect(try fresh.function("answer").call([]) == [.i32(42)])
    }

    /// A smaller budget stops recursion earlier: a depth that fits in 512 KiB does not in 16 KiB.
    @Test func theStackBudgetIsTheStores() throws {
        let artifact = try Self.artifact()
        let roomy = try Instance(artifact, store: Store())
        #expect(try roomy.function("depth").call([.i32(2000)]) == [.i32(2000)])
        let tight = try Instance(artifact, store: Store(stackBudget: 16 * 1024))
        #expect(SandboxModule.trap(tight.function("depth"), [.i32(2000)])?.code == .callStackExhausted)
        #expect(try tight.function("depth").call([.i32(10)]) == [.i32(10)])
    }

    // MARK: - 4 GiB bulk operations

    @Test(arguments: [BoundsCheckStrategy.explicit, .guardPages])
    func bulkOperationsOverTheWholeAddressRangeTrapAtOnce(_ bounds: BoundsCheckStrategy) throws {
        let bytes = try wat2wasm(Self.wat, options: EncodeOptions(nameSection: true))
        let artifact = try SandboxModule.load(bytes: bytes, options: CompileOptions(bounds: bounds))
        let instance = try Instance(artifact, store: Store(deadline: .seconds(5)))
        for (name, index) in [("fillAll", UInt32(4)), ("copyAll", 5)] {
            let trap = try #require(SandboxModule.trap(instance.function(name)))
            #expect(trap.code == .outOfBoundsMemoryAccess, "\(name)")
            #expect(trap.message == "out of bounds memory access")
            // Located at the operator (0xFC prefix), not reported as a fault.
            let location = try #require(trap.location)
            #expect(location.place == .function(index: index, name: name))
            #expect(bytes[try #require(location.offset)] == 0xFC)
        }
        // Nothing was written: the whole range is checked before the first byte.
        #expect(instance.memory?.read(at: 0, count: 4) == [0, 0, 0, 0])
        #expect(try instance.function("answer").call([]) == [.i32(42)])
    }
}
