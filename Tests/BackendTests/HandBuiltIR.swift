import CLLVM
import Compiler

/// Small modules built directly through the LLVM-C API, standing in for the translator's output.
enum HandBuiltIR {
    /// `i32 add(i32, i32)` and `i32 answer = 42`, both exported (default visibility).
    static func addAndAnswer(name: String = "add") -> OwnedModule {
        let unit = OwnedModule(name: name)
        let ir = Builder(unit)
        ir.define("add", parameters: 2) { ir, function in
            LLVMBuildAdd(ir.builder, LLVMGetParam(function, 0), LLVMGetParam(function, 1), "sum")
        }
        let answer = LLVMAddGlobal(unit.module, ir.i32, "answer")
        LLVMSetInitializer(answer, LLVMConstInt(ir.i32, 42, 0))
        return unit
    }

    /// Partition A of a two-partition module: exported `i32 twicePlusOne(i32 x)` returns
    /// `twice(x) + 1`, where `twice` lives in partition B.
    static func caller() -> OwnedModule {
        let unit = OwnedModule(name: "A")
        let ir = Builder(unit)
        let twice = ir.declare("twice", parameters: 1)
        // A hidden declaration: the call binds inside the shared object, without a PLT entry.
        LLVMSetVisibility(twice, LLVMHiddenVisibility)
        ir.define("twicePlusOne", parameters: 1) { ir, function in
            var arguments: [LLVMValueRef?] = [LLVMGetParam(function, 0)]
            let doubled = LLVMBuildCall2(ir.builder, ir.functionType(parameters: 1), twice, &arguments, 1, "doubled")
            return LLVMBuildAdd(ir.builder, doubled, LLVMConstInt(ir.i32, 1, 0), "result")
        }
        return unit
    }

    /// Partition B: hidden `i32 twice(i32 x)`, visible to partition A only.
    static func callee() -> OwnedModule {
        let unit = OwnedModule(name: "B")
        let ir = Builder(unit)
        let twice = ir.define("twice", parameters: 1) { ir, function in
            LLVMBuildMul(ir.builder, LLVMGetParam(function, 0), LLVMConstInt(ir.i32, 2, 0), "doubled")
        }
        LLVMSetVisibility(twice, LLVMHiddenVisibility)
        return unit
    }

    /// Exported `i32 constant<n>()` returning `n`.
    static func constant(_ value: Int) -> OwnedModule {
        let unit = OwnedModule(name: "constant\(value)")
        let ir = Builder(unit)
        ir.define("constant\(value)", parameters: 0) { ir, _ in LLVMConstInt(ir.i32, UInt64(value), 0) }
        return unit
    }

    /// Exported `i32 clear(ptr p, i32 n)`: zeroes `n` bytes from `p` in a loop, the pattern
    /// the loop-idiom pass would replace with a call to `memset`; returns `n`.
    static func clearingLoop() -> OwnedModule {
        let unit = OwnedModule(name: "clear")
        let ir = Builder(unit)
        let pointer = LLVMPointerTypeInContext(unit.context, 0)!
        let i8 = LLVMInt8TypeInContext(unit.context)!
        var parameters: [LLVMTypeRef?] = [pointer, ir.i32]
        let function = LLVMAddFunction(unit.module, "clear", LLVMFunctionType(ir.i32, &parameters, 2, 0))!
        let entry = LLVMAppendBasicBlockInContext(unit.context, function, "entry")
        let loop = LLVMAppendBasicBlockInContext(unit.context, function, "loop")
        let exit = LLVMAppendBasicBlockInContext(unit.context, function, "exit")
        let (base, count) = (LLVMGetParam(function, 0), LLVMGetParam(function, 1))

        LLVMPositionBuilderAtEnd(ir.builder, entry)
        let zero = LLVMConstInt(ir.i32, 0, 0)
        LLVMBuildCondBr(ir.builder, LLVMBuildICmp(ir.builder, LLVMIntEQ, count, zero, "empty"), exit, loop)

        LLVMPositionBuilderAtEnd(ir.builder, loop)
        let index = LLVMBuildPhi(ir.builder, ir.i32, "index")!
        var offset: [LLVMValueRef?] = [index]
        let address = LLVMBuildGEP2(ir.builder, i8, base, &offset, 1, "address")
        LLVMBuildStore(ir.builder, LLVMConstInt(i8, 0, 0), address)
        let next = LLVMBuildAdd(ir.builder, index, LLVMConstInt(ir.i32, 1, 0), "next")
        var values: [LLVMValueRef?] = [zero, next]
        var blocks: [LLVMBasicBlockRef?] = [entry, loop]
        LLVMAddIncoming(index, &values, &blocks, 2)
        LLVMBuildCondBr(ir.builder, LLVMBuildICmp(ir.builder, LLVMIntEQ, next, count, "done"), exit, loop)

        LLVMPositionBuilderAtEnd(ir.builder, exit)
        LLVMBuildRet(ir.builder, count)
        return unit
    }

    /// Exported `i32 callsMissing()` calling `missing()`, which nothing defines.
    static func callsUndefined() -> OwnedModule {
        let unit = OwnedModule(name: "undefined")
        let ir = Builder(unit)
        let missing = ir.declare("missing", parameters: 0)
        ir.define("callsMissing", parameters: 0) { ir, _ in
            LLVMBuildCall2(ir.builder, ir.functionType(parameters: 0), missing, nil, 0, "value")
        }
        return unit
    }

    /// `i32 broken()` whose only block has no terminator: invalid IR that would crash the
    /// code generator if it got that far.
    static func missingTerminator() -> OwnedModule {
        let unit = OwnedModule(name: "broken")
        let ir = Builder(unit)
        let function = ir.declare("broken", parameters: 0)
        let entry = LLVMAppendBasicBlockInContext(unit.context, function, "entry")
        LLVMPositionBuilderAtEnd(ir.builder, entry)
        _ = LLVMBuildAdd(ir.builder, LLVMConstInt(ir.i32, 1, 0), LLVMConstInt(ir.i32, 2, 0), "dangling")
        return unit
    }

    /// A builder over one module, for functions of `i32`s.
    final class Builder {
        let context: LLVMContextRef
        let module: LLVMModuleRef
        let builder: LLVMBuilderRef
        let i32: LLVMTypeRef

        init(_ unit: borrowing OwnedModule) {
            context = unit.context
            module = unit.module
            builder = LLVMCreateBuilderInContext(context)
            i32 = LLVMInt32TypeInContext(context)
        }

        deinit { LLVMDisposeBuilder(builder) }

        func functionType(parameters: Int) -> LLVMTypeRef {
            var types: [LLVMTypeRef?] = Array(repeating: i32, count: parameters)
            return LLVMFunctionType(i32, &types, UInt32(parameters), 0)
        }

        func declare(_ name: String, parameters: Int) -> LLVMValueRef {
            LLVMAddFunction(module, name, functionType(parameters: parameters))
        }

        /// Defines `name` with one block that returns what `body` computes.
        @discardableResult
        func define(_ name: String, parameters: Int, body: (Builder, LLVMValueRef) -> LLVMValueRef?) -> LLVMValueRef {
            let function = declare(name, parameters: parameters)
            LLVMPositionBuilderAtEnd(builder, LLVMAppendBasicBlockInContext(context, function, "entry"))
            LLVMBuildRet(builder, body(self, function))
            return function
        }
    }
}
