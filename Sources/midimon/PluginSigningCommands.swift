import ArgumentParser
import Foundation
import PluginHost

/// `midimon plugin keygen | sign | verify`: Ed25519 keys and `.wasm.sig` files (Signatures.swift
/// in PluginHost says what is signed).
struct PluginKeygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 signing key: NAME.key (private, mode 0600) and NAME.pub (a trusted-keys line).")

    @OptionGroup var paths: PluginPathOptions
    @Argument(help: "The key's name (shown when a plugin verifies).") var name: String
    @Option(name: .long, help: ArgumentHelp("Where to write the files (default: the current folder).", valueName: "dir"))
    var outputDir: String = "."
    @Flag(name: .long, help: "Also add the public key to the trusted keys.") var trust = false

    func run() throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.@".contains($0) }) else {
            throw ValidationError("the key name may hold letters, digits and - _ . @ only")
        }
        let (privateKey, publicKey) = PluginSignature.generateKey()
        let keyPath = "\(outputDir)/\(name).key", pubPath = "\(outputDir)/\(name).pub"
        guard !FileManager.default.fileExists(atPath: keyPath) else {
            FileInput.printError("midimon: \(keyPath) exists; not overwritten")
            throw ExitCode.failure
        }
        let line = TrustedKeys.line(publicKey: publicKey, name: name)
        guard FileManager.default.createFile(atPath: keyPath, contents: Data(privateKey.utf8), attributes: [.posixPermissions: 0o600]),
              FileManager.default.createFile(atPath: pubPath, contents: Data((line + "\n").utf8)) else {
            FileInput.printError("midimon: cannot write \(keyPath)")
            throw ExitCode.failure
        }
        print("private key: \(keyPath)")
        print("public key: \(pubPath)")
        if trust {
            let file = paths.paths.trustedKeysFile
            try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let old = FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let text = old + (old.isEmpty || old.hasSuffix("\n") ? "" : "\n") + line + "\n"
            guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
                FileInput.printError("midimon: cannot write \(file)")
                throw ExitCode.failure
            }
            print("trusted in \(file)")
        } else {
            print("to trust it, add this line to \(paths.paths.trustedKeysFile):\n\(line)")
        }
    }
}

struct PluginSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a plugin's module and manifest: writes <module>.wasm.sig.")

    @OptionGroup var paths: PluginPathOptions
    @Argument(help: "The plugin's name, or its folder.") var name: String
    @Option(name: .long, help: ArgumentHelp("The private key file (from plugin keygen).", valueName: "file")) var key: String

    func run() throws {
        let manifest = try paths.manifest(name)
        let privateKey = try FileInput.text(key)
        let text = try orExit { () throws(PluginError) in try PluginSignature.sign(manifest: manifest, privateKey: privateKey) }
        guard FileManager.default.createFile(atPath: manifest.signaturePath, contents: Data(text.utf8)) else {
            FileInput.printError("midimon: cannot write \(manifest.signaturePath)")
            throw ExitCode.failure
        }
        print("signed \(manifest.name): \(manifest.signaturePath)")
    }
}

struct PluginVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a plugin's signature against the trusted keys; exit status 0 only when verified.")

    @OptionGroup var paths: PluginPathOptions
    @Argument(help: "The plugin's name, or its folder.") var name: String

    func run() throws {
        let manifest = try paths.manifest(name)
        let state = PluginSignature.verify(manifest: manifest, trusted: try paths.trusted())
        print("\(manifest.name): \(state)")
        if !state.isVerified { throw ExitCode.failure }
    }
}
