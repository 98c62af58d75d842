import Foundation
import PluginHost
import Runtime
import Testing

/// The event ABI and the `midimon` host functions, through the real pipeline.
@Suite struct EventABITests {
    static let transposer = """
        (module
          (import "midimon" "emit" (func $emit (param i32 i32) (result i32)))
          (import "midimon" "now_us" (func $now (result i64)))
          (import "midimon" "param" (func $param (param i32) (result f64)))
          (import "midimon" "log" (func $log (param i32 i32 i32)))
          (memory 1)
          (data (i32.const 0) "passing")
          (func (export "midimon_event_abi_version") (result i32) (i32.const 1))
          (func (export "midimon_on_event") (param $m i32) (param $t i64) (result i32)
            (if (i32.ne (i32.and (local.get $m) (i32.const 0xF0)) (i32.const 0x90))
              (then (call $log (i32.const 3) (i32.const 0) (i32.const 7)) (return (i32.const 1))))
            (drop (call $emit (i32.add (local.get $m) (i32.const 0x0C00)) (i32.const 0)))
            (drop (call $emit (local.get $m) (i32.wrap_i64 (i64.sub (call $now) (local.get $t)))))
            (drop (call $emit (local.get $m) (i32.trunc_f64_s (call $param (i32.const 1)))))
            (if (f64.ne (call $param (i32.const 5)) (call $param (i32.const 5))) (then (return (i32.const -3))))
            (i32.const 0)))
        """

    @Test func emitsNowAndParams() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("transpose", abi: "event", wat: Self.transposer)
        let buffer = EmitBuffer(capacity: 8)
        let plugin = try scratch.loader(clock: { 5_000 }).load(manifest, emitBuffer: buffer, parameters: ParameterBlock([0.5, 250.9]))
        #expect(plugin.emitBuffer === buffer)

