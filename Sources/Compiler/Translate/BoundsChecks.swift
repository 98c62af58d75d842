import CLLVM
import FrontEnd
import PluginABI

// =============================================================================================
// THIS CODE IS SUBTLE: it is what keeps plugin code inside its linear memory. A mistake here is
// a sandbox escape. Every change gets two reviews and a test that fails without it.
// =============================================================================================

/// How a memory access is kept inside linear memory.
///
/// Invariants the strategies rely on:
/// - A memory's base never moves: the runtime reserves its whole maximum up front, so `base`
///   is loaded once per function (`!invariant.load`).
/// - `VMMemory.size` only changes in `memory.grow` or in code called from here, so the size
///   kept in a local is reloaded after every call and every `memory.grow` (the translator's
///   `afterCall`), and is never stale when an access is checked.
/// - An effective address is computed in 64 bits from the *zero*-extended 32-bit address plus
///   the 32-bit offset: at most 2^32 - 1 + 2^32 - 1 < 2^33, so it neither wraps nor goes
///   negative, and a sign extension would let an address such as 0xFFFFFFFF reach 4 GiB
///   *below* the base.
public enum BoundsCheckStrategy: String, Sendable, Equatable, CaseIterable {
    /// A compare-and-branch before each access: `address + offset + size > memorySize` traps.
    case explicit
    /// No check: the runtime reserves `VMMemory.reservation` bytes of address space per
    /// memory, inaccessible beyond the current size, and the fault handler turns a fault there
    /// into `out of bounds memory access`. Relies on: address + offset + size ≤ 2^32 − 1 +
    /// 2^32 − 1 + 8 < VMMemory.reservation, so every access lands inside the reservation.
    ///
    /// The trap is the same as with explicit checks, but the memory left behind by a trapping
    /// store may not be: stores are plain, so LLVM may merge or vectorise neighbouring ones,
    /// and a combined store that faults writes none of its parts. Code that must observe
    /// memory exactly after an out-of-bounds trap uses ``explicit`` (the default).
    case guardPages = "guard"
}

extension FunctionTranslator {
    /// The native address of an access of `size` bytes at `address + offset`, after the
    /// check the strategy requires. The check stays even when the loaded value is unused: it
    /// has a side effect (the trap), so LLVM cannot remove it, which is what the spec wants.
    func memoryAddress(_ address: LLVMValueRef, offset: UInt32, size: Int) -> LLVMValueRef {
        let memory = memory!
        if let fast = fastLoopPointer(base: memory.base) {
            // The loop's guard proved this access in bounds and its address free of 32-bit
            // wrap-around for every iteration (LoopVersioning.swift): no check, and the 64-bit
            // affine address start + k × stride that lets LLVM see the access pattern.
            return fast
        }
        // zext, never sext: WebAssembly addresses are unsigned (see the invariants above).
        let index = LLVMBuildZExt(builder, address, ir.i64, "")!
        let effective = offset == 0 ? index : nuwAdd(index, ir.i64(UInt64(offset)))
        switch unit.options.bounds {
        case .explicit:
            // index + offset + size ≤ 2^33 + 8.
            trapPastTheEnd(nuwAdd(effective, ir.i64(size)))
        case .guardPages:
            // effective + size < VMMemory.reservation (see the strategy): the access touches only
            // the reservation, and beyond the current size it faults.
            break
        }
        // Explicit: below the size just checked; guard pages: see the strategy.
        return nativeAddress(effective)
    }

    /// The native address of the `count` bytes at `address` that `memory.fill` or
    /// `memory.copy` touches, after checking that they all lie inside the memory. Both
    /// strategies check: the spec traps before any byte is written, which a fault half way
    /// through a copy would not give.
    func memoryRange(_ address: LLVMValueRef, count: LLVMValueRef) -> LLVMValueRef {
        // zext, never sext (see the invariants); count is a zero-extended i32 too.
        let index = LLVMBuildZExt(builder, address, ir.i64, "")!
        // index + count < 2^33; an empty range exactly at the end is in bounds.
        trapPastTheEnd(nuwAdd(index, count))
        // base + index ≤ base + size: inside the reservation.
        return nativeAddress(index)
    }

    /// Traps `out of bounds memory access` when `end`, one past the last byte touched, lies
    /// beyond the memory's current size. `end` is below 2^34, so there is no 64-bit overflow
    /// and one unsigned compare is exact, including accesses straddling the end.
    private func trapPastTheEnd(_ end: LLVMValueRef) {
        let size = LLVMBuildLoad2(builder, ir.i64, memory!.sizeSlot, "memory.size")!
        trapIf(LLVMBuildICmp(builder, LLVMIntUGT, end, size, "")!, .outOfBoundsMemoryAccess)
    }

    /// `base + index`, inbounds: the caller knows the address lies inside the memory's
    /// reservation, one mapping that never moves, so the pointer arithmetic cannot wrap,
    /// which LLVM's loop analyses otherwise test for.
    private func nativeAddress(_ index: LLVMValueRef) -> LLVMValueRef {
        var gepIndex: LLVMValueRef? = index
        return LLVMBuildInBoundsGEP2(builder, ir.i8, memory!.base, &gepIndex, 1, "")!
    }

    /// `a + b` known not to wrap (both operands below 2^34 here).
    private func nuwAdd(_ a: LLVMValueRef, _ b: LLVMValueRef) -> LLVMValueRef {
        let sum = LLVMBuildAdd(builder, a, b, "")!
        if LLVMIsAInstruction(sum) != nil { LLVMSetNUW(sum, 1) }
        return sum
    }
}
