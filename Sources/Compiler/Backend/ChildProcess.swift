import Glibc

/// Runs a program to completion with `posix_spawn` and collects what it printed.
///
/// Not Foundation's `Process`: that costs tens of milliseconds per launch on Linux, more than
/// linking a small plugin takes. The child's stdout and stderr both go to a file the caller
/// names, in a private directory, rather than to a pipe: messages keep their order, there is
/// no reader to run alongside the child, and there is no pipe descriptor that a child spawned
/// concurrently by another thread could inherit (Swift's Glibc module lacks `pipe2`, so the
/// pipe could not be created close-on-exec atomically).
enum ChildProcess {
    /// How a child ended.
    struct Outcome {
        /// The exit status, or `128 + signal` when a signal killed it (as shells report it).
        var status: Int32
        /// Its stdout and stderr, interleaved as written.
        var output: String
    }

    /// Runs `executable` (a path; no PATH search) with `arguments` in this process's
    /// environment, with stdin from `/dev/null` and its output in `outputFile` (created or
    /// truncated; the caller removes it).
    static func run(_ executable: String, _ arguments: [String], outputFile: String) throws(BackendError) -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }

        var pid = pid_t()
        let spawnError = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawnError == 0 else {
            throw BackendError(.linkerUnavailable, "cannot run \(executable): \(String(cString: strerror(spawnError)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw BackendError(.link, "waiting for \(executable) failed: \(errnoText())")
            }
        }
        // WIFEXITED/WEXITSTATUS are macros Swift does not import; this is their glibc definition.
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return Outcome(status: code, output: String(decoding: readFile(outputFile), as: UTF8.self))
    }

    /// The file's bytes; empty when it cannot be read (the child's output is only diagnostics).
    private static func readFile(_ path: String) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += chunk[..<count]
            } else if count == 0 || errno != EINTR {
                return bytes
            }
        }
    }
}

/// `strerror(errno)`, read right after the failing call.
func errnoText() -> String { String(cString: strerror(errno)) }
