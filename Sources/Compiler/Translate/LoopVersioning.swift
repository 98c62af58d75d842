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

    /// The value of `a` now, in its own width: i32 or i64 arithmetic wraps exactly as
    /// WebAssembly's does.
    private func evaluate<Word>(_ a: Affine<Word>) -> LLVMValueRef {
        let type = Word.bitWidth == 64 ? ir.i64 : ir.i32
        var sum = LLVMConstInt(type, UInt64(a.constant), 0)!
        for (local, coefficient) in a.terms.sorted(by: { $0.key < $1.key }) {
            let value = LLVMBuildLoad2(builder, type, locals[local], "")!
            sum = LLVMBuildAdd(builder, sum, LLVMBuildMul(builder, value, LLVMConstInt(type, UInt64(coefficient), 0), ""), "")!
        }
        return sum
    }

    private func and(_ a: LLVMValueRef, _ b: LLVMValueRef) -> LLVMValueRef { LLVMBuildAnd(builder, a, b, "")! }
    private func cmp(_ p: LLVMIntPredicate, _ a: LLVMValueRef, _ b: LLVMValueRef) -> LLVMValueRef { LLVMBuildICmp(builder, p, a, b, "")! }

    /// An i32 zero-extended to i64; an i64 as it is.
    private func widened(_ v: LLVMValueRef) -> LLVMValueRef {
        LLVMTypeOf(v) == ir.i64 ? v : LLVMBuildZExt(builder, v, ir.i64, "")!
    }

    /// The iteration n (from 0) in which the exit test lets the loop end, computed now in 64
    /// bits, and whether that count is exact and at most 2^32 (what the address ranges and
    /// the fuel product in ``emitVersionGuard(_:)`` rely on). E(k) = E(entry) + k × S mod 2^w
    /// is the test's value at iteration k, w the test's width.
    private func emitTripCount<Word>(_ test: ExitTest<Word>) -> (n: LLVMValueRef, ok: LLVMValueRef) {
        let is64 = Word.bitWidth == 64
        let stride = widened(evaluate(test.stride))
        var ok = and(cmp(LLVMIntNE, stride, ir.i64(0)), cmp(LLVMIntULT, stride, ir.i64(UInt64(0x8000_0000))))
        let divisor = LLVMBuildSelect(builder, cmp(LLVMIntEQ, stride, ir.i64(0)), ir.i64(1), stride, "")!
        let n: LLVMValueRef
        switch test.relation {
        case .notEqual:
            // Exits at the first k with E(k) = B: k × S ≡ D = B − E(entry) (mod 2^w). With
            // 0 < S < 2^31 and D < 2^w, the first such k is D / S when S divides D (earlier k
            // have k × S < D, no wrap); otherwise the count is not simple: checked loop.
            let distance = widened(evaluate(test.bound - test.value))
            ok = and(ok, cmp(LLVMIntEQ, LLVMBuildURem(builder, distance, divisor, "")!, ir.i64(0)))
            n = LLVMBuildUDiv(builder, distance, divisor, "trips")!
        case .lessThanUnsigned:
            // Goes on while E(k) <u B: n = ⌈(B − e) / S⌉ (0 when e ≥ B), valid when E does not
            // wrap before it, e + n × S ≤ 2^w − 1. For i32 that sum is computed in 64 bits. For
            // i64, B < 2^63 is asked instead: then B − e + S − 1 < 2^63 + 2^31 does not wrap,
            // and e + n × S < B + S < 2^64.
            let e = widened(evaluate(test.value)), b = widened(evaluate(test.bound))
            let gap = LLVMBuildSub(builder, b, e, "")!
            let rounded = LLVMBuildAdd(builder, gap, LLVMBuildSub(builder, divisor, ir.i64(1), ""), "")!
            n = LLVMBuildSelect(builder, cmp(LLVMIntUGE, e, b), ir.i64(0), LLVMBuildUDiv(builder, rounded, divisor, ""), "trips")!
            if is64 {
                ok = and(ok, cmp(LLVMIntULT, b, ir.i64(UInt64(1) << 63)))
            } else {
                ok = and(ok, cmp(LLVMIntULE, LLVMBuildAdd(builder, e, LLVMBuildMul(builder, n, stride, ""), "")!, ir.i64(UInt64(UInt32.max))))
            }
        }
        // An i32 count is below 2^32 by the arithmetic above; an i64 one is bounded here.
        if is64 { ok = and(ok, cmp(LLVMIntULE, n, ir.i64(UInt64(1) << 32))) }
        return (n, ok)
    }

    /// The test before a versioned loop: true when the fast copy does exactly what the checked
    /// loop would do, without any of its checks failing. Computed from the locals' values now,
    /// at loop entry, in 64 bits.
    private func emitVersionGuard(_ plan: LoopPlan) -> (LLVMValueRef, [Int: FastAccess], LLVMValueRef, LLVMValueRef, [LLVMMetadataRef]) {
        let maxU32 = ir.i64(UInt64(UInt32.max))
        let below2to31 = ir.i64(UInt64(0x8000_0000))

        let trips = switch plan.exit {
        case .i32(let test): emitTripCount(test)
        case .i64(let test): emitTripCount(test)
        }
        let n = trips.n
        var ok = trips.ok
        // The part before the exit test runs n + 1 times, the part after it n times (shapes B
        // and C) or n + 1 times (A).
        let headCount = LLVMBuildAdd(builder, n, ir.i64(1), "")!
        let tailCount = plan.shape == .a ? headCount : n

        if let enough = hooks.loopVersionGuard(self, iterations: headCount, costPerIteration: plan.iterationCost) {
            ok = and(ok, enough)
        }

        struct GroupKey: Hashable { var terms: Affine<UInt32>, stride: Affine<UInt32>, afterExitTest: Bool }
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
            let base = widened(evaluate(Affine(terms: access.address.terms)))
            func plus(_ constant: Int64) -> LLVMValueRef {
                constant == 0 ? base : nuw(LLVMBuildAdd(builder, base, ir.i64(UInt64(bitPattern: constant)), "")!, unsigned: constant >= 0)
            }
            let start = plus(signedConstant(access))
            let step = widened(evaluate(access.stride))
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
