import PluginHost
import Testing

/// plugin.toml: MIDIMon's format plus `abi` and `sha256`; every bad input names the file, the
/// field and the line.
@Suite struct ManifestTests {
    static let good = """
        [plugin]
        name = "webhook"
        version = "1.2.0"
        description = "Posts events"
        author = "Ada"
        license = "MIT"
        type = "wasm"
        entry_point = "webhook.wasm"
        capabilities = ["network", "filesystem"]

        [[actions]]
        name = "post"
        description = "POST it"
        parameters = [{ name = "url", type = "string", required = true }, "body"]

        [[actions]]
        name = "ping"
        """

    @Test func readsMIDIMonsFormat() throws {
        let manifest = try PluginManifest.parse(Self.good, path: "/p/webhook/plugin.toml")
        #expect(manifest.name == "webhook")
        #expect(manifest.version == "1.2.0")
        #expect(manifest.description == "Posts events")
        #expect(manifest.author == "Ada")
        #expect(manifest.license == "MIT")
        #expect(manifest.type == "wasm")
        #expect(manifest.capabilities == [.network, .filesystem])
        #expect(manifest.abi == .json)
        #expect(manifest.sha256 == nil)
        #expect(manifest.modulePath == "/p/webhook/webhook.wasm")
        #expect(manifest.signaturePath == "/p/webhook/webhook.wasm.sig")
        #expect(manifest.actions.map(\.name) == ["post", "ping"])
        #expect(manifest.actions[0].parameters.map(\.name) == ["url", "body"])
        #expect(manifest.actions[0].parameters[0].required)
        #expect(manifest.actions[0].parameters[0].type == "string")
        #expect(manifest.warnings.isEmpty)
    }

    @Test func readsMidimonsAdditions() throws {
        let digest = String(repeating: "AB", count: 32)
        let text = Self.good.replacingOccurrences(of: "capabilities = [\"network\", \"filesystem\"]",
                                                  with: "capabilities = []\nabi = \"event\"\nsha256 = \"\(digest)\"")
        let manifest = try PluginManifest.parse(text, path: "plugin.toml")
        #expect(manifest.abi == .event)
        #expect(manifest.sha256 == digest.lowercased())
        #expect(manifest.capabilities.isEmpty)
    }

    /// (what to change, expected field, expected line, a fragment of the message)
    static let badCases: [(String, String, String?, Int?, String)] = [
        ("name = \"webhook\"", "", "plugin.name", 1, "missing required field `name`"),
        ("version = \"1.2.0\"", "version = 3", "plugin.version", 3, "expected a string, found an integer"),
        ("type = \"wasm\"", "type = \"native\"", "plugin.type", 7, "must be \"wasm\""),
        ("type = \"wasm\"", "", "plugin.type", 1, "missing required field `type`"),
        ("entry_point = \"webhook.wasm\"", "", "plugin.entry_point", 1, "missing required field `entry_point`"),
        ("entry_point = \"webhook.wasm\"", "entry_point = [\"a\"]", "plugin.entry_point", 8, "expected a string, found a list"),
        ("capabilities = [\"network\", \"filesystem\"]", "capabilities = [\"network\", \"teleport\"]", "plugin.capabilities", 9,
         "unknown capability \"teleport\""),
        ("capabilities = [\"network\", \"filesystem\"]", "capabilities = \"network\"", "plugin.capabilities", 9, "expected a list"),
        ("capabilities = [\"network\", \"filesystem\"]", "capabilities = [1]", "plugin.capabilities", 9, "found an integer"),
        ("capabilities = [\"network\", \"filesystem\"]", "abi = \"binary\"", "plugin.abi", 9, "must be \"json\" or \"event\""),
        ("capabilities = [\"network\", \"filesystem\"]", "sha256 = \"abc\"", "plugin.sha256", 9, "64 hexadecimal digits"),
        ("name = \"ping\"", "description = \"no name\"", "actions[1].name", 16, "missing required field `name` in the 2nd [[actions]] table"),
        ("parameters = [{ name = \"url\", type = \"string\", required = true }, \"body\"]", "parameters = 5",
         "actions[0].parameters", 14, "expected a list"),
        ("name = \"webhook\"", "name = \"web hook\"", "plugin.name", 2, "without spaces"),
    ]

    @Test(arguments: 0..<badCases.count)
    func badFieldIsNamedWithItsLine(_ index: Int) throws {
        let (old, new, field, line, fragment) = Self.badCases[index]
        let text = Self.good.replacingOccurrences(of: old, with: new)
        #expect(text != Self.good)
        let error = expectError { () throws(PluginError) in _ = try PluginManifest.parse(text, path: "plugins/x/plugin.toml") }
        #expect(error?.kind == .manifest)
        #expect(error?.plugin == "plugins/x/plugin.toml")
        #expect(error?.field == field)
        #expect(error?.line == line)
        #expect(error?.message.contains(fragment) == true, "\(error?.description ?? "")")
        #expect(error?.description.hasPrefix("plugins/x/plugin.toml:\(line.map(String.init) ?? "")") == true)
    }

    @Test func missingPluginTable() {
        let error = expectError { () throws(PluginError) in _ = try PluginManifest.parse("[[actions]]\nname = \"a\"\n", path: "m.toml") }
        #expect(error?.field == "plugin")
        #expect(error?.message == "missing [plugin] table")
    }

    @Test func syntaxErrorHasTOMLKitsLine() {
        let error = expectError { () throws(PluginError) in _ = try PluginManifest.parse("[plugin]\nname = \"a\"\nversion = \n", path: "m.toml") }
        #expect(error?.line == 3)
        #expect(error?.message.hasPrefix("not valid TOML") == true)
    }

    @Test func unknownFieldsAreWarningsNotErrors() throws {
        let text = Self.good.replacingOccurrences(of: "license = \"MIT\"", with: "license = \"MIT\"\ncapabilites = [\"network\"]")
        let manifest = try PluginManifest.parse(text, path: "m.toml")
        #expect(manifest.warnings == ["m.toml: plugin.capabilites: unknown field, ignored"])
    }

    @Test func capabilityRisks() {
        #expect(Capability.allCases.map(\.rawValue) == ["network", "midi", "audio", "filesystem", "subprocess", "system-control"])
        #expect(Capability.allCases.filter(\.isGrantedOnRequest) == [.network, .midi, .audio])
        #expect(Capability.systemControl.risk == .medium)
        #expect(Capability.filesystem.risk == .high && Capability.subprocess.risk == .high)
    }
}
