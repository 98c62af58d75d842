import FrontEnd
import Runtime
import Testing

/// Calling exports: typed values in and out, several results, bit-exact floats, and the
/// allocation-free values-array path.
struct CallTests {
    static let artifact = CArtifact(
        wat: """
            (module
              (func (export "add") (param i32 i32) (result i32) unreachable)
              (func (export "mix") (param i64 f32 f64) (result f64) unreachable)
              (func (export "swap") (param i32 i64) (result i64 i32) unreachable)
              (func (export "f32") (param f32) (result f32) unreachable)
              (func (export "f64") (param f64) (result f64) unreachable)
              (func (export "none")))
            """,
        c: """
            static float f32_of(uint64_t v) { float f; uint32_t b = (uint32_t)v; __builtin_memcpy(&f, &b, 4); return f; }
            static double f64_of(uint64_t v) { double d; __builtin_memcpy(&d, &v, 8); return d; }
            static uint64_t bits_f32(float f) { uint32_t b; __builtin_memcpy(&b, &f, 4); return b; }
            static uint64_t bits_f64(double d) { uint64_t b; __builtin_memcpy(&b, &d, 8); return b; }

            int32_t add(void *vmctx, int32_t a, int32_t b) { return a + b; }
            void add_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)add(vmctx, (int32_t)v[0], (int32_t)v[1]); }

            double mix(void *vmctx, int64_t a, float b, double c) { return (double)a + (double)b * c; }
            void mix_entry(void *vmctx, uint64_t *v) { v[0] = bits_f64(mix(vmctx, (int64_t)v[0], f32_of(v[1]), f64_of(v[2]))); }

            struct pair { int64_t first; int32_t second; };
            struct pair swap(void *vmctx, int32_t a, int64_t b) { struct pair p = { b, a }; return p; }
            void swap_entry(void *vmctx, uint64_t *v) {
                struct pair p = swap(vmctx, (int32_t)v[0], (int64_t)v[1]);
                v[0] = (uint64_t)p.first;
                v[1] = (uint32_t)p.second;
            }

            float id32(void *vmctx, float x) { return x; }
            void id32_entry(void *vmctx, uint64_t *v) { v[0] = bits_f32(id32(vmctx, f32_of(v[0]))); }
            double id64(void *vmctx, double x) { return x; }
            void id64_entry(void *vmctx, uint64_t *v) { v[0] = bits_f64(id64(vmctx, f64_of(v[0]))); }

            void none(void *vmctx) {}
            void none_entry(void *vmctx, uint64_t *v) { none(vmctx); }
            """,
        functions: ["add", "mix", "swap", "id32", "id64", "none"],
        entries: ["add_entry", "mix_entry", "swap_entry", "id32_entry", "id64_entry", "none_entry"])

    @Test func typedArgumentsAndResults() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        let add = try #require(instance.exportedFunction(named: "add"))
        #expect(add.type == FunctionType(parameters: [.i32, .i32], results: [.i32]))
        #expect(try add.call([Value(Int32(40)), Value(Int32(2))]) == [.i32(42)])
        #expect(try add.call([Value(Int32(-5)), Value(Int32(2))]) == [Value(Int32(-3))])
        #expect(try add.call([.i32(.max), .i32(1)]) == [.i32(0)])

        let mix = try #require(instance.exportedFunction(named: "mix"))
        #expect(try mix.call([Value(Int64(1) << 40), Value(Float(1.5)), Value(Double(4))]).first?.double == Double(1 << 40) + 6)

        let none = try #require(instance.exportedFunction(named: "none"))
        #expect(try none.call([]) == [])
    }

    @Test func severalResults() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        let swap = try #require(instance.exportedFunction(named: "swap"))
        #expect(try swap.call([Value(Int32(-7)), Value(Int64(1) << 50)]) == [.i64(1 << 50), Value(Int32(-7))])
    }

    @Test func floatBitPatternsSurvive() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        let f32 = try #require(instance.exportedFunction(named: "f32"))
        let f64 = try #require(instance.exportedFunction(named: "f64"))
        // Quiet NaNs with payloads and a negative zero come back bit for bit.
        for bits: UInt32 in [0x7FC0_1234, 0xFFC0_0001, 0x8000_0000, 0x3F80_0000] {
            #expect(try f32.call([.f32(bits)]) == [.f32(bits)])
        }
        for bits: UInt64 in [0x7FF8_0000_DEAD_BEEF, 0xFFF8_0000_0000_0001, 0x8000_0000_0000_0000] {
            #expect(try f64.call([.f64(bits)]) == [.f64(bits)])
        }
    }

    @Test func wrongArgumentsAreRefusedBeforeAnyCode() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        let add = try #require(instance.exportedFunction(named: "add"))
        #expect { _ = try add.call([.i32(1)]) } throws: { error in
            (error as? Trap)?.code == .hostError && (error as? Trap)?.detail?.contains("do not match") == true
        }
        #expect(throws: Trap.self) { _ = try add.call([.i32(1), .i64(2)]) }
    }

    @Test func unknownExportsAreNil() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        #expect(instance.exportedFunction(named: "nope") == nil)
        #expect(instance.exportedMemory(named: "add") == nil)
        #expect(instance.exportNames == ["add", "mix", "swap", "f32", "f64", "none"])
    }

    /// The daemon's path: one values buffer, many calls. Not timed; it checks that the path
    /// gives the same answers and that repeated calls leave nothing behind.
    @Test func valuesArrayPath() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        let add = try #require(instance.exportedFunction(named: "add"))
        let values = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        defer { values.deallocate() }
        var total: UInt64 = 0
        var traps = 0
        for i in 0..<100_000 {
            values[0] = UInt64(i)
            values[1] = 1
            if add.invoke(values) != nil { traps += 1 }
            total += values[0] & 0xFFFF_FFFF
        }
        #expect(traps == 0)
        #expect(total == (1...100_000).reduce(0, +))
    }
}
