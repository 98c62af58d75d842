/// Large, valid, deterministic modules for tests and benchmarks of the front end.
///
/// The module looks like compiler output rather than a stress pattern: an imported function
/// and global, a memory, a funcref table filled by an element segment, mutable globals of all
/// four number types, an extended-const global, active and passive data segments, and
/// function bodies that mix locals, i32/i64/f32/f64 arithmetic and conversions, loads and
/// stores with offsets, nested `block`/`loop`/`if`, `br`, `br_if`, `br_table`, early `return`,
/// direct calls, `call_indirect`, typed and untyped `select`, multi-value calls and blocks
/// (including a block type with a parameter) and bulk-memory operators.
///
/// Everything comes from a ``SeededGenerator``, so the same arguments give the same bytes.
/// The code is meant to be decoded, validated and compiled, not run: its calls recurse
/// freely and nested loops share one counter, so execution may not terminate.
public enum SyntheticModule {
    /// The default module's exact size in bytes, `large()` with every argument defaulted:
    /// 2,000 functions of about 1 KB each, within 0.05 % of 2 MB (2,000,000 bytes).
    public static let defaultLargeSize = 1_999_145

    /// A valid module of `functionCount` defined functions whose bodies hold about
    /// `bodySize` bytes of instructions each. With the defaults it is ``defaultLargeSize``
    /// bytes (about 2 MB); the size grows linearly with both arguments.
    ///
    /// - Parameters:
    ///   - functionCount: defined functions (at least 1); one more is imported.
    ///   - bodySize: instruction bytes per body to aim for; each body stops at the first
    ///     statement that reaches it, then returns its results.
    ///   - seed: the ``SeededGenerator`` seed; another seed gives another module of the same shape.
    public static func large(functionCount: Int = 2000, bodySize: Int = 926, seed: UInt64 = 0x6D69_6469_6D6F_6E21) -> [UInt8] {
        precondition(functionCount >= 1, "a synthetic module has at least one function")
        var rng = SeededGenerator(seed: seed)
        typealias B = BinaryBuilder

        // Function types. 6 and 7 serve as multi-value block types, 8 is the import's type.
        let types: [([B.ValueType], [B.ValueType])] = [
            ([], []),  // 0
            ([.i32], [.i32]),  // 1
            ([.i32, .i32], [.i32]),  // 2
            ([.i64, .f64], [.i64]),  // 3
            ([.i32, .f32], [.f32, .i32]),  // 4: multi-value
            ([.i32, .i64, .f64], [.i32, .i64]),  // 5: multi-value
            ([], [.i32, .i32]),  // 6: block type
            ([.i32], [.i32, .i32]),  // 7: block type with a parameter
            ([.i32], []),  // 8: the imported function
            ([.f32, .f32], [.f32]),  // 9
        ]
        // Types of defined functions: each callable type once, then a weighted draw.
        let callable: [UInt32] = [1, 2, 3, 4, 5, 0, 9]
        let weighted: [UInt32] = [1, 1, 1, 2, 2, 3, 4, 5, 0, 9]
        var functionTypes: [UInt32] = []
        for i in 0..<functionCount {
            functionTypes.append(i < callable.count ? callable[i] : rng.pick(weighted))
        }
        // Function index space: the import is 0, defined function i is i + 1.
        var functionsByType = [[UInt32]](repeating: [], count: types.count)
        functionsByType[8].append(0)
        for (i, t) in functionTypes.enumerated() { functionsByType[Int(t)].append(UInt32(i + 1)) }

        var sections: [[UInt8]] = []
        sections.append(B.section(.type, B.vector(types.map { B.functionType($0.0, $0.1) })))
        sections.append(B.section(.import, B.vector([
            B.name("env") + B.name("log") + [0x00] + B.unsigned(8),
            B.name("env") + B.name("heap_base") + [0x03, B.ValueType.i32.rawValue, 0x00],
        ])))
        var functionSection = B.unsigned(UInt64(functionCount))
        for t in functionTypes { B.appendUnsigned(UInt64(t), to: &functionSection) }
        sections.append(B.section(.function, functionSection))
        sections.append(B.section(.table, B.vector([[0x70] + B.limits(min: UInt32(functionCount), max: UInt32(functionCount))])))
        sections.append(B.section(.memory, B.vector([B.limits(min: 17, max: 256)])))
        // Globals: 0 is imported; 1–4 are mutable i32, i64, f32, f64; 5 is heap_base + 4096.
        sections.append(B.section(.global, B.vector([
            [0x7F, 0x01, 0x41, 0x00, 0x0B],
            [0x7E, 0x01, 0x42, 0x00, 0x0B],
            [0x7D, 0x01, 0x43, 0x00, 0x00, 0x00, 0x00, 0x0B],
            [0x7C, 0x01, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0B],
            [0x7F, 0x00, 0x23, 0x00, 0x41] + B.signed(4096) + [0x6A, 0x0B],
        ])))
        var exports = [B.name("memory") + [0x02, 0x00], B.name("table") + [0x01, 0x00]]
        for i in 0..<min(functionCount, 8) { exports.append(B.name("f\(i)") + [0x00] + B.unsigned(UInt64(i + 1))) }
        sections.append(B.section(.export, B.vector(exports)))
        var element: [UInt8] = [0x00, 0x41, 0x00, 0x0B]
        element += B.vector((1...functionCount).map { B.unsigned(UInt64($0)) })
        sections.append(B.section(.element, B.vector([element])))
        sections.append(B.section(.dataCount, B.unsigned(2)))

        var code = B.unsigned(UInt64(functionCount))
        code.reserveCapacity(functionCount * (bodySize + 64))
        var writer = BodyWriter(rng: rng, functionsByType: functionsByType, types: types)
        for t in functionTypes {
            writer.writeBody(type: Int(t), targetSize: bodySize, into: &code)
        }
        rng = writer.rng
        sections.append(B.section(.code, code))

        let active = (0..<64).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let passive = (0..<32).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        sections.append(B.section(.data, B.vector([
            [0x00, 0x23, 0x00, 0x0B] + B.vector(active.map { [$0] }),
            [0x01] + B.vector(passive.map { [$0] }),
        ])))
        return B.module(sections)
    }
}

