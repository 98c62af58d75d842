import CLLVM
import FrontEnd
import PluginABI

// =============================================================================================
// Loop versioning: checks that cost almost nothing (../shared/design/check-versioning).
//
// A per-access bounds check is a second loop exit whose trip count LLVM cannot compute, and
// WebAssembly's 32-bit address arithmetic may wrap, so LLVM cannot treat `zext(p + 4k)` as an
// affine 64-bit address: both block vectorisation, and the fuel and deadline checks at every
// loop header add their own exits. For an innermost loop without calls whose shape is simple,
// one test before the loop can prove, for all its iterations at once, what the checks would
// find: then a copy of the loop without them runs; otherwise the ordinary checked loop.
//
// THIS CODE DECIDES WHETHER BOUNDS CHECKS ARE SKIPPED: every condition below is an inequality
// written out, and every change gets two reviews and a test that fails without it.
// =============================================================================================

/// An i32 value as an affine form of the i32 locals' values at the start of an iteration,
/// modulo 2^32: `constant + Σ coefficient × local`.
struct Affine: Hashable {
    var terms: [Int: UInt32] = [:]
    var constant: UInt32 = 0

    init(terms: [Int: UInt32] = [:], constant: UInt32 = 0) {
        self.terms = terms.filter { $0.value != 0 }
        self.constant = constant
    }

    static func local(_ index: Int) -> Affine { Affine(terms: [index: 1]) }

    static func + (a: Affine, b: Affine) -> Affine {
        var terms = a.terms
        for (k, v) in b.terms { terms[k, default: 0] &+= v }
        return Affine(terms: terms, constant: a.constant &+ b.constant)
    }

    func scaled(_ s: UInt32) -> Affine {
        Affine(terms: terms.mapValues { $0 &* s }, constant: constant &* s)
    }

    static func - (a: Affine, b: Affine) -> Affine { a + b.scaled(UInt32.max) }

    var isConstant: Bool { terms.isEmpty }
    var locals: Set<Int> { Set(terms.keys) }
}

/// What the analysis of one loop found: enough to compute, before the loop, how many times it
/// runs and which addresses it touches.
struct LoopPlan {
    /// The loop's shape (see ``LoopVersioning/analyze``).
    enum Shape { case a, b, c }
    enum Relation { case notEqual, lessThanUnsigned }

    struct Access {
        /// The address operand (without the memarg offset), at iteration start.
        var address: Affine
        /// Its change per iteration.
        var stride: Affine
        var offset: UInt32
        var size: Int
        /// In the part after the exit test (shapes B and C), which runs one time fewer.
        var afterExitTest: Bool
        var isStore: Bool
    }

    var shape: Shape
    /// Byte offset of the exit test's operator: the `br_if` (A, C) or the `if` (B).
    var exitTestOffset: Int
    /// The loop continues while `relation(exitValue, bound)` holds.
    var relation: Relation
    var exitValue: Affine
    var exitStride: Affine
    var bound: Affine
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

        // The loop goes on while the test holds (A: br_if 0; B: if, whose arm branches back) or
        // while it does not (C: br_if out of the loop).
        guard let continuation = test.continuation(exitsWhenTrue: shape == .c) else { return nil }
        let relation = continuation.0
        var exitValue = continuation.1, bound = continuation.2

