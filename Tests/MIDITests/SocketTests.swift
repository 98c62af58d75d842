import Glibc
import Testing
@testable import MIDI

/// UDP and UNIX datagram round trips: output socket → input socket → parser → ring.
struct SocketTests {
    @Test func udpRoundTrip() throws {
        let input = try DatagramSocket.bindUDP(host: "127.0.0.1", port: 0)
        let output = DatagramOutput(socket: try DatagramSocket.connectUDP(host: "127.0.0.1", port: input.localPort))
        let source = DatagramSource(socket: input, sourceIndex: 3, startMicros: 1000)
        let ring = EventRing(capacity: 16)
        output.send(.noteOn(channel: 0, note: 60, velocity: 100))
        output.send(.controlChange(channel: 1, controller: 7, value: 64))
        #expect(output.sent == 2)
        try waitFor { source.poll(into: ring, now: 5000); return ring.count == 2 }
        #expect(ring.pop() == MIDIEvent(.noteOn(channel: 0, note: 60, velocity: 100), time: 4000, arrival: 5000, source: 3))
        #expect(ring.pop()?.message == .controlChange(channel: 1, controller: 7, value: 64))
    }

    @Test func unixRoundTripAndGarbageDatagrams() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("in.sock")
        let input = try DatagramSocket.bindUNIX(path: path)
        let sender = try DatagramSocket.connectUNIX(path: path)
        let source = DatagramSource(socket: input, startMicros: 0)
        let ring = EventRing(capacity: 16)
        // A cut-short note-on must not join with the next datagram's bytes.
        for datagram: [UInt8] in [[0x90, 0x3C], [0x40, 0x00], [0xF8], [0xB0, 0x01, 0x02]] {
            datagram.withUnsafeBytes { _ = sender.send($0) }
        }
        try waitFor { source.poll(into: ring, now: 10); return source.datagrams == 4 }
        #expect([ring.pop()?.message, ring.pop()?.message] == [MIDIMessage(status: 0xF8), .controlChange(channel: 0, controller: 1, value: 2)])
        #expect(source.parserCounters.truncatedMessages == 1)
        #expect(source.parserCounters.strayDataBytes == 2)
    }

    @Test func floodIsBoundedAndDropsAreCounted() throws {
        let input = try DatagramSocket.bindUDP(host: "127.0.0.1", port: 0)
        let output = DatagramOutput(socket: try DatagramSocket.connectUDP(host: "127.0.0.1", port: input.localPort))
        let source = DatagramSource(socket: input, startMicros: 0)
        let ring = EventRing(capacity: 8)
        for i in 0..<100 { output.send(.noteOn(channel: 0, note: UInt8(i), velocity: 1)) }
        try waitFor { source.poll(into: ring, now: 1); return source.datagrams == 100 }
        #expect(ring.count == 8)
        #expect(ring.drops == 92)
    }

    /// Polls `condition` for up to two seconds (datagrams on loopback arrive at once, but the
    /// test must not hang if they do not).
    func waitFor(_ condition: () -> Bool) throws {
        for _ in 0..<2000 {
            if condition() { return }
            usleep(1000)
        }
        Issue.record("timed out waiting for datagrams")
    }

    @Test func alsaSaysClearlyWhenThereIsNoSequencer() throws {
        guard !ALSASequencer.isAvailable else { return }
        #expect {
            _ = try ALSASequencer(clientName: "midimond-test")
        } throws: { error in
            "\(error)".contains("/dev/snd/seq does not exist")
        }
    }
}
