import FrontEnd

// =============================================================================================
// What one iteration of a simple innermost loop does, as affine forms of the locals' values at
// the iteration's start: the input of loop versioning (LoopVersioning.swift), whose guard
// turns it into one test before the loop.
//
// THIS CODE DECIDES WHETHER BOUNDS CHECKS ARE SKIPPED: every change gets two reviews and a
// test that fails without it (LoopVersioningTests).
// =============================================================================================

/// An integer value as an affine form of the locals' values at the start of an iteration,
/// modulo 2^`Word.bitWidth`: `constant + Σ coefficient × local`. An `Affine<UInt32>` names i32
/// locals only and an `Affine<UInt64>` i64 locals only, as WebAssembly's types keep them apart.
struct Affine<Word: FixedWidthInteger & UnsignedInteger>: Hashable {
    var terms: [Int: Word] = [:]
    var constant: Word = 0

    init(terms: [Int: Word] = [:], constant: Word = 0) {
        self.terms = terms.filter { $0.value != 0 }
        self.constant = constant
    }

    static func local(_ index: Int) -> Affine { Affine(terms: [index: 1]) }

    static func + (a: Affine, b: Affine) -> Affine {
        var terms = a.terms
        for (k, v) in b.terms { terms[k, default: 0] &+= v }
        return Affine(terms: terms, constant: a.constant &+ b.constant)
    }

    func scaled(_ s: Word) -> Affine {
        Affine(terms: terms.mapValues { $0 &* s }, constant: constant &* s)
    }

    /// `Word.max` is −1 modulo 2^bitWidth.
    static func - (a: Affine, b: Affine) -> Affine { a + b.scaled(Word.max) }

    var isConstant: Bool { terms.isEmpty }
    var locals: Set<Int> { Set(terms.keys) }

    /// A constant step the guard cannot use: zero, or 2^31 and above (negative ones included),
    /// where its bound on the stride (below 2^31) would fail anyway.
    var isUnusableConstantStride: Bool { isConstant && (constant == 0 || constant >= 0x8000_0000) }
    /// A constant with its sign bit set: a negative step.
    var isNegativeConstant: Bool { isConstant && constant >> (Word.bitWidth - 1) == 1 }
}

/// A comparison of two values of one width, as the analysis met it; a side is nil where it is
/// not affine.
struct Comparison<Word: FixedWidthInteger & UnsignedInteger> {
    enum Relation { case equal, notEqual, lessThanUnsigned, lessThanSigned }
    var relation: Relation
    var lhs: Affine<Word>?
    var rhs: Affine<Word>?
}

/// A loop's exit test in one width, normalised: the loop continues while
/// `relation(value, bound)` holds, where `value` changes by `stride` per iteration and `bound`
/// does not change.
struct ExitTest<Word: FixedWidthInteger & UnsignedInteger> {
    enum Relation { case notEqual, lessThanUnsigned }
    var relation: Relation
    var value: Affine<Word>
    var stride: Affine<Word>
    var bound: Affine<Word>
}

/// What the analysis of one loop found: enough to compute, before the loop, how many times it
/// runs and which addresses it touches.
struct LoopPlan {
    /// The loop's shape (see ``LoopVersioning/analyze``).
    enum Shape { case a, b, c }
    /// The exit test, on i32 or on i64 values.
    enum Exit {
        case i32(ExitTest<UInt32>)
        case i64(ExitTest<UInt64>)
    }

    struct Access {
        /// The address operand (without the memarg offset), at iteration start.
        var address: Affine<UInt32>
        /// Its change per iteration.
        var stride: Affine<UInt32>
        var offset: UInt32
        var size: Int
        /// In the part after the exit test (shapes B and C), which runs one time fewer.
        var afterExitTest: Bool
        var isStore: Bool
    }

    var shape: Shape
    /// Byte offset of the exit test's operator: the `br_if` (A, C) or the `if` (B).
    var exitTestOffset: Int
    var exit: Exit
    /// Accesses whose address is affine with a non-negative stride below 2^31, by the offset of
    /// their operator in the module; other accesses keep their own checks in the fast copy.
    var accesses: [Int: Access]
    /// Fuel of one iteration's operators, every one counted: an upper bound on what any
    /// iteration spends.
    var iterationCost: Int64
}

enum LoopVersioning {
    /// Operators a versioned loop may contain besides its control structure: nothing that
    /// calls, grows memory, or has effects the fast copy would have to repeat differently.
    static func isStraightLine(_ op: Opcode) -> Bool {
        switch op {
        case .localGet, .localSet, .localTee, .globalGet, .drop, .select, .selectTyped, .nop,
             .i32Const, .i64Const, .f32Const, .f64Const, .memorySize:
            return true
        case .call, .callIndirect, .globalSet, .memoryGrow, .memoryFill, .memoryCopy, .memoryInit, .dataDrop,
             .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop,
             .refNull, .refIsNull, .refFunc, .unreachable, .return, .block, .loop, .if, .else, .end,
             .br, .brIf, .brTable:
            return false
        default:
            return op.info.signature != nil
        }
    }

