import Compiler
import Runtime
import Testing

/// Exact results where LLVM's instructions and WebAssembly's operators disagree, so that the
/// translator must add masks, selects or intrinsics: shift counts, rotates, bit counts of
/// zero, `min`/`max` on NaN and signed zeros, `nearest`, NaN payloads, rounding of unsigned
/// 64-bit conversions. Each operation is called with parameters (no folding) and, where LLVM
/// folds differently, with constants too.
struct SemanticsTests {
    static let numeric: Result<Artifact, any Error> = Result {
        var text = "(module\n"
        for (type, ops) in [("i32", ["shl", "shr_s", "shr_u", "rotl", "rotr"]), ("i64", ["shl", "shr_s", "shr_u", "rotl", "rotr"]),
                            ("f32", ["min", "max", "copysign"]), ("f64", ["min", "max", "copysign"])] {
            for op in ops {
                text += "  (func (export \"\(type).\(op)\") (param \(type) \(type)) (result \(type)) (\(type).\(op) (local.get 0) (local.get 1)))\n"
            }
        }
        for (type, ops) in [("i32", ["clz", "ctz", "popcnt"]), ("i64", ["clz", "ctz", "popcnt"]),
                            ("f32", ["nearest", "abs", "neg", "ceil", "floor", "trunc", "sqrt"]),
                            ("f64", ["nearest", "abs", "neg", "ceil", "floor", "trunc", "sqrt"])] {
            for op in ops {
                text += "  (func (export \"\(type).\(op)\") (param \(type)) (result \(type)) (\(type).\(op) (local.get 0)))\n"
            }
        }
        for (op, from, to) in [("f64.promote_f32", "f32", "f64"), ("f32.demote_f64", "f64", "f32"),
                               ("f32.convert_i64_u", "i64", "f32"), ("f32.convert_i64_s", "i64", "f32"),
                               ("f64.convert_i64_u", "i64", "f64"), ("f32.convert_i32_u", "i32", "f32"),
                               ("f64.convert_i32_u", "i32", "f64"), ("f32.reinterpret_i32", "i32", "f32"),
                               ("i64.reinterpret_f64", "f64", "i64")] {
            text += "  (func (export \"\(op)\") (param \(from)) (result \(to)) (\(op) (local.get 0)))\n"
        }
        text += """
              ;; Constant operands, which LLVM folds with its own rules.
              (func (export "constShifts") (result i32 i32 i64 i64)
                (i32.shl (i32.const 1) (i32.const 33))
                (i32.shr_s (i32.const -8) (i32.const 35))
                (i64.shr_u (i64.const 0x8000000000000000) (i64.const 127))
                (i64.rotl (i64.const 0x8000000000000001) (i64.const 65)))
              (func (export "constCounts") (result i32 i32 i64 i64)
                (i32.clz (i32.const 0)) (i32.ctz (i32.const 0)) (i64.clz (i64.const 0)) (i64.ctz (i64.const 0)))
              (func (export "constNearest") (result f32 f64 f64 f64)
                (f32.nearest (f32.const 2.5)) (f64.nearest (f64.const -0.5))
                (f64.nearest (f64.const 0.5)) (f64.nearest (f64.const 1.5)))
              ;; A constant next to a signalling NaN: LLVM folds x / 1 and x * 1 to x (so the
              ;; translator quiets the result), never 1 / x (left a plain division).
              (func (export "constIdentities") (param f64) (result f64 f64 f64 f64)
                (f64.div (local.get 0) (f64.const 1)) (f64.div (f64.const 1) (local.get 0))
                (f64.mul (f64.const 1) (local.get 0)) (f64.div (local.get 0) (f64.const -1)))
              (func (export "constNaNs") (result f32 f64 f32 f64)
                (f32.neg (f32.const nan:0x200001)) (f64.abs (f64.const -nan:0x4000000000001))
                (f32.copysign (f32.const nan:0x1234) (f32.const -1)) (f64.const -nan:0x1))
              (func (export "constMinMax") (result f32 f32 f64 f64)
                (f32.min (f32.const 0) (f32.const -0)) (f32.max (f32.const -0) (f32.const 0))
                (f64.min (f64.const -0) (f64.const 0)) (f64.max (f64.const 0) (f64.const -0)))
              (func (export "constConvert") (result f32 f64)
                (f32.convert_i64_u (i64.const 0x8000008000000001))
                (f64.convert_i64_u (i64.const 0x8000000000000401))))
            """
        return try Pipeline.artifact(wat: text)
    }