        let invariant = Set(localTypes.indices).subtracting(state.written)
        if relation == .notEqual, exitValue.locals.isSubset(of: invariant), !bound.locals.isSubset(of: invariant) {
            // `a != b` is `b != a`: clang writes the bound first as often as last
            // (`n != (j += 2)` in an unrolled loop), and the analysis wants the counter first.
            swap(&exitValue, &bound)
        }
        var steps: [Int: Affine] = [:]
        for x in state.written where localTypes[x] == .i32 {
            guard case .affine(let value) = state.locals[x] else { continue }
            let step = value - .local(x)
            if step.locals.isSubset(of: invariant), value.terms[x] == 1 { steps[x] = step }
        }
        func stride(_ a: Affine) -> Affine? {
            guard a.locals.isSubset(of: invariant.union(steps.keys)) else { return nil }
            return a.terms.reduce(Affine()) { sum, term in sum + (steps[term.key]?.scaled(term.value) ?? Affine()) }
        }
        guard bound.locals.isSubset(of: invariant), var exitStride = stride(exitValue) else { return nil }
        if relation == .notEqual, exitStride.isConstant, exitStride.constant >= 0x8000_0000 {
            // A count-down loop: E(k) = e − k × |S| meets B exactly when (−E)(k) = −e + k × |S|
            // meets −B. Negating both sides gives the count-up form.
            exitValue = Affine() - exitValue
            bound = Affine() - bound
            exitStride = Affine() - exitStride
        }
        if exitStride.isConstant && (exitStride.constant == 0 || exitStride.constant >= 0x8000_0000) { return nil }

        var accesses: [Int: LoopPlan.Access] = [:]
        for access in state.accesses {
            guard let address = access.address, let s = stride(address) else { continue }
            if s.isConstant && s.constant >= 0x8000_0000 { continue }
            accesses[access.offset] = LoopPlan.Access(address: address, stride: s, offset: access.memoryOffset,
                                                      size: access.size, afterExitTest: access.afterExitTest,
                                                      isStore: access.isStore)
        }
        let exitTest = shape == .a ? body.count - 1 : control[0]
        return LoopPlan(shape: shape, exitTestOffset: body[exitTest].offset, relation: relation, exitValue: exitValue, exitStride: exitStride, bound: bound,
                        accesses: accesses, iterationCost: ops.reduce(0) { $0 + FuelHook.cost($1) })
    }
}

/// A value during symbolic execution of one iteration.
enum Symbolic {
    case affine(Affine)
    case unknown
    /// An i32 comparison result (0 or 1).
    case compare(LoopPlan.Relation, Affine?, Affine?)
    /// `a == b` (from `eq` and `eqz`).
    case equal(Affine?, Affine?)

    var affine: Affine? { if case .affine(let a) = self { a } else { nil } }

    /// The condition under which the loop continues, as `relation(value, bound)`, when the loop
    /// continues on this test being true (or, with `exitsWhenTrue`, false).
    func continuation(exitsWhenTrue: Bool) -> (LoopPlan.Relation, Affine, Affine)? {
        switch (self, exitsWhenTrue) {
        case (.compare(let r, let a?, let b?), false): return (r, a, b)
        case (.affine(let v), false): return (.notEqual, v, Affine())
        case (.equal(let a?, let b?), true): return (.notEqual, a, b)
        default: return nil
        }
    }
}

/// Symbolic execution of straight-line code: i32 values as affine forms, everything else
/// unknown, memory accesses recorded.
struct SymbolicState {
    struct Access {
        var offset: Int
        var address: Affine?
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
        locals = localTypes.indices.map { localTypes[$0] == .i32 ? .affine(.local($0)) : .unknown }
    }

