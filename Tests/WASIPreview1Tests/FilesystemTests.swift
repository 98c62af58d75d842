import Foundation
import Testing
import WASIPreview1

/// Files through wasi-libc in a preopened directory, and every way out of it refused: `..`,
/// symbolic links (absolute or relative), absolute paths, and no grant at all.
struct FilesystemTests {
    /// A preopen `data` over a fresh directory, and beside it (outside) a file `secret.txt`.
    struct Setup {
        let scratch: ScratchDirectory
        var inside: String { scratch.path + "/inside" }
        var secret: String { scratch.path + "/secret.txt" }
        var configuration: WASIConfiguration {
            WASIConfiguration(preopens: [WASIPreopen(hostPath: inside, guestPath: "data")], filesystemAllowed: true)
        }

        init() throws {
            scratch = try ScratchDirectory()
            try FileManager.default.createDirectory(atPath: scratch.path + "/inside", withIntermediateDirectories: true)
            try "the secret\n".write(toFile: scratch.path + "/secret.txt", atomically: false, encoding: .utf8)
            try "kept\n".write(toFile: scratch.path + "/inside/kept.txt", atomically: false, encoding: .utf8)
        }
    }

    @Test func createWriteSeekReadListAndRemove() async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let run = try await WASIModule.probe("files", configuration: setup.configuration)
        #expect(run.exitCode == 0, "\(run.stdout)")
        #expect(run.stdoutLines == [
            "tell 6", "read line", "size 23 regular 1", "dotdot inside ok", "entry notes.txt", "removed",
        ])
        #expect(!FileManager.default.fileExists(atPath: setup.inside + "/sub"))
    }

    @Test func filesCreatedByTheGuestLandInThePreopen() async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let run = try await WASIModule.probe("create", "data/new.txt", configuration: setup.configuration)
        #expect(run.stdoutLines == ["create data/new.txt: ok"])
        #expect(try String(contentsOfFile: setup.inside + "/new.txt", encoding: .utf8) == "written by wasi-probe\n")
        let read = try await WASIModule.probe("open", "data/kept.txt", configuration: setup.configuration)
        #expect(read.stdoutLines == ["open data/kept.txt: ok kept"])
    }

    @Test func dotDotAboveThePreopenIsRefused() async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let run = try await WASIModule.probe("open", "data/../secret.txt", "data/x/../../secret.txt",
                                             configuration: setup.configuration)
        // wasi-libc normalises nothing; the host sees `../secret.txt` and refuses it. 76 is
        // ENOTCAPABLE; a missing `x` may be reported first (ENOENT, 44).
        #expect(run.stdoutLines.first == "open data/../secret.txt: errno 76 Capabilities insufficient")
        #expect(run.stdoutLines.last?.hasPrefix("open data/x/../../secret.txt: errno ") == true)
        #expect(!run.stdout.contains("the secret"))
    }

    @Test func symbolicLinksOutOfThePreopenAreRefused() async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let files = FileManager.default
        try files.createSymbolicLink(atPath: setup.inside + "/absolute", withDestinationPath: setup.secret)
        try files.createSymbolicLink(atPath: setup.inside + "/relative", withDestinationPath: "../secret.txt")
        try files.createSymbolicLink(atPath: setup.inside + "/outdir", withDestinationPath: setup.scratch.path)
        try files.createSymbolicLink(atPath: setup.inside + "/loop", withDestinationPath: "loop")
        try files.createSymbolicLink(atPath: setup.inside + "/fine", withDestinationPath: "./kept.txt")
        try files.createDirectory(atPath: setup.inside + "/sub", withIntermediateDirectories: false)
        try files.createSymbolicLink(atPath: setup.inside + "/sub/up", withDestinationPath: "..")
        try files.createSymbolicLink(atPath: setup.inside + "/sub/upup", withDestinationPath: "../..")
        let run = try await WASIModule.probe("open", "data/absolute", "data/relative", "data/outdir/secret.txt",
                                             "data/loop", "data/fine", "data/sub/up/kept.txt", "data/sub/upup/secret.txt",
                                             configuration: setup.configuration)
        #expect(run.stdoutLines == [
            "open data/absolute: errno 76 Capabilities insufficient",
            "open data/relative: errno 76 Capabilities insufficient",
            "open data/outdir/secret.txt: errno 76 Capabilities insufficient",
            "open data/loop: errno 32 Symbolic link loop",
            "open data/fine: ok kept",
            "open data/sub/up/kept.txt: ok kept",
            "open data/sub/upup/secret.txt: errno 76 Capabilities insufficient",
        ])
        // Writing through a link out is refused too, and nothing outside changes.
        let create = try await WASIModule.probe("create", "data/relative", configuration: setup.configuration)
        #expect(create.stdoutLines == ["create data/relative: errno 76"])
        #expect(try String(contentsOfFile: setup.secret, encoding: .utf8) == "the secret\n")
    }

    @Test func absolutePathsAreRefused() async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        // wasi-libc refuses a path outside every preopen itself; the host refuses what
        // reaches it (RawCallTests sends `/etc/passwd` to path_open directly).
        let run = try await WASIModule.probe("open", "/etc/passwd", setup.secret, configuration: setup.configuration)
        #expect(run.stdoutLines == [
            "open /etc/passwd: errno 76 Capabilities insufficient",
            "open \(setup.secret): errno 76 Capabilities insufficient",
        ])
    }

    @Test func withoutTheGrantThereAreNoFiles() async throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        var configuration = setup.configuration
        configuration.filesystemAllowed = false
        let run = try await WASIModule.probe("open", "data/kept.txt", configuration: configuration)
        // No preopen exists, so libc refuses before asking the host.
        #expect(run.stdoutLines == ["open data/kept.txt: errno 76 Capabilities insufficient"])
        let hello = try await WASIModule.probe("hello", configuration: configuration)
        #expect(hello.stdout == "hello, world\n")
    }

    @Test func aPreopenThatIsNotADirectoryIsAnError() throws {
        let setup = try Setup()
        defer { setup.scratch.remove() }
        let configuration = WASIConfiguration(preopens: [WASIPreopen(hostPath: setup.secret, guestPath: "x")], filesystemAllowed: true)
        #expect(throws: WASIContextError.self) { try WASIContext(configuration) }
        // Without the grant the preopens are ignored, so nothing is opened.
        _ = try WASIContext(WASIConfiguration(preopens: configuration.preopens, filesystemAllowed: false))
    }
}
