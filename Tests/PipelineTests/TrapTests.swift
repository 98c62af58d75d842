import Compiler
import PluginABI
import Runtime
import Testing

/// Every trap WebAssembly defines, raised by compiled code: the call ends with the right
/// ``TrapCode`` and the spec suite's wording, and the host carries on — the next call on the
/// same instance returns the right value, and so does a call on a fresh instance.
///
/// Most operands arrive as parameters so that LLVM cannot fold them; the `…Const` exports
/// give the same operation constant operands, which is where an unguarded LLVM instruction
/// (`sdiv` by zero, `fptosi` of NaN) would become poison and the trap would vanish at O2.
struct TrapTests {
    /// The modules the cases run in; each is compiled once per test run.
    enum Fixture: String, Sendable, CaseIterable {
        case integer, conversion, memory, table, control

        var wat: String {
            switch self {
            case .integer: TrapTests.integerModule
            case .conversion: TrapTests.conversionModule
            case .memory: TrapTests.memoryModule
            case .table: TrapTests.tableModule
            case .control: TrapTests.controlModule
            }
        }

        var artifact: Artifact {
            get throws { try TrapTests.artifacts[self]!.get() }
        }
    }

    static let artifacts: [Fixture: Result<Artifact, any Error>] = Dictionary(uniqueKeysWithValues: Fixture.allCases.map { fixture in
        (fixture, Result { try Pipeline.artifact(wat: fixture.wat) })
    })

    /// One call that must trap, and a call that must then succeed.
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: Fixture
        var export: String
        var arguments: [Value]
        var code: TrapCode
        /// The export, arguments and results of the call that shows the instance still works.
        var after: (export: String, arguments: [Value], results: [Value])

