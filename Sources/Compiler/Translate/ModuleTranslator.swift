import CLLVM
import FrontEnd
import PluginABI

/// Translates one partition of a validated module: its functions, their entry thunks, and in
/// partition 0 the import adapters and the descriptor (PluginABI's `ArtifactABI`).
enum ModuleTranslator {
    static func translate(
        _ module: WasmModule, summary: ValidationSummary, options: CompileOptions,
        plan: PartitionPlan, partition: Int
    ) throws(WasmError) -> IRContext {
        let unit = ModuleUnit(module: module, options: options, plan: plan, partition: partition)
        do {
            try translateFunctions(unit)
            let callable = hostCallable(module, references: summary.functionReferences)
            for local in plan.ranges[partition] where callable.contains(local) {
                emitHostWrapper(unit, local)
                emitEntry(unit, local)
            }
            if partition == 0 {
                let adapters = module.importedFunctionTypes.indices.map { emitImportAdapter(unit, $0) }
                emitDescriptor(unit, escaping: summary.functionReferences, callable: callable, adapters: adapters)
            }
        } catch {
            unit.ir.dispose()
            throw error
        }
        return unit.ir
    }

    /// The attributes of every function that runs WebAssembly code, including host wrappers,
    /// into which LLVM may inline a function's whole body.
    private static func addCodeAttributes(_ ir: IRContext, _ function: LLVMValueRef) {
        // No WebAssembly code unwinds with C++ exceptions: traps leave by siglongjmp.
        ir.addFunctionAttribute(function, "nounwind")
        // WebAssembly 2.0 has no tail calls: every call takes stack, and endless recursion
        // must exhaust it and trap. Tail-recursion elimination, or a sibling call from a wrapper
        // that inlined its function (a `call_indirect` back into it), would turn it into an
        // endless loop that never reaches the stack limit; this attribute turns both off.
        ir.addStringAttribute(function, "disable-tail-calls", "true")
        // A frame larger than a page touches its pages in order (stack probes), so a huge
        // frame meets the guard page below the stack instead of jumping over it into other
        // memory; the runtime reports that fault as `call stack exhausted`.
        ir.addStringAttribute(function, "probe-stack", "inline-asm")
    }

    private static func translateFunctions(_ unit: ModuleUnit) throws(WasmError) {
        let module = unit.module
        for local in unit.plan.ranges[unit.partition] {
            let index = UInt32(module.importedFunctionTypes.count + local)
            let function = unit.function(index)
            addCodeAttributes(unit.ir, function)
            let translator = FunctionTranslator(
                unit: unit, function: function, functionIndex: index,
                type: module.functionType(ofFunction: index)!, hooks: .forFunction(unit.options))
            try translator.translate(body: module.code[local])
        }
    }

    /// Defined functions the host may call directly: exports, the start function, and every
    /// function that can reach the host as a funcref (through a table, a global or a result).
    static func hostCallable(_ module: WasmModule, references: Set<UInt32>) -> Set<Int> {
        var result = Set<Int>()
        let imported = module.importedFunctionTypes.count
        for export in module.exports where export.kind == .function && Int(export.index) >= imported {
            result.insert(Int(export.index) - imported)
        }
        if let start = module.start, Int(start) >= imported { result.insert(Int(start) - imported) }
        for index in references where Int(index) >= imported { result.insert(Int(index) - imported) }
        return result
    }

    static func entrySymbol(_ local: Int) -> String { "wasm_entry\(local)" }

    /// `void entry(vmctx, u64* values)`: the uniform signature the runtime calls exports with.
    private static func entryType(_ ir: IRContext) -> LLVMTypeRef {
        ir.functionType(returning: ir.void, [ir.ptr, ir.ptr])
    }

    private static func declareEntry(_ unit: ModuleUnit, _ local: Int) -> LLVMValueRef {
        if let existing = LLVMGetNamedFunction(unit.ir.module, entrySymbol(local)) { return existing }
        let entry = LLVMAddFunction(unit.ir.module, entrySymbol(local), entryType(unit.ir))!
        if unit.plan.partitionCount == 1 {
            LLVMSetLinkage(entry, LLVMInternalLinkage)
        } else {
            LLVMSetVisibility(entry, LLVMHiddenVisibility)
        }
        return entry
    }

