import Glibc

/// Runs a body on several new threads at once and waits for all of them.
///
/// Plain pthreads rather than Dispatch, for the stack: LLVM recurses over IR (the code
/// generator's DAG, some analyses), a WebAssembly function can nest blocks thousands deep, and
/// Dispatch does not let us choose its workers' stack size. Every worker gets ``stackSize``.
enum WorkerThreads {
    /// Address space reserved for each worker's stack; pages are only touched as used.
    static let stackSize = 64 << 20

    /// Calls `body(worker)` for `worker` in `0..<count`, each on its own thread, and returns
    /// when all have finished. Should the system refuse a thread, its share runs on the
    /// calling thread instead (bodies are expected to pull work from a shared queue).
    static func run(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        var threads: [pthread_t] = []
        var refused: [Int] = []
        for worker in 0 ..< count {
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, stackSize)
            let start = Unmanaged.passRetained(Start { body(worker) }).toOpaque()
            var thread = pthread_t()
            let result = pthread_create(&thread, &attributes, { argument in
                Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue().body()
                return nil
            }, start)
            if result == 0 {
                threads.append(thread)
            } else {
                Unmanaged<Start>.fromOpaque(start).release()
                refused.append(worker)
            }
        }
        for worker in refused { body(worker) }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// What a new thread runs, boxed to pass through pthread's `void *`.
    private final class Start: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