    static func instance() throws -> Instance { try Pipeline.instance(try numeric.get()) }

    // MARK: - Integers

    @Test func shiftCountsAreTakenModuloTheWidth() throws {
        let m = try Self.instance()
        let i32: [(String, UInt32, UInt32, UInt32)] = [
            ("shl", 1, 32, 1), ("shl", 1, 33, 2), ("shl", 1, 0xFFFF_FFFF, 0x8000_0000),
            ("shr_s", 0xFFFF_FFF8, 35, 0xFFFF_FFFF), ("shr_s", 0x8000_0000, 63, 0xFFFF_FFFF), ("shr_s", 0x4000_0000, 32, 0x4000_0000),
            ("shr_u", 0x8000_0000, 63, 1), ("shr_u", 0x8000_0000, 32, 0x8000_0000), ("shr_u", 0xFFFF_FFFF, 0x8000_001F, 1),
        ]
        for (op, a, b, r) in i32 {
            #expect(try m.call("i32.\(op)", [.i32(a), .i32(b)]) == [.i32(r)], "i32.\(op) \(a) \(b)")
        }
        let i64: [(String, UInt64, UInt64, UInt64)] = [
            ("shl", 1, 64, 1), ("shl", 1, 65, 2), ("shl", 1, UInt64.max, 1 << 63),
            ("shr_s", 1 << 63, 127, UInt64.max), ("shr_s", 0xFFFF_FFFF_FFFF_FFF8, 67, UInt64.max),
            ("shr_u", 1 << 63, 127, 1), ("shr_u", 1 << 63, 64, 1 << 63), ("shr_u", UInt64.max, 32 | 1 << 40, 0xFFFF_FFFF),
        ]
        for (op, a, b, r) in i64 {
            #expect(try m.call("i64.\(op)", [.i64(a), .i64(b)]) == [.i64(r)], "i64.\(op) \(a) \(b)")
        }
        #expect(try m.call("constShifts") == [.i32(2), .i32(0xFFFF_FFFF), .i64(1), .i64(3)])
    }

    @Test func rotates() throws {
        let m = try Self.instance()
        #expect(try m.call("i32.rotl", [.i32(0x8000_0001), .i32(1)]) == [.i32(3)])
        #expect(try m.call("i32.rotl", [.i32(0x8000_0001), .i32(33)]) == [.i32(3)])
        #expect(try m.call("i32.rotl", [.i32(0x1234_5678), .i32(0)]) == [.i32(0x1234_5678)])
        #expect(try m.call("i32.rotl", [.i32(0x1234_5678), .i32(32)]) == [.i32(0x1234_5678)])
        #expect(try m.call("i32.rotr", [.i32(1), .i32(1)]) == [.i32(0x8000_0000)])
        #expect(try m.call("i32.rotr", [.i32(0x1234_5678), .i32(0xFFFF_FFFC)]) == [.i32(0x2345_6781)])
        #expect(try m.call("i64.rotl", [.i64(0x8000_0000_0000_0001), .i64(1)]) == [.i64(3)])
        #expect(try m.call("i64.rotl", [.i64(0x0123_4567_89AB_CDEF), .i64(68)]) == [.i64(0x1234_5678_9ABC_DEF0)])
        #expect(try m.call("i64.rotr", [.i64(1), .i64(129)]) == [.i64(1 << 63)])
        #expect(try m.call("i64.rotr", [.i64(0x0123_4567_89AB_CDEF), .i64(0)]) == [.i64(0x0123_4567_89AB_CDEF)])
    }

    /// `clz` and `ctz` of zero are the width (LLVM's intrinsics make it poison unless told).
    @Test func bitCountsOfZero() throws {
        let m = try Self.instance()
        #expect(try m.call("i32.clz", [.i32(0)]) == [.i32(32)])
        #expect(try m.call("i32.ctz", [.i32(0)]) == [.i32(32)])
        #expect(try m.call("i32.popcnt", [.i32(0)]) == [.i32(0)])
        #expect(try m.call("i64.clz", [.i64(0)]) == [.i64(64)])
        #expect(try m.call("i64.ctz", [.i64(0)]) == [.i64(64)])
        #expect(try m.call("i64.popcnt", [.i64(0)]) == [.i64(0)])
        #expect(try m.call("i32.clz", [.i32(1)]) == [.i32(31)])
        #expect(try m.call("i64.ctz", [.i64(1 << 63)]) == [.i64(63)])
        #expect(try m.call("i64.popcnt", [.i64(UInt64.max)]) == [.i64(64)])
        #expect(try m.call("constCounts") == [.i32(32), .i32(32), .i64(64), .i64(64)])
    }

