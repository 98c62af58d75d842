import Foundation
import PluginHost
import Testing

/// WASI preview 1 as PluginHost wires it (WASIPreview1 tests the calls themselves): output
/// into the plugin log, `_initialize` first, the filesystem only with the grant.
@Suite struct WASITests {
    /// `execute` writes "hello from wasi\n" to stdout with fd_write, then tries
    /// `path_open(3, "note.txt", O_CREAT)` and returns its errno.
    static let wat = jsonPluginWAT(
        imports: """
            (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
            (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
            """,
        execute: """
            (drop (call $fd_write (i32.const 1) (i32.const 400) (i32.const 1) (i32.const 420)))
            (call $path_open (i32.const 3) (i32.const 0) (i32.const 440) (i32.const 8) (i32.const 1)
              (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 460))
            """,
        extra: """
            (data (i32.const 300) "hello from wasi\\n")
            (data (i32.const 400) "\\2c\\01\\00\\00\\10\\00\\00\\00")
            (data (i32.const 440) "note.txt")
            (global $initialized (mut i32) (i32.const 0))
            (func (export "_initialize") (global.set $initialized (i32.const 1)))
            (func (export "initialized") (result i32) (global.get $initialized))
            """)

    @Test func stdoutGoesToTheLogAndInitializeRunsFirst() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let plugin = try scratch.loader().load(try scratch.watPlugin("wasi", wat: Self.wat))
        #expect(try plugin.instance.exportedFunction(named: "initialized")!.call([]).first?.int32 == 1)
        _ = plugin.log.drain()
        let status = try plugin.execute(PluginRequest(action: "x")).status
        #expect(status != 0)  // no preopen without the filesystem capability
        let lines = plugin.log.drain()
        #expect(lines.first?.text == "hello from wasi")
        #expect(lines.first?.level == .info)
        #expect(lines.dropFirst().contains { $0.level == .error && $0.text.contains("filesystem capability is not granted") })
        #expect(!FileManager.default.fileExists(atPath: "\(scratch.plugins)/wasi/data"))
    }

    @Test func grantedFilesystemIsTheDataFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("files", capabilities: ["filesystem"], wat: Self.wat)
        var grants = Grants(path: scratch.grantsFile)
        grants.grant(.filesystem, to: "files")
        let plugin = try scratch.loader(grants: grants).load(manifest)
        #expect(try plugin.execute(PluginRequest(action: "x")).status == 0)
        #expect(FileManager.default.fileExists(atPath: "\(scratch.plugins)/files/data/note.txt"))
    }

    /// `environment` in the manifest is an allow-list: `execute` returns
    /// `1000 × count + buffer size` from environ_sizes_get, so only the allowed, set variable
    /// counts (`MIDIMON_TEST_ALLOWED=yes` and its NUL: 25 bytes), never one it did not name.
    @Test func environmentIsTheManifestsAllowList() throws {
        setenv("MIDIMON_TEST_ALLOWED", "yes", 1)
        setenv("MIDIMON_TEST_SECRET", "no", 1)
        let wat = jsonPluginWAT(
            imports: """
                (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
                """,
            execute: """
                (drop (call $sizes (i32.const 500) (i32.const 504)))
                (i32.add (i32.mul (i32.load (i32.const 500)) (i32.const 1000)) (i32.load (i32.const 504)))
                """)
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("env", extra: #"environment = ["MIDIMON_TEST_ALLOWED", "MIDIMON_TEST_UNSET"]"#, wat: wat)
        #expect(manifest.environment == ["MIDIMON_TEST_ALLOWED", "MIDIMON_TEST_UNSET"])
        let plugin = try scratch.loader().load(manifest)
        #expect(try plugin.execute(PluginRequest(action: "x")).status == 1025)
        let none = try scratch.loader().load(try scratch.watPlugin("noenv", wat: wat))
        #expect(try none.execute(PluginRequest(action: "x")).status == 0)
    }

    @Test func environmentEntriesAreNamesOnly() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect {
            _ = try scratch.watPlugin("bad", extra: #"environment = ["HOME=/tmp"]"#, wat: Self.wat)
        } throws: { error in
            let error = error as? PluginError
            return error?.field == "plugin.environment" && error?.line == 8
        }
    }
}