        // Note-on 60 velocity 64 at 1 ms: NaN for param 5, so the plugin reports error -3.
        let noteOn: UInt32 = 0x40_3C_90
        #expect(plugin.onEvent(message: noteOn, timestamp: 1_000) == .error(-3))
        #expect(buffer.array == [
            .init(message: 0x40_48_90, delayMicroseconds: 0),
            .init(message: noteOn, delayMicroseconds: 4_000),
            .init(message: noteOn, delayMicroseconds: 250),
        ])
        buffer.removeAll()
        // A control change passes, logs at debug, emits nothing.
        #expect(plugin.onEvent(message: 0x7F_07_B0, timestamp: 2_000) == .pass)
        #expect(buffer.count == 0)
    }

    @Test func handledWhenParamsArePresent() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let plugin = try scratch.loader(clock: { 0 }).load(try scratch.watPlugin("t", abi: "event", wat: Self.transposer),
                                                           parameters: ParameterBlock([0, 1, 2, 3, 4, 5]))
        #expect(plugin.onEvent(message: 0x40_3C_90, timestamp: 0) == .handled)
        #expect(plugin.emitBuffer.count == 3)
    }

    @Test func fullBufferReturnsOneAndDrops() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = """
            (module
              (import "midimon" "emit" (func $emit (param i32 i32) (result i32)))
              (func (export "midimon_event_abi_version") (result i32) (i32.const 1))
              (func (export "midimon_on_event") (param i32 i64) (result i32)
                (i32.add (call $emit (local.get 0) (i32.const 0)) (i32.mul (i32.const 10) (call $emit (local.get 0) (i32.const 0))))))
            """
        let plugin = try scratch.loader().load(try scratch.watPlugin("full", abi: "event", wat: wat), emitBuffer: EmitBuffer(capacity: 1))
        // First emit queued (0), second dropped (1): 0 + 10 * 1.
        #expect(plugin.onEvent(message: 0x90, timestamp: 0) == .error(10))
        #expect(plugin.emitBuffer.count == 1 && plugin.emitBuffer.dropped == 1)
    }

    @Test func logsThroughMemory() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let plugin = try scratch.loader().load(try scratch.watPlugin("log", abi: "event", wat: Self.transposer))
        _ = plugin.log.drain()
        #expect(plugin.onEvent(message: 0xB0, timestamp: 0) == .pass)
        let lines = plugin.log.drain()
        #expect(lines.map(\.text) == ["passing"])
        #expect(lines.map(\.level) == [.debug])
        #expect(lines.map(\.fromHost) == [false])
    }

    @Test func logOutsideMemoryTraps() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = """
            (module
              (import "midimon" "log" (func $log (param i32 i32 i32)))
              (memory 1)
              (func (export "midimon_event_abi_version") (result i32) (i32.const 1))
              (func (export "midimon_on_event") (param i32 i64) (result i32)
                (call $log (i32.const 0) (i32.const 65530) (i32.const 100)) (i32.const 0)))
            """
        let plugin = try scratch.loader().load(try scratch.watPlugin("oob", abi: "event", wat: wat))
        #expect(plugin.onEvent(message: 0x90, timestamp: 0) == .trapped(.outOfBoundsMemoryAccess))
    }

    @Test func unknownVersionIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = Self.transposer.replacingOccurrences(of: "(result i32) (i32.const 1))", with: "(result i32) (i32.const 2))")
        let error = expectError { () throws(PluginError) in _ = try scratch.loader().load(try! scratch.watPlugin("v2", abi: "event", wat: wat)) }
        #expect(error?.field == "midimon_event_abi_version")
        #expect(error?.message.contains("returned event ABI version 2; this host speaks version 1") == true)
    }

    @Test func initRefusal() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = Self.transposer.replacingOccurrences(of: "(memory 1)", with: #"(memory 1) (func (export "midimon_init") (result i32) (i32.const 3))"#)
        let error = expectError { () throws(PluginError) in _ = try scratch.loader().load(try! scratch.watPlugin("init3", abi: "event", wat: wat)) }
        #expect(error?.field == "midimon_init")
        #expect(error?.message.contains("returned 3") == true)
    }

    @Test func missingHandlerIsNamed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = #"(module (func (export "midimon_event_abi_version") (result i32) (i32.const 1)))"#
        let error = expectError { () throws(PluginError) in _ = try scratch.loader().load(try! scratch.watPlugin("nohandler", abi: "event", wat: wat)) }
        #expect(error?.kind == .exports)
        #expect(error?.field == "midimon_on_event")
        #expect(error?.message.contains("[i32 i64] -> [i32]") == true)
    }

    @Test func trapIsAnOutcomeNotACrash() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = """
            (module
              (func (export "midimon_event_abi_version") (result i32) (i32.const 1))
              (func (export "midimon_on_event") (param i32 i64) (result i32)
                (if (i32.eqz (local.get 0)) (then unreachable)) (i32.const 1)))
            """
        let plugin = try scratch.loader().load(try scratch.watPlugin("trap", abi: "event", wat: wat))
        #expect(plugin.onEvent(message: 0, timestamp: 0) == .trapped(.unreachable))
        #expect(plugin.onEvent(message: 0x90, timestamp: 0) == .pass)
    }
}

/// Imports: unknown names, wrong types, capabilities checked at bind time, denials logged.
@Suite struct HostImportTests {
    @Test func unknownImportIsNamed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = jsonPluginWAT(imports: #"(import "midimon" "teleport" (func $t))"#, execute: "(i32.const 0)")
        let error = expectError { () throws(PluginError) in _ = try scratch.loader().load(try! scratch.watPlugin("tp", wat: wat)) }
        #expect(error?.kind == .imports)
        #expect(error?.field == "midimon.teleport")
        #expect(error?.message.contains("the host has no function `teleport`") == true)
    }

    @Test func wrongImportTypeIsNamed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = jsonPluginWAT(imports: #"(import "midimon" "log" (func $log (param i32 i32)))"#, execute: "(i32.const 0)")
        let error = expectError { () throws(PluginError) in _ = try scratch.loader().load(try! scratch.watPlugin("ty", wat: wat)) }
        #expect(error?.field == "midimon.log")
        #expect(error?.message == "imported with type [i32 i32] -> [], the host's is [i32 i32 i32] -> []")
    }