    // MARK: - Floats

    static func isQuietNaN(_ value: Value) -> Bool {
        switch value {
        case .f32(let bits): bits & 0x7FC0_0000 == 0x7FC0_0000
        case .f64(let bits): bits & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
        default: false
        }
    }

    /// `min`/`max` of NaN are a quiet NaN whichever side the NaN is on (x86's `minss` returns
    /// the second operand), and -0 is less than +0 (`minss` treats them as equal).
    @Test func minAndMaxOfNaNAndSignedZeros() throws {
        let m = try Self.instance()
        let f32NaNs: [UInt32] = [0x7FC0_0000, 0xFFC0_0000, 0x7FA0_0000, 0xFF80_0001]
        for op in ["f32.min", "f32.max"] {
            for nan in f32NaNs {
                for other: Float in [1, -1, 0, -.infinity, .infinity] {
                    let a = try m.call(op, [.f32(nan), Value(other)]), b = try m.call(op, [Value(other), .f32(nan)])
                    #expect(a.count == 1 && Self.isQuietNaN(a[0]), "\(op)(0x\(String(nan, radix: 16)), \(other)) = \(a)")
                    #expect(b.count == 1 && Self.isQuietNaN(b[0]), "\(op)(\(other), 0x\(String(nan, radix: 16))) = \(b)")
                }
            }
        }
        let f64NaNs: [UInt64] = [0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000, 0x7FF4_0000_0000_0000, 0xFFF0_0000_0000_0001]
        for op in ["f64.min", "f64.max"] {
            for nan in f64NaNs {
                for other: Double in [1, -0.0, .infinity] {
                    let a = try m.call(op, [.f64(nan), Value(other)]), b = try m.call(op, [Value(other), .f64(nan)])
                    #expect(a.count == 1 && Self.isQuietNaN(a[0]), "\(op)(nan, \(other)) = \(a)")
                    #expect(b.count == 1 && Self.isQuietNaN(b[0]), "\(op)(\(other), nan) = \(b)")
                }
            }
        }
        let negZero32 = Value(Float(-0.0)), zero32 = Value(Float(0))
        #expect(try m.call("f32.min", [zero32, negZero32]) == [negZero32])
        #expect(try m.call("f32.min", [negZero32, zero32]) == [negZero32])
        #expect(try m.call("f32.max", [zero32, negZero32]) == [zero32])
        #expect(try m.call("f32.max", [negZero32, zero32]) == [zero32])
        let negZero64 = Value(Double(-0.0)), zero64 = Value(Double(0))
        #expect(try m.call("f64.min", [zero64, negZero64]) == [negZero64])
        #expect(try m.call("f64.min", [negZero64, zero64]) == [negZero64])
        #expect(try m.call("f64.max", [zero64, negZero64]) == [zero64])
        #expect(try m.call("f64.max", [negZero64, zero64]) == [zero64])
        #expect(try m.call("f64.min", [Value(-Double.infinity), Value(Double(3))]) == [Value(-Double.infinity)])
        #expect(try m.call("constMinMax") == [negZero32, zero32, negZero64, zero64])
    }

    /// `nearest` rounds half-way cases to even and keeps the sign of zero.
    @Test func nearestRoundsHalfToEven() throws {
        let m = try Self.instance()
        let cases: [(Double, Double)] = [
            (0.5, 0), (1.5, 2), (2.5, 2), (3.5, 4), (-0.5, -0.0), (-1.5, -2), (-2.5, -2), (0.49999999999999994, 0),
            (-0.0, -0.0), (4_503_599_627_370_497, 4_503_599_627_370_497), (.infinity, .infinity), (-.infinity, -.infinity),
        ]
        for (input, output) in cases {
            #expect(try m.call("f64.nearest", [Value(input)]) == [Value(output)], "f64.nearest(\(input))")
            if Double(Float(input)) == input || input.isInfinite {
                #expect(try m.call("f32.nearest", [Value(Float(input))]) == [Value(Float(output))], "f32.nearest(\(input))")
            }
        }
        #expect(try m.call("f32.nearest", [Value(Float(8_388_609))]) == [Value(Float(8_388_609))])
        #expect(try m.call("f32.nearest", [Value(Float(-0.4))]) == [Value(Float(-0.0))])
        let nan = try m.call("f64.nearest", [.f64(0x7FF8_0000_0000_0000)])
        #expect(nan.count == 1 && Self.isQuietNaN(nan[0]))
        #expect(try m.call("constNearest") == [Value(Float(2)), Value(Double(-0.0)), Value(Double(0)), Value(Double(2))])
    }

