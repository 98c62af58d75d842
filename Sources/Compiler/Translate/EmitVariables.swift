import CLLVM
import FrontEnd
import PluginABI

/// `select` and globals (spec §4.4.4–§4.4.5). Locals are handled inline by the driver.
extension FunctionTranslator {
    func emitSelect() {
        let condition = isNonZero(pop())
        let otherwise = pop(), then = pop()
        push(LLVMBuildSelect(builder, condition, then, otherwise, "")!)
    }

    /// A defined global lives in the VM context; an imported one is a pointer there to the
    /// exporter's slot (so that both see every `global.set`).
    private func globalAddress(_ index: UInt32) -> LLVMValueRef {
        let slot = unit.offsets.global(Int(index))
        if Int(index) < unit.module.importedGlobals.count {
            return load(ir.ptr, from: vmctx, at: slot, invariant: true)
        }
        return address(vmctx, slot)
    }

    func emitGlobalGet(_ index: UInt32) {
        let global = unit.module.globalType(index)!
        let value = LLVMBuildLoad2(builder, ir.type(global.valueType), globalAddress(index), "")!
        // An immutable global keeps its initial value for the instance's lifetime.
        if !global.isMutable { markInvariant(value) }
        push(value)
    }

    func emitGlobalSet(_ index: UInt32) {
        LLVMBuildStore(builder, pop(), globalAddress(index))
    }
}
