import Foundation
import Runtime
import Testing
import WASIPreview1

/// Calls made directly from WAT, where libc cannot hide anything: bad pointers, unknown
/// functions, paths libc would never send, the capability check, and `proc_exit` against a
/// trap.
struct RawCallTests {
    static let wat = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
          (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_open"
            (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_filestat_get" (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hi\\n")
          (data (i32.const 32) "/etc/passwd")
          (data (i32.const 48) "../secret.txt")
          (data (i32.const 64) "kept.txt")

          ;; fd_write(fd, iovs, iovs_len, nwritten) with one iovec {buf, len} at 0.
          (func (export "write") (param $fd i32) (param $buf i32) (param $len i32) (param $iovs i32) (param $count i32) (param $result i32) (result i32)
            (i32.store (i32.const 0) (local.get $buf))
            (i32.store (i32.const 4) (local.get $len))
            (call $fd_write (local.get $fd) (local.get $iovs) (local.get $count) (local.get $result)))
          (func (export "written") (result i32) (i32.load (i32.const 8)))
          (func (export "clock") (param $id i32) (param $at i32) (result i32)
            (call $clock (local.get $id) (i64.const 0) (local.get $at)))
          (func (export "time") (result i64) (i64.load (i32.const 128)))
          (func (export "random") (param i32 i32) (result i32) (call $random (local.get 0) (local.get 1)))
          (func (export "args") (param i32 i32) (result i32) (call $args_get (local.get 0) (local.get 1)))
          (func (export "open") (param $dir i32) (param $path i32) (param $len i32) (param $result i32) (result i32)
            (call $path_open (local.get $dir) (i32.const 1) (local.get $path) (local.get $len)
              (i32.const 0) (i64.const 0x1FFFFFFF) (i64.const 0x1FFFFFFF) (i32.const 0) (local.get $result)))
          (func (export "stat") (param $dir i32) (param $path i32) (param $len i32) (param $buf i32) (result i32)
            (call $path_filestat_get (local.get $dir) (i32.const 0) (local.get $path) (local.get $len) (local.get $buf)))
          (func (export "prestat") (param i32 i32) (result i32) (call $fd_prestat_get (local.get 0) (local.get 1)))
          (func (export "read") (param $fd i32) (param $buf i32) (param $len i32) (result i32)
            (i32.store (i32.const 0) (local.get $buf))
            (i32.store (i32.const 4) (local.get $len))
            (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
          (func (export "readdir") (param $fd i32) (param $buf i32) (param $len i32) (param $cookie i32) (result i32)
            (call $fd_readdir (local.get $fd) (local.get $buf) (local.get $len) (i64.extend_i32_u (local.get $cookie)) (i32.const 8)))
          (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "unknown") (result i32) (call $sock_accept (i32.const 0) (i32.const 0) (i32.const 0)))
          (func (export "poll") (result i32) (call $poll_oneoff (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
          (func (export "exit") (param i32) (call $proc_exit (local.get 0)) (unreachable))
          (func (export "exit7") (call $proc_exit (i32.const 7)))
          (func (export "trap") (unreachable))
          (func (export "_start")))
        """

    /// The module instantiated with `configuration` (output collected).
    struct Guest {
        let instance: Instance
        let context: WASIContext
        let collector = Collector()

        init(_ configuration: WASIConfiguration = WASIConfiguration()) throws {
            var configuration = configuration
            let collector = self.collector
            configuration.output = { stream, bytes in collector.append(stream, bytes) }
            configuration.denied = { collector.deny($0) }
            context = try WASIContext(configuration)
            var imports = Imports()
            context.define(into: &imports)
            instance = try Instance(try RawCallTests.artifact.get(), store: Store(), imports: imports)
        }

        /// Calls an export with i32 arguments; its single i32 result (an errno for the
        /// wrappers).
        func call(_ name: String, _ arguments: Int32...) throws -> Int32 {
            let results = try instance.exportedFunction(named: name)!.call(arguments.map { Value($0) })
            return results.first?.int32 ?? 0
        }
    }

    static let artifact = Result { try WASIModule.load(wat: wat) }

    static let efault: Int32 = 21
    static let enosys: Int32 = 52
    static let enotcapable: Int32 = 76

    @Test func badPointersAreEFAULT() throws {
        let guest = try Guest()
        let end: Int32 = 65536
        #expect(try guest.call("write", 1, 16, 3, 0, 1, 8) == 0)
        #expect(try guest.call("written") == 3)
        // The buffer runs past the end, the iovec array is outside, the result is outside,
        // the iovec count is so large that count * 8 wraps in 32 bits.
        #expect(try guest.call("write", 1, end - 2, 3, 0, 1, 8) == Self.efault)
        #expect(try guest.call("write", 1, 16, 3, end - 4, 1, 8) == Self.efault)
        #expect(try guest.call("write", 1, 16, 3, 0, 1, end - 2) == Self.efault)
        #expect(try guest.call("write", 1, 16, 3, 0, 0x2000_0001, 8) == Self.efault)
        #expect(try guest.call("write", 1, -1, 2, 0, 1, 8) == Self.efault)
        #expect(guest.collector.contents.0 == "hi\n", "nothing of the failed writes is written")
        #expect(try guest.call("clock", 1, end - 4) == Self.efault)
        #expect(try guest.call("clock", 1, end - 8) == 0)
        #expect(try guest.call("random", end - 10, 11) == Self.efault)
        #expect(try guest.call("random", -1, 2) == Self.efault)
        #expect(try guest.call("random", end, 0) == 0, "an empty buffer at the very end is in bounds")
        #expect(try guest.call("open", 3, end - 2, 100, 8) == Self.enotcapable, "no grant: refused before reading")
        #expect(try guest.call("read", 0, end - 1, 2) == Self.efault)
    }

    @Test func argumentsAreCheckedAgainstMemory() throws {
        let guest = try Guest(WASIConfiguration(arguments: ["prog", "x"]))
        #expect(try guest.call("args", 200, 300) == 0)
        #expect(try guest.call("load", 200) == 300)
        #expect(try guest.call("load", 204) == 305)
        #expect(try guest.call("args", 65532, 300) == Self.efault)
        #expect(try guest.call("args", 200, 65533) == Self.efault)
    }

    @Test func clockIDsAndFixedTime() throws {
        let guest = try Guest(WASIConfiguration(clock: WASIClock(now: { _ in 1234 }, resolution: { _ in 1 })))
        #expect(try guest.call("clock", 1, 128) == 0)
        #expect(try guest.instance.exportedFunction(named: "time")!.call([]) == [.i64(1234)])
        #expect(try guest.call("clock", 4, 128) == 28, "an unknown clock is EINVAL")
    }

    @Test func unknownFunctionsAreENOSYS() throws {
        let guest = try Guest()
        #expect(try guest.call("unknown") == Self.enosys)
        #expect(try guest.call("poll") == Self.enosys)
    }

    @Test func standardInputIsEmptyUnlessGiven() throws {
        let empty = try Guest()
        #expect(try empty.call("read", 0, 256, 16) == 0)
        #expect(try empty.call("load", 8) == 0)
        let given = try Guest(WASIConfiguration(input: { buffer in
            buffer.copyBytes(from: "abc".utf8)
            return 3
        }))
        #expect(try given.call("read", 0, 256, 16) == 0)
        #expect(try given.call("load", 8) == 3)
        #expect(try given.call("load", 256) & 0xFFFFFF == 0x636261)
    }

    @Test func pathsFromTheGuestAreConfined() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let inside = scratch.path + "/inside"
        try FileManager.default.createDirectory(atPath: inside, withIntermediateDirectories: true)
        try "kept\n".write(toFile: inside + "/kept.txt", atomically: false, encoding: .utf8)
        try "secret\n".write(toFile: scratch.path + "/secret.txt", atomically: false, encoding: .utf8)
        let guest = try Guest(WASIConfiguration(preopens: [WASIPreopen(hostPath: inside, guestPath: "/data")],
                                                filesystemAllowed: true))
        #expect(try guest.call("prestat", 3, 256) == 0)
        #expect(try guest.call("load", 260) == 5, "the length of /data")
        #expect(try guest.call("prestat", 4, 256) == 8, "EBADF ends libc's scan")
        #expect(try guest.call("open", 3, 32, 11, 8) == Self.enotcapable, "/etc/passwd")
        #expect(try guest.call("open", 3, 48, 13, 8) == Self.enotcapable, "../secret.txt")
        #expect(try guest.call("stat", 3, 48, 13, 256) == Self.enotcapable)
        #expect(try guest.call("open", 3, 64, 8, 8) == 0, "kept.txt")
        let fd = try guest.call("load", 8)
        #expect(fd == 4)
        #expect(try guest.call("read", fd, 256, 16) == 0)
        #expect(try guest.call("load", 8) == 5)
        #expect(try guest.call("open", 3, 64, 8, 65534) == Self.efault, "the result pointer is checked before opening")
        #expect(try guest.call("open", 9, 64, 8, 8) == 8, "EBADF")
        #expect(try guest.call("open", 1, 64, 8, 8) == 54, "ENOTDIR: stdout is no directory")
    }

    @Test func openFilesAreLimitedAndListingsArePaged() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try "kept\n".write(toFile: scratch.path + "/kept.txt", atomically: false, encoding: .utf8)
        let guest = try Guest(WASIConfiguration(preopens: [WASIPreopen(hostPath: scratch.path, guestPath: "/data")],
                                                filesystemAllowed: true))
        for _ in 0 ..< WASIContext.maximumOpenFiles {
            #expect(try guest.call("open", 3, 64, 8, 8) == 0)
        }
        #expect(try guest.call("open", 3, 64, 8, 8) == 33, "EMFILE")
        #expect(try guest.call("load", 8) == Int32(3 + WASIContext.maximumOpenFiles), "the last one opened")
        // `.`, `..` and kept.txt; a buffer of 10 bytes holds part of the first record only.
        #expect(try guest.call("readdir", 3, 1024, 10, 0) == 0)
        #expect(try guest.call("load", 8) == 10)
        #expect(try guest.call("readdir", 3, 1024, 4096, 0) == 0)
        #expect(try guest.call("load", 8) == 3 * 24 + 1 + 2 + 8)
        #expect(try guest.call("readdir", 3, 1024, 4096, 3) == 0, "past the end")
        #expect(try guest.call("load", 8) == 0)
        #expect(try guest.call("readdir", 3, 65530, 100, 0) == Self.efault)
        #expect(try guest.call("readdir", 0, 1024, 100, 0) == 54, "ENOTDIR")
    }

    @Test func fileCallsWithoutTheGrantAreENOTCAPABLEAndReported() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let guest = try Guest(WASIConfiguration(preopens: [WASIPreopen(hostPath: scratch.path, guestPath: "/data")]))
        #expect(try guest.call("prestat", 3, 256) == 8, "no preopen without the grant")
        #expect(try guest.call("open", 3, 64, 8, 8) == Self.enotcapable)
        #expect(try guest.call("open", 3, 64, 8, 8) == Self.enotcapable)
        #expect(try guest.call("stat", 3, 64, 8, 256) == Self.enotcapable)
        #expect(guest.collector.contents.2 == [
            "path_open refused: the filesystem capability is not granted",
            "path_filestat_get refused: the filesystem capability is not granted",
        ])
    }

    @Test func procExitIsToldFromATrap() throws {
        let guest = try Guest()
        for code: Int32 in [0, 3, -1] {
            do {
                _ = try guest.call("exit", code)
                Issue.record("exit returned")
            } catch let trap as Trap {
                #expect(guest.context.exit(from: trap) == WASIExit(code: UInt32(bitPattern: code)))
                #expect(trap.detail == "proc_exit(\(UInt32(bitPattern: code)))")
            }
        }
        do {
            _ = try guest.call("trap")
        } catch let trap as Trap {
            #expect(trap.code == .unreachable)
            #expect(guest.context.exit(from: trap) == nil)
        }
        #expect(try guest.context.runCommand(guest.instance, entry: "exit7") == 7)
        #expect(try guest.context.runCommand(guest.instance) == 0)
        #expect(throws: Trap.self) { try guest.context.runCommand(guest.instance, entry: "trap") }
        #expect(throws: WASIContextError.self) { try guest.context.runCommand(guest.instance, entry: "missing") }
        // The instance stays usable after an exit.
        #expect(try guest.call("write", 1, 16, 3, 0, 1, 8) == 0)
    }

    @Test func everyPreview1FunctionLinks() throws {
        // A module importing all 46 functions with their witx types instantiates.
        let imports = Self.allSignatures.enumerated().map { i, signature in
            let (name, parameters) = signature
            let results = name == "proc_exit" ? "" : "(result i32)"
            let types = parameters.map { $0 == "L" ? "i64" : "i32" }.joined(separator: " ")
            return "(import \"wasi_snapshot_preview1\" \"\(name)\" (func $f\(i) (param \(types)) \(results)))"
        }
        let artifact = try WASIModule.load(wat: "(module \(imports.joined(separator: "\n")) (memory 1))")
        let context = try WASIContext(WASIConfiguration())
        var definitions = Imports()
        context.define(into: &definitions)
        _ = try Instance(artifact, store: Store(), imports: definitions)
    }

    static let allSignatures: [(String, String)] = [
        ("args_get", "II"), ("args_sizes_get", "II"), ("environ_get", "II"), ("environ_sizes_get", "II"),
        ("clock_res_get", "II"), ("clock_time_get", "ILI"), ("fd_advise", "ILLI"), ("fd_allocate", "ILL"),
        ("fd_close", "I"), ("fd_datasync", "I"), ("fd_fdstat_get", "II"), ("fd_fdstat_set_flags", "II"),
        ("fd_fdstat_set_rights", "ILL"), ("fd_filestat_get", "II"), ("fd_filestat_set_size", "IL"),
        ("fd_filestat_set_times", "ILLI"), ("fd_pread", "IIILI"), ("fd_prestat_get", "II"),
        ("fd_prestat_dir_name", "III"), ("fd_pwrite", "IIILI"), ("fd_read", "IIII"), ("fd_readdir", "IIILI"),
        ("fd_renumber", "II"), ("fd_seek", "ILII"), ("fd_sync", "I"), ("fd_tell", "II"), ("fd_write", "IIII"),
        ("path_create_directory", "III"), ("path_filestat_get", "IIIII"), ("path_filestat_set_times", "IIIILLI"),
        ("path_link", "IIIIIII"), ("path_open", "IIIIILLII"), ("path_readlink", "IIIIII"),
        ("path_remove_directory", "III"), ("path_rename", "IIIIII"), ("path_symlink", "IIIII"),
        ("path_unlink_file", "III"), ("poll_oneoff", "IIII"), ("proc_exit", "I"), ("proc_raise", "I"),
        ("sched_yield", ""), ("random_get", "II"), ("sock_accept", "III"), ("sock_recv", "IIIIII"),
        ("sock_send", "IIIII"), ("sock_shutdown", "II"),
    ]
}
