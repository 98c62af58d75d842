import Glibc

/// The host's monotonic clock in microseconds (CLOCK_MONOTONIC: never steps back, not
/// adjusted by NTP jumps). Reading it allocates nothing.
public enum MonotonicClock {
    /// Now, in microseconds since an arbitrary start (boot).
    @inlinable public static func micros() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000 &+ UInt64(now.tv_nsec / 1000)
    }

    /// Sleeps until the monotonic clock reads `micros` (returns at once if it has passed).
    public static func sleep(until micros: UInt64) {
        var target = timespec(tv_sec: Int(micros / 1_000_000), tv_nsec: Int(micros % 1_000_000) * 1000)
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, nil) == EINTR {}
    }
}
