import Crypto
import Foundation

/// Ed25519 signatures over a plugin: `<module>.wasm.sig` beside the module, checked against
/// the user's trusted keys before anything is compiled or loaded.
///
/// What is signed is not the raw files but a short statement naming both digests, so that
/// editing the manifest (its capabilities, its entry point) invalidates the signature as
/// surely as editing the module:
///
/// ```
/// midimon plugin signature v1
/// module sha256 <hex>
/// manifest sha256 <hex>
/// ```
///
/// The `.sig` file is text: `midimon-signature v1`, `key <hex public key>`,
/// `signature <hex>`, one per line. Key files are hex too (`NAME.key`, private, mode 0600;
/// `NAME.pub`, a trusted-keys line).
public enum PluginSignature {
    /// What verification found.
    public enum State: Sendable, Equatable, CustomStringConvertible {
        /// Signed by the trusted key with this name.
        case verified(key: String)
        /// No `.sig` file: loads with an `unverified` warning unless signatures are required.
        case unsigned
        /// A `.sig` that does not verify, is malformed, or is by a key not trusted: never loads.
        case invalid(String)

        public var description: String {
            switch self {
            case .verified(let key): "verified (key \(key))"
            case .unsigned: "unverified (no signature)"
            case .invalid(let why): "bad signature: \(why)"
            }
        }

        public var isVerified: Bool { if case .verified = self { true } else { false } }
    }

    /// The statement signed for these files.
    public static func statement(module: [UInt8], manifest: [UInt8]) -> [UInt8] {
        Array("midimon plugin signature v1\nmodule sha256 \(hex(SHA256.hash(data: module)))\nmanifest sha256 \(hex(SHA256.hash(data: manifest)))\n".utf8)
    }

    /// A new key pair: (private key file text, public key hex).
    public static func generateKey() -> (privateKey: String, publicKey: String) {
        let key = Curve25519.Signing.PrivateKey()
        return (hex(key.rawRepresentation) + "\n", hex(key.publicKey.rawRepresentation))
    }

    /// The `.sig` file text for the plugin `manifest` describes, signed with the private key
    /// whose hex text is `privateKey`.
    public static func sign(manifest: PluginManifest, privateKey: String) throws(PluginError) -> String {
        guard let raw = bytes(fromHex: privateKey.trimmingSpaces.trimmingCharacters(in: .whitespacesAndNewlines)),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw PluginError(.signature, plugin: manifest.name, "the private key is not a 32-byte Ed25519 key in hex")
        }
        let (module, manifestBytes) = try files(manifest)
        guard let signature = try? key.signature(for: statement(module: module, manifest: manifestBytes)) else {
            throw PluginError(.signature, plugin: manifest.name, "signing failed")
        }
        return "midimon-signature v1\nkey \(hex(key.publicKey.rawRepresentation))\nsignature \(hex(signature))\n"
    }

    /// Checks the plugin's `.sig` (if any) against `trusted`.
    public static func verify(manifest: PluginManifest, trusted: TrustedKeys) -> State {
        guard let sigData = FileManager.default.contents(atPath: manifest.signaturePath) else { return .unsigned }
        guard let module = FileManager.default.contents(atPath: manifest.modulePath),
              let manifestData = FileManager.default.contents(atPath: manifest.path) else {
            return .invalid("cannot read the module or the manifest")
        }
        return verify(signatureFile: String(decoding: sigData, as: UTF8.self), module: Array(module),
                      manifest: Array(manifestData), trusted: trusted)
    }

    /// Checks `.sig` text against the files' bytes.
    public static func verify(signatureFile text: String, module: [UInt8], manifest: [UInt8], trusted: TrustedKeys) -> State {
        var fields: [String: String] = [:]
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.first == "midimon-signature v1" else { return .invalid("not a midimon signature file (first line)") }
        for line in lines.dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let keyHex = fields["key"]?.lowercased(), let signatureHex = fields["signature"],
              let keyBytes = bytes(fromHex: keyHex), let signature = bytes(fromHex: signatureHex),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes) else {
            return .invalid("malformed signature file")
        }
        guard let name = trusted.name(ofKey: keyHex) else {
            return .invalid("signed by key \(keyHex.prefix(16))…, which is not in the trusted keys (\(trusted.path))")
        }
        guard key.isValidSignature(signature, for: statement(module: module, manifest: manifest)) else {
            return .invalid("the signature by key \(name) does not match the module and manifest")
        }
        return .verified(key: name)
    }

    static func files(_ manifest: PluginManifest) throws(PluginError) -> ([UInt8], [UInt8]) {
        guard let module = FileManager.default.contents(atPath: manifest.modulePath) else {
            throw PluginError(.io, plugin: manifest.name, field: "plugin.entry_point", "cannot read the module \(manifest.modulePath)")
        }
        guard let text = FileManager.default.contents(atPath: manifest.path) else {
            throw PluginError(.io, plugin: manifest.name, "cannot read the manifest \(manifest.path)")
        }
        return (Array(module), Array(text))
    }

    public static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ digest: SHA256.Digest) -> String { hex(Array(digest)) }
    static func hex(_ data: Data) -> String { hex(Array(data)) }

    static func bytes(fromHex text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        for i in stride(from: 0, to: utf8.count, by: 2) {
            guard let high = nibble(utf8[i]), let low = nibble(utf8[i + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Lower-case hex SHA-256 of `bytes`: what the manifest's `sha256` holds.
    public static func sha256(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }
}

/// The keys whose signatures the user trusts: a text file, one key a line,
/// `ed25519 <hex public key> <name>`; `#` starts a comment. Missing file: no keys.
public struct TrustedKeys: Sendable, Equatable {
    public var path: String
    /// Hex public key → name.
    public private(set) var keys: [String: String]

    public init(path: String, keys: [String: String] = [:]) {
        self.path = path
        self.keys = keys
    }

    public static func load(path: String) throws(PluginError) -> TrustedKeys {
        guard FileManager.default.fileExists(atPath: path) else { return TrustedKeys(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginError(.io, plugin: path, "cannot read the trusted keys")
        }
        var result = TrustedKeys(path: path)
        for (number, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count >= 2, parts[0] == "ed25519", let key = PluginSignature.bytes(fromHex: parts[1]), key.count == 32 else {
                throw PluginError(.io, plugin: path, line: number + 1, "expected `ed25519 <64 hex digits> <name>`")
            }
            result.keys[parts[1].lowercased()] = parts.count == 3 ? parts[2] : String(parts[1].prefix(16))
        }
        return result
    }

    public func name(ofKey hex: String) -> String? { keys[hex.lowercased()] }

    /// The trusted-keys line for a public key.
    public static func line(publicKey: String, name: String) -> String { "ed25519 \(publicKey) \(name)" }
}