/// Writes one function body at a time: random but always well-typed code.
///
/// Expressions push exactly one value of the requested type; statements leave the operand
/// stack as they found it. Branches only target labels that the same construct opened, so
/// any statement can nest inside any other.
private struct BodyWriter {
    typealias ValueType = BinaryBuilder.ValueType

    var rng: SeededGenerator
    let functionsByType: [[UInt32]]
    let types: [([ValueType], [ValueType])]
    private var out: [UInt8] = []
    private var locals: [ValueType: [UInt32]] = [:]
    /// Reserved i32 local that counts loop iterations down.
    private var counter: UInt32 = 0

    init(rng: SeededGenerator, functionsByType: [[UInt32]], types: [([ValueType], [ValueType])]) {
        self.rng = rng
        self.functionsByType = functionsByType
        self.types = types
    }

    // Declared locals of every body, after the parameters; the first i32 is the loop counter.
    private static let declared: [(count: UInt32, type: ValueType)] = [(3, .i32), (2, .i64), (1, .f32), (1, .f64)]

    mutating func writeBody(type typeIndex: Int, targetSize: Int, into code: inout [UInt8]) {
        let (parameters, results) = types[typeIndex]
        locals = [.i32: [], .i64: [], .f32: [], .f64: []]
        var index: UInt32 = 0
        for p in parameters {
            locals[p, default: []].append(index)
            index += 1
        }
        counter = index
        for group in Self.declared {
            for _ in 0..<group.count {
                if !(group.type == .i32 && index == counter) { locals[group.type, default: []].append(index) }
                index += 1
            }
        }

        currentResults = results
        out.removeAll(keepingCapacity: true)
        while out.count < targetSize { statement(depth: 0) }
        for r in results { expression(r, depth: 0) }
        out.append(0x0B)

        var header = BinaryBuilder.unsigned(UInt64(Self.declared.count))
        for group in Self.declared { header += BinaryBuilder.unsigned(UInt64(group.count)) + [group.type.rawValue] }
        BinaryBuilder.appendUnsigned(UInt64(header.count + out.count), to: &code)
        code += header
        code += out
    }

    // MARK: - Encoding helpers

    private mutating func op(_ bytes: UInt8...) { out += bytes }
    private mutating func u32(_ v: UInt32) { BinaryBuilder.appendUnsigned(UInt64(v), to: &out) }
    private mutating func memarg(align: UInt32) {
        u32(align)
        u32(UInt32(rng.pick([0, 0, 4, 8, 16, 64, 256, 1024, 4096])))
    }
    private mutating func localIndex(_ t: ValueType) -> UInt32 { rng.pick(locals[t]!) }
    private mutating func function(ofType t: Int) -> UInt32? {
        functionsByType[t].isEmpty ? nil : rng.pick(functionsByType[t])
    }
    private mutating func arguments(ofType t: Int, depth: Int) {
        for p in types[t].0 { expression(p, depth: depth + 1) }
    }
    /// A memory address: a local masked into the first pages, as compiled code would do.
    private mutating func address(depth: Int) {
        if depth < 2 && rng.chance(1, in: 3) {
            expression(.i32, depth: depth + 1)
        } else {
            op(0x20); u32(localIndex(.i32))
        }
        op(0x41); BinaryBuilder.appendSigned(0xFFF0, to: &out)
        op(0x71)  // i32.and
    }

