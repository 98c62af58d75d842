import Foundation
import Testing

/// `midimon plugin ...` as a user runs it: every path given explicitly, so nothing touches
/// ~/.config; plugins compile into a scratch cache.
@Suite(.serialized) struct PluginCommandTests {
    /// A plugin written the way MIDIMon's documentation describes a WASM plugin: freestanding
    /// C exporting `memory`, `alloc`, `init` and `execute`, no midimon imports. `execute`
    /// returns 0 when the request carries the action, the parameter and the velocity.
    static let midimonStyleSource = #"""
        /* greeter: a MIDIMon WASM plugin (JSON ABI), unchanged.
         * Build flags: -nostdlib -Wl,--no-entry
         */
        #include <stdint.h>

        static const char METADATA[] =
            "{\"name\":\"greeter\",\"version\":\"1.0.0\",\"description\":\"Greets\",\"author\":\"test\","
            "\"license\":\"MIT\",\"type\":\"action\",\"actions\":[{\"name\":\"greet\",\"description\":\"Greets\","
            "\"parameters\":[]}],\"capabilities\":[]}";

        static unsigned char buffer[8192];

        __attribute__((export_name("alloc"))) unsigned char *alloc(int32_t length) {
            return length >= 0 && length <= (int32_t)sizeof buffer ? buffer : 0;
        }

        __attribute__((export_name("init"))) uint64_t init(void) {
            return (uint64_t)(uintptr_t)METADATA << 32 | (uint64_t)(sizeof METADATA - 1);
        }

        static int contains(const unsigned char *text, int32_t length, const char *needle) {
            int32_t n = 0;
            while (needle[n]) n++;
            for (int32_t i = 0; i + n <= length; i++) {
                int32_t j = 0;
                while (j < n && text[i + j] == (unsigned char)needle[j]) j++;
                if (j == n) return 1;
            }
            return 0;
        }

        __attribute__((export_name("execute"))) int32_t execute(const unsigned char *request, int32_t length) {
            if (!contains(request, length, "\"action\": \"greet\"")) return 3;
            if (!contains(request, length, "\"who\": \"world\"")) return 4;
            if (!contains(request, length, "\"velocity\": 100")) return 5;
            return 0;
        }
        """#

    static let midimonStyleManifest = """
        [plugin]
        name = "greeter"
        version = "1.0.0"
        description = "Greets"
        author = "test"
        license = "MIT"
        type = "wasm"
        entry_point = "greeter.wasm"
        capabilities = []

