#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CLLVM
import Synchronization

/// Compiles a WebAssembly module's partitions on several threads and links them into one
/// shared object.
///
/// A partition is a set of functions with its own LLVM context and module. The translator
/// builds each partition on the worker thread that then optimizes and emits it, so IR
/// construction runs in parallel too and a partition's IR never crosses threads.
///
/// Calls between partitions go to symbols with external linkage and hidden visibility, in
/// both the defining partition and the declaring ones (`LLVMSetVisibility(f,
/// LLVMHiddenVisibility)`): the final link resolves them inside the shared object, with direct
/// calls and no PLT, and they are not exported (see ``SharedObjectLinker``).
///
/// Workers take partitions from a shared counter, lowest index first, so a worker that
/// finishes early picks up the next one; objects come back in partition order whatever the
/// timing. After the first failure no new partition is started and the error of the
/// lowest-numbered failing partition is thrown.
public enum ParallelCodegen {
    /// Builds partition `index` on the calling (worker) thread and hands over its module and
    /// context. The target machine is that thread's: call ``TargetMachine/configure(_:)`` on a
    /// new module so that it carries the triple and data layout while it is built (the back end
    /// sets them again before optimizing, so a module that lacks them still compiles). A build
    /// that throws disposes whatever it created itself; nothing has been handed over yet.
    public typealias Build = @Sendable (_ index: Int, _ target: TargetMachine) throws -> OwnedModule

    /// Threads used when the caller does not say: one per processor available to us.
    public static var defaultThreadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Builds, optimizes and emits `partitionCount` partitions on up to `threads` threads and
    /// returns their object files in partition order.
    ///
    /// - Throws: the first error (by partition index) of `build`, unchanged, or a
    ///   ``BackendError`` with ``BackendError/partition`` set.
    public static func compile(
        partitionCount: Int,
        optimization: OptimizationLevel,
        threads: Int = defaultThreadCount,
        build: Build
    ) throws -> [[UInt8]] {
        guard partitionCount > 0 else { return [] }
        let job = Job(partitionCount: partitionCount)
        // The workers are joined before this returns, so `build` does not outlive the call.
        withoutActuallyEscaping(build) { build in
            WorkerThreads.run(count: min(max(threads, 1), partitionCount)) { _ in
                job.work(optimization: optimization, build: build)
            }
        }
        return try job.objects()
    }

    /// ``compile(partitionCount:optimization:threads:build:)``, then links the objects into a
    /// shared object at `output` (atomically; see ``SharedObjectLinker``).
    public static func compileSharedObject(
        partitionCount: Int,
        optimization: OptimizationLevel,
        threads: Int = defaultThreadCount,
        output: String,
        soname: String? = nil,
        linker: SharedObjectLinker = SharedObjectLinker(),
        build: Build
    ) throws {
        let objects = try compile(partitionCount: partitionCount, optimization: optimization, threads: threads, build: build)
        try linker.link(objects: objects, to: output, soname: soname)
    }

    /// One partition's back end on the calling thread: stamps the target, verifies, runs the
    /// pass pipeline and emits the object file. `module` stays the caller's.
    public static func compile(_ module: LLVMModuleRef, target: TargetMachine) throws(BackendError) -> [UInt8] {
        target.configure(module)
        try Optimizer.run(module, on: target, verify: true)
        return try ObjectEmitter.emit(module, with: target)
    }

    /// The state the workers share: a queue of partition indices and the results.
    private final class Job: Sendable {
        let partitionCount: Int
        private let next = Atomic<Int>(0)
        private let stopped = Atomic<Bool>(false)
        private let results: Mutex<[[UInt8]?]>
        private let failure = Mutex<(partition: Int, error: any Error)?>(nil)

        init(partitionCount: Int) {
            self.partitionCount = partitionCount
            results = Mutex(Array(repeating: nil, count: partitionCount))
        }

        /// One worker: takes partitions until none are left or one has failed.
        func work(optimization: OptimizationLevel, build: Build) {
            var target: TargetMachine?  // this thread's, made when first needed
            while !stopped.load(ordering: .relaxed) {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < partitionCount else { return }
                do {
                    let machine = try target ?? TargetMachine(optimization: optimization)
                    target = machine
                    let object = try compilePartition(index, target: machine, build: build)
                    results.withLock { $0[index] = object }
                } catch {
                    fail(index, error)
                }
            }
        }

        private func compilePartition(_ index: Int, target: TargetMachine, build: Build) throws -> [UInt8] {
            // `unit` is disposed (module, then context) when this function returns, on the
            // thread that built it.
            let unit = try build(index, target)
            guard LLVMGetModuleContext(unit.module) == unit.context else {
                throw BackendError(.invalidModule, "the module was not created in the context handed over with it", partition: index)
            }
            do {
                return try ParallelCodegen.compile(unit.module, target: target)
            } catch var error {
                error.partition = index
                throw error
            }
        }

        private func fail(_ index: Int, _ error: any Error) {
            stopped.store(true, ordering: .relaxed)
            failure.withLock { failure in
                if failure == nil || index < failure!.partition { failure = (index, error) }
            }
        }

        /// The objects in partition order, or the error of the lowest failing partition.
        func objects() throws -> [[UInt8]] {
            if let (_, error) = failure.withLock({ $0 }) { throw error }
            return results.withLock { $0.map { $0! } }
        }
    }
}