    // MARK: - Expressions

    /// Pushes one value of type `t`.
    private mutating func expression(_ t: ValueType, depth: Int) {
        if depth >= 3 || rng.chance(depth + 1, in: 5) {
            leaf(t)
            return
        }
        switch t {
        case .i32: i32Expression(depth)
        case .i64: i64Expression(depth)
        case .f32: f32Expression(depth)
        default: f64Expression(depth)
        }
    }

    private mutating func leaf(_ t: ValueType) {
        switch rng.next(below: 4) {
        case 0, 1:
            op(0x20); u32(localIndex(t))
        case 2:
            // global.get: the imported or extended-const global for i32, else the mutable one.
            let g: UInt32
            switch t {
            case .i32: g = rng.pick([0, 1, 5])
            case .i64: g = 2
            case .f32: g = 3
            default: g = 4
            }
            op(0x23); u32(g)
        default:
            switch t {
            case .i32: op(0x41); BinaryBuilder.appendSigned(Int64(Int32(truncatingIfNeeded: rng.next()) >> rng.next(below: 31)), to: &out)
            case .i64: op(0x42); BinaryBuilder.appendSigned(Int64(bitPattern: rng.next()) >> rng.next(below: 63), to: &out)
            case .f32:
                op(0x43)
                let bits = (Float(rng.next(below: 2000) - 1000) / 8).bitPattern
                out += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
            default:
                op(0x44)
                let bits = (Double(rng.next(below: 200_000)) / 64).bitPattern
                for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(bits >> UInt64(shift) & 0xFF)) }
            }
        }
    }

    private mutating func i32Expression(_ depth: Int) {
        let d = depth + 1
        switch rng.next(below: 14) {
        case 0, 1:  // binary arithmetic
            expression(.i32, depth: d); expression(.i32, depth: d)
            op(rng.pick([0x6A, 0x6B, 0x6C, 0x71, 0x72, 0x73, 0x74, 0x76, 0x77, 0x6E]))
        case 2:  // comparison of any number type
            let t = rng.pick([ValueType.i32, .i64, .f32, .f64])
            expression(t, depth: d); expression(t, depth: d)
            switch t {
            case .i32: op(rng.pick([0x46, 0x47, 0x48, 0x4B, 0x4F]))
            case .i64: op(rng.pick([0x51, 0x53, 0x56, 0x5A]))
            case .f32: op(rng.pick([0x5B, 0x5D, 0x60]))
            default: op(rng.pick([0x61, 0x63, 0x66]))
            }
        case 3:  // loads
            address(depth: d)
            switch rng.next(below: 3) {
            case 0: op(0x28); memarg(align: 2)
            case 1: op(0x2D); memarg(align: 0)
            default: op(0x2E); memarg(align: 1)
            }
        case 4:  // unary and conversions
            switch rng.next(below: 6) {
            case 0: expression(.i32, depth: d); op(0x45)
            case 1: expression(.i32, depth: d); op(rng.pick([0x67, 0x69, 0xC0]))
            case 2: expression(.i64, depth: d); op(0xA7)
            case 3: expression(.f32, depth: d); op(0xFC, 0x00)
            case 4: expression(.f64, depth: d); op(0xFC, 0x03)
            default: expression(.f32, depth: d); op(0xBC)
            }
        case 5:  // direct call
            if let f = function(ofType: 1) {
                arguments(ofType: 1, depth: depth); op(0x10); u32(f)
            } else if let f = function(ofType: 2) {
                arguments(ofType: 2, depth: depth); op(0x10); u32(f)
            } else {
                leaf(.i32)
            }
        case 6:  // call_indirect through the table
            arguments(ofType: 2, depth: depth)
            op(0x20); u32(localIndex(.i32))
            op(0x11); u32(2); op(0x00)
        case 7:  // select, untyped or typed
            expression(.i32, depth: d); expression(.i32, depth: d); expression(.i32, depth: d)
            if rng.chance(1, in: 3) { op(0x1C, 0x01, 0x7F) } else { op(0x1B) }
        case 8:  // if with a result
            expression(.i32, depth: d)
            op(0x04, 0x7F); expression(.i32, depth: d)
            op(0x05); expression(.i32, depth: d)
            op(0x0B)
        case 9:  // block with an early exit
            op(0x02, 0x7F)
            expression(.i32, depth: d); expression(.i32, depth: d)
            op(0x0D, 0x00, 0x1A)
            expression(.i32, depth: d)
            op(0x0B)
        case 10:
            expression(.i32, depth: d)
            op(0x22); u32(localIndex(.i32))
        case 11:  // multi-value block: [] -> [i32 i32], or [i32] -> [i32 i32]
            if rng.chance(1, in: 2) {
                op(0x02, 0x06); expression(.i32, depth: d); expression(.i32, depth: d); op(0x0B)
                op(0x6A)
            } else {
                expression(.i32, depth: d)
                op(0x02, 0x07); expression(.i32, depth: d); op(0x0B)
                op(0x6C)
            }
        case 12:
            if rng.chance(1, in: 4) {
                expression(.i32, depth: d); op(0x40, 0x00)  // memory.grow
            } else {
                op(0x3F, 0x00)  // memory.size
            }
        default:
            leaf(.i32)
        }
    }

    private mutating func i64Expression(_ depth: Int) {
        let d = depth + 1
        switch rng.next(below: 7) {
        case 0, 1:
            expression(.i64, depth: d); expression(.i64, depth: d)
            op(rng.pick([0x7C, 0x7D, 0x7E, 0x83, 0x84, 0x85, 0x86, 0x88, 0x89]))
        case 2:
            expression(.i32, depth: d); op(rng.pick([0xAC, 0xAD]))
        case 3:
            address(depth: d)
            switch rng.next(below: 3) {
            case 0: op(0x29); memarg(align: 3)
            case 1: op(0x35); memarg(align: 2)
            default: op(0x30); memarg(align: 0)
            }
        case 4:
            if let f = function(ofType: 3) {
                arguments(ofType: 3, depth: depth); op(0x10); u32(f)
            } else {
                leaf(.i64)
            }
        case 5:
            switch rng.next(below: 3) {
            case 0: expression(.f64, depth: d); op(0xFC, 0x06)
            case 1: expression(.i64, depth: d); op(rng.pick([0xC2, 0xC4, 0x79, 0x7B]))
            default: expression(.f64, depth: d); op(0xBD)
            }
        default:
            expression(.i64, depth: d); expression(.i64, depth: d); expression(.i32, depth: d)
            op(0x1B)
        }
    }

    private mutating func f32Expression(_ depth: Int) {
        let d = depth + 1
        switch rng.next(below: 6) {
        case 0, 1:
            expression(.f32, depth: d); expression(.f32, depth: d)
            op(rng.pick([0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98]))
        case 2:
            expression(.f32, depth: d); op(rng.pick([0x8B, 0x8C, 0x8E, 0x91]))
        case 3:
            switch rng.next(below: 3) {
            case 0: expression(.i32, depth: d); op(0xB2)
            case 1: expression(.f64, depth: d); op(0xB6)
            default: expression(.i64, depth: d); op(0xB5)
            }
        case 4:
            address(depth: d); op(0x2A); memarg(align: 2)
        default:
            if let f = function(ofType: 9) {
                arguments(ofType: 9, depth: depth); op(0x10); u32(f)
            } else {
                leaf(.f32)
            }
        }
    }

    private mutating func f64Expression(_ depth: Int) {
        let d = depth + 1
        switch rng.next(below: 5) {
        case 0, 1:
            expression(.f64, depth: d); expression(.f64, depth: d)
            op(rng.pick([0xA0, 0xA1, 0xA2, 0xA3, 0xA4]))
        case 2:
            expression(.f64, depth: d); op(rng.pick([0x99, 0x9F, 0x9C]))
        case 3:
            switch rng.next(below: 3) {
            case 0: expression(.i64, depth: d); op(0xB9)
            case 1: expression(.f32, depth: d); op(0xBB)
            default: expression(.i32, depth: d); op(0xB8)
            }
        default:
            address(depth: d); op(0x2B); memarg(align: 3)
        }
    }

    // MARK: - Statements

    /// Writes code that leaves the operand stack unchanged.
    private mutating func statement(depth: Int) {
        let nested = depth < 2
        switch rng.next(below: nested ? 16 : 9) {
        case 0, 1, 2:  // local.set
            let t = rng.pick([ValueType.i32, .i32, .i64, .f32, .f64])
            expression(t, depth: 0)
            op(0x21); u32(localIndex(t))
        case 3:  // store
            address(depth: 1)
            switch rng.next(below: 6) {
            case 0: expression(.i32, depth: 1); op(0x36); memarg(align: 2)
            case 1: expression(.i64, depth: 1); op(0x37); memarg(align: 3)
            case 2: expression(.f32, depth: 1); op(0x38); memarg(align: 2)
            case 3: expression(.f64, depth: 1); op(0x39); memarg(align: 3)
            case 4: expression(.i32, depth: 1); op(0x3A); memarg(align: 0)
            default: expression(.i64, depth: 1); op(0x3E); memarg(align: 2)
            }
        case 4:  // global.set
            let (t, g): (ValueType, UInt32) = rng.pick([(.i32, 1), (.i64, 2), (.f32, 3), (.f64, 4)])
            expression(t, depth: 0)
            op(0x24); u32(g)
        case 5:  // calls with results stored or dropped, multi-value included
            call()
        case 6:  // drop
            expression(rng.pick([ValueType.i32, .i64, .f32, .f64]), depth: 0)
            op(0x1A)
        case 7:  // multi-value block with a parameter
            expression(.i32, depth: 1)
            op(0x02, 0x07); expression(.i32, depth: 1); op(0x0B)
            op(0x21); u32(localIndex(.i32))
            op(0x21); u32(localIndex(.i32))
        case 8:  // bulk memory
            switch rng.next(below: 5) {
            case 0:
                address(depth: 1); expression(.i32, depth: 2); op(0x41, 0x10)
                op(0xFC, 0x0B, 0x00)  // memory.fill
            case 1:
                address(depth: 1); address(depth: 1); op(0x41, 0x20)
                op(0xFC, 0x0A, 0x00, 0x00)  // memory.copy
            case 2:
                address(depth: 1); op(0x41, 0x00, 0x41, 0x08)
                op(0xFC, 0x08, 0x01, 0x00)  // memory.init 1
            case 3:
                op(0xFC, 0x09, 0x01)  // data.drop 1
            default:
                expression(.i32, depth: 1)
                op(0x10, 0x00)  // the imported env.log
            }
        case 9, 10:  // if / else
            expression(.i32, depth: 1)
            op(0x04, 0x40)
            statements(depth: depth + 1)
            if rng.chance(2, in: 3) {
                op(0x05)
                statements(depth: depth + 1)
            }
            op(0x0B)
        case 11, 12:  // a counted loop inside a block, with an early exit
            op(0x41, 0x08, 0x21); u32(counter)
            op(0x02, 0x40, 0x03, 0x40)
            statements(depth: depth + 1)
            expression(.i32, depth: 1)
            op(0x0D, 0x01)  // br_if 1: leave the block
            op(0x20); u32(counter)
            op(0x41, 0x01, 0x6B, 0x22); u32(counter)
            op(0x0D, 0x00)  // br_if 0: next iteration
            op(0x0B, 0x0B)
        case 13:  // br_table over three nested blocks
            op(0x02, 0x40, 0x02, 0x40, 0x02, 0x40)
            expression(.i32, depth: 1)
            op(0x0E, 0x02, 0x00, 0x01, 0x02)
            op(0x0B)
            statement(depth: depth + 1)
            if rng.chance(1, in: 2) { op(0x0C, 0x01) }  // br 1: skip the outer block's statement
            op(0x0B)
            statement(depth: depth + 1)
            op(0x0B)
        case 14:  // early return
            expression(.i32, depth: 1)
            op(0x04, 0x40)
            // The enclosing function's results: recover them from the locals' types.
            for r in currentResults { expression(r, depth: 1) }
            op(0x0F, 0x0B)
        default:  // call_indirect of a multi-value type
            expression(.i32, depth: 1); expression(.f32, depth: 1)
            op(0x20); u32(localIndex(.i32))
            op(0x11, 0x04, 0x00)
            op(0x21); u32(localIndex(.i32))
            op(0x21); u32(localIndex(.f32))
        }
    }

    private mutating func statements(depth: Int) {
        for _ in 0..<rng.next(in: 1...3) { statement(depth: depth) }
    }

    private mutating func call() {
        let t = rng.pick([0, 1, 3, 4, 5, 9])
        guard let f = function(ofType: t) else {
            expression(.i32, depth: 0); op(0x1A)
            return
        }
        arguments(ofType: t, depth: 0)
        op(0x10); u32(f)
        // Results come off the stack last first.
        for r in types[t].1.reversed() {
            if rng.chance(1, in: 4) {
                op(0x1A)
            } else {
                op(0x21); u32(localIndex(r))
            }
        }
    }

    private var currentResults: [ValueType] = []
}