        [[actions]]
        name = "greet"
        description = "Greets"
        parameters = []
        """

    struct Setup {
        let scratch: Tool.ScratchDirectory
        var plugins: String { "\(scratch.path)/plugins" }
        var paths: [String] {
            ["--plugins-dir", plugins, "--grants-file", "\(scratch.path)/grants.toml", "--trusted-keys", "\(scratch.path)/trusted-keys"]
        }
        var cache: [String] { ["--cache-dir", "\(scratch.path)/cache", "--opt-level", "1"] }

        init() throws {
            scratch = try Tool.ScratchDirectory()
            try FileManager.default.createDirectory(atPath: "\(scratch.path)/plugins/greeter", withIntermediateDirectories: true)
            _ = try scratch.write("plugins/greeter/plugin.toml", Array(PluginCommandTests.midimonStyleManifest.utf8))
            _ = try scratch.write("plugins/greeter/greeter.c", Array(PluginCommandTests.midimonStyleSource.utf8))
        }

        func midimon(_ arguments: [String]) async throws -> Tool.Output { try await Tool.midimon(["plugin"] + arguments) }
    }

    @Test func midimonStylePluginRunsUnchanged() async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let build = try await setup.midimon(["build", "greeter"] + setup.paths)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdoutLines.first == "built \(setup.plugins)/greeter/greeter.wasm")

        let exec = try await setup.midimon(["exec", "greeter", "--action", "greet", "--param", "who=world", "--velocity", "100"]
                                           + setup.paths + setup.cache)
        #expect(exec.status == 0, "\(exec.stderr)")
        #expect(exec.stdoutLines.first == "status 0 (success)")
        #expect(exec.stdout.contains("log: (empty)"))
        #expect(exec.stderr.contains("greeter: unverified: no signature"))

        let wrong = try await setup.midimon(["exec", "greeter", "--action", "greet", "--param", "who=you"] + setup.paths + setup.cache)
        #expect(wrong.status == 1)
        #expect(wrong.stdoutLines.first == "status 4 (error)")
    }

    @Test func newBuildExecListInfoForATemplate() async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        for (name, lang) in [("hello-wat", "wat"), ("hello-c", "c")] {
            let new = try await setup.midimon(["new", name, "--lang", lang] + setup.paths)
            #expect(new.status == 0, "\(new.stderr)")
            for file in ["plugin.toml", "README.md", "\(name).\(lang)"] {
                #expect(FileManager.default.fileExists(atPath: "\(setup.plugins)/\(name)/\(file)"))
            }
            let build = try await setup.midimon(["build", name] + setup.paths)
            #expect(build.status == 0, "\(build.stderr)")
            let exec = try await setup.midimon(["exec", name, "--action", "hello", "--param", "who=world"] + setup.paths + setup.cache)
            #expect(exec.status == 0, "\(exec.stderr)")
            #expect(exec.stdoutLines.first == "status 0 (success)")
            #expect(exec.stdout.contains(#"  info: {"action": "hello", "params": {"who": "world"}, "context": {"velocity": null, "current_mode": null, "timestamp": "#))
        }
        for lang in ["wat", "c"] {
            let new = try await setup.midimon(["new", "event-\(lang)", "--lang", lang, "--abi", "event"] + setup.paths)
            #expect(new.status == 0)
            let build = try await setup.midimon(["build", "event-\(lang)"] + setup.paths)
            #expect(build.status == 0, "\(build.stderr)")
        }
        let list = try await setup.midimon(["list"] + setup.paths)
        #expect(list.status == 0)
        #expect(list.stdout.contains("hello-wat\t0.1.0\tjson\tunverified\t-"))
        #expect(list.stdout.contains("event-c\t0.1.0\tevent\tunverified\t-"))

        let info = try await setup.midimon(["info", "hello-c"] + setup.paths + setup.cache)
        #expect(info.status == 0)
        #expect(info.stdout.contains("abi: json"))
        #expect(info.stdout.contains("cache: compiled (O1 explicit fuel), cache entry "))
        #expect(info.stdout.contains("signature: unverified (no signature)"))
    }

    @Test func grantRevokeAndInfo() async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let manifest = PluginCommandTests.midimonStyleManifest.replacingOccurrences(of: "capabilities = []", with: "capabilities = [\"network\", \"filesystem\"]")
        _ = try setup.scratch.write("plugins/greeter/plugin.toml", Array(manifest.utf8))
        var info = try await setup.midimon(["info", "greeter"] + setup.paths + setup.cache)
        #expect(info.stdout.contains("  network (low risk): granted (low risk)"))
        #expect(info.stdout.contains("  filesystem (high risk): NOT GRANTED"))
        #expect(info.stdout.contains("sha256: module missing"))
        let grant = try await setup.midimon(["grant", "greeter", "filesystem"] + setup.paths)
        #expect(grant.status == 0)
        info = try await setup.midimon(["info", "greeter"] + setup.paths + setup.cache)
        #expect(info.stdout.contains("  filesystem (high risk): granted"))
        let bad = try await setup.midimon(["grant", "greeter", "telepathy"] + setup.paths)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown capability \"telepathy\""))
        let revoke = try await setup.midimon(["revoke", "greeter", "filesystem"] + setup.paths)
        #expect(revoke.stdout == "revoked filesystem from greeter\n")
        let grants = try String(contentsOfFile: "\(setup.scratch.path)/grants.toml", encoding: .utf8)
        #expect(!grants.contains("filesystem"))
    }

    @Test func keygenSignVerifyAndRequiredSignatures() async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        #expect(try await setup.midimon(["build", "greeter"] + setup.paths).status == 0)
        let keygen = try await setup.midimon(["keygen", "ada", "--output-dir", setup.scratch.path, "--trust"] + setup.paths)
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let unsigned = try await setup.midimon(["verify", "greeter"] + setup.paths)
        #expect(unsigned.status == 1)
        #expect(unsigned.stdout == "greeter: unverified (no signature)\n")
        let required = try await setup.midimon(["exec", "greeter", "--action", "greet", "--require-signatures"] + setup.paths + setup.cache)
        #expect(required.status == 1)
        #expect(required.stderr.contains("unsigned, and signatures are required"))

        let sign = try await setup.midimon(["sign", "greeter", "--key", "\(setup.scratch.path)/ada.key"] + setup.paths)
        #expect(sign.status == 0, "\(sign.stderr)")
        let verify = try await setup.midimon(["verify", "greeter"] + setup.paths)
        #expect(verify.status == 0)
        #expect(verify.stdout == "greeter: verified (key ada)\n")
        let list = try await setup.midimon(["list"] + setup.paths)
        #expect(list.stdout.contains("greeter\t1.0.0\tjson\tverified(ada)\t-"))
        let exec = try await setup.midimon(["exec", "greeter", "--action", "greet", "--param", "who=world", "--velocity", "100",
                                            "--require-signatures"] + setup.paths + setup.cache)
        #expect(exec.status == 0, "\(exec.stderr)")
        #expect(!exec.stderr.contains("unverified"))

        // A changed module: the signature no longer verifies and the plugin never loads.
        var module = try Array(Data(contentsOf: URL(fileURLWithPath: "\(setup.plugins)/greeter/greeter.wasm")))
        module.append(contentsOf: [0, 4, 0x61, 0x62, 0x63, 0x64])  // a custom section "abcd"... with a bad size: still a change
        _ = try setup.scratch.write("plugins/greeter/greeter.wasm", module)
        let tampered = try await setup.midimon(["exec", "greeter", "--action", "greet"] + setup.paths + setup.cache)
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("does not match the module and manifest; not loaded"))
        let listed = try await setup.midimon(["list"] + setup.paths)
        #expect(listed.stdout.contains("greeter\t1.0.0\tjson\tBAD-SIGNATURE\t-"))
    }
}
