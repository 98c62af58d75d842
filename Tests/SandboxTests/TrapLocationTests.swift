import Compiler
import Foundation
import PluginABI
import Runtime
import Testing
import WAT

/// Traps say where: the function (its `name` section name, else `#index` in the function
/// index space, imports first) and the byte offset of the trapping operator, found from the
/// trap site and the artifact's body offsets. Faults caught by the signal handler carry no
/// site and read `<unknown function>`.
struct TrapLocationTests {
    static let wat = """
        (module
          (import "env" "log" (func $log (param i32)))
          (memory 1)
          (func $run (export "run") (param i32 i32) (result i32)
            (call $divide (local.get 0) (local.get 1)))
          (func $divide (param i32 i32) (result i32)
            (i32.div_s (local.get 0) (local.get 1)))
          (func $peek (export "peek") (param i32) (result i32)
            (i32.load (local.get 0))))
        """

    static var imports: Imports {
        var imports = Imports()
        imports.define(module: "env", name: "log", HostFunction(type: FunctionType(parameters: [.i32], results: [])) { _, _ in [] })
        return imports
    }

    static func instance(names: Bool = true, bounds: BoundsCheckStrategy = .explicit) throws -> (Instance, [UInt8]) {
        let bytes = try wat2wasm(wat, options: EncodeOptions(nameSection: names))
        let artifact = try SandboxModule.load(bytes: bytes, options: CompileOptions(bounds: bounds))
        return (try Instance(artifact, store: Store(), imports: imports), bytes)
    }

    @Test func aNamedFunction() throws {
        let (instance, bytes) = try Self.instance()
        let trap = try #require(SandboxModule.trap(instance.function("run"), [.i32(1), .i32(0)]))
        #expect(trap.code == .integerDivideByZero)
        // The callee, not the export that was called; index 2 after the import.
        let location = try #require(trap.location)
        #expect(location.place == .function(index: 2, name: "divide"))
        let offset = try #require(location.offset)
        #expect(bytes[offset] == 0x6D, "offset 0x\(String(offset, radix: 16)) is not i32.div_s")
        #expect(Int(trap.site) == offset)
        #expect(location.description == "divide (offset 0x\(String(offset, radix: 16)))")
        #expect(trap.description.hasSuffix(" at divide (offset 0x\(String(offset, radix: 16)))"), "\(trap)")
    }

    @Test func anUnnamedFunctionIsItsIndex() throws {
        let (instance, bytes) = try Self.instance(names: false)
        let trap = try #require(SandboxModule.trap(instance.function("run"), [.i32(1), .i32(0)]))
        let location = try #require(trap.location)
        #expect(location.place == .function(index: 2, name: nil))
        #expect(location.description == "#2 (offset 0x\(String(location.offset!, radix: 16)))")
        #expect(bytes[location.offset!] == 0x6D)
        // An explicit bounds check has a site too.
        let oob = try #require(SandboxModule.trap(instance.function("peek"), [.i32(65536)]))
        #expect(oob.location?.place == .function(index: 3, name: nil))
        #expect(bytes[oob.location!.offset!] == 0x28)  // i32.load
    }

    /// With guard pages the access faults: the handler knows no site, so no function either.
    @Test func aGuardPageFaultHasNoSite() throws {
        let (instance, _) = try Self.instance(bounds: .guardPages)
        let trap = try #require(SandboxModule.trap(instance.function("peek"), [.i32(65536)]))
        #expect(trap.code == .outOfBoundsMemoryAccess)
        #expect(trap.rawCode == TrapCode.guardPageFault.rawValue)
        #expect(trap.location == TrapLocation(.unknownFunction, offset: nil))
        #expect(trap.location?.description == "<unknown function>")
        // A trap with a site in the same code still names its function.
        let divide = try #require(SandboxModule.trap(instance.function("run"), [.i32(1), .i32(0)]))
        #expect(divide.location?.place == .function(index: 2, name: "divide"))
    }

    /// The allocation-free path: the code comes back, the location on request.
    @Test func theValuesArrayPath() throws {
        let (instance, _) = try Self.instance()
        let run = instance.function("run")
        var values: [UInt64] = [7, 0]
        #expect(values.withUnsafeMutableBufferPointer { run.invoke($0.baseAddress!) } == .integerDivideByZero)
        #expect(run.lastTrapLocation().place == .function(index: 2, name: "divide"))
        values = [7, 2]
        #expect(values.withUnsafeMutableBufferPointer { run.invoke($0.baseAddress!) } == nil)
        #expect(values[0] == 3)
    }

    /// A trap in another instance's function names that function, in that module.
    @Test func aTrapInAnotherInstance() throws {
        let store = Store()
        let callee = try Instance(try SandboxModule.load("""
            (module (func $helper) (func $boom (export "boom") unreachable))
            """), store: store)
        var imports = Imports()
        imports.define(module: "callee", callee)
        let caller = try Instance(try SandboxModule.load("""
            (module (import "callee" "boom" (func $imported)) (func $main (export "main") (call $imported)))
            """), store: store, imports: imports)
        let trap = try #require(SandboxModule.trap(caller.function("main")))
        #expect(trap.code == .unreachable)
        #expect(trap.location?.place == .function(index: 1, name: "boom"))
    }

    @Test func instantiationTrapsSayWhere() throws {
        let start = try SandboxModule.load("(module (func $init unreachable) (start $init))")
        do {
            _ = try Instance(start, store: Store())
            Issue.record("the start function did not trap")
        } catch {
            #expect(error.trap?.location?.place == .function(index: 0, name: "init"))
        }
        let data = try SandboxModule.load(#"(module (memory 1) (data (i32.const 0) "ok") (data (i32.const 65535) "ab"))"#)
        do {
            _ = try Instance(data, store: Store())
            Issue.record("the data segment did not trap")
        } catch {
            #expect(error.trap?.code == .outOfBoundsMemoryAccess)
            #expect(error.trap?.location == TrapLocation(.dataSegment(1), offset: nil))
            #expect(error.trap?.location?.description == "data segment 1")
        }
    }

    /// The search itself: the last body starting at or before the offset, imports first.
    @Test func functionIndexFromAnOffset() throws {
        let bytes = try wat2wasm(Self.wat)
        let module = try ModuleParser.parse(bytes)
        let artifact = try SandboxModule.load(bytes: bytes, options: CompileOptions())
        let bodies = module.code.map(\.offset)
        #expect(artifact.functionIndex(containing: 0) == nil)
        #expect(artifact.functionIndex(containing: bodies[0] - 1) == nil)
        for (local, offset) in bodies.enumerated() {
            #expect(artifact.functionIndex(containing: offset) == UInt32(local + 1))
            #expect(artifact.functionIndex(containing: offset + 3) == UInt32(local + 1))
        }
        #expect(artifact.functionIndex(containing: bytes.count) == 3)
        #expect(artifact.location(ofSite: 0) == nil)
    }
}