        var testDescription: String { "\(export)(\(arguments.map(\.description).joined(separator: ", "))) → \(code.message)" }
    }

    /// The spec suite's wording for each code, written out here rather than read from
    /// ``TrapCode/message``, so that a changed message fails.
    static let specMessages: [TrapCode: String] = [
        .unreachable: "unreachable",
        .integerDivideByZero: "integer divide by zero",
        .integerOverflow: "integer overflow",
        .invalidConversionToInteger: "invalid conversion to integer",
        .outOfBoundsMemoryAccess: "out of bounds memory access",
        .outOfBoundsTableAccess: "out of bounds table access",
        .undefinedElement: "undefined element",
        .uninitializedElement: "uninitialized element",
        .indirectCallTypeMismatch: "indirect call type mismatch",
        .callStackExhausted: "call stack exhausted",
    ]

    @Test(arguments: integerCases + conversionCases + memoryCases + tableCases + controlCases)
    func trapsAndTheHostCarriesOn(_ c: Case) throws {
        let artifact = try c.fixture.artifact
        let instance = try Pipeline.instance(artifact)
        let trap = try #require(try instance.trap(c.export, c.arguments), "\(c.export) returned instead of trapping")
        #expect(trap.code == c.code)
        #expect(trap.message == Self.specMessages[c.code])
        #expect(trap.function?.contains("\"\(c.export)\"") == true, "\(trap)")
        // The same instance answers the next call…
        #expect(try instance.call(c.after.export, c.after.arguments) == c.after.results)
        // …and traps the same way again, then answers again.
        #expect(try instance.trap(c.export, c.arguments)?.code == c.code)
        #expect(try instance.call(c.after.export, c.after.arguments) == c.after.results)
        // A fresh instance of the same artifact works too.
        let fresh = try Pipeline.instance(artifact)
        #expect(try fresh.call(c.after.export, c.after.arguments) == c.after.results)
    }

    /// Traps raised by explicit checks in compiled code carry the byte offset of the
    /// trapping instruction; it lies inside the code section.
    @Test func explicitChecksReportTheirSite() throws {
        let bytes = try Pipeline.wasm(TrapTests.integerModule)
        let instance = try Pipeline.instance(try Fixture.integer.artifact)
        let trap = try #require(try instance.trap("i32.div_s", [.i32(1), .i32(0)]))
        #expect(trap.site > 8 && Int(trap.site) < bytes.count, "site \(trap.site)")
        // `i32.div_s` is 0x6D; the site names that byte.
        #expect(bytes[Int(trap.site)] == 0x6D, "site 0x\(String(trap.site, radix: 16))")
    }

    // MARK: - Integer division

    static let integerModule = """
        (module
          (func (export "i32.div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
          (func (export "i32.div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
          (func (export "i32.rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
          (func (export "i32.rem_u") (param i32 i32) (result i32) (i32.rem_u (local.get 0) (local.get 1)))
          (func (export "i64.div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
          (func (export "i64.div_u") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
          (func (export "i64.rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
          (func (export "i64.rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
          ;; Constant operands: LLVM folds `sdiv x, 0` and `sdiv INT_MIN, -1` to poison.
          (func (export "i32.div_sConstZero") (result i32) (i32.div_s (i32.const 7) (i32.const 0)))
          (func (export "i64.rem_uConstZero") (result i64) (i64.rem_u (i64.const 7) (i64.const 0)))
          (func (export "i32.div_sConstOverflow") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1)))
          (func (export "i64.div_sConstOverflow") (result i64) (i64.div_s (i64.const 0x8000000000000000) (i64.const -1)))
          ;; A result nobody uses still traps.
          (func (export "i32.div_uDropped") (param i32 i32) (drop (i32.div_u (local.get 0) (local.get 1))))
          (func (export "i64.rem_sConstMin") (result i64) (i64.rem_s (i64.const 0x8000000000000000) (i64.const -1))))
        """

    static let integerCases: [Case] = {
        var cases: [Case] = []
        for op in ["div_s", "div_u", "rem_s", "rem_u"] {
            cases.append(Case(fixture: .integer, export: "i32.\(op)", arguments: [.i32(1), .i32(0)], code: .integerDivideByZero,
                              after: ("i32.\(op)", [.i32(7), .i32(2)], [.i32(op.hasPrefix("div") ? 3 : 1)])))
            cases.append(Case(fixture: .integer, export: "i64.\(op)", arguments: [.i64(1), .i64(0)], code: .integerDivideByZero,
                              after: ("i64.\(op)", [.i64(7), .i64(2)], [.i64(op.hasPrefix("div") ? 3 : 1)])))
        }
        // 0 / 0 and INT_MIN / 0 are divisions by zero too, not overflow.
        cases.append(Case(fixture: .integer, export: "i32.div_s", arguments: [.i32(0), .i32(0)], code: .integerDivideByZero,
                          after: ("i32.div_s", [Value(Int32(-7)), .i32(2)], [Value(Int32(-3))])))
        cases.append(Case(fixture: .integer, export: "i64.rem_s", arguments: [.i64(1 << 63), .i64(0)], code: .integerDivideByZero,
                          after: ("i64.rem_s", [Value(Int64(-7)), .i64(2)], [Value(Int64(-1))])))
        cases.append(Case(fixture: .integer, export: "i32.div_s", arguments: [.i32(0x8000_0000), .i32(0xFFFF_FFFF)], code: .integerOverflow,
                          after: ("i32.div_s", [.i32(0x8000_0000), .i32(2)], [Value(Int32(-0x4000_0000))])))
        cases.append(Case(fixture: .integer, export: "i64.div_s", arguments: [.i64(1 << 63), .i64(UInt64.max)], code: .integerOverflow,
                          after: ("i64.div_s", [.i64(1 << 63), .i64(1)], [.i64(1 << 63)])))
        cases.append(Case(fixture: .integer, export: "i32.div_sConstZero", arguments: [], code: .integerDivideByZero,
                          after: ("i32.rem_s", [.i32(0x8000_0000), .i32(0xFFFF_FFFF)], [.i32(0)])))
        cases.append(Case(fixture: .integer, export: "i64.rem_uConstZero", arguments: [], code: .integerDivideByZero,
                          after: ("i64.rem_u", [.i64(UInt64.max), .i64(10)], [.i64(5)])))
        cases.append(Case(fixture: .integer, export: "i32.div_sConstOverflow", arguments: [], code: .integerOverflow,
                          after: ("i32.div_u", [.i32(0x8000_0000), .i32(0xFFFF_FFFF)], [.i32(0)])))
        cases.append(Case(fixture: .integer, export: "i64.div_sConstOverflow", arguments: [], code: .integerOverflow,
                          after: ("i64.div_u", [.i64(UInt64.max), .i64(1 << 32)], [.i64(0xFFFF_FFFF)])))
        cases.append(Case(fixture: .integer, export: "i32.div_uDropped", arguments: [.i32(5), .i32(0)], code: .integerDivideByZero,
                          after: ("i32.div_u", [.i32(0xFFFF_FFFF), .i32(2)], [.i32(0x7FFF_FFFF)])))
        return cases
    }()

    /// `INT_MIN rem_s -1` is 0, not a trap (LLVM's `srem` of those is undefined behaviour).
    @Test func remainderOfMinByMinusOneIsZero() throws {
        let instance = try Pipeline.instance(try Fixture.integer.artifact)
        #expect(try instance.call("i32.rem_s", [.i32(0x8000_0000), .i32(0xFFFF_FFFF)]) == [.i32(0)])
        #expect(try instance.call("i64.rem_s", [.i64(1 << 63), .i64(UInt64.max)]) == [.i64(0)])
        #expect(try instance.call("i64.rem_sConstMin") == [.i64(0)])
        // Unsigned: INT_MIN and -1 are just large numbers.
        #expect(try instance.call("i32.rem_u", [.i32(0x8000_0000), .i32(0xFFFF_FFFF)]) == [.i32(0x8000_0000)])
        #expect(try instance.call("i64.div_u", [.i64(1 << 63), .i64(UInt64.max)]) == [.i64(0)])
    }

    // MARK: - Float to integer

    static let truncations = [
        "i32.trunc_f32_s", "i32.trunc_f32_u", "i32.trunc_f64_s", "i32.trunc_f64_u",
        "i64.trunc_f32_s", "i64.trunc_f32_u", "i64.trunc_f64_s", "i64.trunc_f64_u",
    ]

    static let conversionModule: String = {
        var text = "(module\n"
        for op in truncations {
            let (result, source) = (op.prefix(3), op.dropFirst(10).prefix(3))
            text += "  (func (export \"\(op)\") (param \(source)) (result \(result)) (\(op) (local.get 0)))\n"
            let sat = op.replacingOccurrences(of: "trunc_", with: "trunc_sat_")
            text += "  (func (export \"\(sat)\") (param \(source)) (result \(result)) (\(sat) (local.get 0)))\n"
        }
        text += """
              ;; Constant operands, which LLVM would fold to poison without the checks.
              (func (export "i32.trunc_f32_sConstNaN") (result i32) (i32.trunc_f32_s (f32.const nan)))
              (func (export "i64.trunc_f64_uConstBig") (result i64) (i64.trunc_f64_u (f64.const 1e20)))
              (func (export "i32.trunc_f64_sDropped") (param f64) (drop (i32.trunc_f64_s (local.get 0)))))
            """
        return text
    }()

    static let conversionCases: [Case] = {
        var cases: [Case] = []
        for op in truncations {
            let is32 = op.hasPrefix("i32")
            let fromF32 = op.contains("f32")
            let nan: Value = fromF32 ? .f32(0x7FC0_0000) : .f64(0x7FF8_0000_0000_0000)
            let negativeNaN: Value = fromF32 ? .f32(0xFFA0_0001) : .f64(0xFFF0_0000_0000_0001)
            let ten: Value = fromF32 ? Value(Float(10.75)) : Value(Double(10.75))
            let after = (op, [ten], [is32 ? Value.i32(10) : Value.i64(10)])
            cases.append(Case(fixture: .conversion, export: op, arguments: [nan], code: .invalidConversionToInteger, after: after))
            cases.append(Case(fixture: .conversion, export: op, arguments: [negativeNaN], code: .invalidConversionToInteger, after: after))
            let infinity: Value = fromF32 ? Value(Float.infinity) : Value(Double.infinity)
            cases.append(Case(fixture: .conversion, export: op, arguments: [infinity], code: .integerOverflow, after: after))
        }
        func c(_ op: String, _ argument: Value, _ after: Value) -> Case {
            let fromF32 = op.contains("f32")
            return Case(fixture: .conversion, export: op, arguments: [argument], code: .integerOverflow,
                        after: (op, [fromF32 ? Value(Float(-0.75)) : Value(Double(-0.75))], [after]))
        }
        // Just outside each range (the first value that does not fit, or -1 for unsigned).
        cases.append(c("i32.trunc_f32_s", Value(Float(2_147_483_648)), .i32(0)))
        cases.append(c("i32.trunc_f32_s", Value(Float(-2_147_483_904)), .i32(0)))
        cases.append(c("i32.trunc_f32_u", Value(Float(4_294_967_296)), .i32(0)))
        cases.append(c("i32.trunc_f32_u", Value(Float(-1)), .i32(0)))
        cases.append(c("i32.trunc_f64_s", Value(Double(2_147_483_648)), .i32(0)))
        cases.append(c("i32.trunc_f64_s", Value(Double(-2_147_483_649)), .i32(0)))
        cases.append(c("i32.trunc_f64_u", Value(Double(-1)), .i32(0)))
        cases.append(c("i32.trunc_f64_u", Value(Double(4_294_967_296)), .i32(0)))
        cases.append(c("i64.trunc_f32_s", Value(Float(9_223_372_036_854_775_808)), .i64(0)))
        cases.append(c("i64.trunc_f32_u", Value(Float(18_446_744_073_709_551_616)), .i64(0)))
        cases.append(c("i64.trunc_f32_u", Value(Float(-1)), .i64(0)))
        cases.append(c("i64.trunc_f64_s", Value(Double(9.3e18)), .i64(0)))
        cases.append(c("i64.trunc_f64_s", Value(Double(-9_223_372_036_854_777_856)), .i64(0)))
        cases.append(c("i64.trunc_f64_u", Value(Double(18_446_744_073_709_551_616)), .i64(0)))
        cases.append(c("i64.trunc_f64_u", Value(Double(-1)), .i64(0)))
        cases.append(Case(fixture: .conversion, export: "i32.trunc_f32_sConstNaN", arguments: [], code: .invalidConversionToInteger,
                          after: ("i32.trunc_f32_s", [Value(Float(-2_147_483_648))], [.i32(0x8000_0000)])))
        cases.append(Case(fixture: .conversion, export: "i64.trunc_f64_uConstBig", arguments: [], code: .integerOverflow,
                          after: ("i64.trunc_f64_u", [Value(Double(18_446_744_073_709_549_568))], [.i64(18_446_744_073_709_549_568)])))
        cases.append(Case(fixture: .conversion, export: "i32.trunc_f64_sDropped", arguments: [Value(Double.nan)], code: .invalidConversionToInteger,
                          after: ("i32.trunc_f64_s", [Value(Double(-3.99))], [Value(Int32(-3))])))
        return cases
    }()

    /// Values at the very edge of each range, which truncate without trapping.
    @Test func conversionsAtTheEdgeDoNotTrap() throws {
        let instance = try Pipeline.instance(try Fixture.conversion.artifact)
        let cases: [(String, Value, Value)] = [
            ("i32.trunc_f64_s", Value(Double(2_147_483_647.9)), .i32(0x7FFF_FFFF)),
            ("i32.trunc_f64_s", Value(Double(-2_147_483_648.9)), .i32(0x8000_0000)),
            ("i32.trunc_f32_s", Value(Float(2_147_483_520)), .i32(2_147_483_520)),
            ("i32.trunc_f32_s", Value(Float(-2_147_483_648)), .i32(0x8000_0000)),
            ("i32.trunc_f32_u", Value(Float(4_294_967_040)), .i32(4_294_967_040)),
            ("i32.trunc_f64_u", Value(Double(4_294_967_295.9)), .i32(0xFFFF_FFFF)),
            // Anything above -1 truncates to 0, -0.0 included.
            ("i32.trunc_f64_u", Value(Double(-0.999)), .i32(0)),
            ("i32.trunc_f32_u", Value(Float(-0.0)), .i32(0)),
            ("i64.trunc_f64_u", Value(Double(-0.9)), .i64(0)),
            ("i64.trunc_f64_s", Value(Double(9_223_372_036_854_774_784)), .i64(9_223_372_036_854_774_784)),
            ("i64.trunc_f64_s", Value(Double(-9_223_372_036_854_775_808)), .i64(1 << 63)),
            ("i64.trunc_f32_u", Value(Float(18_446_742_974_197_923_840)), .i64(18_446_742_974_197_923_840)),
            ("i64.trunc_f64_u", Value(Double(18_446_744_073_709_549_568)), .i64(18_446_744_073_709_549_568)),
        ]
        for (op, argument, result) in cases {
            #expect(try instance.call(op, [argument]) == [result], "\(op)(\(argument))")
        }
    }

    /// The saturating forms never trap: NaN is 0 and the infinities clamp.
    @Test func saturatingConversionsNeverTrap() throws {
        let instance = try Pipeline.instance(try Fixture.conversion.artifact)
        for op in Self.truncations {
            let sat = op.replacingOccurrences(of: "trunc_", with: "trunc_sat_")
            let is32 = op.hasPrefix("i32"), signed = op.hasSuffix("_s"), fromF32 = op.contains("f32")
            func value(_ d: Double) -> Value { fromF32 ? Value(Float(d)) : Value(d) }
            let max: Value = is32 ? .i32(signed ? 0x7FFF_FFFF : 0xFFFF_FFFF) : .i64(signed ? 0x7FFF_FFFF_FFFF_FFFF : .max)
            let min: Value = signed ? (is32 ? .i32(0x8000_0000) : .i64(1 << 63)) : (is32 ? .i32(0) : .i64(0))
            let zero: Value = is32 ? .i32(0) : .i64(0)
            #expect(try instance.call(sat, [value(.nan)]) == [zero], "\(sat)(nan)")
            #expect(try instance.call(sat, [fromF32 ? .f32(0xFFFF_FFFF) : .f64(.max)]) == [zero], "\(sat)(-nan:all ones)")
            #expect(try instance.call(sat, [value(.infinity)]) == [max], "\(sat)(inf)")
            #expect(try instance.call(sat, [value(-.infinity)]) == [min], "\(sat)(-inf)")
            #expect(try instance.call(sat, [value(1e30)]) == [max], "\(sat)(1e30)")
            #expect(try instance.call(sat, [value(-1e30)]) == [min], "\(sat)(-1e30)")
            #expect(try instance.call(sat, [value(-7.5)]) == [signed ? (is32 ? Value(Int32(-7)) : Value(Int64(-7))) : zero], "\(sat)(-7.5)")
        }
    }

    // MARK: - Memory

    /// One page with 0x2A in the last byte, and a passive segment of five bytes.
    static let memoryModule = """
        (module
          (memory 1 2)
          (data (i32.const 65535) "\\2a")
          (data $hello "hello")
          (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
          (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
          (func (export "loadf64") (param i32) (result f64) (f64.load (local.get 0)))
          (func (export "store16") (param i32 i32) (i32.store16 (local.get 0) (local.get 1)))
          (func (export "store32") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
          (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
          ;; The loaded value is dropped: the load must still happen (and trap).
          (func (export "loadDropped") (param i32) (drop (i32.load (local.get 0))))
          (func (export "loadDroppedConst") (drop (i64.load (i32.const 65536))))
          ;; address + offset is computed in 33 bits or more, never wrapped to 32.
          (func (export "loadMaxOffset") (param i32) (result i32) (i32.load8_u offset=0xFFFFFFFF (local.get 0)))
          (func (export "load32Offset") (param i32) (result i32) (i32.load offset=0xFFFFFFF0 (local.get 0)))
          (func (export "storeMaxOffset") (param i32) (i32.store8 offset=0xFFFFFFFF (local.get 0) (i32.const 1)))
          (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
          (func (export "init") (param i32 i32 i32) (memory.init $hello (local.get 0) (local.get 1) (local.get 2)))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "size") (result i32) (memory.size)))
        """

    static let memoryCases: [Case] = {
        let lastByte = ("load8", [Value.i32(65535)], [Value.i32(0x2A)])
        func c(_ export: String, _ arguments: [Value]) -> Case {
            Case(fixture: .memory, export: export, arguments: arguments, code: .outOfBoundsMemoryAccess, after: lastByte)
        }
        return [
            c("load8", [.i32(65536)]),
            c("load8", [.i32(0xFFFF_FFFF)]),
            c("load32", [.i32(65533)]),  // straddles the end
            c("load32", [.i32(65536)]),
            c("load32", [.i32(0xFFFF_FFFE)]),  // would wrap to 2 in 32 bits
            c("load64", [.i32(65529)]),
            c("loadf64", [.i32(0x8000_0000)]),
            c("store16", [.i32(65535), .i32(0xFFFF)]),  // straddles the end
            c("store32", [.i32(65536), .i32(1)]),
            c("store64", [.i32(65532), .i64(UInt64.max)]),
            c("loadDropped", [.i32(65533)]),
            c("loadDropped", [.i32(0x7FFF_FFFF)]),
            c("loadDroppedConst", []),
            c("loadMaxOffset", [.i32(0)]),
            c("loadMaxOffset", [.i32(1)]),  // 0xFFFFFFFF + 1 = 2^32, which is 0 in 32 bits
            c("load32Offset", [.i32(0x10)]),
            c("load32Offset", [.i32(0xFFFF_FFFF)]),
            c("storeMaxOffset", [.i32(1)]),
            c("fill", [.i32(65530), .i32(7), .i32(7)]),
            c("fill", [.i32(65537), .i32(0), .i32(0)]),  // empty, but starts past the end
            c("fill", [.i32(0), .i32(0), .i32(0xFFFF_FFFF)]),
            c("copy", [.i32(0), .i32(65530), .i32(7)]),  // source runs past the end
            c("copy", [.i32(65530), .i32(0), .i32(7)]),  // destination runs past the end
            c("copy", [.i32(0xFFFF_FFFF), .i32(0), .i32(2)]),
            c("copy", [.i32(65537), .i32(0), .i32(0)]),
            c("init", [.i32(0), .i32(0), .i32(6)]),  // past the segment's end
            c("init", [.i32(0), .i32(6), .i32(0)]),  // empty, but starts past the segment's end
            c("init", [.i32(65535), .i32(0), .i32(2)]),  // past the memory's end
            c("init", [.i32(65537), .i32(0), .i32(0)]),
        ]
    }()

    /// A trapping store or bulk operation writes nothing: the check comes before any byte
    /// moves (explicit bounds checks; bulk operations are specified that way).
    @Test func aTrappingWriteLeavesMemoryAlone() throws {
        let instance = try Pipeline.instance(try Fixture.memory.artifact)
        let memory = try #require(instance.memory)
        #expect(try instance.trap("store16", [.i32(65535), .i32(0xFFFF)])?.code == .outOfBoundsMemoryAccess)
        #expect(try instance.trap("store64", [.i32(65530), .i64(UInt64.max)])?.code == .outOfBoundsMemoryAccess)
        #expect(try instance.trap("fill", [.i32(65500), .i32(0xFF), .i32(37)])?.code == .outOfBoundsMemoryAccess)
        #expect(try instance.trap("copy", [.i32(65530), .i32(65535), .i32(2)])?.code == .outOfBoundsMemoryAccess)
        #expect(try instance.trap("init", [.i32(65534), .i32(0), .i32(5)])?.code == .outOfBoundsMemoryAccess)
        #expect(memory.read(at: 65500, count: 36) == [UInt8](repeating: 0, count: 35) + [0x2A])
    }

    /// The last byte, the last aligned word and empty bulk operations at the very end are in
    /// bounds.
    @Test func accessesAtTheEndDoNotTrap() throws {
        let instance = try Pipeline.instance(try Fixture.memory.artifact)
        #expect(try instance.call("load8", [.i32(65535)]) == [.i32(0x2A)])
        #expect(try instance.call("load32", [.i32(65532)]) == [.i32(0x2A00_0000)])
        #expect(try instance.call("load64", [.i32(65528)]) == [.i64(0x2A00_0000_0000_0000)])
        #expect(try instance.call("fill", [.i32(65536), .i32(0xFF), .i32(0)]) == [])
        #expect(try instance.call("copy", [.i32(65536), .i32(65536), .i32(0)]) == [])
        #expect(try instance.call("copy", [.i32(0), .i32(65536), .i32(0)]) == [])
        #expect(try instance.call("init", [.i32(65536), .i32(5), .i32(0)]) == [])
        #expect(try instance.call("init", [.i32(65531), .i32(0), .i32(5)]) == [])
        #expect(try instance.call("load32", [.i32(65532)]) == [.i32(0x6F6C_6C65)])  // "ello"
        #expect(try instance.call("store16", [.i32(65534), .i32(0xBEEF)]) == [])
        #expect(try instance.call("load8", [.i32(65535)]) == [.i32(0xBE)])
        #expect(try instance.call("fill", [.i32(65535), .i32(0x2A), .i32(1)]) == [])
        #expect(try instance.call("load8", [.i32(65535)]) == [.i32(0x2A)])
    }

    /// After `memory.grow`, what trapped at the old end is in bounds, and the new end traps.
    @Test func growingMovesTheEnd() throws {
        let instance = try Pipeline.instance(try Fixture.memory.artifact)
        #expect(try instance.trap("load32", [.i32(65536)])?.code == .outOfBoundsMemoryAccess)
        #expect(try instance.call("grow", [.i32(1)]) == [.i32(1)])
        #expect(try instance.call("size") == [.i32(2)])
        #expect(try instance.call("load32", [.i32(65536)]) == [.i32(0)])
        #expect(try instance.call("load8", [.i32(131_071)]) == [.i32(0)])
        #expect(try instance.trap("load8", [.i32(131_072)])?.code == .outOfBoundsMemoryAccess)
        // The maximum is two pages.
        #expect(try instance.call("grow", [.i32(1)]) == [.i32(0xFFFF_FFFF)])
        #expect(try instance.call("size") == [.i32(2)])
    }

    // MARK: - Tables and indirect calls

    /// A table of four: `$double`, `$triple`, then two null entries; a passive segment of two.
    static let tableModule = """
        (module
          (type $ii (func (param i32) (result i32)))
          (type $ii2 (func (param i32) (result i32)))
          (type $v (func))
          (table $t 4 10 funcref)
          (elem (table $t) (i32.const 0) func $double $triple)
          (elem $passive func $double $triple)
          (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
          (func $triple (type $ii) (i32.mul (local.get 0) (i32.const 3)))
          (func (export "isNull") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
          (func (export "set") (param i32) (table.set $t (local.get 0) (ref.null func)))
          (func (export "fill") (param i32 i32) (table.fill $t (local.get 0) (ref.func $triple) (local.get 1)))
          (func (export "copy") (param i32 i32 i32) (table.copy $t $t (local.get 0) (local.get 1) (local.get 2)))
          (func (export "init") (param i32 i32 i32) (table.init $t $passive (local.get 0) (local.get 1) (local.get 2)))
          (func (export "call") (param i32 i32) (result i32) (call_indirect $t (type $ii) (local.get 1) (local.get 0)))
          ;; Another type index with the same signature: the same canonical type, no trap.
          (func (export "callSame") (param i32 i32) (result i32) (call_indirect $t (type $ii2) (local.get 1) (local.get 0)))
          (func (export "callVoid") (param i32) (call_indirect $t (type $v) (local.get 0)))
          (func (export "callConst") (result i32) (call_indirect $t (type $ii) (i32.const 5) (i32.const 2)))
          (func (export "size") (result i32) (table.size $t)))
        """

    static let tableCases: [Case] = {
        let double = ("call", [Value.i32(0), .i32(21)], [Value.i32(42)])
        func c(_ export: String, _ arguments: [Value], _ code: TrapCode = .outOfBoundsTableAccess) -> Case {
            Case(fixture: .table, export: export, arguments: arguments, code: code, after: double)
        }
        return [
            c("isNull", [.i32(4)]),
            c("isNull", [.i32(0xFFFF_FFFF)]),
            c("set", [.i32(4)]),
            c("fill", [.i32(3), .i32(2)]),
            c("fill", [.i32(5), .i32(0)]),  // empty, but starts past the end
            c("fill", [.i32(1), .i32(0xFFFF_FFFF)]),
            c("copy", [.i32(0), .i32(3), .i32(2)]),
            c("copy", [.i32(3), .i32(0), .i32(2)]),
            c("copy", [.i32(5), .i32(0), .i32(0)]),
            c("init", [.i32(0), .i32(1), .i32(2)]),  // past the segment's end
            c("init", [.i32(3), .i32(0), .i32(2)]),  // past the table's end
            c("init", [.i32(0), .i32(3), .i32(0)]),
            c("call", [.i32(4), .i32(1)], .undefinedElement),
            c("call", [.i32(0xFFFF_FFFF), .i32(1)], .undefinedElement),
            c("callConst", [], .uninitializedElement),
            c("call", [.i32(2), .i32(1)], .uninitializedElement),
            c("callSame", [.i32(3), .i32(1)], .uninitializedElement),
            c("callVoid", [.i32(0)], .indirectCallTypeMismatch),
            c("callVoid", [.i32(1)], .indirectCallTypeMismatch),
        ]
    }()

    @Test func tableEdgesAndCanonicalTypes() throws {
        let instance = try Pipeline.instance(try Fixture.table.artifact)
        #expect(try instance.call("size") == [.i32(4)])
        #expect(try instance.call("callSame", [.i32(1), .i32(5)]) == [.i32(15)])
        // A failed fill writes nothing; an empty one at the end is fine.
        #expect(try instance.trap("fill", [.i32(2), .i32(3)])?.code == .outOfBoundsTableAccess)
        #expect(try instance.call("isNull", [.i32(2)]) == [.i32(1)])
        #expect(try instance.call("fill", [.i32(4), .i32(0)]) == [])
        #expect(try instance.call("fill", [.i32(2), .i32(2)]) == [])
        #expect(try instance.call("call", [.i32(3), .i32(5)]) == [.i32(15)])
        #expect(try instance.call("init", [.i32(2), .i32(0), .i32(2)]) == [])
        #expect(try instance.call("call", [.i32(2), .i32(5)]) == [.i32(10)])
        #expect(try instance.call("set", [.i32(0)]) == [])
        #expect(try instance.trap("call", [.i32(0), .i32(5)])?.code == .uninitializedElement)
        #expect(try instance.call("copy", [.i32(0), .i32(1), .i32(3)]) == [])
        #expect(try instance.call("call", [.i32(0), .i32(5)]) == [.i32(15)])
    }

    // MARK: - Control

    static let controlModule = """
        (module
          (func (export "unreachable") unreachable)
          (func $deep (param i32) (result i32)
            (if (result i32) (local.get 0)
              (then (i32.add (call $deep (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))
              (else unreachable)))
          (func (export "unreachableDeep") (param i32) (result i32) (call $deep (local.get 0)))
          (func (export "unreachableInLoop") (param i32) (result i32)
            (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
            unreachable)
          ;; The spec suite's `runaway`: a tail call LLVM could turn into a loop.
          (func $runaway (export "runaway") (call $runaway))
          (func $grow (export "recurse") (param i32) (result i32)
            (i32.add (call $grow (i32.add (local.get 0) (i32.const 1))) (local.get 0)))
          (func $ping (export "ping") (param i64 f64) (result f64)
            (f64.add (call $pong (i64.add (local.get 0) (i64.const 1)) (local.get 1)) (f64.const 1)))
          (func $pong (param i64 f64) (result f64)
            (f64.mul (call $ping (local.get 0) (f64.add (local.get 1) (f64.const 0.5))) (f64.const 2)))
          (func $even (export "even") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (call $odd (i32.sub (local.get 0) (i32.const 1))))))
          (func $odd (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (call $even (i32.sub (local.get 0) (i32.const 1)))))))
        """

    static let controlCases: [Case] = {
        let even = ("even", [Value.i32(1001)], [Value.i32(0)])
        return [
            Case(fixture: .control, export: "unreachable", arguments: [], code: .unreachable, after: even),
            Case(fixture: .control, export: "unreachableDeep", arguments: [.i32(100)], code: .unreachable, after: even),
            Case(fixture: .control, export: "unreachableInLoop", arguments: [.i32(1000)], code: .unreachable, after: even),
            Case(fixture: .control, export: "runaway", arguments: [], code: .callStackExhausted, after: even),
            Case(fixture: .control, export: "recurse", arguments: [.i32(0)], code: .callStackExhausted, after: even),
            Case(fixture: .control, export: "ping", arguments: [.i64(0), Value(Double(0))], code: .callStackExhausted, after: even),
            // Mutual recursion a million deep: finite, but far past the stack budget.
            Case(fixture: .control, export: "even", arguments: [.i32(1_000_000)], code: .callStackExhausted,
                 after: ("even", [.i32(1000)], [.i32(1)])),
        ]
    }()

    /// Exhausting the stack many times in a row leaves the thread and the store usable.
    @Test func repeatedStackExhaustion() throws {
        let instance = try Pipeline.instance(try Fixture.control.artifact)
        for _ in 0..<50 {
            #expect(try instance.trap("runaway")?.code == .callStackExhausted)
            #expect(try instance.trap("ping", [.i64(0), Value(Double(1))])?.code == .callStackExhausted)
        }
        #expect(try instance.call("even", [.i32(5000)]) == [.i32(1)])
    }
}
