import CALSA
import Glibc

/// midimond's client on the ALSA sequencer: named input and output ports, connections by
/// `client:port` or client name (as `aconnect` takes them), non-blocking and poll-driven.
/// Events are turned into wire bytes by ALSA's own MIDI event coder and then go through the
/// one `MIDIParser` like every other source.
///
/// Arrival times come from the kernel when it can give them: input ports are created with
/// timestamping on a queue of our own (real time), and each event's stamp is moved onto the
/// monotonic clock by an offset measured when the queue starts. Without the queue (refused),
/// events are stamped when the loop reads them.
///
/// Without `/dev/snd/seq` (containers, CI, machines without the snd-seq module) `open` fails
/// with a message that says exactly that, and the other sources keep working.
public final class ALSASequencer: @unchecked Sendable {
    private let handle: OpaquePointer
    private var coder: OpaquePointer?
    private var parser = MIDIParser()
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 8)
    /// The client's name as other programs see it.
    public let clientName: String
    /// The client number ALSA gave us.
    public var clientID: Int32 { snd_seq_client_id(handle) }
    /// SysEx messages received (not forwarded: SysEx stays off the hot path).
    public private(set) var sysExSkipped = 0
    /// Messages that could not be sent (ALSA's output buffer full).
    public private(set) var drops = 0
    /// The timestamp queue (negative: none) and monotonic µs minus queue µs.
    private var queue: Int32 = -1
    private var queueOffset: Int64 = 0
    /// Whether input events carry kernel arrival stamps.
    public var kernelTimestamps: Bool { queue >= 0 }

    /// Why the sequencer could not be used.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The device node ALSA's sequencer needs.
    public static let devicePath = "/dev/snd/seq"

    /// Whether the sequencer device exists here.
    public static var isAvailable: Bool { access(devicePath, F_OK) == 0 }

    /// Opens a client called `clientName`.
    public init(clientName: String) throws(Failure) {
        guard Self.isAvailable else {
            throw Failure(description: "ALSA sequencer unavailable: \(Self.devicePath) does not exist (no sound support in this machine or container, or the snd-seq kernel module is not loaded); use replay:, smf:, udp: or unix: instead")
        }
        var seq: OpaquePointer?
        let status = snd_seq_open(&seq, "default", Int32(SND_SEQ_OPEN_DUPLEX), Int32(SND_SEQ_NONBLOCK))
        guard status >= 0, let seq else {
            throw Failure(description: "cannot open the ALSA sequencer: \(String(cString: snd_strerror(status)))")
        }
        handle = seq
        self.clientName = clientName
        snd_seq_set_client_name(seq, clientName)
        var coder: OpaquePointer?
        if snd_midi_event_new(256, &coder) >= 0 {
            self.coder = coder
            snd_midi_event_no_status(coder, 1)   // full status bytes out: our parser wants them
        }
        startTimestampQueue()
    }

    /// Starts the timestamp queue and measures its offset from the monotonic clock: the
    /// midpoint of two clock reads around one read of the queue's time.
    private func startTimestampQueue() {
        let started = midimon_seq_timestamp_queue(handle)
        guard started >= 0 else { return }
        let before = MonotonicClock.micros()
        let queueTime = midimon_seq_queue_time_us(handle, started)
        let after = MonotonicClock.micros()
        guard queueTime >= 0 else { return }
        queue = started
        queueOffset = Int64(bitPattern: (before &+ after) / 2) &- queueTime
    }

    deinit {
        if let coder { snd_midi_event_free(coder) }
        snd_seq_close(handle)
        scratch.deallocate()
    }

    /// Creates an input port (others write to it) and connects `connect` to it when given.
    public func openInput(port name: String, connect: String?) throws(Failure) -> Int32 {
        let caps = UInt32(SND_SEQ_PORT_CAP_WRITE | SND_SEQ_PORT_CAP_SUBS_WRITE)
        let port = try createPort(name, caps, timestampQueue: queue)
        if let connect {
            let address = try parse(connect)
            let status = snd_seq_connect_from(handle, port, Int32(address.client), Int32(address.port))
            guard status >= 0 else { throw Failure(description: "cannot connect \(connect) to \(clientName):\(name): \(String(cString: snd_strerror(status)))") }
        }
        return port
    }

    /// Creates an output port (others read from it) and connects it to `connect` when given.
    public func openOutput(port name: String, connect: String?) throws(Failure) -> Int32 {
        let caps = UInt32(SND_SEQ_PORT_CAP_READ | SND_SEQ_PORT_CAP_SUBS_READ)
        let port = try createPort(name, caps)
        if let connect {
            let address = try parse(connect)
            let status = snd_seq_connect_to(handle, port, Int32(address.client), Int32(address.port))
            guard status >= 0 else { throw Failure(description: "cannot connect \(clientName):\(name) to \(connect): \(String(cString: snd_strerror(status)))") }
        }
        return port
    }

    /// The descriptors to poll for input.
    public func pollDescriptors() -> [pollfd] {
        let count = snd_seq_poll_descriptors_count(handle, Int16(POLLIN))
        var fds = [pollfd](repeating: pollfd(), count: Int(max(count, 0)))
        _ = snd_seq_poll_descriptors(handle, &fds, UInt32(fds.count), Int16(POLLIN))
        return fds
    }

    /// Reads every waiting event, stamped with `now`, into the ring of the input its port
    /// belongs to (`sourceOfPort[port]`, an index into `rings`; events on other ports are
    /// dropped).
    public func poll(into rings: [EventRing], now: UInt64, startMicros: UInt64, sourceOfPort: [UInt16]) {
        guard let coder else { return }
        while true {
            var event: UnsafeMutablePointer<snd_seq_event_t>?
            let status = snd_seq_event_input(handle, &event)
            guard status >= 0, let event else { return }
            let count = snd_midi_event_decode(coder, scratch.baseAddress!.assumingMemoryBound(to: UInt8.self), scratch.count, event)
            guard count > 0 else { continue }
            let port = Int(event.pointee.dest.port)
            guard port < sourceOfPort.count, Int(sourceOfPort[port]) < rings.count else { continue }
            let index = sourceOfPort[port]
            // The kernel's stamp on the monotonic clock; never later than now (rounding).
            var arrival = now
            if queue >= 0 && midimon_seq_ev_is_real_time(event) != 0 {
                let stamped = queueOffset &+ Int64(midimon_seq_ev_real_time_us(event))
                if stamped > 0 && UInt64(stamped) < now { arrival = UInt64(stamped) }
            }
            for i in 0..<count {
                switch parser.push(scratch[i]) {
                case .none: break
                case .sysEx: sysExSkipped += 1
                case .message(let message):
                    rings[Int(index)].push(MIDIEvent(message, time: arrival &- startMicros, arrival: arrival, source: index))
                }
            }
        }
    }

    /// Sends one message from `port` to its subscribers, at once, without blocking.
    public func send(_ message: MIDIMessage, port: Int32) {
        guard let coder else { return }
        var event = snd_seq_event_t()
        snd_midi_event_reset_encode(coder)
        let encoded = message.withBytes { bytes in
            snd_midi_event_encode(coder, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count, &event)
        }
        guard encoded > 0 else { return }
        midimon_seq_ev_address(&event, port)
        if snd_seq_event_output_direct(handle, &event) < 0 { drops += 1 }
    }

    private func createPort(_ name: String, _ caps: UInt32, timestampQueue: Int32 = -1) throws(Failure) -> Int32 {
        let type = UInt32(SND_SEQ_PORT_TYPE_MIDI_GENERIC | SND_SEQ_PORT_TYPE_APPLICATION)
        let port = midimon_seq_create_port(handle, name, caps, type, timestampQueue)
        guard port >= 0 else { throw Failure(description: "cannot create ALSA port \(clientName):\(name): \(String(cString: snd_strerror(port)))") }
        return port
    }

    private func parse(_ text: String) throws(Failure) -> snd_seq_addr_t {
        var address = snd_seq_addr_t()
        let status = snd_seq_parse_address(handle, &address, text)
        guard status >= 0 else { throw Failure(description: "no ALSA sequencer port `\(text)` (give client:port or a client name; `aconnect -l` lists them)") }
        return address
    }
}
