import CRuntimeSupport
import PluginABI
import Testing

/// The C mirrors of PluginABI's layout (used by CRuntimeSupport and the test artifacts) have
/// exactly VMContextLayout.swift's offsets.
struct LayoutTests {
    @Test func storeContext() {
        typealias S = midimon_vm_store_context
        #expect(MemoryLayout<S>.offset(of: \S.fuel) == VMStoreContext.fuel)
        #expect(MemoryLayout<S>.offset(of: \S.stack_limit) == VMStoreContext.stackLimit)
        #expect(MemoryLayout<S>.offset(of: \S.interrupt) == VMStoreContext.interrupt)
        #expect(MemoryLayout<S>.size == VMStoreContext.size)
    }

    @Test func memoryTableFuncRef() {
        #expect(MemoryLayout<midimon_vm_memory>.offset(of: \midimon_vm_memory.base) == VMMemory.base)
        #expect(MemoryLayout<midimon_vm_memory>.offset(of: \midimon_vm_memory.size) == VMMemory.size)
        #expect(MemoryLayout<midimon_vm_memory>.size == VMMemory.byteSize)
        #expect(MemoryLayout<midimon_vm_table>.offset(of: \midimon_vm_table.elements) == VMTable.elements)
        #expect(MemoryLayout<midimon_vm_table>.offset(of: \midimon_vm_table.size) == VMTable.size)
        #expect(MemoryLayout<midimon_vm_table>.size == VMTable.byteSize)
        typealias F = midimon_vm_func_ref
        #expect(MemoryLayout<F>.offset(of: \F.code) == VMFuncRef.code)
        #expect(MemoryLayout<F>.offset(of: \F.type_id) == VMFuncRef.typeID)
        #expect(MemoryLayout<F>.offset(of: \F.vmctx) == VMFuncRef.vmctx)
        #expect(MemoryLayout<F>.size == VMFuncRef.size)
    }

    @Test func hostContext() {
        typealias H = midimon_vm_host_context
        #expect(MemoryLayout<H>.offset(of: \H.callback) == VMHostContext.callback)
        #expect(MemoryLayout<H>.offset(of: \H.trap) == VMHostContext.trap)
    }

    @Test func guardPageTrapCode() {
        #expect(MIDIMON_TRAP_GUARD_PAGE_FAULT == TrapCode.guardPageFault.rawValue)
    }
}
