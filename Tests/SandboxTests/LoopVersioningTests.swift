import Compiler
import Foundation
import PluginABI
import Runtime
import Testing
import WAT

/// Loop versioning (LoopVersioning.swift): the fast copy of a loop must do exactly what the
/// checked loop does — same results, same memory, same fuel, same trap at the same point —
/// whenever its guard lets it run, and the guard must send every loop it cannot prove to the
/// checked copy. Each case runs in every configuration and at O0 and O2, against the same
/// module with versioning defeated (``unversioned``).
struct LoopVersioningTests {
    static let module = """
        (module
          (memory (export "memory") 1)
          ;; Shape A, counting up: s += mem[p + 4j] for j < n.
          (func (export "sum_up") (param $p i32) (param $n i32) (result i32) (local $s i32) (local $j i32)
            (loop $top
              (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $p) (i32.shl (local.get $j) (i32.const 2))))))
              (br_if $top (i32.ne (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))))
            (local.get $s))
          ;; Shape A, counting down, as clang writes `while (n--)`: stores p[k] = k.
          (func (export "fill_down") (param $p i32) (param $n i32) (local $k i32)
            (loop $top
              (i32.store offset=8 (local.get $p) (local.get $k))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br_if $top (local.tee $n (i32.add (local.get $n) (i32.const -1))))))
          ;; Shape C: exit test first, then the body.
          (func (export "sum_c") (param $p i32) (param $n i32) (result i32) (local $s i32)
            (block $done
              (loop $top
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $p))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $top)))
            (local.get $s))
          ;; Shape B: lt_u exit inside an if.
          (func (export "sum_b") (param $p i32) (param $end i32) (result i32) (local $s i32)
            (loop $top
              (if (i32.lt_u (local.get $p) (local.get $end))
                (then
                  (local.set $s (i32.add (local.get $s) (i32.load16_u (local.get $p))))
                  (local.set $p (i32.add (local.get $p) (i32.const 2)))
                  (br $top))))
            (local.get $s))
          ;; Shape A unrolled by two, the bound first in the exit test (clang's matmul inner loop):
          ;; p[j] += q[j] and p[j + 1] += q[j + 1] (i32 words) while n != (j += 2).
          (func (export "add_pairs") (param $p i32) (param $q i32) (param $n i32) (local $j i32)
            (loop $top
              (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.load (local.get $q))))
              (i32.store offset=4 (local.get $p) (i32.add (i32.load offset=4 (local.get $p)) (i32.load offset=4 (local.get $q))))
              (local.set $p (i32.add (local.get $p) (i32.const 8)))
              (local.set $q (i32.add (local.get $q) (i32.const 8)))
              (br_if $top (i32.ne (local.get $n) (local.tee $j (i32.add (local.get $j) (i32.const 2)))))))
          ;; Shape A reading behind its pointer, as clang writes `p[-1]`: s += mem[p − 4], p += 4.
          (func (export "sum_back") (param $p i32) (param $n i32) (result i32) (local $s i32)
            (loop $top
              (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $p) (i32.const -4)))))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (br_if $top (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
            (local.get $s))
          ;; Two pointers, one storing: d[i] = s[i] + 1. The fast copy tells LLVM the two never
          ;; overlap (alias scopes), so its guard must send overlapping calls to the checked loop:
          ;; with d = s + 4 each store feeds the next load, which a vector loop would miss.
          (func (export "add_into") (param $d i32) (param $s i32) (param $n i32)
            (loop $top
              (i32.store (local.get $d) (i32.add (i32.load (local.get $s)) (i32.const 1)))
              (local.set $d (i32.add (local.get $d) (i32.const 4)))
              (local.set $s (i32.add (local.get $s) (i32.const 4)))
              (br_if $top (local.tee $n (i32.add (local.get $n) (i32.const -1))))))
          ;; Shape A on an i64 counter with an i32 pointer (clang's sieve inner loop):
          ;; mem[p] = 1, p += s, while (j += t) <u end.
          (func (export "mark_u64") (param $p i32) (param $s i32) (param $j i64) (param $t i64) (param $end i64)
            (loop $top
              (i32.store8 (local.get $p) (i32.const 1))
              (local.set $p (i32.add (local.get $p) (local.get $s)))
              (br_if $top (i64.lt_u (local.tee $j (i64.add (local.get $j) (local.get $t))) (local.get $end)))))
          ;; The same with a signed test.
          (func (export "mark_s64") (param $p i32) (param $s i32) (param $j i64) (param $t i64) (param $end i64)
            (loop $top
              (i32.store8 (local.get $p) (i32.const 1))
              (local.set $p (i32.add (local.get $p) (local.get $s)))
              (br_if $top (i64.lt_s (local.tee $j (i64.add (local.get $j) (local.get $t))) (local.get $end)))))
          ;; i32, signed: s += mem[p], p += 4, while ++i <s n (i may start below zero).
          (func (export "sum_s32") (param $p i32) (param $i i32) (param $n i32) (result i32) (local $s i32)
            (loop $top
              (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (br_if $top (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
            (local.get $s))
          ;; An i64 count down: p[k] = n, while --n != 0.
          (func (export "down_i64") (param $p i32) (param $n i64)
            (loop $top
              (i32.store (local.get $p) (i32.wrap_i64 (local.get $n)))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (br_if $top (i64.ne (local.tee $n (i64.add (local.get $n) (i64.const -1))) (i64.const 0)))))
          ;; No memory, 8 units of fuel per iteration, while ++j <u end: only fuel bounds it.
          (func (export "spin_u64") (param $j i64) (param $end i64)
            (loop $top
              (drop (local.get $j))
              (br_if $top (i64.lt_u (local.tee $j (i64.add (local.get $j) (i64.const 1))) (local.get $end)))))
          (func (export "init") (param $n i32) (local $i i32)
            (loop $l
              (i32.store8 (local.get $i) (i32.and (local.get $i) (i32.const 255)))
              (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))))
        """

