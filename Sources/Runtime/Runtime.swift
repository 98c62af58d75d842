import PluginABI

/// The runtime that the daemon links: it loads compiled plugins and calls them. It must
/// never depend on LLVM; the compiler produces artifacts, the runtime only consumes them.
public enum Runtime {
    /// The version of the runtime, which must match the compiler that produced an artifact.
    public static var version: String { MidimonVersion.string }
}
