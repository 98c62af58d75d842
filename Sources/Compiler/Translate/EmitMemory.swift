import CLLVM
import FrontEnd
import PluginABI

/// Loads, stores, `memory.size/grow` and bulk memory operations (spec §4.4.7).
///
/// Accesses go through ``memoryAddress(_:offset:size:)`` (BoundsChecks.swift), which decides
/// the checks. Every access is emitted with alignment 1: WebAssembly's alignment is only a
/// hint, and a misaligned access must still work.
extension FunctionTranslator {
    /// Memory 0's descriptor, base and current size, read once in the entry block.
    func loadMemoryState() {
        let descriptor = load(ir.ptr, from: vmctx, at: VMOffsets.memory, invariant: true, name: "memory")
        let base = load(ir.ptr, from: descriptor, at: VMMemory.base, invariant: true, name: "memory.base")
        let sizeSlot = LLVMBuildAlloca(builder, ir.i64, "memory.size.slot")!
        memory = MemoryState(descriptor: descriptor, base: base, sizeSlot: sizeSlot)
        reloadMemorySize()
    }

    /// After anything that may have grown the memory.
    func reloadMemorySize() {
        guard let memory else { return }
        let size = load(ir.i64, from: memory.descriptor, at: VMMemory.size, name: "memory.size")
        LLVMBuildStore(builder, size, memory.sizeSlot)
    }

    /// The in-memory type, access size and widening of each load.
    private func loadShape(_ op: Opcode) -> (memoryType: LLVMTypeRef, size: Int, widen: ((LLVMValueRef) -> LLVMValueRef)?) {
        func sext(_ t: LLVMTypeRef) -> (LLVMValueRef) -> LLVMValueRef { { LLVMBuildSExt(self.builder, $0, t, "")! } }
        func zext(_ t: LLVMTypeRef) -> (LLVMValueRef) -> LLVMValueRef { { LLVMBuildZExt(self.builder, $0, t, "")! } }
        switch op {
        case .i32Load: return (ir.i32, 4, nil)
        case .i64Load: return (ir.i64, 8, nil)
        case .f32Load: return (ir.f32, 4, nil)
        case .f64Load: return (ir.f64, 8, nil)
        case .i32Load8S: return (ir.i8, 1, sext(ir.i32))
        case .i32Load8U: return (ir.i8, 1, zext(ir.i32))
        case .i32Load16S: return (ir.i16, 2, sext(ir.i32))
        case .i32Load16U: return (ir.i16, 2, zext(ir.i32))
        case .i64Load8S: return (ir.i8, 1, sext(ir.i64))
        case .i64Load8U: return (ir.i8, 1, zext(ir.i64))
        case .i64Load16S: return (ir.i16, 2, sext(ir.i64))
        case .i64Load16U: return (ir.i16, 2, zext(ir.i64))
        case .i64Load32S: return (ir.i32, 4, sext(ir.i64))
        case .i64Load32U: return (ir.i32, 4, zext(ir.i64))
        default: preconditionFailure("\(op.name) is not a load")
        }
    }

    func emitLoad(_ op: Opcode, offset: UInt32) {
        let (memoryType, size, widen) = loadShape(op)
        let pointer = memoryAddress(pop(), offset: offset, size: size)
        let value = LLVMBuildLoad2(builder, memoryType, pointer, "")!
        LLVMSetAlignment(value, 1)
        markFastLoopAccess(value)
        guardLoads?.registerLoad(value)
        push(widen?(value) ?? value)
    }

    func emitStore(_ op: Opcode, offset: UInt32) {
        var value = pop()
        let narrow: LLVMTypeRef?
        switch op {
        case .i32Store8, .i64Store8: narrow = ir.i8
        case .i32Store16, .i64Store16: narrow = ir.i16
        case .i64Store32: narrow = ir.i32
        default: narrow = nil
        }
        // Narrow stores keep the low bits: trunc is exactly that.
        if let narrow { value = LLVMBuildTrunc(builder, value, narrow, "")! }
        let size = Int(op.info.accessSize)
        let pointer = memoryAddress(pop(), offset: offset, size: size)
        let store = LLVMBuildStore(builder, value, pointer)!
        LLVMSetAlignment(store, 1)
        markFastLoopAccess(store)
    }

    func emitMemorySize() {
        let bytes = LLVMBuildLoad2(builder, ir.i64, memory!.sizeSlot, "")!
        // The size is a whole number of 64 KiB pages, at most 65536 of them: fits in i32.
        let pages = LLVMBuildLShr(builder, bytes, ir.i64(16), "")
        push(LLVMBuildTrunc(builder, pages, ir.i32, "")!)
    }

    func emitMemoryGrow() {
        let delta = pop()
        push(callBuiltin(.memoryGrow, [delta]))
        reloadMemorySize()
    }

    /// The range is checked here, then C's `memset` writes it: no runtime code in between.
    func emitMemoryFill() {
        let length = pop(), value = pop(), destination = pop()
        let count = LLVMBuildZExt(builder, length, ir.i64, "")!
        _ = callBuiltin(.memset, [memoryRange(destination, count: count), value, count])
    }

    /// Both ranges are checked before anything is written (spec §4.4.7.6), then C's `memmove`
    /// copies, overlapping or not.
    func emitMemoryCopy() {
        let length = pop(), source = pop(), destination = pop()
        let count = LLVMBuildZExt(builder, length, ir.i64, "")!
        let to = memoryRange(destination, count: count)
        let from = memoryRange(source, count: count)
        _ = callBuiltin(.memmove, [to, from, count])
    }

    func emitMemoryInit(segment: UInt32) {
        let length = pop(), source = pop(), destination = pop()
        callCheckedBuiltin(.memoryInit, [ir.i32(segment), destination, source, length])
    }

    func emitDataDrop(_ segment: UInt32) {
        callBuiltin(.dataDrop, [ir.i32(segment)])
    }
}
