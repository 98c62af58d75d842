/// midimon's version. It is part of every cache key (a new compiler never reuses old
/// artifacts) and of the descriptor ABI check, so it lives where compiler and runtime meet.
public enum MidimonVersion {
    public static let string = "0.1.0"
}