    /// `neg`, `abs` and `copysign` change the sign bit only, NaN payloads included (signalling
    /// ones too: they are bit operations, not arithmetic).
    @Test func signOperationsKeepNaNPayloads() throws {
        let m = try Self.instance()
        for bits: UInt32 in [0x7FA0_0001, 0x7FC0_1234, 0x7F80_0001, 0xFFFF_FFFF] {
            #expect(try m.call("f32.neg", [.f32(bits)]) == [.f32(bits ^ 0x8000_0000)], "f32.neg 0x\(String(bits, radix: 16))")
            #expect(try m.call("f32.abs", [.f32(bits)]) == [.f32(bits & 0x7FFF_FFFF)])
            #expect(try m.call("f32.copysign", [.f32(bits), Value(Float(-1))]) == [.f32(bits | 0x8000_0000)])
            #expect(try m.call("f32.copysign", [.f32(bits), .f32(0x7FC0_0000)]) == [.f32(bits & 0x7FFF_FFFF)])
            #expect(try m.call("f32.copysign", [Value(Float(2)), .f32(bits)]) == [Value(bits >> 31 == 1 ? Float(-2) : Float(2))])
            #expect(try m.call("f32.reinterpret_i32", [.i32(bits)]) == [.f32(bits)])
        }
        for bits: UInt64 in [0x7FF4_0000_0000_0001, 0xFFF8_0000_DEAD_BEEF, 0x7FF0_0000_0000_0001] {
            #expect(try m.call("f64.neg", [.f64(bits)]) == [.f64(bits ^ 1 << 63)], "f64.neg 0x\(String(bits, radix: 16))")
            #expect(try m.call("f64.abs", [.f64(bits)]) == [.f64(bits & ~(1 << 63))])
            #expect(try m.call("f64.copysign", [.f64(bits), Value(Double(-0.0))]) == [.f64(bits | 1 << 63)])
            #expect(try m.call("i64.reinterpret_f64", [.f64(bits)]) == [.i64(bits)])
        }
        #expect(try m.call("constNaNs") == [.f32(0xFFA0_0001), .f64(0x7FF4_0000_0000_0001), .f32(0xFF80_1234), .f64(0xFFF0_0000_0000_0001)])
    }