    /// Reads the parameters from `values`, calls the function, writes the results back.
    private static func emitEntry(_ unit: ModuleUnit, _ local: Int) {
        let ir = unit.ir
        let index = UInt32(unit.module.importedFunctionTypes.count + local)
        let type = unit.module.functionType(ofFunction: index)!
        let entry = declareEntry(unit, local)
        ir.addFunctionAttribute(entry, "nounwind")
        let builder = LLVMCreateBuilderInContext(ir.context)!
        defer { LLVMDisposeBuilder(builder) }
        LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(ir.context, entry, "entry"))
        let vmctx = LLVMGetParam(entry, 0)!
        let values = LLVMGetParam(entry, 1)!
        var arguments: [LLVMValueRef?] = [vmctx]
        for (i, parameter) in type.parameters.enumerated() {
            arguments.append(LLVMBuildLoad2(builder, ir.type(parameter), slot(ir, builder, values, i), ""))
        }
        let result = LLVMBuildCall2(builder, ir.functionType(type), unit.hostFunction(index), &arguments, UInt32(arguments.count), "")!
        for (i, value) in ir.unpack(builder, result, count: type.results.count).enumerated() {
            LLVMBuildStore(builder, value, slot(ir, builder, values, i))
        }
        LLVMBuildRetVoid(builder)
    }

    /// `wasm_host_f<i>`: the function with the plain signature, for callers outside the
    /// module's own direct calls (entries, tables, other instances). It takes the hooks'
    /// carried values from the store and puts them back after the call. A trap never comes
    /// back here: the trap path stores them itself (Fuel.swift).
    private static func emitHostWrapper(_ unit: ModuleUnit, _ local: Int) {
        guard !unit.carried.isEmpty else { return }
        let ir = unit.ir
        let index = UInt32(unit.module.importedFunctionTypes.count + local)
        let type = unit.module.functionType(ofFunction: index)!
        let wrapper = unit.hostFunction(index)
        addCodeAttributes(ir, wrapper)
        let hooks = TranslationHooks.forFunction(unit.options)
        let builder = LLVMCreateBuilderInContext(ir.context)!
        defer { LLVMDisposeBuilder(builder) }
        LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(ir.context, wrapper, "entry"))
        let vmctx = LLVMGetParam(wrapper, 0)!
        let carried = hooks.loadCarried(ir, builder, vmctx: vmctx)
        var arguments: [LLVMValueRef?] = [vmctx] + carried + type.parameters.indices.map { LLVMGetParam(wrapper, UInt32(1 + $0)) }
        let callType = ir.functionType(type, carrying: unit.carried)
        let result = LLVMBuildCall2(builder, callType, unit.function(index), &arguments, UInt32(arguments.count), "")!
        let returned = ir.unpack(builder, result, count: type.results.count + carried.count)
        hooks.storeCarried(ir, builder, vmctx: vmctx, Array(returned[type.results.count...]))
        ir.buildReturn(builder, Array(returned[..<type.results.count]))
    }

    /// The `i`th 8-byte value slot.
    private static func slot(_ ir: IRContext, _ builder: LLVMBuilderRef, _ values: LLVMValueRef, _ i: Int) -> LLVMValueRef {
        var index: LLVMValueRef? = ir.i64(i)
        return LLVMBuildGEP2(builder, ir.i64, values, &index, 1, "")!
    }

    /// An import the host provides: the native signature on one side, the host's uniform
    /// callback (`(VMHostContext*, u64* values) -> trap code`) on the other.
    private static func emitImportAdapter(_ unit: ModuleUnit, _ importIndex: Int) -> LLVMValueRef {
        let ir = unit.ir
        let type = unit.module.types[Int(unit.module.importedFunctionTypes[importIndex])]
        let adapter = LLVMAddFunction(ir.module, "wasm_import_adapter\(importIndex)", ir.functionType(type))!
        LLVMSetLinkage(adapter, LLVMInternalLinkage)
        ir.addFunctionAttribute(adapter, "nounwind")
        let builder = LLVMCreateBuilderInContext(ir.context)!
        defer { LLVMDisposeBuilder(builder) }
        LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(ir.context, adapter, "entry"))
        let host = LLVMGetParam(adapter, 0)!
        let slots = max(type.parameters.count, type.results.count, 1)
        let values = LLVMBuildArrayAlloca(builder, ir.i64, ir.i32(UInt32(slots)), "values")!
        for i in type.parameters.indices {
            LLVMBuildStore(builder, LLVMGetParam(adapter, UInt32(i + 1)), slot(ir, builder, values, i))
        }
        let callback = LLVMBuildLoad2(builder, ir.ptr, host, "callback")!
        var arguments: [LLVMValueRef?] = [host, values]
        let callbackType = ir.functionType(returning: ir.i32, [ir.ptr, ir.ptr])
        let code = LLVMBuildCall2(builder, callbackType, callback, &arguments, 2, "code")!
        let failed = LLVMBuildICmp(builder, LLVMIntNE, code, ir.i32(Int32(0)), "")!
        let trap = LLVMAppendBasicBlockInContext(ir.context, adapter, "trap")!
        let done = LLVMAppendBasicBlockInContext(ir.context, adapter, "done")!
        let branch = LLVMBuildCondBr(builder, failed, trap, done)!
        LLVMSetMetadata(branch, ir.profKind, ir.unlikelyFirst)

        LLVMPositionBuilderAtEnd(builder, trap)
        var index: LLVMValueRef? = ir.i64(VMHostContext.trap)
        let trapField = LLVMBuildGEP2(builder, ir.i8, host, &index, 1, "")
        let trapFunction = LLVMBuildLoad2(builder, ir.ptr, trapField, "trap")!
        var trapArguments: [LLVMValueRef?] = [host, code, ir.i32(UInt32(0))]
        LLVMBuildCall2(builder, ir.builtinType(.trap), trapFunction, &trapArguments, 3, "")
        LLVMBuildUnreachable(builder)

        LLVMPositionBuilderAtEnd(builder, done)
        ir.buildReturn(builder, type.results.enumerated().map { i, t in
            LLVMBuildLoad2(builder, ir.type(t), slot(ir, builder, values, i), "")!
        })
        return adapter
    }

    // MARK: - Descriptor

    private static func emitDescriptor(_ unit: ModuleUnit, escaping: Set<UInt32>, callable: Set<Int>, adapters: [LLVMValueRef]) {
        let ir = unit.ir
        let module = unit.module
        let imported = module.importedFunctionTypes.count
        let defined = module.code.count

        // Only functions that can be referenced from outside their module need their address
        // taken; the others stay free for LLVM to inline, specialise or delete.
        let functionPointers = (0..<defined).map { local -> LLVMValueRef in
            let index = UInt32(imported + local)
            return escaping.contains(index) || callable.contains(local) ? unit.hostFunction(index) : ir.nullPointer
        }
        let entryPointers = (0..<defined).map { local in
            callable.contains(local) ? declareEntry(unit, local) : ir.nullPointer
        }
        let skeleton = Skeleton.bytes(of: module)

        var fields: [LLVMValueRef?] = Array(repeating: nil, count: ArtifactABI.descriptorWordCount)
        func set(_ word: ArtifactABI.DescriptorWord, _ value: LLVMValueRef) { fields[word.rawValue] = value }
        set(.magic, ir.i64(ArtifactABI.magic))
        set(.abiVersion, ir.i64(ArtifactABI.version))
        set(.skeleton, constantBytes(ir, "wasm_skeleton", skeleton))
        set(.skeletonLength, ir.i64(skeleton.count))
        set(.definedFunctionCount, ir.i64(defined))
        set(.functions, constantArray(ir, "wasm_functions", ir.ptr, functionPointers))
        set(.entries, constantArray(ir, "wasm_entries", ir.ptr, entryPointers))
        set(.importAdapters, constantArray(ir, "wasm_import_adapters", ir.ptr, adapters))
        set(.vmctxSize, ir.i64(unit.offsets.size))
        set(.flags, ir.i64(unit.options.codeFlags.rawValue))
        set(.bodyOffsets, constantArray(ir, "wasm_body_offsets", ir.i32, module.code.map { ir.i32(UInt32($0.offset)) }))

        var types = fields.map { LLVMTypeOf($0!) }
        let structType = LLVMStructTypeInContext(ir.context, &types, UInt32(types.count), 0)!
        let descriptor = LLVMAddGlobal(ir.module, structType, ArtifactABI.descriptorSymbol)!
        LLVMSetInitializer(descriptor, LLVMConstNamedStruct(structType, &fields, UInt32(fields.count)))
        LLVMSetGlobalConstant(descriptor, 1)
        LLVMSetAlignment(descriptor, 8)
    }

    /// Private constant bytes (a string constant: one LLVM value, however large).
    private static func constantBytes(_ ir: IRContext, _ name: String, _ bytes: [UInt8]) -> LLVMValueRef {
        let initializer = bytes.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { LLVMConstStringInContext2(ir.context, $0.baseAddress, $0.count, 1)! }
        }
        let global = LLVMAddGlobal(ir.module, LLVMTypeOf(initializer), name)!
        LLVMSetInitializer(global, initializer)
        LLVMSetGlobalConstant(global, 1)
        LLVMSetLinkage(global, LLVMPrivateLinkage)
        return global
    }

    /// A private constant array, or a null pointer when it would be empty.
    private static func constantArray(_ ir: IRContext, _ name: String, _ element: LLVMTypeRef, _ values: [LLVMValueRef]) -> LLVMValueRef {
        guard !values.isEmpty else { return ir.nullPointer }
        var values: [LLVMValueRef?] = values
        let initializer = LLVMConstArray2(element, &values, UInt64(values.count))!
        let global = LLVMAddGlobal(ir.module, LLVMTypeOf(initializer), name)!
        LLVMSetInitializer(global, initializer)
        LLVMSetGlobalConstant(global, 1)
        LLVMSetLinkage(global, LLVMPrivateLinkage)
        LLVMSetAlignment(global, 8)
        return global
    }
}
