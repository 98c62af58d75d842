import MIDI

/// An opened input. An enum rather than a protocol so that the loop dispatches with a
/// switch, never through an existential box.
public enum Input {
    case replay(ReplaySource)
    case datagram(DatagramSource)
    case alsa(ALSASequencer, port: Int32)

    /// Whether it ends by itself.
    public var isFinite: Bool {
        if case .replay = self { return true }
        return false
    }

    /// Whether a finite input has delivered everything.
    public var isFinished: Bool {
        if case .replay(let source) = self { return source.isFinished }
        return false
    }
}

/// An opened output (see `Input` for why an enum).
public enum Output {
    case capture(CaptureOutput)
    case datagram(DatagramOutput)
    case alsa(ALSASequencer, port: Int32)

    /// Sends one message; `time` is its stream time (the capture file writes it).
    @inlinable public func send(_ message: MIDIMessage, time: UInt64) {
        switch self {
        case .capture(let capture): capture.send(message, time: time)
        case .datagram(let socket): socket.send(message)
        case .alsa(let sequencer, let port): sequencer.send(message, port: port)
        }
    }

    /// Writes anything buffered.
    public func flush() {
        if case .capture(let capture) = self { capture.flush() }
    }

    /// Messages that could not be sent.
    public var drops: Int {
        switch self {
        case .capture(let capture): return capture.drops
        case .datagram(let socket): return socket.drops
        case .alsa(let sequencer, _): return sequencer.drops
        }
    }
}

/// Opens inputs and outputs from their specs. One ALSA client serves every alsa: spec.
public struct EndpointOpener {
    /// The ALSA client's name.
    public var clientName = "midimond"
    private var sequencer: ALSASequencer?

    public init(clientName: String = "midimond") { self.clientName = clientName }

    /// Why an endpoint could not be opened: the spec and the reason.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private mutating func alsa() throws(Failure) -> ALSASequencer {
        if let sequencer { return sequencer }
        do {
            let opened = try ALSASequencer(clientName: clientName)
            sequencer = opened
            return opened
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// Opens one input; `index` is stamped on its events; `start` is the run's start.
    public mutating func open(_ spec: InputSpec, index: UInt16, start: UInt64) throws(Failure) -> Input {
        do {
            switch spec {
            case .replay(let path, let fast):
                return .replay(ReplaySource(timeline: try ReplayText.read(path), fast: fast, sourceIndex: index))
            case .smf(let path, let fast):
                return .replay(ReplaySource(timeline: try StandardMIDIFile.read(path), fast: fast, sourceIndex: index))
            case .udp(let host, let port):
                return .datagram(DatagramSource(socket: try DatagramSocket.bindUDP(host: host, port: port), sourceIndex: index, startMicros: start))
            case .unix(let path):
                return .datagram(DatagramSource(socket: try DatagramSocket.bindUNIX(path: path), sourceIndex: index, startMicros: start))
            case .alsa(let port, let connect):
                let sequencer = try alsa()
                do {
                    return .alsa(sequencer, port: try sequencer.openInput(port: port, connect: connect))
                } catch {
                    throw Failure(description: error.description)
                }
            }
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(description: "input \(spec): \(error)")
        }
    }

    /// Opens one output.
    public mutating func open(_ spec: OutputSpec) throws(Failure) -> Output {
        do {
            switch spec.kind {
            case .capture(let path): return .capture(try CaptureOutput(path: path))
            case .udp(let host, let port): return .datagram(DatagramOutput(socket: try DatagramSocket.connectUDP(host: host, port: port)))
            case .unix(let path): return .datagram(DatagramOutput(socket: try DatagramSocket.connectUNIX(path: path)))
            case .alsa(let port, let connect):
                let sequencer = try alsa()
                do {
                    return .alsa(sequencer, port: try sequencer.openOutput(port: port, connect: connect))
                } catch {
                    throw Failure(description: error.description)
                }
            }
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(description: "output \(spec): \(error)")
        }
    }
}