    /// Arithmetic on a signalling NaN gives a quiet one, also where LLVM would fold the
    /// operation away (EmitNumeric.swift's `floatBinary`).
    @Test func constantOperandsStillQuietNaNs() throws {
        let m = try Self.instance()
        let results = try m.call("constIdentities", [.f64(0x7FF4_0000_0000_0001)])
        #expect(results.count == 4)
        for (i, r) in results.enumerated() { #expect(Self.isQuietNaN(r), "result \(i): \(r)") }
        #expect(try m.call("constIdentities", [Value(Double(4))]) == [Value(Double(4)), Value(Double(0.25)), Value(Double(4)), Value(Double(-4))])
    }

    /// Promotion and demotion of NaN give a quiet NaN; finite values round to nearest even.
    @Test func promoteAndDemote() throws {
        let m = try Self.instance()
        for bits: UInt32 in [0x7FC0_0000, 0xFFC0_0000, 0x7FA0_0001, 0xFF80_0001] {
            let r = try m.call("f64.promote_f32", [.f32(bits)])
            #expect(r.count == 1 && Self.isQuietNaN(r[0]), "promote 0x\(String(bits, radix: 16)) = \(r)")
        }
        for bits: UInt64 in [0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000, 0x7FF0_0000_0000_0001, 0x7FF4_0000_1000_0000] {
            let r = try m.call("f32.demote_f64", [.f64(bits)])
            #expect(r.count == 1 && Self.isQuietNaN(r[0]), "demote 0x\(String(bits, radix: 16)) = \(r)")
        }
        #expect(try m.call("f64.promote_f32", [Value(Float(1.1))]) == [Value(Double(Float(1.1)))])
        #expect(try m.call("f32.demote_f64", [Value(1.0 + 0x1p-24)]) == [Value(Float(1))])  // tie: to even
        #expect(try m.call("f32.demote_f64", [Value(1.0 + 0x3p-24)]) == [Value(Float(1.0 + 0x1p-22))])
        #expect(try m.call("f32.demote_f64", [Value(Double(1e300))]) == [Value(Float.infinity)])
        #expect(try m.call("f32.demote_f64", [Value(Double(-1e-300))]) == [Value(Float(-0.0))])
    }

    /// Unsigned 64-bit conversions round once, correctly: going through f64 first, or the
    /// signed conversion of half the value, rounds twice and lands on the wrong neighbour.
    @Test func unsignedSixtyFourBitConversionsRoundOnce() throws {
        let m = try Self.instance()
        // 2^63 + 2^39 + 1: just above half-way between 2^63 and 2^63 + 2^40.
        #expect(try m.call("f32.convert_i64_u", [.i64(0x8000_0080_0000_0001)]) == [.f32(0x5F00_0001)])
        #expect(try m.call("f32.convert_i64_u", [.i64(0x8000_0080_0000_0000)]) == [.f32(0x5F00_0000)])  // the tie: to even
        #expect(try m.call("f32.convert_i64_u", [.i64(UInt64.max)]) == [Value(Float(0x1p64))])
        #expect(try m.call("f32.convert_i64_u", [.i64(0xFFFF_FF7F_FFFF_FFFF)]) == [.f32(0x5F7F_FFFF)])
        #expect(try m.call("f32.convert_i64_s", [.i64(0x0020_0000_2000_0001)]) == [Value(Float(0x1.000002p53))])
        #expect(try m.call("f32.convert_i64_s", [.i64(0xFFDF_FFFF_DFFF_FFFF)]) == [Value(Float(-0x1.000002p53))])
        #expect(try m.call("f64.convert_i64_u", [.i64(0x8000_0000_0000_0401)]) == [.f64(0x43E0_0000_0000_0001)])
        #expect(try m.call("f64.convert_i64_u", [.i64(0x8000_0000_0000_0400)]) == [.f64(0x43E0_0000_0000_0000)])
        #expect(try m.call("f64.convert_i64_u", [.i64(UInt64.max)]) == [Value(Double(0x1p64))])
        #expect(try m.call("f32.convert_i32_u", [.i32(0xFFFF_FF7F)]) == [Value(Float(4_294_967_040))])
        #expect(try m.call("f32.convert_i32_u", [.i32(0x8000_0081)]) == [Value(Float(0x1.000002p31))])
        #expect(try m.call("f64.convert_i32_u", [.i32(0xFFFF_FFFF)]) == [Value(Double(4_294_967_295))])
        #expect(try m.call("constConvert") == [.f32(0x5F00_0001), .f64(0x43E0_0000_0000_0001)])
    }

    @Test func roundingFunctionsAndSqrt() throws {
        let m = try Self.instance()
        #expect(try m.call("f32.ceil", [Value(Float(-0.5))]) == [Value(Float(-0.0))])
        #expect(try m.call("f64.floor", [Value(Double(-0.5))]) == [Value(Double(-1))])
        #expect(try m.call("f64.trunc", [Value(Double(-0.9))]) == [Value(Double(-0.0))])
        #expect(try m.call("f32.trunc", [Value(Float(-8_388_607.5))]) == [Value(Float(-8_388_607))])
        #expect(try m.call("f64.sqrt", [Value(Double(-0.0))]) == [Value(Double(-0.0))])
        let r = try m.call("f32.sqrt", [Value(Float(-1))])
        #expect(r.count == 1 && Self.isQuietNaN(r[0]))
    }

    // MARK: - Multiple values

    static let multiValue = """
        (module
          (func $swap (param i32 i64 f32 f64) (result f64 f32 i64 i32)
            (local.get 3) (local.get 2) (local.get 1) (local.get 0))
          (func (export "swap") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
            (call $swap (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
          (func (export "divmod") (param i32 i32) (result i32 i32)
            (i32.div_s (local.get 0) (local.get 1)) (i32.rem_s (local.get 0) (local.get 1)))
          ;; Calls divmod's twin and combines the two results through block parameters.
          (func $dm (param i32 i32) (result i32 i32)
            (i32.div_u (local.get 0) (local.get 1)) (i32.rem_u (local.get 0) (local.get 1)))
          (func (export "blocks") (param i32) (result i32)
            (call $dm (local.get 0) (i32.const 10))
            (block (param i32 i32) (result i32) (i32.mul (i32.const 100)) (i32.add))
            (if (param i32) (result i32 i32) (i32.const 1)
              (then (i32.const 7))
              (else (i32.const 8)))
            (i32.sub))
          ;; A loop whose parameters carry the state: sum of 1...n.
          (func (export "loopSum") (param i32) (result i64)
            (i64.const 0) (local.get 0)
            (loop $l (param i64 i32) (result i64)
              (local.set 0)
              (i64.add (i64.extend_i32_u (local.get 0)))
              (br_if $l (i32.sub (local.get 0) (i32.const 1)) (local.get 0))
              (drop)))
          ;; br_if out of a multi-value block.
          (func (export "early") (param i32) (result i32 i64)
            (block $out (result i32 i64)
              (i32.const 1) (i64.const 2)
              (br_if $out (local.get 0))
              (drop) (drop)
              (i32.const 3) (i64.const 4))))
        """

    @Test func multipleResultsAndBlockParameters() throws {
        let m = try Pipeline.instance(wat: Self.multiValue)
        #expect(try m.call("swap", [.i32(1), .i64(2), Value(Float(3.5)), .f64(0x7FF4_0000_0000_0001)])
            == [.f64(0x7FF4_0000_0000_0001), Value(Float(3.5)), .i64(2), .i32(1)])
        #expect(try m.call("divmod", [Value(Int32(-7)), .i32(2)]) == [Value(Int32(-3)), Value(Int32(-1))])
        // 47 → (4, 7) → 4 + 7 * 100 = 704 → the `then` arm pushes 7 → 704 - 7.
        #expect(try m.call("blocks", [.i32(47)]) == [.i32(697)])
        #expect(try m.call("loopSum", [.i32(100)]) == [.i64(5050)])
        #expect(try m.call("early", [.i32(1)]) == [.i32(1), .i64(2)])
        #expect(try m.call("early", [.i32(0)]) == [.i32(3), .i64(4)])
    }

