import Glibc

/// Links relocatable objects into one shared object with GNU `ld` (binutils).
///
/// The output follows the artifact contract (``ArtifactABI``): it must have **no undefined
/// symbols**, so `-z defs` turns any into a link error. Cross-partition calls use hidden
/// symbols with external linkage, which `ld` resolves inside the object without a PLT. Note
/// what that rules out for the IR: calls to libc (LLVM lowers some intrinsics, such as a
/// large `llvm.memcpy` or `frem`, to `memcpy` or `fmod`, and at O2 and up the loop-idiom pass
/// turns loops into `memset`/`memcpy` unless functions carry `"no-builtins"`).
///
/// The result is written to a temporary file beside the output and renamed into place, so a
/// reader (another `midimon` sharing the cache, or the daemon) never sees a partial file.
public struct SharedObjectLinker: Sendable {
    /// Where `ld` is; nil searches `PATH` at link time.
    let linkerPath: String?

    /// A linker that runs the first `ld` on `PATH`.
    public init() { linkerPath = nil }

    /// A linker that runs the given program (tests use a path that does not exist).
    init(linkerPath: String) { self.linkerPath = linkerPath }

    /// Links `objects` (ELF relocatable files, e.g. from ``ObjectEmitter``) into a shared
    /// object at `outputPath`, replacing any file there.
    ///
    /// - Parameter soname: `DT_SONAME`; the output's file name if nil. The runtime loads
    ///   artifacts by path, so this only shows up in tools such as `readelf`.
    public func link(objects: [[UInt8]], to outputPath: String, soname: String? = nil) throws(BackendError) {
        guard !objects.isEmpty else { throw BackendError(.link, "nothing to link into \(outputPath): no objects") }
        let ld = try resolveLinker()

        // A private directory (mode 0700) for the inputs: object names are then fixed, which
        // keeps ld's messages readable, and nobody else can swap a file in between.
        let directory = try makeTemporaryDirectory()
        let messages = "\(directory)/ld-output.txt"
        var inputs: [String] = []
        defer {
            for file in inputs + [messages] { unlink(file) }
            rmdir(directory)
        }
        for (index, object) in objects.enumerated() {
            let path = "\(directory)/partition-\(index).o"
            inputs.append(path)
            try writeFile(path, object)
        }

        // Same directory as the output, so that rename(2) is atomic (one file system).
        let temporary = "\(outputPath).\(getpid())-\(UInt32.random(in: 0 ... .max)).tmp"
        let arguments = [
            "-shared",
            "-o", temporary,
            "-soname", soname ?? Self.fileName(of: outputPath),
            "--hash-style=gnu",
            "--eh-frame-hdr",       // unwind tables for debuggers and profilers
            "-z", "defs",           // no undefined symbols: the artifact contract
            "-z", "noexecstack",
            "-z", "relro",          // read-only after relocation, and all of it at load time:
            "-z", "now",            // there is no lazy binding to keep
        ] + inputs
        let outcome = try ChildProcess.run(ld, arguments, outputFile: messages)
        guard outcome.status == 0 else {
            unlink(temporary)
            throw BackendError(.link, "\(ld) failed with status \(outcome.status) linking \(outputPath):\n\(outcome.output.trimmingTrailingNewlines())")
        }
        guard rename(temporary, outputPath) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw BackendError(.io, "cannot move the linked object to \(outputPath): \(reason)")
        }
    }

    /// The `ld` to run: the given path, or the first executable `ld` on `PATH`.
    func resolveLinker() throws(BackendError) -> String {
        if let linkerPath {
            guard access(linkerPath, X_OK) == 0 else {
                throw BackendError(.linkerUnavailable, "the linker \(linkerPath) is not an executable file; install binutils (GNU ld)")
            }
            return linkerPath
        }
        let searchPath = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/ld"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw BackendError(.linkerUnavailable, "no `ld` on PATH (\(searchPath)); install binutils (GNU ld) to link compiled plugins")
    }

    private func makeTemporaryDirectory() throws(BackendError) -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/midimon-link-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw BackendError(.io, "cannot create a temporary directory in \(base): \(errnoText())")
        }
        return String(cString: created)
    }

    private func writeFile(_ path: String, _ bytes: [UInt8]) throws(BackendError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw BackendError(.io, "cannot create \(path): \(errnoText())") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BackendError(.io, "cannot write \(path): \(errnoText())")
            }
            written += count
        }
    }

    private static func fileName(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
