import CRuntimeSupport
import PluginABI

/// The runtime that the daemon links: it loads compiled plugins and calls them. It must
/// never depend on LLVM; the compiler produces artifacts, the runtime only consumes them.
///
/// The pieces: an ``Artifact`` is a loaded shared object; a ``Store`` groups the instances
/// that call each other (one fuel budget, one stack limit, one deadline per call, one
/// lifetime); an ``Instance`` is an artifact instantiated in a store against ``Imports``; a
/// ``Function`` is called with ``Value``s or, allocation-free, with a values array; a ``Trap``
/// says why a call stopped and where.
public enum Runtime {
    /// The version of the runtime, which must match the compiler that produced an artifact.
    public static var version: String { MidimonVersion.string }

    /// Does now what the first call into WebAssembly on this thread would otherwise do:
    /// installs the fault handlers (once per process), gives the thread an alternate signal
    /// stack and reads its stack bounds. A real-time thread calls this before its first
    /// call, which then allocates nothing.
    public static func prepareCurrentThread() {
        midimon_prepare_thread()
    }
}
