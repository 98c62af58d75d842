import Glibc

/// Something the real-time thread wants said or done off the hot path: a Log action, a
/// Shell action, a mode change, a plugin fault. Plain values only, so pushing one into a
/// ring copies a few words and never retains: texts are indices into a `NoticeTexts`.
public struct Notice: @unchecked Sendable, BitwiseCopyable {
    public enum Kind: UInt8, Sendable, BitwiseCopyable {
        /// `index`: a Log action's line.
        case log
        /// `index`: a Shell action's command.
        case shell
        /// `index`: the mode now active.
        case modeChanged
        /// `index`: the plugin (entry); `value`: the trap code.
        case pluginFault
        /// `index`: the plugin, disabled after `value` faults.
        case pluginDisabled
        /// `index`: the plugin; `value`: what `midimon_on_event` returned.
        case pluginError
        /// `index`: the plugin; `value`: the packed message it emitted, which is not one.
        case pluginBadEmit
        /// `index`: the plugin; `value`: JSON-ABI calls dropped because the worker's ring was full.
        case pluginQueueFull
    }

    public var kind: Kind
    public var index: Int32
    public var value: Int32
    /// An unretained `NoticeTexts`, kept alive by `NoticeTexts.retain` for the process's life.
    var texts: UnsafeRawPointer

    init(_ kind: Kind, index: Int32, value: Int32 = 0, texts: NoticeTexts) {
        self.kind = kind
        self.index = index
        self.value = value
        self.texts = UnsafeRawPointer(Unmanaged.passUnretained(texts).toOpaque())
    }

    var textTable: NoticeTexts { Unmanaged<NoticeTexts>.fromOpaque(texts).takeUnretainedValue() }
}

/// The strings notices refer to, for one config generation. Built off the hot path and
/// never changed once notices may refer to it; every table is kept until the process ends (a
/// few hundred bytes per reload), so a notice still in a ring after a reload prints the text
/// of the config that raised it.
public final class NoticeTexts: @unchecked Sendable {
    var logMessages: [String] = []
    var logLevels: [String] = []
    var shellCommands: [String] = []
    var modeNames: [String] = []
    var pluginNames: [String] = []

    private static let keeper = Keeper()

    init() { Self.keeper.keep(self) }

    init(logMessages: [String], logLevels: [String], shellCommands: [String], modeNames: [String]) {
        self.logMessages = logMessages
        self.logLevels = logLevels
        self.shellCommands = shellCommands
        self.modeNames = modeNames
        Self.keeper.keep(self)
    }

    private final class Keeper: @unchecked Sendable {
        private var kept: [NoticeTexts] = []
        private var lock = pthread_mutex_t()
        init() { pthread_mutex_init(&lock, nil) }
        func keep(_ texts: NoticeTexts) {
            pthread_mutex_lock(&lock)
            kept.append(texts)
            pthread_mutex_unlock(&lock)
        }
    }

    func text(_ array: [String], _ index: Int32) -> String {
        index >= 0 && Int(index) < array.count ? array[Int(index)] : "#\(index)"
    }
}
