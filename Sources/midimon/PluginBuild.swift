import ArgumentParser
import Foundation
import Glibc
import PluginHost

/// `midimon plugin build NAME|DIR`: the module from its source, as plugins/build does it:
/// `NAME.c` through `clang-19 --target=wasm32-wasi -O2 -Wl,--strip-debug <flags>` (flags
/// from the source's first `Build flags:` line), `NAME.wat` through `wat2wasm`. The source is
/// the entry point's name with `.c` or `.wat`. clang runs with a PATH that has no binaryen
/// `wasm-opt` (clang would run it silently after linking; see plugins/README.md).
struct PluginBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a plugin's module from its C or WAT source.")

    @OptionGroup var paths: PluginPathOptions
    @Argument(help: "The plugin's name, or its folder.") var name: String

    func run() throws {
        let manifest = try paths.manifest(name)
        let output = manifest.modulePath
        let stem = output.hasSuffix(".wasm") ? String(output.dropLast(5)) : output
        let status: Int32
        if FileManager.default.fileExists(atPath: stem + ".c") {
            let source = stem + ".c"
            guard let clang = ToolProcess.find("clang-19") else { throw failure("clang-19 not found; run scripts/setup --deps-only") }
            let flags = Self.buildFlags(try FileInput.text(source))
            let arguments = ["--target=wasm32-wasi", "-O2", "-Wl,--strip-debug"] + flags + ["-o", output, source]
            status = ToolProcess.run(clang, arguments, environment: ToolProcess.environmentWithoutWasmOpt())
        } else if FileManager.default.fileExists(atPath: stem + ".wat") {
            guard let wat2wasm = ToolProcess.find("wat2wasm") else { throw failure("wat2wasm not found (Debian's wabt)") }
            status = ToolProcess.run(wat2wasm, ["-o", output, stem + ".wat"], environment: ProcessInfo.processInfo.environment)
        } else {
            throw failure("no source: expected \(stem).c or \(stem).wat beside the manifest")
        }
        guard status == 0 else { throw failure("the build failed (exit status \(status))") }
        let digest = PluginSignature.sha256(try FileInput.bytes(output))
        print("built \(output)")
        print("sha256 \(digest)")
        if manifest.sha256 != nil, manifest.sha256 != digest {
            try Self.updateSHA256(manifest: manifest.path, digest: digest)
            print("updated sha256 in \(manifest.path)")
        }
        if FileManager.default.fileExists(atPath: manifest.signaturePath) {
            FileInput.printError("midimon: warning: \(manifest.signaturePath) signs the old module; sign again with `midimon plugin sign`")
        }
    }

    private func failure(_ message: String) -> ExitCode {
        FileInput.printError("midimon: \(name): \(message)")
        return ExitCode.failure
    }

    /// The rest of the first `Build flags:` line (comment markers removed), split on spaces.
    static func buildFlags(_ source: String) -> [String] {
        for line in source.split(separator: "\n") {
            guard let range = line.range(of: "Build flags:") else { continue }
            let before = line[..<range.lowerBound]
            guard before.allSatisfy({ " \t/*;#".contains($0) }) else { continue }
            return line[range.upperBound...].split(separator: " ").map(String.init)
        }
        return []
    }

    /// Rewrites the manifest's `sha256 = "..."` line.
    static func updateSHA256(manifest path: String, digest: String) throws {
        let text = try FileInput.text(path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("sha256"), trimmed.dropFirst(6).drop(while: { $0 == " " }).hasPrefix("=") else { return String(line) }
            return "sha256 = \"\(digest)\""
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Runs a tool with posix_spawn (not Foundation's Process), its output on ours, and waits.
enum ToolProcess {
    static func find(_ name: String, path: String? = nil) -> String? {
        let search = path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in search.split(separator: ":") where access("\(directory)/\(name)", X_OK) == 0 {
            return "\(directory)/\(name)"
        }
        return nil
    }

    /// This environment with every PATH folder holding a `wasm-opt` left out.
    static func environmentWithoutWasmOpt() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").filter { access("\($0)/wasm-opt", X_OK) != 0 }
        environment["PATH"] = folders.joined(separator: ":")
        return environment
    }

    /// The exit status (128 + signal when killed), or 127 when it could not start.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // The tool's stdout goes to our stderr: our stdout carries the command's own report.
        posix_spawn_file_actions_adddup2(&actions, 2, 1)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for item in argv { free(item) }
            for item in envp { free(item) }
        }
        var pid = pid_t()
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return 127 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
