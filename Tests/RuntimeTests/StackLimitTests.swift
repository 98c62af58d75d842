import CRuntimeSupport
import Foundation
import Runtime
import Testing

/// Deep recursion traps with `call stack exhausted` instead of overflowing the thread's
/// stack, on an ordinary thread and on one whose stack is smaller than the budget.
struct StackLimitTests {
    static let artifact = CArtifact(
        wat: #"(module (func (export "recurse") (param i32) (result i32) unreachable))"#,
        c: """
            /* The check compiled code makes at every function entry. */
            __attribute__((noinline)) int32_t recurse(void *vmctx, int32_t n) {
                volatile char frame[256];
                if ((uint64_t)(uintptr_t)__builtin_frame_address(0) < STORE(vmctx)->stack_limit) TRAP(vmctx, 10, 0);
                frame[n & 255] = (char)n;
                if (n == 0) return 0;
                return recurse(vmctx, n - 1) + 1 + (frame[n & 255] - (char)n);
            }
            void recurse_entry(void *vmctx, uint64_t *v) { v[0] = (uint32_t)recurse(vmctx, (int32_t)v[0]); }
            """,
        functions: ["recurse"], entries: ["recurse_entry"])

    static func check(_ recurse: Function) throws {
        #expect(try recurse.call([.i32(100)]) == [.i32(100)])
        #expect { _ = try recurse.call([.i32(10_000_000)]) } throws: { ($0 as! Trap).code == .callStackExhausted }
        // The thread and the instance survive.
        #expect(try recurse.call([.i32(50)]) == [.i32(50)])
    }

    @Test func deepRecursionTraps() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        try Self.check(try #require(instance.exportedFunction(named: "recurse")))
    }

    /// On a fresh 8 MiB thread, whose stack holds little more than this test's frames.
    @Test func theLimitLiesWithinTheBudgetAndTheStack() async throws {
        let store = Store(stackBudget: 64 * 1024)
        let instance = try Instance(try await Self.artifact.load(), store: store)
        let recurse = try #require(instance.exportedFunction(named: "recurse"))
        let failures = Failures()
        runOnThread(stackSize: 8 << 20) {
            // Frames of 300 bytes and more: 1000 fit in 64 KiB, 10 000 do not.
            if (try? recurse.call([.i32(100)])) != [.i32(100)] { failures.record("100 frames trapped") }
            if (try? recurse.call([.i32(10_000)])) != nil { failures.record("10 000 frames did not trap") }
            var low: UInt = 0, high: UInt = 0
            midimon_thread_stack_bounds(&low, &high)
            let limit = UInt(store.stackLimit)
            if !(limit >= low + UInt(MIDIMON_STACK_SAFETY_MARGIN) && limit < high && high - limit <= 96 * 1024) {
                failures.record("limit 0x\(String(limit, radix: 16)) for stack 0x\(String(low, radix: 16))..<0x\(String(high, radix: 16))")
            }
        }
        #expect(failures.messages.isEmpty)
    }

    /// A 256 KiB thread with the default 512 KiB budget: the stack's own end bounds the limit.
    @Test func aSmallThreadStackBoundsTheLimit() async throws {
        let instance = try Instance(try await Self.artifact.load(), store: Store())
        let recurse = try #require(instance.exportedFunction(named: "recurse"))
        let failures = Failures()
        runOnThread(stackSize: 256 * 1024) {
            do {
                try Self.check(recurse)
            } catch {
                failures.record("\(error)")
            }
        }
        #expect(failures.messages.isEmpty)
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func record(_ message: String) { lock.withLock { list.append(message) } }
    var messages: [String] { lock.withLock { list } }
}

private final class ThreadBody {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// Runs `body` on a new thread with a stack of `stackSize` bytes and waits for it.
func runOnThread(stackSize: Int, _ body: @escaping () -> Void) {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setstacksize(&attributes, stackSize)
    defer { pthread_attr_destroy(&attributes) }
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let created = pthread_create(&thread, &attributes, { context in
        Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().body()
        return nil
    }, context)
    precondition(created == 0)
    pthread_join(thread, nil)
}