    // MARK: - Globals, memory size and instances that share things

    @Test func mutableGlobalsSharedBetweenInstances() throws {
        let store = Store()
        let owner = try Instance(try Pipeline.artifact(wat: """
            (module
              (global $g (export "counter") (mut i64) (i64.const 40))
              (global $f (export "scale") (mut f64) (f64.const 0.5))
              (func (export "bump") (result i64) (global.set $g (i64.add (global.get $g) (i64.const 1))) (global.get $g))
              (func (export "read") (result i64) (global.get $g)))
            """), store: store)
        var imports = Imports()
        imports.define(module: "owner", owner)
        let user = try Instance(try Pipeline.artifact(wat: """
            (module
              (import "owner" "counter" (global $g (mut i64)))
              (import "owner" "scale" (global $f (mut f64)))
              (global $local (mut i32) (i32.const 0))
              (func (export "addScaled") (param i64) (result i64)
                (global.set $local (i32.add (global.get $local) (i32.const 1)))
                (global.set $g (i64.add (global.get $g)
                  (i64.trunc_f64_s (f64.mul (global.get $f) (f64.convert_i64_s (local.get 0))))))
                (global.get $g))
              (func (export "setScale") (param f64) (global.set $f (local.get 0)))
              (func (export "calls") (result i32) (global.get $local)))
            """), store: store, imports: imports)
        #expect(try owner.call("bump") == [.i64(41)])
        #expect(try user.call("addScaled", [.i64(10)]) == [.i64(46)])
        #expect(try owner.call("read") == [.i64(46)])
        #expect(try user.call("setScale", [Value(Double(3))]) == [])
        #expect(try user.call("addScaled", [.i64(2)]) == [.i64(52)])
        #expect(try owner.call("bump") == [.i64(53)])
        #expect(owner.exportedGlobal(named: "counter")?.value == .i64(53))
        #expect(owner.exportedGlobal(named: "scale")?.value == Value(Double(3)))
        #expect(try user.call("calls") == [.i32(2)])
        // The host writes the global; both instances see it.
        #expect(owner.exportedGlobal(named: "counter")?.set(.i64(UInt64.max)) == true)
        #expect(try owner.call("read") == [.i64(UInt64.max)])
        #expect(try user.call("addScaled", [.i64(1)]) == [.i64(2)])
    }

