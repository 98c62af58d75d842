import CLLVM
@testable import Compiler
import Foundation
import Testing

typealias BinaryI32 = @convention(c) (Int32, Int32) -> Int32
typealias UnaryI32 = @convention(c) (Int32) -> Int32
typealias NullaryI32 = @convention(c) () -> Int32

@Suite struct TargetTests {
    @Test func hostIsDescribed() throws {
        let host = try HostTarget.current()
        #expect(!host.triple.isEmpty)
        #expect(!host.cpuName.isEmpty)
        #expect(try HostTarget.current() == host, "detected once, the same every time")
        let machine = try TargetMachine(optimization: .o2)
        #expect(machine.host == host)
        #expect(!machine.dataLayout.isEmpty)
    }

    @Test func levelsNameTheirPipelines() {
        #expect(OptimizationLevel.allCases.map(\.passPipeline) == ["default<O0>", "default<O1>", "default<O2>", "default<O3>"])
        #expect(OptimizationLevel.o3.description == "O3")
    }
}

@Suite struct PipelineTests {
    /// optimize → emit → link → dlopen → call, at each level.
    @Test(arguments: OptimizationLevel.allCases)
    func addAndDataSymbol(level: OptimizationLevel) throws {
        let scratch = try ScratchDirectory()
        let output = scratch.file("add.so")
        try ParallelCodegen.compileSharedObject(partitionCount: 1, optimization: level, output: output) { _, target in
            let unit = HandBuiltIR.addAndAnswer()
            target.configure(unit.module)
            return unit
        }
        #expect(scratch.contents == ["add.so"], "no temporary file is left beside the output")

        try LoadedObject.with(output) { object throws in
            let add = try object.function("add", as: BinaryI32.self)
            #expect(add(2, 3) == 5)
            #expect(add(Int32.max, 1) == Int32.min)
            let answer = try #require(object.symbol("answer"))
            #expect(answer.load(as: Int32.self) == 42)
        }
    }

    /// Partition A calls a hidden function of partition B; the link joins them.
    @Test func twoPartitionsCallAcross() throws {
        let scratch = try ScratchDirectory()
        let output = scratch.file("two.so")
        try ParallelCodegen.compileSharedObject(partitionCount: 2, optimization: .o2, threads: 2, output: output) { index, _ in
            index == 0 ? HandBuiltIR.caller() : HandBuiltIR.callee()
        }
        try LoadedObject.with(output) { object throws in
            let twicePlusOne = try object.function("twicePlusOne", as: UnaryI32.self)
            #expect(twicePlusOne(20) == 41)
            #expect(object.symbol("twice") == nil, "hidden symbols are not exported")
        }

        let relocations = try run("readelf", ["--relocs", "--dyn-syms", output])
        #expect(relocations.status == 0)
        #expect(!relocations.output.contains("JUMP_SLOT"), "no PLT: \(relocations.output)")
    }

