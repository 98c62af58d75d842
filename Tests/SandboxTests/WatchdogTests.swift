import Foundation
import Runtime
import Testing

/// The watchdog is one thread for the whole process, however many stores have deadlines, and
/// it serves deadlines of concurrent calls in any order.
struct WatchdogTests {
    /// The names of this process's threads.
    static func threadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { task in
            (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    static let wat = """
        (module
          (func (export "answer") (result i32) (i32.const 42))
          (func (export "spin") (loop $l (br $l))))
        """

    @Test func oneThreadForManyStores() throws {
        let artifact = try SandboxModule.load(Self.wat, fuel: false)
        let before = Self.threadNames().count
        var instances: [Instance] = []
        for i in 0..<100 {
            let instance = try Instance(artifact, store: Store(deadline: .milliseconds(100 + i)))
            // Each call publishes a deadline and withdraws it.
            #expect(try instance.function("answer").call([]) == [.i32(42)])
            instances.append(instance)
        }
        let names = Self.threadNames()
        #expect(names.filter { $0 == "midimon-watch" }.count == 1, "\(names)")
        // Other tests run meanwhile and may start threads of their own, but not 100.
        #expect(names.count - before < 50, "\(before) threads before, \(names.count) after")
        // Calls that time out do not add threads either.
        #expect(SandboxModule.trap(instances[0].function("spin"))?.code == .deadlineExceeded)
        #expect(Self.threadNames().filter { $0 == "midimon-watch" }.count == 1)
    }

    /// Calls on several threads, each in its own store, started longest deadline first so that
    /// each new one is earlier than the one the watchdog sleeps towards: each stops, no earlier
    /// than its own deadline (within the coarse clock's error).
    @Test func concurrentDeadlinesInAnyOrder() throws {
        let artifact = try SandboxModule.load(Self.wat, fuel: false)
        let deadlines: [Duration] = [.milliseconds(600), .milliseconds(450), .milliseconds(300), .milliseconds(150)]
        let failures = Failures()
        var threads: [TestThread] = []
        for deadline in deadlines {
            let instance = try Instance(artifact, store: Store(deadline: deadline))
            threads.append(TestThread {
                let start = ContinuousClock.now
                let trap = SandboxModule.trap(instance.function("spin"))
                let elapsed = ContinuousClock.now - start
                if trap?.code != .deadlineExceeded { failures.record("\(deadline): \(String(describing: trap))") }
                // The call's start is read from the coarse clock (CRuntimeSupport.c), which may lag
                // a little more than the tick it is corrected by: allow 5 ms.
                if elapsed < deadline - .milliseconds(5) { failures.record("\(deadline): stopped after \(elapsed)") }
            })
            Thread.sleep(forTimeInterval: 0.01)
        }
        threads.forEach { $0.wait() }
        #expect(failures.messages.isEmpty, "\(failures.messages)")
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func record(_ message: String) { lock.withLock { list.append(message) } }
    var messages: [String] { lock.withLock { list } }
}
