import Foundation
import Subprocess
import SystemPackage
import Testing

/// `midimon run` on WASI command modules: output on the terminal's streams, `--dir`,
/// `--env`, arguments after `--`, and the exit status from `proc_exit`.
struct WASIRunTests {
    /// Writes its text with fd_write, then exits with the code stored at address 100 (set by
    /// the data segment: 0 unless a test changes the text).
    static func helloWat(exitCode: Int) -> String {
        """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "\\10\\00\\00\\00\\0f\\00\\00\\00")
          (data (i32.const 16) "hello from wat\\n")
          (func (export "_start")
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 32)))
            (if (i32.ne (i32.const \(exitCode)) (i32.const 0)) (then (call $proc_exit (i32.const \(exitCode)))))))
        """
    }

    @Test func helloWorldFromWAT() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await RunCommandTests.wasm(Self.helloWat(exitCode: 0), in: scratch)
        let result = try await Tool.midimon("run", file)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "hello from wat\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func theExitStatusIsProcExitsCode() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let file = try await RunCommandTests.wasm(Self.helloWat(exitCode: 7), in: scratch)
        let result = try await Tool.midimon("run", file)
        #expect(result.status == 7)
        #expect(result.stdout == "hello from wat\n")
        #expect(result.stderr.isEmpty, "an exit is not a trap")
        let probe = try await Self.probe()
        for code in [0, 1, 42] {
            let exited = try await Tool.midimon("run", "--opt-level", "1", probe, "--", "exit", "\(code)")
            #expect(exited.status == Int32(code), "\(exited.stderr)")
        }
    }

    @Test func argumentsAfterTheSeparatorAndTheEnvironment() async throws {
        let probe = try await Self.probe()
        let args = try await Tool.midimon("run", "--opt-level", "1", probe, "--", "args", "--not-an-option", "two words")
        #expect(args.status == 0, "\(args.stderr)")
        #expect(args.stdoutLines == ["arg 0: \(probe)", "arg 1: args", "arg 2: --not-an-option", "arg 3: two words"])
        // Only --env variables are visible; NAME alone passes the host's value (the test
        // runner's HOME, if set).
        let env = try await Tool.midimon("run", "--opt-level", "1", "--env", "GREETING=a=b", "--env", "HOME", probe, "--", "env")
        let home = ProcessInfo.processInfo.environment["HOME"]
        var expected = ["env GREETING=a=b"]
        if let home { expected.append("env HOME=\(home)") }
        expected.append("HOME \(home ?? "(unset)")")
        #expect(env.stdoutLines.map(String.init) == expected)
        let none = try await Tool.midimon("run", "--opt-level", "1", probe, "--", "env")
        #expect(none.stdoutLines == ["HOME (unset)"])
    }

    @Test func directoriesAreConfined() async throws {
        let scratch = try Tool.ScratchDirectory()
        defer { scratch.remove() }
        let inside = scratch.path + "/inside"
        try FileManager.default.createDirectory(atPath: inside, withIntermediateDirectories: true)
        try "the secret\n".write(toFile: scratch.path + "/secret.txt", atomically: false, encoding: .utf8)
        let probe = try await Self.probe()
        let create = try await Tool.midimon("run", "--opt-level", "1", "--dir", "\(inside)::data", probe, "--", "create", "data/out.txt")
        #expect(create.status == 0, "\(create.stderr)")
        #expect(create.stdoutLines == ["create data/out.txt: ok"])
        #expect(try String(contentsOfFile: inside + "/out.txt", encoding: .utf8) == "written by wasi-probe\n")
        let escape = try await Tool.midimon("run", "--opt-level", "1", "--dir", "\(inside)::data", probe, "--",
                                            "open", "data/out.txt", "data/../secret.txt")
        #expect(escape.stdoutLines == [
            "open data/out.txt: ok written by wasi-probe",
            "open data/../secret.txt: errno 76 Capabilities insufficient",
        ])
        // Without --dir there is no filesystem at all.
        let none = try await Tool.midimon("run", "--opt-level", "1", probe, "--", "open", "data/out.txt")
        #expect(none.stdoutLines == ["open data/out.txt: errno 76 Capabilities insufficient"])
        let bad = try await Tool.midimon("run", "--dir", "\(scratch.path)/missing::data", probe)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("cannot open preopened directory"), "\(bad.stderr)")
    }

    // MARK: - The C probe

    /// Tests/WASIPreview1Tests/Fixtures/wasi-probe.c built once per test process.
    static func probe() async throws -> String {
        try await probeBuild.value
    }

    private static let probeBuild = Task<String, Error> {
        let output = NSTemporaryDirectory() + "midimon-cli-wasi-probe-\(getpid()).wasm"
        let source = Tool.packageRoot + "/Tests/WASIPreview1Tests/Fixtures/wasi-probe.c"
        // clang runs wasm-opt after linking when it finds one on PATH; keep it out.
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            .split(separator: ":")
            .filter { !FileManager.default.isExecutableFile(atPath: "\($0)/wasm-opt") }
            .joined(separator: ":")
        let result = try await Subprocess.run(
            .path(FilePath("/usr/bin/clang-19")),
            arguments: ["--target=wasm32-wasi", "-O2", "-Wl,--strip-debug", "-o", output, source],
            environment: .inherit.updating(["PATH": path]),
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        try #require(result.terminationStatus.isSuccess, "clang-19: \(result.standardError)")
        return output
    }
}