    @Test func memoryGrowThenSize() throws {
        let m = try Pipeline.instance(wat: """
            (module
              (memory (export "memory") 1 4)
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "size") (result i32) (memory.size))
              (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
              ;; Grows inside the function and then uses the new page at once.
              (func (export "growAndUse") (result i32)
                (drop (memory.grow (i32.const 1)))
                (i32.store (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536)) (i32.const 77))
                (i32.load (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536)))))
            """)
        #expect(try m.call("size") == [.i32(1)])
        #expect(try m.call("grow", [.i32(0)]) == [.i32(1)])
        #expect(try m.call("grow", [.i32(2)]) == [.i32(1)])
        #expect(try m.call("size") == [.i32(3)])
        #expect(try m.call("load", [.i32(3 * 65536 - 4)]) == [.i32(0)])
        #expect(try m.call("store", [.i32(3 * 65536 - 4), .i32(9)]) == [])
        #expect(try m.call("grow", [.i32(2)]) == [.i32(0xFFFF_FFFF)])  // past the maximum of 4
        #expect(try m.call("grow", [.i32(0xFFFF_FFFF)]) == [.i32(0xFFFF_FFFF)])
        #expect(try m.call("size") == [.i32(3)])
        #expect(try m.call("growAndUse") == [.i32(77)])
        #expect(try m.call("size") == [.i32(4)])
        #expect(m.exportedMemory(named: "memory")?.pageCount == 4)
        #expect(try m.call("load", [.i32(3 * 65536 - 4)]) == [.i32(9)])
        #expect(try m.trap("load", [.i32(4 * 65536)])?.code == .outOfBoundsMemoryAccess)
    }

    /// Instance A exports a table; B imports it and puts its own function in it; A's
    /// `call_indirect` runs B's function with B's context (B's memory and global), and the
    /// signature check works across modules, which number their types differently.
    @Test func callIndirectBetweenInstancesThroughASharedTable() throws {
        let store = Store()
        let a = try Instance(try Pipeline.artifact(wat: """
            (module
              (type $unused (func (param f64)))
              (type $ii (func (param i32) (result i32)))
              (type $v (func))
              (table (export "table") 4 funcref)
              (memory 1)
              (data (i32.const 0) "\\01")
              (func $mine (type $ii) (i32.add (local.get 0) (i32.load8_u (i32.const 0))))
              (elem (i32.const 0) $mine)
              (func (export "call") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0)))
              (func (export "callVoid") (param i32) (call_indirect (type $v) (local.get 0))))
            """), store: store)
        var imports = Imports()
        imports.define(module: "a", a)
        let b = try Instance(try Pipeline.artifact(wat: """
            (module
              (import "a" "table" (table 4 funcref))
              (type $ii (func (param i32) (result i32)))
              (memory 1)
              (data (i32.const 0) "\\64")
              (global $calls (mut i32) (i32.const 0))
              (func $theirs (type $ii)
                (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
                (i32.mul (local.get 0) (i32.load8_u (i32.const 0))))
              (elem (i32.const 1) $theirs)
              (func (export "calls") (result i32) (global.get $calls)))
            """), store: store, imports: imports)
        #expect(try a.call("call", [.i32(0), .i32(5)]) == [.i32(6)])  // A's own: 5 + 1
        #expect(try a.call("call", [.i32(1), .i32(5)]) == [.i32(500)])  // B's: 5 * 100 from B's memory
        #expect(try a.call("call", [.i32(1), .i32(7)]) == [.i32(700)])
        #expect(try b.call("calls") == [.i32(2)])
        #expect(try a.trap("callVoid", [.i32(1)])?.code == .indirectCallTypeMismatch)
        #expect(try a.trap("call", [.i32(2), .i32(5)])?.code == .uninitializedElement)
        #expect(try a.trap("call", [.i32(4), .i32(5)])?.code == .undefinedElement)
        #expect(try b.call("calls") == [.i32(2)])
        // The host sees B's function in A's table, and may call it.
        let entry = try #require(a.exportedTable(named: "table")?.get(1))
        guard case .funcref(let function?) = entry else {
            Issue.record("table entry 1 is \(entry)")
            return
        }
        #expect(function.type.parameters == [.i32] && function.type.results == [.i32])
        #expect(try function.call([.i32(3)]) == [.i32(300)])
        #expect(try b.call("calls") == [.i32(3)])
    }
}
