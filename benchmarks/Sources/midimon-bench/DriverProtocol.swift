#if canImport(Glibc)
import Glibc
#endif

/// The kernel-driver protocol of `benchmarks/run` (see `benchmarks/drivers/cdriver.c`): after
/// set-up the driver prints `{"ready": true, ...}`, then answers each request line
/// `KERNEL RESULT-TYPE ARG [ARG]` with one JSON line `{"ns": N, "bits": "B"}`, the wall-clock
/// time of exactly one call of the export, taken in this process around the call, and the
/// result's bit pattern zero-extended to 64 bits. An empty line or end of input stops it.
///
/// The orchestrator alternates between systems call by call, so every driver stays idle (blocked
/// on its standard input) while another one runs.
enum DriverProtocol {
    /// One request: the export's name, its result type (`i32`, `i64`, `f32`, `f64`) and its
    /// i32 arguments.
    struct Request {
        var name: String
        var result: String
        var arguments: [Int32]
    }

    /// What a system's call closure returns: the result's bits and the call's nanoseconds, or
    /// a message (a trap or a missing export), which the orchestrator reports as a failure.
    enum Reply {
        case result(bits: UInt64, nanoseconds: UInt64)
        case failure(String)
    }

    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    static func emit(_ line: String) {
        print(line)
        fflush(nil)  // every stream: `stdout` is a global var Swift 6 will not touch
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Prints the ready line (with `facts`, already JSON members) and serves requests.
    static func serve(facts: String, _ call: (Request) -> Reply) {
        emit("{\"ready\": true\(facts.isEmpty ? "" : ", " + facts)}")
        while let line = readLine(), !line.isEmpty {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 3 else { emit("{\"error\": \"bad request\"}"); continue }
            let request = Request(name: fields[0], result: fields[1], arguments: fields[2...].map { Int32($0)! })
            switch call(request) {
            case .result(let bits, let ns): emit("{\"ns\": \(ns), \"bits\": \"\(bits)\"}")
            case .failure(let message): emit("{\"error\": \"\(escape(message))\"}")
            }
        }
    }

    /// Reports a driver that cannot start (the orchestrator marks the system "could not run").
    static func notReady(_ message: String) {
        emit("{\"ready\": false, \"error\": \"\(escape(message))\"}")
    }

    static func mask(_ bits: UInt64, _ type: String) -> UInt64 {
        type == "i32" || type == "f32" ? bits & 0xFFFF_FFFF : bits
    }
}