    /// Analyses the loop whose body starts where `decoder` stands (just after `loop`), without
    /// moving it. Shapes, with H and T straight-line code:
    /// - A: `loop H br_if 0 end` (clang's rotated loop);
    /// - B: `loop H if T br 1 end end` (continue inside an if);
    /// - C: `loop H br_if k≥1 T br 0 end` (exit in the middle).
    static func analyze(_ decoder: InstructionDecoder, localTypes: [ValueType]) -> LoopPlan? {
        var decoder = decoder
        var body: [Instruction] = []
        var depth = 0
        while true {
            guard let instruction = try? decoder.decode(), body.count < 4096 else { return nil }
            if instruction.opcode == .end {
                if depth == 0 { break }
                depth -= 1
            } else if instruction.opcode == .block || instruction.opcode == .loop || instruction.opcode == .if {
                depth += 1
            }
            body.append(instruction)
        }
        let ops = body.map(\.opcode)
        let control = ops.indices.filter { !isStraightLine(ops[$0]) }

        let shape: LoopPlan.Shape
        let head: Range<Int>, tail: Range<Int>
        if control == [ops.count - 1], ops.last == .brIf, body.last!.immediates.index == 0 {
            shape = .a; head = 0..<(ops.count - 1); tail = 0..<0
        } else if control.count == 2, ops.last == .br, body.last!.immediates.index == 0,
                  ops[control[0]] == .brIf, body[control[0]].immediates.index >= 1 {
            shape = .c; head = 0..<control[0]; tail = (control[0] + 1)..<(ops.count - 1)
        } else if control.count == 3, ops[control[0]] == .if, body[control[0]].immediates.blockType == .empty,
                  ops[control[1]] == .br, body[control[1]].immediates.index == 1,
                  control[2] == ops.count - 1, ops.last == .end {
            shape = .b; head = 0..<control[0]; tail = (control[0] + 1)..<control[1]
        } else {
            return nil
        }

        var state = SymbolicState(localTypes: localTypes)
        guard state.run(body[head], afterExitTest: false), let test = state.stack.popLast(),
              state.run(body[tail], afterExitTest: true) else { return nil }

        let invariant = Set(localTypes.indices).subtracting(state.written)
        var steps32: [Int: Affine<UInt32>] = [:], steps64: [Int: Affine<UInt64>] = [:]
        for x in state.written {
            switch state.locals[x] {
            case .affine(let value): steps32[x] = step(value, of: x, invariant: invariant)
            case .wide(let value): steps64[x] = step(value, of: x, invariant: invariant)
            default: break
            }
        }

        // The loop goes on while the test holds (A: br_if 0; B: if, whose arm branches back) or
        // while it does not (C: br_if out of the loop).
        let exit: LoopPlan.Exit
        switch test.continuation(exitsWhenTrue: shape == .c) {
        case .i32(let c)?:
            guard let t = exitTest(c, invariant: invariant, steps: steps32) else { return nil }
            exit = .i32(t)
        case .i64(let c)?:
            guard let t = exitTest(c, invariant: invariant, steps: steps64) else { return nil }
            exit = .i64(t)
        case nil:
            return nil
        }

        var accesses: [Int: LoopPlan.Access] = [:]
        for access in state.accesses {
            guard let address = access.address, let s = stride(address, invariant: invariant, steps: steps32) else { continue }
            if s.isConstant && s.constant >= 0x8000_0000 { continue }
            accesses[access.offset] = LoopPlan.Access(address: address, stride: s, offset: access.memoryOffset,
                                                      size: access.size, afterExitTest: access.afterExitTest,
                                                      isStore: access.isStore)
        }
        let exitTest = shape == .a ? body.count - 1 : control[0]
        return LoopPlan(shape: shape, exitTestOffset: body[exitTest].offset, exit: exit,
                        accesses: accesses, iterationCost: ops.reduce(0) { $0 + FuelHook.cost($1) })
    }

    /// A written local's change per iteration, when its value at the end of the iteration is
    /// its value at the start plus something the loop does not change.
    private static func step<Word>(_ value: Affine<Word>, of x: Int, invariant: Set<Int>) -> Affine<Word>? {
        let step = value - .local(x)
        return step.locals.isSubset(of: invariant) && value.terms[x] == 1 ? step : nil
    }

