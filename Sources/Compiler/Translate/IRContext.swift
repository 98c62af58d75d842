import CLLVM
import FrontEnd
import PluginABI

/// The LLVM context, module and the types and declarations a partition's translation shares.
///
/// One per partition: LLVM contexts are not thread-safe, and partitions are translated and
/// compiled on separate threads, so nothing here is shared between partitions.
final class IRContext {
    let context: LLVMContextRef
    let module: LLVMModuleRef

    let void: LLVMTypeRef
    let i1: LLVMTypeRef
    let i8: LLVMTypeRef
    let i16: LLVMTypeRef
    let i32: LLVMTypeRef
    let i64: LLVMTypeRef
    let f32: LLVMTypeRef
    let f64: LLVMTypeRef
    let ptr: LLVMTypeRef

    /// Kind id of `!prof` metadata, for branch weights on trap checks.
    let profKind: UInt32
    /// Kind ids of `!alias.scope` and `!noalias`, for the fast copies of versioned loops.
    let aliasScopeKind: UInt32
    let noaliasKind: UInt32
    /// `!{!"branch_weights", i32 1, i32 2000}`: the first successor is the unlikely one.
    private(set) lazy var unlikelyFirst: LLVMValueRef = branchWeights(1, 2000)
    /// `!{!"branch_weights", i32 2000, i32 1}`: the second successor is the unlikely one.
    private(set) lazy var unlikelySecond: LLVMValueRef = branchWeights(2000, 1)

    init(name: String) {
        context = LLVMContextCreate()
        module = LLVMModuleCreateWithNameInContext(name, context)
        void = LLVMVoidTypeInContext(context)
        i1 = LLVMInt1TypeInContext(context)
        i8 = LLVMInt8TypeInContext(context)
        i16 = LLVMInt16TypeInContext(context)
        i32 = LLVMInt32TypeInContext(context)
        i64 = LLVMInt64TypeInContext(context)
        f32 = LLVMFloatTypeInContext(context)
        f64 = LLVMDoubleTypeInContext(context)
        ptr = LLVMPointerTypeInContext(context, 0)
        profKind = LLVMGetMDKindIDInContext(context, "prof", 4)
        aliasScopeKind = LLVMGetMDKindIDInContext(context, "alias.scope", 11)
        noaliasKind = LLVMGetMDKindIDInContext(context, "noalias", 7)
    }

    /// Gives up the module and context to whoever compiles them (the back end disposes both).
    func dispose() {
        LLVMDisposeModule(module)
        LLVMContextDispose(context)
    }

    // MARK: - Types

    func type(_ valueType: ValueType) -> LLVMTypeRef {
        switch valueType {
        case .i32: i32
        case .i64: i64
        case .f32: f32
        case .f64: f64
        case .funcref, .externref: ptr
        }
    }

    /// The LLVM return type of a function type: void, the one result, or a struct of results.
    func returnType(_ results: [ValueType]) -> LLVMTypeRef {
        returnType(results.map(type))
    }

    /// `(vmctx, params...) -> results`, the native signature of every WebAssembly function as
    /// the host, tables and other instances call it.
    func functionType(_ type: FunctionType) -> LLVMTypeRef {
        functionType(type, carrying: [])
    }

    /// `(vmctx, carried..., params...) -> (results..., carried...)`: the signature a module's
    /// own direct calls use, with the hooks' carried values (TranslationHooks.swift).
    func functionType(_ type: FunctionType, carrying carried: [LLVMTypeRef]) -> LLVMTypeRef {
        var parameters: [LLVMTypeRef?] = [ptr] + carried + type.parameters.map(self.type)
        return LLVMFunctionType(returnType(type.results.map(self.type) + carried), &parameters, UInt32(parameters.count), 0)
    }

    /// `ret` of `values` in the shape ``returnType(_:)-([LLVMTypeRef])`` gives them.
    func buildReturn(_ builder: LLVMBuilderRef, _ values: [LLVMValueRef]) {
        switch values.count {
        case 0: LLVMBuildRetVoid(builder)
        case 1: LLVMBuildRet(builder, values[0])
        default:
            var aggregate = LLVMGetUndef(returnType(values.map { LLVMTypeOf($0)! }))!
            for (i, value) in values.enumerated() {
                aggregate = LLVMBuildInsertValue(builder, aggregate, value, UInt32(i), "")!
            }
            LLVMBuildRet(builder, aggregate)
        }
    }

    /// The `count` values a call returned, in the shape ``returnType(_:)-([LLVMTypeRef])`` gives them.
    func unpack(_ builder: LLVMBuilderRef, _ result: LLVMValueRef, count: Int) -> [LLVMValueRef] {
        count == 1 ? [result] : (0..<count).map { LLVMBuildExtractValue(builder, result, UInt32($0), "")! }
    }

    /// void, the one value, or a struct of them.
    func returnType(_ members: [LLVMTypeRef]) -> LLVMTypeRef {
        switch members.count {
        case 0: return void
        case 1: return members[0]
        default:
            var members: [LLVMTypeRef?] = members
            return LLVMStructTypeInContext(context, &members, UInt32(members.count), 0)
        }
    }

