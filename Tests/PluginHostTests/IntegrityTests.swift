import Foundation
import PluginHost
import Testing
import WAT

/// `sha256` in the manifest and Ed25519 signatures: checked before anything is compiled.
@Suite struct IntegrityTests {
    @Test func sha256MismatchRefusesBeforeCompiling() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let wrong = String(repeating: "0", count: 64)
        let manifest = try scratch.watPlugin("pinned", extra: "sha256 = \"\(wrong)\"", wat: jsonPluginWAT())
        let error = expectError { () throws(PluginError) in _ = try scratch.loader().load(manifest) }
        #expect(error?.kind == .integrity)
        #expect(error?.plugin == "pinned")
        #expect(error?.field == "plugin.sha256")
        #expect(error?.message.contains("the manifest says \(wrong)") == true)
        #expect(scratch.cacheEntries.isEmpty)
    }

    @Test func matchingSHA256Loads() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let module = try wat2wasmBytes(jsonPluginWAT())
        let manifest = try scratch.watPlugin("pinned", extra: "sha256 = \"\(PluginSignature.sha256(module).uppercased())\"", wat: jsonPluginWAT())
        #expect(try scratch.loader().load(manifest).metadata?.name == "echo")
    }

    /// A signed plugin, its key trusted in the scratch trusted-keys file.
    func signedPlugin(_ scratch: Scratch) throws -> (PluginManifest, TrustedKeys) {
        let manifest = try scratch.watPlugin("signed", wat: jsonPluginWAT())
        let (privateKey, publicKey) = PluginSignature.generateKey()
        try Data((TrustedKeys.line(publicKey: publicKey, name: "ada") + "\n").utf8).write(to: URL(fileURLWithPath: scratch.trustedKeysFile))
        let signature = try PluginSignature.sign(manifest: manifest, privateKey: privateKey)
        try Data(signature.utf8).write(to: URL(fileURLWithPath: manifest.signaturePath))
        return (manifest, try TrustedKeys.load(path: scratch.trustedKeysFile))
    }

    @Test func goodSignatureVerifiesAndLoadsWhenRequired() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (manifest, trusted) = try signedPlugin(scratch)
        #expect(PluginSignature.verify(manifest: manifest, trusted: trusted) == .verified(key: "ada"))
        let plugin = try scratch.loader(requireSignatures: true, trusted: trusted).load(manifest)
        #expect(plugin.signature == .verified(key: "ada"))
        #expect(!plugin.warnings.contains { $0.contains("unverified") })
    }

    @Test func tamperedModuleNeverLoads() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (manifest, trusted) = try signedPlugin(scratch)
        try Data(try wat2wasmBytes(jsonPluginWAT(execute: "(i32.const 1)"))).write(to: URL(fileURLWithPath: manifest.modulePath))
        #expect(PluginSignature.verify(manifest: manifest, trusted: trusted) == .invalid("the signature by key ada does not match the module and manifest"))
        let error = expectError { () throws(PluginError) in _ = try scratch.loader(trusted: trusted).load(manifest) }
        #expect(error?.kind == .signature)
        #expect(error?.plugin == "signed")
        #expect(scratch.cacheEntries.isEmpty)
    }

    @Test func editedManifestBreaksTheSignature() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (manifest, trusted) = try signedPlugin(scratch)
        let text = try String(contentsOfFile: manifest.path, encoding: .utf8).replacingOccurrences(of: "capabilities = []", with: "capabilities = [\"network\"]")
        try Data(text.utf8).write(to: URL(fileURLWithPath: manifest.path))
        let edited = try PluginManifest.load(path: manifest.path)
        #expect(!PluginSignature.verify(manifest: edited, trusted: trusted).isVerified)
    }

    @Test func untrustedKeyNeverLoads() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (manifest, _) = try signedPlugin(scratch)
        let state = PluginSignature.verify(manifest: manifest, trusted: TrustedKeys(path: "/none"))
        guard case .invalid(let why) = state else { Issue.record("expected invalid, got \(state)"); return }
        #expect(why.contains("not in the trusted keys"))
        let error = expectError { () throws(PluginError) in _ = try scratch.loader(trusted: TrustedKeys(path: "/none")).load(manifest) }
        #expect(error?.kind == .signature)
    }

    @Test func malformedSignatureFileNeverLoads() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("garbled", wat: jsonPluginWAT())
        try Data("midimon-signature v1\nkey zz\nsignature 00\n".utf8).write(to: URL(fileURLWithPath: manifest.signaturePath))
        #expect(PluginSignature.verify(manifest: manifest, trusted: TrustedKeys(path: "/none")) == .invalid("malformed signature file"))
        #expect(expectError { () throws(PluginError) in _ = try scratch.loader().load(manifest) }?.kind == .signature)
    }

    @Test func unsignedLoadsWithWarningUnlessRequired() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let manifest = try scratch.watPlugin("plain", wat: jsonPluginWAT())
        let plugin = try scratch.loader().load(manifest)
        #expect(plugin.signature == .unsigned)
        #expect(plugin.warnings.contains("plain: unverified: no signature (\(manifest.signaturePath))"))
        let error = expectError { () throws(PluginError) in _ = try scratch.loader(requireSignatures: true).load(manifest) }
        #expect(error?.kind == .signature)
        #expect(error?.message.contains("unsigned, and signatures are required") == true)
    }

    @Test func trustedKeysFileErrorsHaveLines() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try Data("# mine\ned25519 \(String(repeating: "ab", count: 32)) ada\nrsa 1234 bob\n".utf8).write(to: URL(fileURLWithPath: scratch.trustedKeysFile))
        let error = expectError { () throws(PluginError) in _ = try TrustedKeys.load(path: scratch.trustedKeysFile) }
        #expect(error?.line == 3)
    }
}

func wat2wasmBytes(_ text: String) throws -> [UInt8] { try wat2wasm(text) }