    /// The module with an empty block at the top of every loop body: no loop has a shape the
    /// analysis accepts, so every loop runs checked, with the same fuel (block and end cost
    /// nothing). The reference the versioned copies are held to.
    static let unversioned = module.replacingOccurrences(of: #"\(loop (\$\w+)"#, with: "(loop $1 (block)", options: .regularExpression)

    struct Case: Sendable, CustomStringConvertible {
        var export: String
        var args: [Int32]
        /// i64 arguments, after the i32 ones.
        var wide: [Int64] = []
        var description: String { "\(export)\(args)\(wide.isEmpty ? "" : "\(wide)")" }
    }

    static let cases: [Case] = [
        Case(export: "sum_up", args: [0, 100]),
        Case(export: "sum_up", args: [65000, 134]),  // the last load is 65532..65535: in bounds
        Case(export: "sum_up", args: [65000, 135]),  // one more reaches past the end: traps
        Case(export: "sum_up", args: [-8, 3]),  // addresses wrap around 2^32: the first access traps
        Case(export: "fill_down", args: [100, 50]),
        Case(export: "fill_down", args: [65300, 100]),  // runs off the end half way
        Case(export: "sum_c", args: [10, 0]),  // no iteration
        Case(export: "sum_c", args: [65500, 36]),
        Case(export: "sum_c", args: [65500, 37]),
        Case(export: "sum_b", args: [0, 2000]),
        Case(export: "sum_b", args: [65530, 65540]),
        Case(export: "sum_b", args: [7, 3]),
        Case(export: "add_pairs", args: [0, 4096, 100]),
        Case(export: "add_pairs", args: [65000, 1000, 134]),  // the last store is 65532..65535: in bounds
        Case(export: "add_pairs", args: [65000, 1000, 136]),  // one pair more: traps
        Case(export: "add_pairs", args: [0, 4096, 7]),  // odd: j never equals n; the checked loop runs off the end
        Case(export: "sum_back", args: [4, 100]),  // the first load is at 0
        Case(export: "sum_back", args: [65000, 134]),  // the last load is 65532..65535
        Case(export: "sum_back", args: [0, 3]),  // the first address wraps to 2^32 − 4: traps
        Case(export: "sum_back", args: [65004, 135]),  // the last one reaches past the end: traps
        Case(export: "add_into", args: [1000, 0, 200]),  // apart: the fast copy
        Case(export: "add_into", args: [4, 0, 200]),  // d = s + 4: a chain through memory
        Case(export: "add_into", args: [0, 4, 200]),  // d = s − 4: overlapping the other way
        Case(export: "add_into", args: [800, 0, 200]),  // touching, not overlapping
        Case(export: "mark_u64", args: [0, 1], wide: [0, 1, 100]),
        Case(export: "mark_u64", args: [1000, 3], wide: [5, 10, 1000]),  // the stride does not divide the distance
        Case(export: "mark_u64", args: [65000, 7], wide: [0, 1, 100]),  // runs off the end half way
        Case(export: "mark_u64", args: [0, 1], wide: [1 << 40, 1, (1 << 40) + 300]),  // a counter past 2^32
        // The first test sees j + t wrapped to 5, and the bound is 2^64 − 1: the count would
        // wrap, so the guard must refuse it (B ≥ 2^63). 2^34 iterations: the pointer runs off.
        Case(export: "mark_u64", args: [0, 1], wide: [-(1 << 30) + 5, 1 << 30, -1]),
        Case(export: "mark_s64", args: [0, 1], wide: [-50, 1, 50]),  // crosses zero
        Case(export: "mark_s64", args: [0, 1], wide: [.max - 3, 1, .min]),  // j + t <s min never holds: one iteration
        Case(export: "mark_s64", args: [60000, 1], wide: [-10_000, 1, 10_000]),  // runs off the end
        Case(export: "sum_s32", args: [0, -20, 20]),
        Case(export: "sum_s32", args: [0, 5, -5]),  // the test fails at once: one iteration
        Case(export: "sum_s32", args: [65000, -100, 100]),  // runs off the end
        Case(export: "sum_s32", args: [0, .max - 2, .min]),  // i + 1 wraps past the bound: one iteration
        Case(export: "down_i64", args: [0], wide: [100]),
        Case(export: "down_i64", args: [65000], wide: [200]),  // runs off the end
        Case(export: "down_i64", args: [0], wide: [0]),  // n wraps below zero: 2^64 iterations, the pointer runs off
        Case(export: "spin_u64", args: [], wide: [0, 10_000]),
        // (n + 1) × 8 = 2^64: a count above 2^32 must not reach the fuel product (which would
        // wrap to 0 and let the uncounted copy spin); the budget stops it.
        Case(export: "spin_u64", args: [], wide: [-1, (1 << 61) - 1]),
    ]

    /// What a call did: its results or trap, the fuel it used, and a checksum of memory.
    struct Outcome: Equatable, CustomStringConvertible {
        var results: [Value]
        var trap: TrapCode?
        var fuel: Int64
        var memory: UInt64
        var description: String { "results \(results), trap \(trap.map(\.description) ?? "none"), fuel \(fuel), memory \(memory)" }
    }

    static func run(_ c: Case, _ options: CompileOptions, module: String = module) throws -> Outcome {
        let directory = NSTemporaryDirectory() + "midimon-versioning-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/module.so"
        _ = try ModuleCompiler.compile(try wat2wasm(module), options: options, output: path)
        let store = Store(fuel: 10_000_000)
        let instance = try Instance(try Artifact(path: path), store: store)
        _ = try instance.exportedFunction(named: "init")!.call([Value(Int32(65536))])
        let before = store.fuel
        var outcome = Outcome(results: [], trap: nil, fuel: 0, memory: 0)
        do {
            outcome.results = try instance.exportedFunction(named: c.export)!.call(c.args.map { Value($0) } + c.wide.map { Value($0) })
        } catch {
            outcome.trap = error.code
        }
        outcome.fuel = before - store.fuel
        outcome.memory = instance.memory!.read(at: 0, count: 65536)!.reduce(UInt64(14695981039346656037)) { ($0 ^ UInt64($1)) &* 1099511628211 }
        return outcome
    }

    @Test(arguments: cases)
    func everyConfigurationAgrees(_ c: Case) throws {
        // O0 keeps the translator's structure; O2 lets LLVM vectorise the fast copy.
        let reference = try Self.run(c, CompileOptions(optimization: .o0, bounds: .explicit, fuel: true), module: Self.unversioned)
        #expect(reference.fuel > 0, "\(c): the call spent no fuel")
        for optimization in [OptimizationLevel.o0, .o2] {
            for bounds in BoundsCheckStrategy.allCases {
                let outcome = try Self.run(c, CompileOptions(optimization: optimization, bounds: bounds, fuel: true))
                // A guard-page fault records the fuel of the last call boundary instead of the
                // exact count (FuelTests), and LLVM may combine or vectorise stores that are
                // plain with guard pages, so a trapping store can take neighbouring stores with
                // it: with guard pages only the trap itself is compared (BoundsChecks.swift).
                var expected = reference
                if bounds == .guardPages && reference.trap == .outOfBoundsMemoryAccess {
                    expected.fuel = outcome.fuel
                    expected.memory = outcome.memory
                }
                #expect(outcome == expected, "\(c) at \(optimization) with \(bounds) bounds: \(outcome) vs \(expected)")
            }
        }
    }

    @Test func theExpectedCasesTrap() throws {
        let traps = try Self.cases.map { try Self.run($0, CompileOptions(optimization: .o2)).trap }
        #expect(traps == [nil, nil, .outOfBoundsMemoryAccess, .outOfBoundsMemoryAccess, nil,
                          .outOfBoundsMemoryAccess, nil, nil, .outOfBoundsMemoryAccess, nil,
                          .outOfBoundsMemoryAccess, nil, nil, nil, .outOfBoundsMemoryAccess, .outOfBoundsMemoryAccess,
                          nil, nil, .outOfBoundsMemoryAccess, .outOfBoundsMemoryAccess, nil, nil, nil, nil,
                          nil, nil, .outOfBoundsMemoryAccess, nil, .outOfBoundsMemoryAccess,
                          nil, nil, .outOfBoundsMemoryAccess,
                          nil, nil, .outOfBoundsMemoryAccess, nil,
                          nil, .outOfBoundsMemoryAccess, .outOfBoundsMemoryAccess,
                          nil, .outOfFuel])
    }

    /// The fast copy exists (so the tests above compare two real copies): at O0 the IR keeps
    /// its block names.
    @Test func loopsAreVersioned() throws {
        let ir = try ModuleCompiler.textualIR(try wat2wasm(Self.module), options: CompileOptions(optimization: .o0), optimized: false)
        #expect(ir.components(separatedBy: "loop.fast:").count - 1 == 13)
        let twin = try ModuleCompiler.textualIR(try wat2wasm(Self.unversioned), options: CompileOptions(optimization: .o0), optimized: false)
        #expect(!twin.contains("loop.fast:"))
    }

    /// Two groups of accesses (add_into's `d` and `s`) get a scope each, declared at the top of
    /// the fast copy so that a copy of the loop made by LLVM gets scopes of its own.
    @Test func groupsGetDeclaredScopes() throws {
        let ir = try ModuleCompiler.textualIR(try wat2wasm(Self.module), options: CompileOptions(optimization: .o0), optimized: false)
        let addInto = try #require(ir.components(separatedBy: "\ndefine ").first { $0.contains("@wasm_f6(") })
        let fast = try #require(addInto.components(separatedBy: "loop.fast:").dropFirst().first)
        #expect(fast.components(separatedBy: "call void @llvm.experimental.noalias.scope.decl").count - 1 == 2)
        #expect(fast.contains("!alias.scope") && fast.contains("!noalias"))
    }

    /// Accesses a constant apart (`p` and `p + 4`) share one 64-bit base in the fast copy, so
    /// LLVM sees them adjacent and vectorises the unrolled pair into wide loads and stores; with
    /// a zext of each wrapped i32 address it could only scatter them one by one.
    @Test(arguments: BoundsCheckStrategy.allCases)
    func unrolledPairsVectorise(_ bounds: BoundsCheckStrategy) throws {
        let options = CompileOptions(optimization: .o2, bounds: bounds, fuel: false)
        let ir = try ModuleCompiler.textualIR(try wat2wasm(Self.module), options: options, optimized: true)
        let addPairs = try #require(ir.components(separatedBy: "\ndefine ").first { $0.contains("@wasm_f4(") })
        #expect(addPairs.contains("store <"), "no vector store in add_pairs:\n\(addPairs)")
        #expect(!addPairs.contains("extractelement"), "add_pairs scatters its stores:\n\(addPairs)")
    }
}
