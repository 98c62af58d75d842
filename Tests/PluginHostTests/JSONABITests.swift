import Foundation
import PluginHost
import Runtime
import Testing

/// The JSON ABI through the real pipeline: WAT → wasm → CompilerCache → PluginHost.
@Suite struct JSONABITests {
    @Test func echoRoundTripReusesOneInstance() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("echo", wat: jsonPluginWAT())
        let plugin = try scratch.loader().load(manifest)
        #expect(plugin.metadata?.name == "echo")
        #expect(plugin.metadata?.actions == ["echo"])
        #expect(plugin.metadataJSON == #"{"name":"echo","version":"1.0.0","actions":[{"name":"echo"}]}"#)
        #expect(plugin.signature == .unsigned)
        #expect(plugin.warnings.contains { $0.contains("unverified") })
        let loadLog = plugin.log.drain()
        #expect(loadLog.contains { $0.level == .warning && $0.text.contains("unverified") && $0.fromHost })

        let request = PluginRequest(action: "echo", params: [.init("who", .string("wor\"ld")), .init("n", .integer(3)), .init("on", .bool(true))],
                                    velocity: 100, currentMode: nil, timestampMilliseconds: 1234)
        for _ in 0..<3 {
            let result = try plugin.execute(request)
            #expect(result.status == 0 && result.succeeded)
        }
        let lines = plugin.log.drain()
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.level == .info && !$0.fromHost })
        let expected = #"{"action": "echo", "params": {"who": "wor\"ld", "n": 3, "on": true}, "context": {"velocity": 100, "current_mode": null, "timestamp": 1234}}"#
        #expect(lines[0].text == expected)
        // What the plugin received is the JSON MIDIMon's plugins parse.
        let parsed = try JSONSerialization.jsonObject(with: Data(lines[0].text.utf8)) as? [String: Any]
        #expect(parsed?["action"] as? String == "echo")
    }

    @Test func statusComesBack() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("seven", wat: jsonPluginWAT(execute: "(i32.const 7)"))
        let plugin = try scratch.loader().load(manifest)
        #expect(try plugin.execute(PluginRequest(action: "x")).status == 7)
    }

    @Test func deallocIsCalledWhenExported() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = jsonPluginWAT(execute: "(i32.const 0)", extra: """
            (global $freed (mut i32) (i32.const 0))
            (func (export "dealloc") (param i32 i32) (global.set $freed (local.get 1)))
            (func (export "freed") (result i32) (global.get $freed))
            """)
        let plugin = try scratch.loader().load(try scratch.watPlugin("dealloc", wat: wat))
        let request = PluginRequest(action: "a")
        _ = try plugin.execute(request)
        let freed = try plugin.instance.exportedFunction(named: "freed")!.call([])
        #expect(freed.first?.int32 == Int32(request.json.utf8.count))
    }

    @Test func metadataPointerOutsideMemory() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = jsonPluginWAT().replacingOccurrences(of: "(i64.const 16) (i64.const 32)", with: "(i64.const 0x7fff0000) (i64.const 32)")
        let manifest = try scratch.watPlugin("farptr", wat: wat)
        let error = expectError { () throws(PluginError) in _ = try scratch.loader().load(manifest) }
        #expect(error?.kind == .badOutput)
        #expect(error?.plugin == "farptr")
        #expect(error?.field == "init")
        #expect(error?.message.contains("outside the plugin's memory (65536 bytes)") == true)
    }

    @Test func allocPointerOutsideMemory() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = jsonPluginWAT().replacingOccurrences(of: "(result i32) (i32.const 1024))", with: "(result i32) (i32.const 65530))")
        let plugin = try scratch.loader().load(try scratch.watPlugin("badalloc", wat: wat))
        let error = expectError { () throws(PluginError) in _ = try plugin.execute(PluginRequest(action: "a")) }
        #expect(error?.kind == .badOutput)
        #expect(error?.field == "alloc")
        #expect(error?.message.contains("returned pointer 0xfffa") == true)
        // The instance is still usable for the host (no crash, nothing written).
        #expect(plugin.instance.memory?.byteCount == 65536)
    }

    @Test func metadataThatIsNotJSON() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("notjson", wat: jsonPluginWAT(metadata: "name: echo"))
        let error = expectError { () throws(PluginError) in _ = try scratch.loader().load(manifest) }
        #expect(error?.kind == .badOutput)
        #expect(error?.field == "init")
        #expect(error?.message.contains("the metadata is not JSON (\"name: echo\")") == true)
        let array = try scratch.watPlugin("jsonarray", wat: jsonPluginWAT(metadata: "[1, 2]"))
        let arrayError = expectError { () throws(PluginError) in _ = try scratch.loader().load(array) }
        #expect(arrayError?.message.contains("not an object") == true)
    }

    /// (what the module does wrong, the export named, a fragment)
    static let exportCases: [(String, String, String, String)] = [
        ("missing execute", #"(func (export "execute") (param i32 i32) (result i32) (call $log (i32.const 2) (local.get 0) (local.get 1)) (i32.const 0))"#,
         "execute", "missing export `execute` [i32 i32] -> [i32], required by the json ABI"),
        ("mistyped alloc", #"(func (export "alloc") (param i32) (result i32) (i32.const 1024))"#, "alloc", "has type [i64] -> [i32], must be [i32] -> [i32]"),
        ("init not a function", #"(func (export "init") (result i64)"#, "init", "exported as a global, must be a function"),
        ("no memory", #"(memory (export "memory") 1)"#, "memory", "missing export `memory`"),
    ]

    @Test(arguments: 0..<exportCases.count)
    func missingOrMistypedExports(_ index: Int) throws {
        let (_, old, field, fragment) = Self.exportCases[index]
        let scratch = try Scratch()
        defer { scratch.remove() }
        var wat = jsonPluginWAT()
        #expect(wat.contains(old))
        switch index {
        case 1: wat = wat.replacingOccurrences(of: old, with: #"(func (export "alloc") (param i64) (result i32) (i32.const 1024))"#)
        case 2: wat = wat.replacingOccurrences(of: old, with: #"(global (export "init") i64 (i64.const 0)) (func (result i64)"#)
        case 3: wat = wat.replacingOccurrences(of: old, with: "(memory 1)")
        default: wat = wat.replacingOccurrences(of: old, with: "")
        }
        let manifest = try scratch.watPlugin("exports\(index)", wat: wat)
        let error = expectError { () throws(PluginError) in _ = try scratch.loader().load(manifest) }
        #expect(error?.kind == .exports)
        #expect(error?.plugin == "exports\(index)")
        #expect(error?.field == field)
        #expect(error?.message.contains(fragment) == true, "\(error?.description ?? "")")
    }

    @Test func trapInExecuteIsAnErrorAndTheInstanceKeepsWorking() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = jsonPluginWAT(execute: "(if (i32.eq (local.get 1) (i32.const 0)) (then unreachable)) (if (i32.lt_u (local.get 1) (i32.const 100)) (then unreachable)) (i32.const 0)")
        let plugin = try scratch.loader().load(try scratch.watPlugin("trapper", wat: wat))
        let error = expectError { () throws(PluginError) in _ = try plugin.execute(PluginRequest(action: "a")) }
        #expect(error?.kind == .trap)
        #expect(error?.field == "execute")
        #expect(error?.message.contains("unreachable") == true)
        let long = PluginRequest(action: String(repeating: "x", count: 100))
        #expect(try plugin.execute(long).status == 0)
    }
}
