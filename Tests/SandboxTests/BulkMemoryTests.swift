import Compiler
import PluginABI
import Runtime
import Testing

/// `memory.fill` and `memory.copy`: compiled code checks the whole range (both ranges for a
/// copy) before C's `memset` or `memmove` writes anything, with either bounds strategy, at O0
/// and O2 (BoundsChecks.swift, `memoryRange`). An access that ends exactly at the end, a
/// zero-length one there included, is in bounds; nothing wraps around 2^32.
struct BulkMemoryTests {
    static let wat = """
        (module
          (memory (export "memory") 1)
          (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2))))
        """

    static let configurations: [(OptimizationLevel, BoundsCheckStrategy)] =
        [(.o0, .explicit), (.o2, .explicit), (.o0, .guardPages), (.o2, .guardPages)]

    /// A fresh instance of the module in one configuration.
    static func instance(_ optimization: OptimizationLevel, _ bounds: BoundsCheckStrategy) throws -> Instance {
        try Instance(try SandboxModule.load(wat, bounds: bounds, optimization: optimization), store: Store())
    }

    /// The trap a call ends with, or nil when it returns.
    static func traps(_ instance: Instance, _ name: String, _ arguments: UInt32...) -> TrapCode? {
        SandboxModule.trap(instance.function(name), arguments.map { .i32($0) })?.code
    }

    @Test(arguments: 0..<configurations.count)
    func fillBounds(_ configuration: Int) throws {
        let (optimization, bounds) = Self.configurations[configuration]
        let instance = try Self.instance(optimization, bounds)
        let memory = try #require(instance.memory)
        #expect(Self.traps(instance, "fill", 10, 0x15A, 3) == nil)  // the value's low byte
        #expect(memory.read(at: 9, count: 5) == [0, 0x5A, 0x5A, 0x5A, 0])
        #expect(Self.traps(instance, "fill", 65536, 1, 0) == nil)  // empty, at the end
        #expect(Self.traps(instance, "fill", 65537, 1, 0) == .outOfBoundsMemoryAccess)  // empty, past the end
        #expect(Self.traps(instance, "fill", 65530, 1, 7) == .outOfBoundsMemoryAccess)  // overlaps the end: nothing written
        #expect(memory.read(at: 65530, count: 6) == [0, 0, 0, 0, 0, 0])
        #expect(Self.traps(instance, "fill", 0xFFFF_FFFF, 1, 2) == .outOfBoundsMemoryAccess)  // no wrap-around
        #expect(Self.traps(instance, "fill", 1, 1, 0xFFFF_FFFF) == .outOfBoundsMemoryAccess)
        #expect(memory.read(at: 0, count: 4) == [0, 0, 0, 0])
    }

    @Test(arguments: 0..<configurations.count)
    func copyIsAMemmove(_ configuration: Int) throws {
        let (optimization, bounds) = Self.configurations[configuration]
        let instance = try Self.instance(optimization, bounds)
        let memory = try #require(instance.memory)
        memory.write([1, 2, 3, 4, 5], at: 0)
        #expect(Self.traps(instance, "copy", 2, 0, 5) == nil)
        #expect(memory.read(at: 0, count: 7) == [1, 2, 1, 2, 3, 4, 5])
        #expect(Self.traps(instance, "copy", 0, 2, 5) == nil)
        #expect(memory.read(at: 0, count: 5) == [1, 2, 3, 4, 5])
        // Either range past the end traps before a byte moves.
        #expect(Self.traps(instance, "copy", 65535, 0, 2) == .outOfBoundsMemoryAccess)
        #expect(memory.read(at: 65535, count: 1) == [0])
        #expect(Self.traps(instance, "copy", 0, 65535, 2) == .outOfBoundsMemoryAccess)
        #expect(memory.read(at: 0, count: 2) == [1, 2])
        #expect(Self.traps(instance, "copy", 65536, 65536, 0) == nil)  // empty, at the end
        #expect(Self.traps(instance, "copy", 65537, 0, 0) == .outOfBoundsMemoryAccess)
        #expect(Self.traps(instance, "copy", 0, 0xFFFF_FFFF, 2) == .outOfBoundsMemoryAccess)  // no wrap-around
    }
}
