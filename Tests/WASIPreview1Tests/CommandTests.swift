import Foundation
import Testing
import WASIPreview1

/// A C program built against wasi-libc, run as a command: output, arguments, the
/// environment's allow-list, clocks, random bytes and exit codes.
struct CommandTests {
    @Test func helloWorldGoesToTheSinks() async throws {
        let run = try await WASIModule.probe("hello")
        #expect(run.exitCode == 0, "\(String(describing: run.trap))")
        #expect(run.stdout == "hello, world\n")
        #expect(run.stderr == "to stderr\n")
    }

    @Test func argumentsArriveInOrder() async throws {
        let run = try await WASIModule.probe("args", "two words", "", "ünïcødé")
        #expect(run.stdoutLines == ["arg 0: wasi-probe", "arg 1: args", "arg 2: two words", "arg 3: ", "arg 4: ünïcødé"])
    }

    @Test func onlyTheAllowedEnvironmentIsVisible() async throws {
        let host = ["HOME": "/home/someone", "MIDIMON_TOKEN": "secret", "LANG": "C.UTF-8"]
        let allowed = WASIConfiguration.allowedEnvironment(host, allowed: ["LANG", "MISSING"])
        #expect(allowed.map(\.name) == ["LANG"])
        let run = try await WASIModule.probe("env", configuration: WASIConfiguration(environment: allowed))
        #expect(run.stdoutLines == ["env LANG=C.UTF-8", "HOME (unset)"])
        // Nothing comes from the test process's own environment by default.
        let empty = try await WASIModule.probe("env")
        #expect(empty.stdoutLines == ["HOME (unset)"])
    }

    @Test func clocksComeFromTheConfiguration() async throws {
        let fixed = WASIClock(now: { id in id == .realtime ? 1_700_000_000_000_000_000 : 42_000_000_123 },
                              resolution: { _ in 1000 })
        let run = try await WASIModule.probe("clock", configuration: WASIConfiguration(clock: fixed))
        #expect(run.stdoutLines == ["monotonic 42.000000123", "ordered 1", "resolution 1000", "realtime 1700000000"])
        // The system's clocks: monotonic time never goes back, and the wall clock is today's.
        let system = try await WASIModule.probe("clock")
        #expect(system.stdoutLines.contains("ordered 1"))
        let now = Int(Date().timeIntervalSince1970)
        let realtime = system.stdoutLines.first { $0.hasPrefix("realtime ") }.flatMap { Int($0.dropFirst(9)) }
        #expect(realtime.map { abs($0 - now) < 60 } == true, "\(system.stdout)")
    }

    @Test func randomBytesComeFromTheConfiguration() async throws {
        let counting = WASIConfiguration(random: { buffer in
            for i in buffer.indices { buffer[i] = UInt8(i) }
            return true
        })
        let run = try await WASIModule.probe("random", configuration: counting)
        #expect(run.stdoutLines == ["000102030405060708090a0b0c0d0e0f"])
        let a = try await WASIModule.probe("random").stdout
        let b = try await WASIModule.probe("random").stdout
        #expect(a.count == 33 && a != b)
    }

    @Test(arguments: [0, 1, 3, 42, 255])
    func exitCodesFromExitAndFromMain(code: Int) async throws {
        let exited = try await WASIModule.probe("exit", "\(code)")
        #expect(exited.trap == nil)
        #expect(exited.exitCode == UInt32(code))
        // Returning from main ends in proc_exit too (wasi-libc's _start), except for 0.
        let returned = try await WASIModule.probe("return", "\(code)")
        #expect(returned.exitCode == UInt32(code))
    }
}
