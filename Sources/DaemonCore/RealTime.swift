import Glibc

/// Real-time scheduling for the MIDI thread: `SCHED_FIFO` so a busy desktop cannot delay an
/// event, and `mlockall` so the loop's pages are never swapped out under it. Both need
/// privileges (CAP_SYS_NICE / rtprio and CAP_IPC_LOCK / memlock limits, which audio setups
/// grant to the `audio` group; containers usually refuse): when refused, midimond carries on
/// at normal priority and says so.
///
/// Call it from the thread that will run the loop, after the worker and control threads are
/// started: threads inherit their creator's policy, and the workers must stay at normal
/// priority (a JSON action waiting on HTTP must not compete with the MIDI thread).
public enum RealTime {
    /// Applies both; returns one notice per refusal (empty when both hold).
    public static func enter(priority: Int32 = 70) -> [String] {
        var notices: [String] = []
        // MCL_ONFAULT (Linux 4.4; not in Glibc's Swift module): pages are locked as they are
        // first touched rather than all at once, so every thread's 8 MiB stack reservation is
        // not made resident (about 100 MiB more RSS without it); what the loop has touched
        // by its first events stays in memory. Older kernels refuse the flag: lock it all.
        let onFault: Int32 = 4
        if mlockall(MCL_CURRENT | MCL_FUTURE | onFault) != 0 && mlockall(MCL_CURRENT | MCL_FUTURE) != 0 {
            notices.append("midimond: notice: mlockall refused (\(String(cString: strerror(errno)))): memory may be paged out under load; carrying on (raise `ulimit -l`, e.g. memlock in /etc/security/limits.conf)")
        }
        var parameters = sched_param()
        parameters.sched_priority = priority
        let result = pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameters)
        if result != 0 {
            notices.append("midimond: notice: SCHED_FIFO priority \(priority) refused (\(String(cString: strerror(result)))): the MIDI thread runs at normal priority; carrying on (grant rtprio in /etc/security/limits.conf or CAP_SYS_NICE)")
        }
        return notices
    }
}
