import CLLVM
import FrontEnd

/// With guard pages (BoundsChecks.swift) the load *is* the bounds check: an out-of-bounds one
/// faults. But LLVM deletes a load whose value is never used, and the spec wants such a load
/// to trap all the same. So loads whose value may end up unused are made `volatile`, which
/// LLVM never deletes; all others stay plain, free for LLVM to hoist, merge and vectorise.
///
/// A load's value may end up unused when it (or something computed only from it) is
/// - dropped (`drop`, or a block result that is dropped: phis are followed);
/// - stored into a local that the function never reads;
/// - returned by a function that some caller calls and drops at once (after inlining, the
///   caller's `drop` makes the callee's load dead): see ``ModuleUnit/droppedResults``.
///
/// Known gap: a value that reaches a local that is read only into dead code. Real toolchains
/// do not produce such code, and the spec suite does not observe it; the explicit strategy
/// (the default) has no such gap.
struct GuardLoads {
    private var loads: Set<LLVMValueRef> = []
    private var localReads: [Int]
    private var localStores: [[LLVMValueRef]]

    init(localCount: Int) {
        localReads = Array(repeating: 0, count: localCount)
        localStores = Array(repeating: [], count: localCount)
    }

    mutating func registerLoad(_ load: LLVMValueRef) { loads.insert(load) }

    mutating func localRead(_ index: Int) { localReads[index] += 1 }

    mutating func localWritten(_ index: Int, _ value: LLVMValueRef) {
        if !loads.isEmpty { localStores[index].append(value) }
    }

    /// `value` is discarded: every guard load it was computed from becomes volatile.
    func discarded(_ value: LLVMValueRef) {
        var visited = Set<LLVMValueRef>()
        var work = [value]
        while let v = work.popLast() {
            guard LLVMIsAInstruction(v) != nil, visited.insert(v).inserted else { continue }
            if loads.contains(v) {
                LLVMSetVolatile(v, 1)
                continue
            }
            if LLVMIsALoadInst(v) != nil || LLVMIsAAllocaInst(v) != nil { continue }
            if LLVMIsACallInst(v) != nil {
                // A call has effects of its own, so its arguments stay live; only intrinsics
                // (pure arithmetic here) pass deadness on.
                guard let callee = LLVMGetCalledValue(v), LLVMIsAFunction(callee) != nil,
                      LLVMGetIntrinsicID(callee) != 0 else { continue }
            }
            for i in 0..<LLVMGetNumOperands(v) {
                if let operand = LLVMGetOperand(v, UInt32(i)) { work.append(operand) }
            }
        }
    }

    /// At the end of the function: values stored into locals that were never read.
    func finish() {
        for (index, values) in localStores.enumerated() where localReads[index] == 0 {
            for value in values { discarded(value) }
        }
    }
}

extension ModuleUnit {
    /// Functions called somewhere with their result dropped straight away (`call f; drop`):
    /// in guard mode their returned values are treated as discarded (see ``GuardLoads``).
    static func droppedResults(of module: WasmModule) -> Set<UInt32> {
        var result = Set<UInt32>()
        for body in module.code {
            var decoder = InstructionDecoder(
                reader: ByteReader(bytes: module.bytes, position: body.expression.lowerBound, end: body.expression.upperBound),
                hasDataCount: module.dataCount != nil)
            var lastCall: UInt32?
            while !decoder.isAtEnd, let instruction = try? decoder.decode() {
                if instruction.opcode == .drop, let callee = lastCall { result.insert(callee) }
                lastCall = instruction.opcode == .call ? instruction.immediates.index : nil
            }
        }
        return result
    }
}
