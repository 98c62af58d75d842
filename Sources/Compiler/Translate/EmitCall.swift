import CLLVM
import FrontEnd
import PluginABI

/// Direct and indirect calls (spec §4.4.8). Every callee takes its own VM context first.
extension FunctionTranslator {
    func emitCall(function index: UInt32) {
        let calleeType = unit.module.functionType(ofFunction: index)!
        let arguments = pop(calleeType.parameters.count)
        if Int(index) < unit.module.importedFunctionTypes.count {
            // An import: code and context were fixed at instantiation (another instance's
            // function, or the adapter of a host function and its VMHostContext).
            let ref = funcRefAddress(index)
            let code = load(ir.ptr, from: ref, at: VMFuncRef.code, invariant: true)
            let context = load(ir.ptr, from: ref, at: VMFuncRef.vmctx, invariant: true)
            emitCall(calleeType, code, context: context, arguments)
        } else {
            emitDirectCall(calleeType, unit.function(index), arguments)
        }
    }

    /// A call to a function of this module: the hooks' carried values go along in registers
    /// and come back after the results (TranslationHooks.swift), with no memory traffic.
    private func emitDirectCall(_ calleeType: FunctionType, _ callee: LLVMValueRef, _ arguments: [LLVMValueRef]) {
        let carried = hooks.carriedValues(self)
        var values: [LLVMValueRef?] = [vmctx] + carried + arguments
        let type = ir.functionType(calleeType, carrying: unit.carried)
        let result = LLVMBuildCall2(builder, type, callee, &values, UInt32(values.count), "")!
        let returned = ir.unpack(builder, result, count: calleeType.results.count + carried.count)
        reloadMemorySize()
        hooks.afterDirectCall(self, carried: Array(returned[calleeType.results.count...]))
        for value in returned[..<calleeType.results.count] { push(value) }
    }

    /// Checks, in the spec's order, that the element exists (`undefined element`), is not null
    /// (`uninitialized element`) and has the expected canonical type
    /// (`indirect call type mismatch`), then calls it with its own context.
    func emitCallIndirect(typeIndex: UInt32, table: UInt32) {
        let element = pop()
        let calleeType = unit.module.types[Int(typeIndex)]
        let arguments = pop(calleeType.parameters.count)
        let slot = tableElementAddress(tableDescriptor(table), element, trap: .undefinedElement)
        let ref = LLVMBuildLoad2(builder, ir.ptr, slot, "funcref")!
        trapIf(LLVMBuildIsNull(builder, ref, "")!, .uninitializedElement)
        let actual = load(ir.i32, from: ref, at: VMFuncRef.typeID, name: "type.actual")
        let expected = load(ir.i32, from: vmctx, at: unit.offsets.typeID(Int(typeIndex)), invariant: true, name: "type.expected")
        trapIf(LLVMBuildICmp(builder, LLVMIntNE, actual, expected, "")!, .indirectCallTypeMismatch)
        let code = load(ir.ptr, from: ref, at: VMFuncRef.code)
        let context = load(ir.ptr, from: ref, at: VMFuncRef.vmctx)
        emitCall(calleeType, code, context: context, arguments)
    }

    private func emitCall(_ calleeType: FunctionType, _ callee: LLVMValueRef, context: LLVMValueRef, _ arguments: [LLVMValueRef]) {
        hooks.beforeCall(self)
        var values: [LLVMValueRef?] = [context] + arguments
        let result = LLVMBuildCall2(builder, ir.functionType(calleeType), callee, &values, UInt32(values.count), "")!
        afterCall()
        for value in ir.unpack(builder, result, count: calleeType.results.count) { push(value) }
    }

    /// The callee may have grown memory (and, with fuel, spent it).
    func afterCall() {
        reloadMemorySize()
        hooks.afterCall(self)
    }
}
