import Foundation
import FrontEnd
import PluginABI
import Runtime
import Subprocess
import SystemPackage
import Testing
import WAT

/// A hand-written artifact: the module's skeleton from a `.wat` text (its function bodies
/// are thrown away with the code section), native code from a C text, and a descriptor
/// generated from symbol names, exactly as the compiler would lay it out. The C text sees a
/// prelude with the module's VM context offsets as macros (`TABLE(vmctx, i)`, `GLOBAL(vmctx,
/// i)`, `FUNCREF(vmctx, i)`, `MEMORY(vmctx)`, `STORE(vmctx)`), the ABI structs of
/// CRuntimeSupport.h, and `TRAP(vmctx, code, site)` / `BUILTIN(vmctx, name)` for builtins.
///
/// The fields after `c` break the descriptor on purpose, for the refusal tests.
struct CArtifact {
    var wat: String
    var c: String
    /// Per defined function: the symbol of its native code, or nil.
    var functions: [String?] = []
    /// Per defined function: the symbol of its entry thunk, or nil.
    var entries: [String?] = []
    /// Per imported function: the symbol of its import adapter.
    var adapters: [String] = []
    var magic: UInt64 = ArtifactABI.magic
    var version: UInt64 = ArtifactABI.version
    var vmctxSizeAdjustment = 0
    var flags: UInt64 = 0
    /// Name the descriptor symbol something else (a foreign object).
    var descriptorName = ArtifactABI.descriptorSymbol
    /// Embed these bytes instead of the real skeleton.
    var skeletonOverride: [UInt8]? = nil

    /// Compiles the artifact to a fresh file and returns its path; the caller removes it.
    func build() async throws -> String {
        let wasm = try wat2wasm(wat)
        let module = try ModuleParser.parse(wasm)
        var skeleton = Array(wasm[0..<8])
        for section in module.sections where section.id != .code {
            skeleton += wasm[section.offset..<section.contents.upperBound]
        }
        if let skeletonOverride { skeleton = skeletonOverride }
        let offsets = VMOffsets(typeCount: module.types.count, tableCount: module.tableCount,
                                globalCount: module.globalCount, functionCount: module.functionCount)

        var source = """
            #include <stdint.h>
            #include "CRuntimeSupport.h"
            #define TYPEIDS \(offsets.typeIDs)
            #define TABLES \(offsets.tables)
            #define GLOBALS \(offsets.globals)
            #define FUNCREFS \(offsets.funcRefs)
            #define AT(v, offset, type) (*(type *)((char *)(v) + (offset)))
            #define STORE(v) AT(v, \(VMOffsets.store), midimon_vm_store_context *)
            #define MEMORY(v) AT(v, \(VMOffsets.memory), midimon_vm_memory *)
            #define BUILTINS(v) AT(v, \(VMOffsets.builtins), void **)
            #define TYPE_ID(v, i) AT(v, TYPEIDS + 4 * (i), uint32_t)
            #define TABLE(v, i) AT(v, TABLES + 8 * (i), midimon_vm_table *)
            #define GLOBAL(v, i) ((uint64_t *)((char *)(v) + GLOBALS + 8 * (i)))
            #define FUNCREF(v, i) ((midimon_vm_func_ref *)((char *)(v) + FUNCREFS + \(VMFuncRef.size) * (i)))
            typedef void (*trap_fn)(void *, int32_t, int32_t) __attribute__((noreturn));
            #define TRAP(v, code, site) ((trap_fn)BUILTINS(v)[0])(v, code, site)

            """
        for builtin in Builtin.allCases {
            source += "#define BUILTIN_\(builtin) \(builtin.rawValue)\n"
        }
        source += "#define BUILTIN(v, name) (BUILTINS(v)[BUILTIN_##name])\n"
        source += "#line 1 \"body.c\"\n" + c + "\n"

        func table(_ name: String, _ entries: [String?]) -> String {
            guard !entries.isEmpty else { return "#define \(name) 0\n" }
            let items = entries.map { $0.map { "(void *)\($0)" } ?? "0" }.joined(separator: ", ")
            return "static void *const \(name)[] = { \(items) };\n"
        }
        source += table("functions_table", functions)
        source += table("entries_table", entries)
        source += table("adapters_table", adapters)
        source += "static const uint8_t skeleton[] = { \(skeleton.map(String.init).joined(separator: ",")) };\n"
        source += """
            struct descriptor {
                uint64_t magic, version;
                const void *skeleton;
                uint64_t skeleton_length, defined_function_count;
                void *const *functions, *const *entries, *const *adapters;
                uint64_t vmctx_size, flags;
                const uint32_t *body_offsets;
            };
            __attribute__((visibility("default"))) const struct descriptor \(descriptorName) = {
                \(magic)ull, \(version)ull, skeleton, sizeof skeleton, \(module.functionTypeIndices.count),
                functions_table, entries_table, adapters_table,
                \(offsets.size + vmctxSizeAdjustment), \(flags)ull, 0,
            };

            """
        return try await Self.compile(source)
    }

    /// Builds and loads; the file is removed at once (the mapping stays).
    func load() async throws -> Artifact {
        let path = try await build()
        defer { unlink(path) }
        return try Artifact(path: path)
    }

    static let directory: String = {
        let path = NSTemporaryDirectory() + "midimon-runtime-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static let includeDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/CRuntimeSupport/include").path

    /// `clang-19 -O2 -fPIC -shared -nostdlib`: what the back end produces has no libc either.
    static func compile(_ source: String, extraArguments: [String] = [], shared: Bool = true) async throws -> String {
        let name = UUID().uuidString
        let input = "\(directory)/\(name).c"
        let output = "\(directory)/\(name)" + (shared ? ".so" : "")
        try source.write(toFile: input, atomically: false, encoding: .utf8)
        defer { unlink(input) }
        var arguments = ["-O2", "-fPIC", "-fno-stack-protector", "-I", includeDirectory, "-o", output, input]
        if shared { arguments = ["-shared", "-nostdlib"] + arguments }
        let result = try await run("clang-19", arguments + extraArguments)
        try #require(result.status == 0, "clang-19 failed:\n\(result.output)\n--- source ---\n\(source)")
        return output
    }

    struct Output {
        var status: Int32
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String]) async throws -> Output {
        let target: Executable = executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
        let result = try await Subprocess.run(target, arguments: Arguments(arguments),
                                              output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        let status: Int32 = switch result.terminationStatus {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
        return Output(status: status, output: result.standardOutput + result.standardError)
    }
}