    /// The change per iteration of `a`, when each of its locals is invariant or has a step.
    private static func stride<Word>(_ a: Affine<Word>, invariant: Set<Int>, steps: [Int: Affine<Word>]) -> Affine<Word>? {
        guard a.locals.isSubset(of: invariant.union(steps.keys)) else { return nil }
        return a.terms.reduce(Affine()) { sum, term in sum + (steps[term.key]?.scaled(term.value) ?? Affine()) }
    }

    /// The loop's continuation condition as an exit test the guard can count, or nil.
    private static func exitTest<Word>(_ c: Comparison<Word>, invariant: Set<Int>, steps: [Int: Affine<Word>]) -> ExitTest<Word>? {
        guard var value = c.lhs, var bound = c.rhs else { return nil }
        let relation: ExitTest<Word>.Relation
        switch c.relation {
        case .equal:
            return nil
        case .notEqual:
            relation = .notEqual
            if value.locals.isSubset(of: invariant), !bound.locals.isSubset(of: invariant) {
                // `a != b` is `b != a`: clang writes the bound first as often as last
                // (`n != (j += 2)` in an unrolled loop), and the analysis wants the counter first.
                swap(&value, &bound)
            }
        case .lessThanUnsigned:
            relation = .lessThanUnsigned
        case .lessThanSigned:
            // a <s b exactly when a + 2^(w−1) <u b + 2^(w−1) (mod 2^w): adding the sign bit
            // maps the signed order onto the unsigned one, and the biased value still changes by
            // the same stride.
            let bias = Affine<Word>(constant: 1 << (Word.bitWidth - 1))
            relation = .lessThanUnsigned
            value = value + bias
            bound = bound + bias
        }
        guard bound.locals.isSubset(of: invariant), var stride = stride(value, invariant: invariant, steps: steps) else { return nil }
        if relation == .notEqual, stride.isNegativeConstant {
            // A count-down loop: E(k) = e − k × |S| meets B exactly when (−E)(k) = −e + k × |S|
            // meets −B. Negating both sides gives the count-up form.
            value = Affine() - value
            bound = Affine() - bound
            stride = Affine() - stride
        }
        if stride.isUnusableConstantStride { return nil }
        return ExitTest(relation: relation, value: value, stride: stride, bound: bound)
    }
}

/// A value during symbolic execution of one iteration.
enum Symbolic {
    /// An i32 value.
    case affine(Affine<UInt32>)
    /// An i64 value.
    case wide(Affine<UInt64>)
    case unknown
    /// An i32 comparison result (0 or 1).
    case compare32(Comparison<UInt32>)
    case compare64(Comparison<UInt64>)

    var affine: Affine<UInt32>? { if case .affine(let a) = self { a } else { nil } }
    var wide: Affine<UInt64>? { if case .wide(let a) = self { a } else { nil } }

    /// A comparison of either width.
    enum Condition {
        case i32(Comparison<UInt32>)
        case i64(Comparison<UInt64>)
    }

    /// The condition under which the loop continues, when it continues on this value being
    /// non-zero (or, with `exitsWhenTrue`, zero): a comparison whose relation is not `equal`.
    func continuation(exitsWhenTrue: Bool) -> Condition? {
        func flipped<Word>(_ c: Comparison<Word>) -> Comparison<Word>? {
            switch (c.relation, exitsWhenTrue) {
            case (.equal, true): Comparison(relation: .notEqual, lhs: c.lhs, rhs: c.rhs)
            case (.equal, false), (_, true): nil
            case (_, false): c
            }
        }
        switch self {
        case .affine(let v): return exitsWhenTrue ? nil : .i32(Comparison(relation: .notEqual, lhs: v, rhs: Affine()))
        case .compare32(let c): return flipped(c).map(Condition.i32)
        case .compare64(let c): return flipped(c).map(Condition.i64)
        default: return nil
        }
    }

    /// What a local keeps when this value is stored into it: a comparison result is an i32 0/1
    /// the analysis does not follow.
    var asValue: Symbolic {
        switch self {
        case .affine, .wide: self
        default: .unknown
        }
    }
}

/// Symbolic execution of straight-line code: i32 and i64 values as affine forms, everything
/// else unknown, memory accesses recorded.
struct SymbolicState {
    struct Access {
        var offset: Int
        var address: Affine<UInt32>?
        var memoryOffset: UInt32
        var size: Int
        var afterExitTest: Bool
        var isStore: Bool
    }

    let localTypes: [ValueType]
    var locals: [Symbolic]
    var written = Set<Int>()
    var stack: [Symbolic] = []
    var accesses: [Access] = []

