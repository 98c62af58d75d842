import Testing

/// midimond runs on stage next to nothing but the runtime: it must never load LLVM.
struct DaemonLinkageTests {
    @Test func midimondDoesNotLinkLLVM() async throws {
        let daemon = Tool.product("midimond")
        let result = try await Tool.run("ldd", [daemon])
        #expect(result.status == 0, "ldd \(daemon): \(result.stderr)")
        #expect(result.stdout.contains("libc.so"), "ldd printed: \(result.stdout)")
        #expect(!result.stdout.contains("LLVM"), "midimond links LLVM:\n\(result.stdout)")
    }

    @Test func midimondStarts() async throws {
        let result = try await Tool.run(Tool.product("midimond"), ["--version"])
        #expect(result.status == 0)
        #expect(!result.stdout.isEmpty)
    }
}