    @Test func foreignModuleWithoutProviderIsNamed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = jsonPluginWAT(imports: #"(import "env" "abort" (func (param i32)))"#, execute: "(i32.const 0)")
        let error = expectError { () throws(PluginError) in _ = try scratch.loader().load(try! scratch.watPlugin("env", wat: wat)) }
        #expect(error?.field == "env.abort")
        #expect(error?.message == "imports from module \"env\", which this host does not provide")
    }

    @Test func eventPluginMayNotImportHTTP() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wat = """
            (module
              (import "midimon" "http_request" (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i64)))
              (func (export "midimon_event_abi_version") (result i32) (i32.const 1))
              (func (export "midimon_on_event") (param i32 i64) (result i32) (i32.const 1)))
            """
        let error = expectError { () throws(PluginError) in
            _ = try scratch.loader().load(try! scratch.watPlugin("evhttp", abi: "event", capabilities: ["network"], wat: wat))
        }
        #expect(error?.field == "midimon.http_request")
        #expect(error?.message.contains("not available to event-ABI plugins") == true)
    }

    @Test func deniedCallIsLoggedAndReturnsAnError() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // No `network` in the manifest: http_request is bound to the denial stub.
        let wat = HTTPTests.client(url: "http://127.0.0.1:9/")
        let plugin = try scratch.loader(http: HTTPSettings(transport: FailingTransport())).load(try scratch.watPlugin("nonet", wat: wat))
        _ = plugin.log.drain()
        let status = try plugin.execute(PluginRequest(action: "get")).status
        #expect(status == -1)
        let lines = plugin.log.drain()
        #expect(lines.count == 1)
        #expect(lines.first?.level == .error && lines.first?.fromHost == true)
        #expect(lines.first?.text == #"midimon.http_request denied: plugin nonet lacks the `network` capability (low risk); request it in plugin.toml (capabilities = ["network"])"#)
    }

    @Test func ungrantedHighRiskCapabilityIsAWarningAtLoad() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("fs", capabilities: ["filesystem"], wat: jsonPluginWAT())
        let plugin = try scratch.loader().load(manifest)
        #expect(plugin.context.capabilities.isEmpty)
        #expect(plugin.warnings.contains { $0.contains("requests `filesystem` (high risk), not granted") && $0.contains("midimon plugin grant fs filesystem") })
        var grants = Grants(path: scratch.grantsFile)
        grants.grant(.filesystem, to: "fs")
        let granted = try scratch.loader(grants: grants).load(manifest)
        #expect(granted.context.capabilities == [.filesystem])
    }

    /// The doc and the C header name every host import with the table's type.
    @Test func docAndHeaderAgreeWithTheTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let doc = try String(contentsOfFile: "\(root)/docs/plugin-abi.md", encoding: .utf8)
        let header = try String(contentsOfFile: "\(root)/plugins/sdk/midimon.h", encoding: .utf8)
        for function in HostImport.allCases {
            #expect(doc.contains("| `\(function.name)` |"), "docs/plugin-abi.md lacks a row for \(function.name)")
            #expect(header.contains("MIDIMON_IMPORT(\(function.name))"), "midimon.h lacks \(function.name)")
        }
        #expect(doc.contains("`emit` | `(message: i32, delay_us: i32) -> i32`"))
        #expect(doc.contains("`now_us` | `() -> i64`"))
        #expect(doc.contains("`log` | `(level: i32, ptr: i32, len: i32)`"))
        #expect(doc.contains("`param` | `(index: i32) -> f64`"))
        for capability in Capability.allCases {
            #expect(doc.contains("| `\(capability.rawValue)` | \(capability.risk) |"), "docs/plugin-abi.md lacks \(capability)")
        }
    }
}

struct FailingTransport: HTTPTransport {
    func perform(_ request: HTTPRequest) -> Result<HTTPResponse, HTTPFailure> { .failure(HTTPFailure(.failed, "no network in this test")) }
}
