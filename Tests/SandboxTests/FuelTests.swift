import Compiler
import Foundation
import PluginABI
import Runtime
import Synchronization
import Testing
import WAT

/// Exact fuel numbers: the budget minus what is left after a call, per WebAssembly operator
/// with wasmtime's cost model (Fuel.swift). The expected numbers are pinned here so that a
/// change that moves them fails and is explained, not re-blessed. `agreesWithWasmtime`
/// checks the pinned numbers against wasmtime itself (its PyPI package, installed by
/// scripts/setup) for every case that returns normally.
struct FuelTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var wat: String
        var export: String
        var args: [Int32]
        /// Fuel consumed by the call.
        var expected: Int64
        /// Whether the call traps (then `expected` is midimon's exact count up to and
        /// including the trapping operator; wasmtime reports only what it flushed before).
        var traps: TrapCode?
        /// With guard pages an out-of-bounds access faults instead of taking a trap path, and
        /// the fuel left is what was last stored at a host boundary (direct calls carry fuel
        /// in a register): this count.
        var guardFaultCount: Int64?
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty function: the entry unit", wat: #"(module (func (export "f")))"#, export: "f", args: [], expected: 1),
        Case(name: "nop, drop, block and end are free", wat: #"(module (func (export "f") nop (drop (i32.const 1)) (block nop) nop))"#,
             export: "f", args: [], expected: 2),
        Case(name: "straight line", wat: #"(module (func (export "f") (result i32) (i32.add (i32.const 1) (i32.const 2))))"#,
             export: "f", args: [], expected: 4),
        Case(name: "counted loop", wat: """
            (module (func (export "f") (param i32) (loop $l
              (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))
            """, export: "f", args: [10], expected: 51),
        Case(name: "call and return", wat: """
            (module (func (export "f") (result i32) (call $g (i32.const 1)))
                    (func $g (param i32) (result i32) (local.get 0)))
            """, export: "f", args: [], expected: 5),
        Case(name: "if, then arm", wat: """
            (module (func (export "f") (param i32) (result i32)
              (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.add (i32.const 2) (i32.const 3))))))
            """, export: "f", args: [1], expected: 4),
        Case(name: "if, else arm", wat: """
            (module (func (export "f") (param i32) (result i32)
              (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.add (i32.const 2) (i32.const 3))))))
            """, export: "f", args: [0], expected: 6),
        Case(name: "br_table", wat: """
            (module (func (export "f") (param i32) (result i32)
              (block (block (br_table 0 1 (local.get 0)))) (i32.const 5)))
            """, export: "f", args: [0], expected: 4),
        Case(name: "early return skips the rest", wat: """
            (module (func (export "f") (param i32) (result i32) (return (i32.const 3)) (drop (i32.const 4)) (i32.const 5)))
            """, export: "f", args: [0], expected: 2),
        Case(name: "call_indirect", wat: """
            (module (type $t (func (result i32))) (table 1 funcref) (elem (i32.const 0) $g)
              (func (export "f") (result i32) (call_indirect (type $t) (i32.const 0)))
              (func $g (type $t) (i32.const 7)))
            """, export: "f", args: [], expected: 5),
        Case(name: "multi-value and float results beside the carried fuel", wat: """
            (module (func (export "f") (result i32)
                      (call $g) (i32.add) (drop (call $h (f64.const 1.5))))
                    (func $g (result i32 i32) (i32.const 1) (i32.const 2))
                    (func $h (param f64) (result f64) (f64.add (local.get 0) (local.get 0))))
            """, export: "f", args: [], expected: 12),
        Case(name: "call_indirect into a function that calls directly", wat: """
            (module (type $t (func (result i32))) (table 1 funcref) (elem (i32.const 0) $g)
              (func (export "f") (result i32) (call_indirect (type $t) (i32.const 0)))
              (func $g (type $t) (i32.add (call $h) (call $h)))
              (func $h (result i32) (i32.const 7)))
            """, export: "f", args: [], expected: 11),
        Case(name: "recursive fib(10)", wat: """
            (module (func $fib (export "fib") (param i32) (result i32)
              (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
                (then (local.get 0))
                (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                               (call $fib (i32.sub (local.get 0) (i32.const 2))))))))
            """, export: "fib", args: [10], expected: 1766),
        Case(name: "memory loop", wat: """
            (module (memory 1) (func (export "f") (param i32) (result i32) (local i32)
              (loop $l
                (i32.store (i32.mul (local.get 0) (i32.const 4)) (local.get 0))
                (local.set 1 (i32.add (local.get 1) (i32.load (i32.mul (local.get 0) (i32.const 4)))))
                (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
              (local.get 1)))
            """, export: "f", args: [100], expected: 1702),
        Case(name: "trap: division by zero counts up to the division", wat: """
            (module (func (export "f") (param i32) (result i32) (i32.div_s (i32.const 7) (local.get 0))))
            """, export: "f", args: [0], expected: 4, traps: .integerDivideByZero),
        Case(name: "trap: unreachable after three operators", wat: """
            (module (func (export "f") (drop (i32.add (i32.const 1) (i32.const 2))) unreachable))
            """, export: "f", args: [], expected: 4, traps: .unreachable),
        Case(name: "trap: in a callee, after the caller's operators", wat: """
            (module (memory 1) (func (export "f") (result i32) (i32.add (i32.const 1) (call $g)))
                    (func $g (result i32) (i32.load (i32.const 65536))))
            """, export: "f", args: [], expected: 6, traps: .outOfBoundsMemoryAccess, guardFaultCount: 0),
    ]

    static let configurations: [(OptimizationLevel, BoundsCheckStrategy)] = [(.o0, .explicit), (.o2, .explicit), (.o2, .guardPages)]

    /// Compiles `wat`, calls the export with a budget, and returns the fuel consumed and the trap.
    static func run(_ wat: String, _ export: String, _ args: [Int32], budget: Int64 = 1_000_000_000,
                    optimization: OptimizationLevel = .o2, bounds: BoundsCheckStrategy = .explicit) throws -> (Int64, Trap?) {
        let directory = NSTemporaryDirectory() + "midimon-fuel-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/module.so"
        _ = try ModuleCompiler.compile(try wat2wasm(wat), options: CompileOptions(optimization: optimization, bounds: bounds), output: path)
        let store = Store(fuel: budget)
        let instance = try Instance(try Artifact(path: path), store: store)
        do {
            _ = try instance.exportedFunction(named: export)!.call(args.map { Value($0) })
            return (budget - store.fuel, nil)
        } catch {
            return (budget - store.fuel, error)
        }
    }

    @Test(arguments: cases)
    func exactFuel(_ c: Case) throws {
        for (optimization, bounds) in Self.configurations {
            let (consumed, trap) = try Self.run(c.wat, c.export, c.args, optimization: optimization, bounds: bounds)
            let expected = bounds == .guardPages ? c.guardFaultCount ?? c.expected : c.expected
            #expect(consumed == expected, "\(c.name) at \(optimization) with \(bounds) bounds")
            #expect(trap?.code == c.traps, "\(c.name) at \(optimization) with \(bounds) bounds")
        }
    }

    @Test func outOfFuelStopsAnEndlessLoopAtTheSamePointEveryTime() throws {
        let wat = #"(module (func (export "spin") (local i32) (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br $l))))"#
        var counts: Set<Int64> = []
        for (optimization, bounds) in Self.configurations {
            let (consumed, trap) = try Self.run(wat, "spin", [], budget: 1000, optimization: optimization, bounds: bounds)
            #expect(trap?.code == .outOfFuel)
            #expect(trap?.message == "out of fuel")
            counts.insert(consumed)
        }
        // Entry (1) + 5 per iteration: the check at the header of iteration 201 sees 1001 > 1000.
        #expect(counts == [1001])
    }

    @Test func outOfFuelInEndlessRecursionWithoutLoops() throws {
        let wat = #"(module (func $f (export "f") (call $f)))"#
        let (consumed, trap) = try Self.run(wat, "f", [], budget: 99)
        #expect(trap?.code == .outOfFuel)
        // Level k has spent 2k - 1 at its entry check (each level: its entry unit and its call):
        // level 51 is the first beyond the budget.
        #expect(consumed == 101)
    }

    /// Fuel travels between the module's functions in a register; at an import it must be in
    /// the store, where the host reads it and where a call back into the instance (through
    /// its host wrapper) takes it from and leaves it.
    @Test func theHostSeesExactFuelAndCallsBackIn() throws {
        let wat = """
            (module
              (import "env" "host" (func $host (result i32)))
              (func (export "f") (result i32) (i32.add (i32.const 1) (call $g)))
              (func $g (result i32) (call $host))
              (func (export "leaf") (result i32) (i32.const 5)))
            """
        for (optimization, bounds) in Self.configurations {
            let directory = NSTemporaryDirectory() + "midimon-fuel-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = directory + "/module.so"
            _ = try ModuleCompiler.compile(try wat2wasm(wat), options: CompileOptions(optimization: optimization, bounds: bounds), output: path)
            let budget: Int64 = 1000
            let store = Store(fuel: budget)
            let leaf = Mutex<Function?>(nil)
            let seen = Mutex<[Int64]>([])
            var imports = Imports()
            imports.define(module: "env", name: "host", HostFunction(type: FunctionType(parameters: [], results: [.i32])) { _, _ in
                seen.withLock { $0.append(budget - store.fuel) }
                let result = try leaf.withLock { $0 }!.call([])
                seen.withLock { $0.append(budget - store.fuel) }
                return result
            })
            let instance = try Instance(try Artifact(path: path), store: store, imports: imports)
            leaf.withLock { $0 = instance.exportedFunction(named: "leaf") }
            #expect(try instance.exportedFunction(named: "f")!.call([]) == [.i32(6)])
            // f: entry, const, call (3); g: entry, call (5) when the host runs; leaf: entry,
            // const (7); then f's add (8).
            #expect(seen.withLock { $0 } == [5, 7], "at \(optimization) with \(bounds) bounds")
            #expect(budget - store.fuel == 8, "at \(optimization) with \(bounds) bounds")
        }
    }

    @Test func codeWithoutFuelIgnoresTheBudget() throws {
        let directory = NSTemporaryDirectory() + "midimon-nofuel-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/module.so"
        let wat = #"(module (func (export "f") (param i32) (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))"#
        _ = try ModuleCompiler.compile(try wat2wasm(wat), options: CompileOptions(fuel: false), output: path)
        let artifact = try Artifact(path: path)
        #expect(!artifact.flags.contains(.fuel))
        let store = Store(fuel: 5)
        _ = try Instance(artifact, store: store).exportedFunction(named: "f")!.call([Value(Int32(100))])
        #expect(store.fuel == 5)
    }

    /// The pinned numbers of every case that returns normally are wasmtime's too.
    @Test func agreesWithWasmtime() async throws {
        let normal = Self.cases.filter { $0.traps == nil }
        let json = try JSONSerialization.data(withJSONObject: normal.map { ["wat": $0.wat, "export": $0.export, "args": $0.args] })
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("wasmtime-fuel.py").path
        let output = try await Python.run(script, input: json)
        let lines = output.split(separator: "\n")
        try #require(lines.count == normal.count, "wasmtime-fuel.py printed: \(output)")
        for (c, line) in zip(normal, lines) {
            #expect(line == "\(c.expected) ok", "\(c.name): wasmtime says \(line)")
        }
    }
}
