/// A finite, time-ordered list of messages read from a file (replay text or SMF), played by
/// `ReplaySource`. Read whole at start-up so that playing it allocates nothing.
public struct Timeline: Sendable {
    /// The messages with their stream times (`arrival` unset), in time order.
    public var events: [MIDIEvent] = []
    /// SysEx messages in the file; counted, not played (SysEx stays off the hot path).
    public var sysExSkipped = 0
    /// What the byte parser skipped.
    public var parserCounters = MIDIParser.Counters()

    public init(events: [MIDIEvent] = []) { self.events = events }

    /// The time of the last event (0 when empty).
    public var duration: UInt64 { events.last?.time ?? 0 }
}

/// An error in an input file, with the line (replay text) or byte offset (SMF) it is at.
public struct MIDIFileError: Error, CustomStringConvertible, Equatable {
    /// The file, as given.
    public var file: String
    /// Where: "line 3" or "offset 0x1c".
    public var location: String
    /// What is wrong.
    public var message: String

    public init(file: String, location: String, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String { location.isEmpty ? "\(file): \(message)" : "\(file):\(location): \(message)" }
}