    init(localTypes: [ValueType]) {
        self.localTypes = localTypes
        locals = localTypes.indices.map { i in
            switch localTypes[i] {
            case .i32: .affine(.local(i))
            case .i64: .wide(.local(i))
            default: .unknown
            }
        }
    }

    /// False when an operator is outside what the analysis understands.
    mutating func run(_ code: ArraySlice<Instruction>, afterExitTest: Bool) -> Bool {
        for instruction in code {
            let imm = instruction.immediates
            let op = instruction.opcode
            switch op {
            case .localGet: stack.append(locals[Int(imm.index)])
            case .localSet, .localTee:
                guard let value = op == .localSet ? stack.popLast() : stack.last else { return false }
                let local = Int(imm.index)
                // Validation matched the value's type to the local's; kept only where they agree.
                switch (value.asValue, localTypes[local]) {
                case (.affine, .i32), (.wide, .i64): locals[local] = value.asValue
                default: locals[local] = .unknown
                }
                written.insert(local)
            case .i32Const: stack.append(.affine(Affine(constant: UInt32(truncatingIfNeeded: imm.bits))))
            case .i64Const: stack.append(.wide(Affine(constant: imm.bits)))
            case .i32Add, .i32Sub, .i32Mul, .i32Shl:
                guard let b = stack.popLast(), let a = stack.popLast() else { return false }
                stack.append(Self.arithmetic(op, a.affine, b.affine).map(Symbolic.affine) ?? .unknown)
            case .i64Add, .i64Sub, .i64Mul, .i64Shl:
                guard let b = stack.popLast(), let a = stack.popLast() else { return false }
                stack.append(Self.arithmetic(op, a.wide, b.wide).map(Symbolic.wide) ?? .unknown)
            case .i32Eqz:
                guard let a = stack.popLast() else { return false }
                stack.append(.compare32(Comparison(relation: .equal, lhs: a.affine, rhs: Affine())))
            case .i64Eqz:
                guard let a = stack.popLast() else { return false }
                stack.append(.compare64(Comparison(relation: .equal, lhs: a.wide, rhs: Affine())))
            case .i32Ne, .i32Eq, .i32LtU, .i32LtS:
                guard let b = stack.popLast(), let a = stack.popLast() else { return false }
                stack.append(.compare32(Comparison(relation: Self.relation(op), lhs: a.affine, rhs: b.affine)))
            case .i64Ne, .i64Eq, .i64LtU, .i64LtS:
                guard let b = stack.popLast(), let a = stack.popLast() else { return false }
                stack.append(.compare64(Comparison(relation: Self.relation(op), lhs: a.wide, rhs: b.wide)))
            case .globalGet:
                stack.append(.unknown)
            case .drop:
                guard stack.popLast() != nil else { return false }
            case .select, .selectTyped:
                guard stack.count >= 3 else { return false }
                stack.removeLast(3)
                stack.append(.unknown)
            case .nop:
                break
            default:
                let info = instruction.info
                guard let signature = info.signature, stack.count >= Int(signature.paramCount) else { return false }
                if info.accessSize != 0 {
                    let isStore = signature.result == nil
                    if isStore { stack.removeLast() }
                    let address = stack.removeLast()
                    accesses.append(Access(offset: instruction.offset, address: address.affine,
                                           memoryOffset: imm.memoryOffset, size: Int(info.accessSize),
                                           afterExitTest: afterExitTest, isStore: isStore))
                    if !isStore { stack.append(.unknown) }
                } else {
                    stack.removeLast(Int(signature.paramCount))
                    if signature.result != nil { stack.append(.unknown) }
                }
            }
        }
        return true
    }

    private static func relation<Word>(_ op: Opcode) -> Comparison<Word>.Relation {
        switch op {
        case .i32Ne, .i64Ne: .notEqual
        case .i32Eq, .i64Eq: .equal
        case .i32LtU, .i64LtU: .lessThanUnsigned
        default: .lessThanSigned
        }
    }

    /// Add, subtract, multiply and shift of either width, wrapping as WebAssembly's do.
    private static func arithmetic<Word>(_ op: Opcode, _ a: Affine<Word>?, _ b: Affine<Word>?) -> Affine<Word>? {
        guard let a, let b else { return nil }
        switch op {
        case .i32Add, .i64Add: return a + b
        case .i32Sub, .i64Sub: return a - b
        case .i32Mul, .i64Mul:
            if b.isConstant { return a.scaled(b.constant) }
            if a.isConstant { return b.scaled(a.constant) }
            return nil
        case .i32Shl, .i64Shl:
            // Shift counts are taken modulo the width (as the translator masks them).
            return b.isConstant ? a.scaled(1 << (b.constant & Word(Word.bitWidth - 1))) : nil
        default:
            return nil
        }
    }
}