    /// False when an operator is outside what the analysis understands.
    mutating func run(_ code: ArraySlice<Instruction>, afterExitTest: Bool) -> Bool {
        for instruction in code {
            let imm = instruction.immediates
            switch instruction.opcode {
            case .localGet: stack.append(locals[Int(imm.index)])
            case .localSet, .localTee:
                guard let value = instruction.opcode == .localSet ? stack.popLast() : stack.last else { return false }
                locals[Int(imm.index)] = localTypes[Int(imm.index)] == .i32 ? value.asValue : .unknown
                written.insert(Int(imm.index))
            case .i32Const: stack.append(.affine(Affine(constant: UInt32(truncatingIfNeeded: imm.bits))))
            case .i32Add, .i32Sub, .i32Mul, .i32Shl:
                guard let b = stack.popLast(), let a = stack.popLast() else { return false }
                stack.append(Self.arithmetic(instruction.opcode, a.affine, b.affine))
            case .i32Eqz:
                guard let a = stack.popLast() else { return false }
                stack.append(.equal(a.affine, Affine()))
            case .i32Ne, .i32Eq, .i32LtU:
                guard let b = stack.popLast(), let a = stack.popLast() else { return false }
                switch instruction.opcode {
                case .i32Ne: stack.append(.compare(.notEqual, a.affine, b.affine))
                case .i32Eq: stack.append(.equal(a.affine, b.affine))
                default: stack.append(.compare(.lessThanUnsigned, a.affine, b.affine))
                }
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

    private static func arithmetic(_ op: Opcode, _ a: Affine?, _ b: Affine?) -> Symbolic {
        guard let a, let b else { return .unknown }
        switch op {
        case .i32Add: return .affine(a + b)
        case .i32Sub: return .affine(a - b)
        case .i32Mul:
            if b.isConstant { return .affine(a.scaled(b.constant)) }
            if a.isConstant { return .affine(b.scaled(a.constant)) }
            return .unknown
        case .i32Shl:
            // Shift counts are taken modulo 32 (as the translator masks them).
            return b.isConstant ? .affine(a.scaled(1 << (b.constant & 31))) : .unknown
        default:
            return .unknown
        }
    }
}

extension Symbolic {
    /// A comparison stored into a local is an i32 0/1 the analysis does not follow.
    var asValue: Symbolic {
        switch self {
        case .affine: self
        default: .unknown
        }
    }
}

/// A proven access in the fast copy. Accesses whose addresses differ by a constant (`p`,
/// `p + 8`, `p − 8`: same terms, same stride, same part of the loop) form a group, and each
/// address is the group's lowest plus a non-negative constant, `base + (start + k × stride) +
/// delta`: one pointer per group and iteration with constant offsets from it, from which LLVM
/// sees the exact distances between the group's accesses (it cannot from separately computed
/// addresses, and then guards its vector loop with overlap tests that always fail).
struct FastAccess {
    /// The group's lowest start address (64 bits, 0 ≤ start ≤ 2^32 − 1 in the fast copy).
    var groupStart: LLVMValueRef
    var stride: LLVMValueRef
    /// This access's constant minus the group's lowest, plus the memarg offset.
    var delta: UInt64
    /// `!alias.scope` and `!noalias` for the access: its group's scope, and the scopes of the
    /// groups the guard proved disjoint from it (nil: one group, nothing to say).
    var scopes: (own: LLVMValueRef, others: LLVMValueRef)?
}

/// The check-free copy of a versioned loop, while it is being translated.
struct FastLoop {
    /// Index in `frames` of the loop's own frame.
    let frameIndex: Int
    /// An i64 local: the iteration number k, 0 on entry, incremented on every back edge.
    let counter: LLVMValueRef
    /// Per proven access (by operator offset): where its address comes from.
    let addresses: [Int: FastAccess]
    /// The iteration (k) in which the exit test lets the loop end, as the guard computed it.
    let lastIteration: LLVMValueRef
    /// Where the exit test is, and whether its branch is taken to leave (C) or to go on.
    let exitTestOffset: Int
    let exitTestLeaves: Bool
}

extension FunctionTranslator {
    /// A `loop`: versioned when ``LoopVersioning/analyze`` understands it, else the ordinary
    /// checked loop.
    func emitLoopOrVersions(_ blockType: BlockType) throws(WasmError) {
        guard blockType == .empty, fastLoop == nil,
              let plan = LoopVersioning.analyze(decoder, localTypes: localTypes) else {
            emitLoop(blockType)
            return
        }
        let (guardValue, addresses, counter, trips, scopes) = emitVersionGuard(plan)
        let fast = appendBlock("loop.fast")
        let checked = appendBlock("loop.checked")
        let end = appendBlock("loop.end")
        let branch = LLVMBuildCondBr(builder, guardValue, fast, checked)!
        LLVMSetMetadata(branch, ir.profKind, ir.unlikelySecond)

        // The fast copy: the body once more, from the same operators.
        let savedStack = stack
        let savedDecoder = decoder
        LLVMPositionBuilderAtEnd(builder, fast)
        // The groups' scopes hold for one run of the loop, whose guard checked them: declared
        // here, so that a transformation copying this block (unrolling an enclosing loop,
        // inlining) gives each copy scopes of its own instead of claims between two runs.
        let (declaration, declarationType) = ir.intrinsic("llvm.experimental.noalias.scope.decl", [])
        for scope in scopes {
            var argument: LLVMValueRef? = ir.scopeList([scope])
            LLVMBuildCall2(builder, declarationType, declaration, &argument, 1, "")
        }
        fastLoop = FastLoop(frameIndex: frames.count, counter: counter, addresses: addresses, lastIteration: trips,
                            exitTestOffset: plan.exitTestOffset, exitTestLeaves: plan.shape == .c)
        emitLoop(blockType, end: end, checks: false)
        try drive(untilFrameCount: frames.count - 1)
        fastLoop = nil

        // The checked copy, translated by the main loop from here on.
        stack = savedStack
        decoder = savedDecoder
        reachable = true
        LLVMPositionBuilderAtEnd(builder, checked)
        emitLoop(blockType, end: end, checks: true)
    }

    /// On a back edge of the fast copy, k advances.
    func countFastIteration(_ depth: UInt32) {
        guard let fast = fastLoop, frames.count - 1 - Int(depth) == fast.frameIndex else { return }
        let k = LLVMBuildLoad2(builder, ir.i64, fast.counter, "k")!
        LLVMBuildStore(builder, nuw(LLVMBuildAdd(builder, k, ir.i64(1), "")!), fast.counter)
    }

    /// In the fast copy, the exit test's condition from the iteration count: the guard proved
    /// that the WebAssembly test ends the loop in iteration n exactly (what its address ranges
    /// rely on), so `k ≠ n` (A, B: go on) or `k = n` (C: leave) is the same branch, in a form
    /// from which LLVM can compute the trip count (it cannot from an i32 `j + 2 ≠ n`).
    func fastLoopExitCondition() -> LLVMValueRef? {
        guard let fast = fastLoop, offset == fast.exitTestOffset else { return nil }
        let k = LLVMBuildLoad2(builder, ir.i64, fast.counter, "k")!
        return LLVMBuildICmp(builder, fast.exitTestLeaves ? LLVMIntEQ : LLVMIntNE, k, fast.lastIteration, "k.test")!
    }

    /// The fast copy's native pointer for the access at the current operator, if the guard
    /// proved it.
    func fastLoopPointer(base: LLVMValueRef) -> LLVMValueRef? {
        guard let fast = fastLoop, let access = fast.addresses[offset] else { return nil }
        let k = LLVMBuildLoad2(builder, ir.i64, fast.counter, "k")!
        // k < m ≤ 2^32 + 1 and stride < 2^31: k × stride < 2^63, and start + k × stride +
        // delta < 2^33 + 2^32 (the guard checked every access's last address below 2^32): no
        // wrap anywhere. Both pointers are addresses the guard proved inside the memory
        // (explicit) or its reservation (guard pages): inbounds.
        let step = nuw(LLVMBuildMul(builder, k, access.stride, "")!)
        var index: LLVMValueRef? = nuw(LLVMBuildAdd(builder, access.groupStart, step, "")!)
        let group = LLVMBuildInBoundsGEP2(builder, ir.i8, base, &index, 1, "")!
        guard access.delta != 0 else { return group }
        var delta: LLVMValueRef? = ir.i64(access.delta)
        return LLVMBuildInBoundsGEP2(builder, ir.i8, group, &delta, 1, "")!
    }

    /// The scopes of the fast copy's access at the current operator (see ``FastAccess``),
    /// set on the load or store once it is built.
    func markFastLoopAccess(_ instruction: LLVMValueRef) {
        guard let fast = fastLoop, let scopes = fast.addresses[offset]?.scopes else { return }
        LLVMSetMetadata(instruction, ir.aliasScopeKind, scopes.own)
        LLVMSetMetadata(instruction, ir.noaliasKind, scopes.others)
    }

    /// Marks an add or multiply as not wrapping: signed always, unsigned unless told otherwise
    /// (adding a negative constant wraps as unsigned arithmetic).
    private func nuw(_ value: LLVMValueRef, unsigned: Bool = true) -> LLVMValueRef {
        if LLVMIsAInstruction(value) != nil {
            LLVMSetNUW(value, unsigned ? 1 : 0)
            LLVMSetNSW(value, 1)
        }
        return value
    }

    /// The test before a versioned loop: true when the fast copy does exactly what the checked
    /// loop would do, without any of its checks failing. Computed from the locals' values now,
    /// at loop entry, in 64 bits.
    private func emitVersionGuard(_ plan: LoopPlan) -> (LLVMValueRef, [Int: FastAccess], LLVMValueRef, LLVMValueRef, [LLVMMetadataRef]) {
        func evaluate(_ a: Affine) -> LLVMValueRef {
            var sum = ir.i32(a.constant)
            for (local, coefficient) in a.terms.sorted(by: { $0.key < $1.key }) {
                let value = LLVMBuildLoad2(builder, ir.i32, locals[local], "")!
                // i32 arithmetic wraps exactly as WebAssembly's does.
                sum = LLVMBuildAdd(builder, sum, LLVMBuildMul(builder, value, ir.i32(coefficient), ""), "")!
            }
            return sum
        }
        func wide(_ v: LLVMValueRef) -> LLVMValueRef { LLVMBuildZExt(builder, v, ir.i64, "")! }
        func and(_ a: LLVMValueRef, _ b: LLVMValueRef) -> LLVMValueRef { LLVMBuildAnd(builder, a, b, "")! }
        func cmp(_ p: LLVMIntPredicate, _ a: LLVMValueRef, _ b: LLVMValueRef) -> LLVMValueRef { LLVMBuildICmp(builder, p, a, b, "")! }
        let maxU32 = ir.i64(UInt64(UInt32.max))
        let below2to31 = ir.i64(UInt64(0x8000_0000))

        // Trip count. E(k) = E(entry) + k × S mod 2^32 is the exit test's value at iteration k.
        let stride = wide(evaluate(plan.exitStride))
        var ok = and(cmp(LLVMIntNE, stride, ir.i64(0)), cmp(LLVMIntULT, stride, below2to31))
        let divisor = LLVMBuildSelect(builder, cmp(LLVMIntEQ, stride, ir.i64(0)), ir.i64(1), stride, "")!
        let n: LLVMValueRef
        switch plan.relation {
        case .notEqual:
            // Exits at the first k with E(k) = B: k × S ≡ D = B − E(entry) (mod 2^32). With
            // 0 < S < 2^31 and D < 2^32, the first such k is D / S when S divides D (earlier k
            // have k × S < D, no wrap); otherwise the count is not simple: checked loop.
            let distance = wide(evaluate(plan.bound - plan.exitValue))
            ok = and(ok, cmp(LLVMIntEQ, LLVMBuildURem(builder, distance, divisor, "")!, ir.i64(0)))
            n = LLVMBuildUDiv(builder, distance, divisor, "trips")!
        case .lessThanUnsigned:
            // Goes on while E(k) <u B: n = ⌈(B − e) / S⌉ (0 when e ≥ B), valid when E does not
            // wrap before it: e + n × S ≤ 2^32 − 1.
            let e = wide(evaluate(plan.exitValue)), b = wide(evaluate(plan.bound))
            let gap = LLVMBuildSub(builder, b, e, "")!
            let rounded = LLVMBuildAdd(builder, gap, LLVMBuildSub(builder, divisor, ir.i64(1), ""), "")!
            n = LLVMBuildSelect(builder, cmp(LLVMIntUGE, e, b), ir.i64(0), LLVMBuildUDiv(builder, rounded, divisor, ""), "trips")!
            ok = and(ok, cmp(LLVMIntULE, LLVMBuildAdd(builder, e, LLVMBuildMul(builder, n, stride, ""), "")!, maxU32))
        }
        // The part before the exit test runs n + 1 times, the part after it n times (shapes B
        // and C) or n + 1 times (A).
        let headCount = LLVMBuildAdd(builder, n, ir.i64(1), "")!
        let tailCount = plan.shape == .a ? headCount : n

        if let enough = hooks.loopVersionGuard(self, iterations: headCount, costPerIteration: plan.iterationCost) {
            ok = and(ok, enough)
        }

        struct GroupKey: Hashable { var terms: Affine, stride: Affine, afterExitTest: Bool }
        func groupKey(_ a: LoopPlan.Access) -> GroupKey {
            GroupKey(terms: Affine(terms: a.address.terms), stride: a.stride, afterExitTest: a.afterExitTest)
        }
        func signedConstant(_ a: LoopPlan.Access) -> Int64 { Int64(Int32(bitPattern: a.address.constant)) }
        /// A group's byte range over the whole loop, [start, end), and how often its accesses run.
        struct Group { var start: LLVMValueRef, end: LLVMValueRef, count: LLVMValueRef, stores: Bool }
        let lowest = Dictionary(plan.accesses.values.map { (groupKey($0), signedConstant($0)) }, uniquingKeysWith: min)
        var groups: [GroupKey: Group] = [:]
        var order: [GroupKey] = []  // first seen, in operator order
        var addresses: [Int: FastAccess] = [:]
        var scopes: [LLVMMetadataRef] = []
        let memorySize = memory.map { LLVMBuildLoad2(builder, ir.i64, $0.sizeSlot, "memory.size")! }
        for (offset, access) in plan.accesses.sorted(by: { $0.key < $1.key }) {
            // start = zext(Σ terms mod 2^32) + sext(constant), in 64 bits, so that accesses
            // `p`, `p + 8`, `p − 8` share one base and LLVM sees them a constant apart (a
            // zext of each wrapped i32 sum would hide it and stop vectorisation). The base is
            // below 2^32 and |constant| ≤ 2^31: no 64-bit overflow (nsw). start ≡ the i32
            // address (mod 2^32), and equals it exactly once 0 ≤ start ≤ 2^32 − 1 (checked below).
            let base = wide(evaluate(Affine(terms: access.address.terms)))
            func plus(_ constant: Int64) -> LLVMValueRef {
                constant == 0 ? base : nuw(LLVMBuildAdd(builder, base, ir.i64(UInt64(bitPattern: constant)), "")!, unsigned: constant >= 0)
            }
            let start = plus(signedConstant(access))
            let step = wide(evaluate(access.stride))
            let count = access.afterExitTest ? tailCount : headCount
            // The last address: start + (m − 1) × step; m ≤ 2^32 + 1 and step < 2^31, so no
            // 64-bit overflow once start ≥ 0. Every address of the loop lies between start and last.
            let last = LLVMBuildAdd(builder, start, LLVMBuildMul(builder, LLVMBuildSub(builder, count, ir.i64(1), ""), step, ""), "")!
            // No wrap: 0 ≤ start and last ≤ 2^32 − 1, so each k gives the same address in 64
            // bits as the WebAssembly i32 arithmetic does.
            var safe = and(and(cmp(LLVMIntSGE, start, ir.i64(0)), cmp(LLVMIntULT, step, below2to31)),
                           cmp(LLVMIntULE, last, maxU32))
            // One past the last byte: below 2^33 + 8 once last ≤ 2^32 − 1.
            let end = LLVMBuildAdd(builder, last, ir.i64(UInt64(access.offset) + UInt64(access.size)), "")!
            if unit.options.bounds == .explicit, let memorySize {
                // In bounds: last + offset + size ≤ memory size, as the explicit check of the
                // highest access would have found (BoundsChecks.swift).
                safe = and(safe, cmp(LLVMIntULE, end, memorySize))
            }
            // An access that never runs (m = 0) needs nothing.
            ok = and(ok, LLVMBuildOr(builder, cmp(LLVMIntEQ, count, ir.i64(0)), safe, "")!)
            // The group's lowest access is one of those checked here (same count, so checked
            // whenever any of the group runs): its start is in range too.
            let key = groupKey(access), low = lowest[key]!
            if var group = groups[key] {
                group.end = LLVMBuildSelect(builder, cmp(LLVMIntUGT, end, group.end), end, group.end, "")!
                group.stores = group.stores || access.isStore
                groups[key] = group
            } else {
                groups[key] = Group(start: plus(low), end: end, count: count, stores: access.isStore)
                order.append(key)
            }
            addresses[offset] = FastAccess(groupStart: groups[key]!.start, stride: step,
                                           delta: UInt64(signedConstant(access) - low) + UInt64(access.offset))
        }

        // Groups apart: when every pair of groups of which one stores touches disjoint byte
        // ranges [lowest start, highest end) over the whole loop, each group's accesses get
        // a scope of their own and `!noalias` for those others, so LLVM needs no overlap tests
        // of its own (which it would also make between a group's interleaved members, where
        // they always fail). Between groups that might overlap the guard fails: checked loop.
        if order.count > 1 {
            var apart: [GroupKey: [GroupKey]] = [:]
            for (i, a) in order.enumerated() {
                for b in order[(i + 1)...] where groups[a]!.stores || groups[b]!.stores {
                    let (ga, gb) = (groups[a]!, groups[b]!)
                    let disjoint = LLVMBuildOr(builder, cmp(LLVMIntULE, ga.end, gb.start), cmp(LLVMIntULE, gb.end, ga.start), "")!
                    // A group that never runs (count 0) overlaps nothing.
                    let idle = LLVMBuildOr(builder, cmp(LLVMIntEQ, ga.count, ir.i64(0)), cmp(LLVMIntEQ, gb.count, ir.i64(0)), "")!
                    ok = and(ok, LLVMBuildOr(builder, idle, disjoint, "")!)
                    apart[a, default: []].append(b)
                    apart[b, default: []].append(a)
                }
            }
            scopes = ir.aliasScopes(count: order.count, name: "wasm_f\(functionIndex)@\(plan.exitTestOffset)")
            let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            for (offset, access) in plan.accesses.sorted(by: { $0.key < $1.key }) {
                let key = groupKey(access)
                guard let others = apart[key] else { continue }
                addresses[offset]!.scopes = (ir.scopeList([scopes[index[key]!]]), ir.scopeList(others.map { scopes[index[$0]!] }))
            }
        }

        // The counter lives in the entry block like every local, so that mem2reg promotes it.
        let saved = LLVMGetInsertBlock(builder)!
        if let first = LLVMGetFirstInstruction(entryBlock) {
            LLVMPositionBuilderBefore(builder, first)
        } else {
            LLVMPositionBuilderAtEnd(builder, entryBlock)
        }
        let counter = LLVMBuildAlloca(builder, ir.i64, "k.slot")!
        LLVMPositionBuilderAtEnd(builder, saved)
        LLVMBuildStore(builder, ir.i64(0), counter)
        return (ok, addresses, counter, n, scopes)
    }
}
