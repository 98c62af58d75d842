import CLLVM
import FrontEnd
import PluginABI

/// Tables and references (spec §4.4.6, reference types and bulk memory proposals).
///
/// `table.get/set/size` are inline loads and stores through the table's `VMTable`; operations
/// that allocate, copy or read segments are builtins that return a trap code.
extension FunctionTranslator {
    /// The table's `VMTable*`: fixed for the instance's lifetime (its elements pointer is not,
    /// `table.grow` may move them).
    func tableDescriptor(_ index: UInt32) -> LLVMValueRef {
        load(ir.ptr, from: vmctx, at: unit.offsets.table(Int(index)), invariant: true, name: "table")
    }

    /// The address of element `index` of a table, after checking it is below the table's size.
    /// The index is zero-extended: table indices are unsigned 32-bit values.
    func tableElementAddress(_ table: LLVMValueRef, _ index: LLVMValueRef, trap: TrapCode) -> LLVMValueRef {
        let wide = LLVMBuildZExt(builder, index, ir.i64, "")!
        let size = load(ir.i64, from: table, at: VMTable.size, name: "table.size")
        trapIf(LLVMBuildICmp(builder, LLVMIntUGE, wide, size, "")!, trap)
        let elements = load(ir.ptr, from: table, at: VMTable.elements, name: "table.elements")
        var gepIndex: LLVMValueRef? = wide
        return LLVMBuildGEP2(builder, ir.ptr, elements, &gepIndex, 1, "")!
    }

    func emitTableGet(_ index: UInt32) {
        let element = pop()
        let slot = tableElementAddress(tableDescriptor(index), element, trap: .outOfBoundsTableAccess)
        push(LLVMBuildLoad2(builder, ir.ptr, slot, "")!)
    }

    func emitTableSet(_ index: UInt32) {
        let value = pop(), element = pop()
        let slot = tableElementAddress(tableDescriptor(index), element, trap: .outOfBoundsTableAccess)
        LLVMBuildStore(builder, value, slot)
    }

    func emitTableSize(_ index: UInt32) {
        let size = load(ir.i64, from: tableDescriptor(index), at: VMTable.size)
        // Table sizes are bounded by the runtime's table limit, far below 2^32.
        push(LLVMBuildTrunc(builder, size, ir.i32, "")!)
    }

    func emitTableGrow(_ index: UInt32) {
        let delta = pop(), initial = pop()
        push(callBuiltin(.tableGrow, [ir.i32(index), initial, delta]))
    }

    func emitTableFill(_ index: UInt32) {
        let length = pop(), value = pop(), destination = pop()
        callCheckedBuiltin(.tableFill, [ir.i32(index), destination, value, length])
    }

    func emitTableCopy(destination: UInt32, source: UInt32) {
        let length = pop(), from = pop(), to = pop()
        callCheckedBuiltin(.tableCopy, [ir.i32(destination), ir.i32(source), to, from, length])
    }

    func emitTableInit(segment: UInt32, table: UInt32) {
        let length = pop(), source = pop(), destination = pop()
        callCheckedBuiltin(.tableInit, [ir.i32(table), ir.i32(segment), destination, source, length])
    }

    func emitElemDrop(_ segment: UInt32) {
        callBuiltin(.elemDrop, [ir.i32(segment)])
    }

    /// `ref.func`: the address of the function's `VMFuncRef` in the VM context, which the
    /// runtime filled at instantiation.
    func funcRefAddress(_ function: UInt32) -> LLVMValueRef {
        address(vmctx, unit.offsets.funcRef(Int(function)))
    }
}