    /// More partitions than threads: each worker takes several, objects stay in order.
    @Test func manyPartitionsOnFewThreads() throws {
        let scratch = try ScratchDirectory()
        let count = 9
        let objects = try ParallelCodegen.compile(partitionCount: count, optimization: .o1, threads: 2) { index, _ in
            HandBuiltIR.constant(index)
        }
        #expect(objects.count == count)
        for object in objects { #expect(object.starts(with: [0x7F, 0x45, 0x4C, 0x46]), "ELF") }

        let output = scratch.file("many.so")
        try SharedObjectLinker().link(objects: objects, to: output)
        try LoadedObject.with(output) { object throws in
            for index in 0 ..< count {
                #expect(try object.function("constant\(index)", as: NullaryI32.self)() == Int32(index))
            }
        }
    }

    @Test func noPartitionsNoObjects() throws {
        let objects = try ParallelCodegen.compile(partitionCount: 0, optimization: .o0) { _, _ in
            Issue.record("nothing to build")
            return OwnedModule(name: "unused")
        }
        #expect(objects.isEmpty)
    }

    /// `-z defs`: the result has no undefined dynamic symbols at all.
    @Test func sharedObjectHasNoUndefinedSymbols() throws {
        let scratch = try ScratchDirectory()
        let output = scratch.file("defined.so")
        let partitions: [@Sendable () -> OwnedModule] = [HandBuiltIR.caller, HandBuiltIR.callee, { HandBuiltIR.addAndAnswer() }]
        try ParallelCodegen.compileSharedObject(partitionCount: partitions.count, optimization: .o3, output: output) { index, _ in
            partitions[index]()
        }
        let undefined = try run("nm", ["-D", "--undefined-only", output])
        #expect(undefined.status == 0, "nm: \(undefined.output)")
        #expect(undefined.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "undefined: \(undefined.output)")

        let dynamic = try run("readelf", ["--dynamic", "--program-headers", output])
        #expect(dynamic.output.contains("(SONAME)") && dynamic.output.contains("[defined.so]"))
        #expect(dynamic.output.contains("BIND_NOW") || dynamic.output.contains("FLAGS_1"))
        #expect(!dynamic.output.contains("RWE"), "no executable stack")
    }

    /// At O3 a clearing loop would become a call to `memset`, which `-z defs` rejects; the
    /// optimizer's `"no-builtins"` keeps it a loop.
    @Test func optimizerAddsNoLibraryCalls() throws {
        let scratch = try ScratchDirectory()
        let output = scratch.file("clear.so")
        try ParallelCodegen.compileSharedObject(partitionCount: 1, optimization: .o3, output: output) { _, _ in
            HandBuiltIR.clearingLoop()
        }
        try LoadedObject.with(output) { object throws in
            let clear = try object.function("clear", as: (@convention(c) (UnsafeMutableRawPointer, Int32) -> Int32).self)
            var bytes = [UInt8](repeating: 0xAA, count: 300)
            #expect(bytes.withUnsafeMutableBytes { clear($0.baseAddress!, 299) } == 299)
            #expect(bytes[..<299].allSatisfy { $0 == 0 } && bytes[299] == 0xAA)
        }
    }

    /// The output is replaced as a whole: an object loaded earlier stays valid.
    @Test func relinkReplacesTheOutput() throws {
        let scratch = try ScratchDirectory()
        let output = scratch.file("replace.so")
        try SharedObjectLinker().link(objects: [try compileAlone(HandBuiltIR.constant(1))], to: output)
        try LoadedObject.with(output) { first throws in
            try SharedObjectLinker().link(objects: [try compileAlone(HandBuiltIR.constant(2))], to: output)
            #expect(try first.function("constant1", as: NullaryI32.self)() == 1)
            #expect(first.symbol("constant2") == nil)
        }
        try LoadedObject.with(output) { second throws in
            #expect(try second.function("constant2", as: NullaryI32.self)() == 2)
        }
        #expect(scratch.contents == ["replace.so"])
    }
}

@Suite struct FailureTests {
    /// A block without a terminator: a Swift error with LLVM's message, no crash.
    @Test(arguments: [OptimizationLevel.o0, .o3])
    func invalidModuleIsRejected(level: OptimizationLevel) throws {
        let unit = HandBuiltIR.missingTerminator()
        let target = try TargetMachine(optimization: level)
        let error = #expect(throws: BackendError.self) {
            try ParallelCodegen.compile(unit.module, target: target)
        }
        #expect(error?.kind == .invalidModule)
        #expect(error?.message.contains("does not have terminator") == true, "\(String(describing: error))")
    }

    @Test func invalidPartitionIsNamed() throws {
        let error = #expect(throws: BackendError.self) {
            try ParallelCodegen.compile(partitionCount: 3, optimization: .o2, threads: 2) { index, _ in
                index == 1 ? HandBuiltIR.missingTerminator() : HandBuiltIR.constant(index)
            }
        }
        #expect(error?.kind == .invalidModule)
        #expect(error?.partition == 1)
        #expect(error?.description.hasPrefix("partition 1: ") == true)
    }

    struct TranslationFailed: Error, Equatable { let partition: Int }

    /// The translator's own errors come back unchanged; the lowest failing partition wins.
    @Test func buildErrorsPassThrough() throws {
        #expect(throws: TranslationFailed(partition: 2)) {
            try ParallelCodegen.compile(partitionCount: 6, optimization: .o0, threads: 1) { index, _ in
                if index >= 2 { throw TranslationFailed(partition: index) }
                return HandBuiltIR.constant(index)
            }
        }
    }

    @Test func undefinedSymbolFailsTheLink() throws {
        let scratch = try ScratchDirectory()
        let output = scratch.file("undefined.so")
        let error = #expect(throws: BackendError.self) {
            try ParallelCodegen.compileSharedObject(partitionCount: 1, optimization: .o0, output: output) { _, _ in
                HandBuiltIR.callsUndefined()
            }
        }
        #expect(error?.kind == .link)
        #expect(error?.message.contains("undefined reference to `missing'") == true, "\(String(describing: error))")
        #expect(scratch.contents.isEmpty, "neither output nor temporary file: \(scratch.contents)")
    }

    @Test func missingLinkerIsReported() throws {
        let scratch = try ScratchDirectory()
        let linker = SharedObjectLinker(linkerPath: "/nonexistent/bin/ld")
        let object = try compileAlone(HandBuiltIR.constant(7))
        let error = #expect(throws: BackendError.self) {
            try linker.link(objects: [object], to: scratch.file("never.so"))
        }
        #expect(error?.kind == .linkerUnavailable)
        #expect(error?.message.contains("/nonexistent/bin/ld") == true)
        #expect(error?.message.contains("binutils") == true)
        #expect(scratch.contents.isEmpty)
    }

    @Test func linkerIsFoundOnPath() throws {
        let ld = try SharedObjectLinker().resolveLinker()
        #expect(ld.hasSuffix("/ld"))
    }
}

/// One module through the whole back end on this thread, at O2.
func compileAlone(_ unit: consuming OwnedModule) throws -> [UInt8] {
    try ParallelCodegen.compile(unit.module, target: TargetMachine(optimization: .o2))
}