    func functionType(returning result: LLVMTypeRef, _ parameters: [LLVMTypeRef]) -> LLVMTypeRef {
        var parameters: [LLVMTypeRef?] = parameters
        return LLVMFunctionType(result, &parameters, UInt32(parameters.count), 0)
    }

    func builtinType(_ builtin: Builtin) -> LLVMTypeRef {
        func abi(_ t: Builtin.ABIType) -> LLVMTypeRef {
            switch t {
            case .i32: i32
            case .i64: i64
            case .pointer: ptr
            }
        }
        return functionType(returning: builtin.result.map(abi) ?? void, builtin.parameters.map(abi))
    }

    // MARK: - Constants

    func i32(_ value: Int32) -> LLVMValueRef { LLVMConstInt(i32, UInt64(UInt32(bitPattern: value)), 0) }
    func i32(_ value: UInt32) -> LLVMValueRef { LLVMConstInt(i32, UInt64(value), 0) }
    func i64(_ value: Int64) -> LLVMValueRef { LLVMConstInt(i64, UInt64(bitPattern: value), 0) }
    func i64(_ value: UInt64) -> LLVMValueRef { LLVMConstInt(i64, value, 0) }
    func i64(_ value: Int) -> LLVMValueRef { LLVMConstInt(i64, UInt64(bitPattern: Int64(value)), 0) }
    func constant(_ type: LLVMTypeRef, bits: UInt64) -> LLVMValueRef { LLVMConstInt(type, bits, 0) }
    var nullPointer: LLVMValueRef { LLVMConstNull(ptr) }

    /// A float constant from its bit pattern: NaN payloads survive exactly, which building
    /// from a Swift `Float` would not guarantee.
    func f32(bits: UInt32) -> LLVMValueRef { LLVMConstBitCast(LLVMConstInt(i32, UInt64(bits), 0), f32) }
    func f64(bits: UInt64) -> LLVMValueRef { LLVMConstBitCast(LLVMConstInt(i64, bits, 0), f64) }

    func zero(_ valueType: ValueType) -> LLVMValueRef { LLVMConstNull(type(valueType)) }

    // MARK: - Intrinsics

    /// The declaration of an overloaded intrinsic such as `llvm.ctlz` for the given types.
    func intrinsic(_ name: String, _ types: [LLVMTypeRef]) -> (LLVMValueRef, LLVMTypeRef) {
        let id = LLVMLookupIntrinsicID(name, name.utf8.count)
        precondition(id != 0, "unknown LLVM intrinsic \(name)")
        var types: [LLVMTypeRef?] = types
        let function = LLVMGetIntrinsicDeclaration(module, id, &types, types.count)!
        let type = LLVMIntrinsicGetType(context, id, &types, types.count)!
        return (function, type)
    }

    // MARK: - Metadata and attributes

    private func branchWeights(_ first: UInt32, _ second: UInt32) -> LLVMValueRef {
        var nodes: [LLVMMetadataRef?] = [
            LLVMMDStringInContext2(context, "branch_weights", 14),
            LLVMValueAsMetadata(i32(first)),
            LLVMValueAsMetadata(i32(second)),
        ]
        return LLVMMetadataAsValue(context, LLVMMDNodeInContext2(context, &nodes, nodes.count))
    }

    /// `count` alias scopes of one new domain, `!{!"name#i", !{!"name"}}`: named nodes, unique
    /// as long as `name` is within the module.
    func aliasScopes(count: Int, name: String) -> [LLVMMetadataRef] {
        var domainOperands: [LLVMMetadataRef?] = [LLVMMDStringInContext2(context, name, name.utf8.count)]
        let domain = LLVMMDNodeInContext2(context, &domainOperands, 1)
        return (0..<count).map { i in
            let scopeName = "\(name)#\(i)"
            var operands: [LLVMMetadataRef?] = [LLVMMDStringInContext2(context, scopeName, scopeName.utf8.count), domain]
            return LLVMMDNodeInContext2(context, &operands, 2)!
        }
    }

    /// A list of scopes, as `!alias.scope` and `!noalias` take it.
    func scopeList(_ scopes: [LLVMMetadataRef]) -> LLVMValueRef {
        var operands: [LLVMMetadataRef?] = scopes
        return LLVMMetadataAsValue(context, LLVMMDNodeInContext2(context, &operands, operands.count))
    }

    func enumAttribute(_ name: String, _ value: UInt64 = 0) -> LLVMAttributeRef {
        let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
        precondition(kind != 0, "unknown LLVM attribute \(name)")
        return LLVMCreateEnumAttribute(context, kind, value)
    }

    func addFunctionAttribute(_ function: LLVMValueRef, _ name: String) {
        LLVMAddAttributeAtIndex(function, LLVMAttributeIndex(bitPattern: -1), enumAttribute(name))
    }

    func addStringAttribute(_ function: LLVMValueRef, _ key: String, _ value: String) {
        let attribute = LLVMCreateStringAttribute(context, key, UInt32(key.utf8.count), value, UInt32(value.utf8.count))
        LLVMAddAttributeAtIndex(function, LLVMAttributeIndex(bitPattern: -1), attribute)
    }
}
