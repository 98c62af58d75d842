import Foundation
import PluginHost
import Synchronization

/// `midimon.now_us` for the vectors: `event … now=NOW` sets it before the call.
final class VectorClock: Sendable {
    let now = Atomic<Int64>(0)
}

/// Runs one `tests.txt` against one plugin through the real loader, as plugins/README.md
/// says: one instance for the whole file (a fresh one on `reset`), parameters by their
/// position in `[[parameters]]`, and each call's emits, log lines and HTTP requests checked
/// against the expectations under it. A problem names the line it comes from.
struct VectorRunner {
    struct Problem {
        var line: Int
        var message: String
    }

    let manifest: PluginManifest
    let loader: PluginHostLoader
    let clock: VectorClock
    let server: VectorServer
    /// Unset parameters read as the manifest's `default` instead of NaN (both must pass).
    let manifestDefaults: Bool
    private var plugin: PluginInstance!
    private var values: [Double] = []
    private var block = ParameterBlock()

    init(manifest: PluginManifest, loader: PluginHostLoader, clock: VectorClock, server: VectorServer, manifestDefaults: Bool) {
        self.manifest = manifest
        self.loader = loader
        self.clock = clock
        self.server = server
        self.manifestDefaults = manifestDefaults
    }

    /// A fresh instance with every parameter unset.
    mutating func reset() throws(PluginError) {
        values = manifest.parameters.map { manifestDefaults ? $0.defaultValue ?? .nan : .nan }
        block = ParameterBlock(values)
        plugin = try loader.load(manifest, parameters: block)
        _ = plugin.log.drain()  // load-time warnings (`unverified`) are not the calls' output
    }

    mutating func run(_ file: VectorFile) -> [Problem] {
        var problems = file.orphans.map { Problem(line: $0.number, message: "expectation before any command") }
        for step in file.steps {
            problems += self.step(step).map { Problem(line: $0.line ?? step.command.number, message: "\(step.command.text): \($0.text)") }
        }
        return problems
    }

    /// What the call under test did.
    private struct Call {
        var result: Int32?
        var emits: [EmitBuffer.Message] = []
        var log: [PluginLog.Entry] = []
        var http: [VectorServer.Request] = []
        var metadata: [String: JSON] = [:]
    }

    private mutating func step(_ step: VectorFile.Step) -> [(line: Int?, text: String)] {
        let text = step.command.text.replacingOccurrences(of: "$SERVER", with: server.url)
        let (command, rest) = text.splitWord
        var call = Call()
        do throws(PluginError) {
            switch command {
            case "reset":
                try reset()
                return []
            case "param":
                let words = rest.words
                guard words.count == 2, let index = manifest.parameters.firstIndex(where: { $0.name == words[0] }) else {
                    return [(nil, "no parameter \"\(words.first ?? "")\" in plugin.toml's [[parameters]]")]
                }
                guard let value = words[1] == "none" ? Double.nan : Double(words[1]) else { return [(nil, "bad value \(words[1])")] }
                values[index] = value
                block.set(values)
                return []
            case "serve":
                let (status, body) = rest.splitWord
                guard let code = Int(status), let literal = JSONText.leadingString(body), literal.rest.isEmpty else {
                    return [(nil, "expected serve STATUS \"BODY\"")]
                }
                server.serve(status: code, body: literal.value)
                return []
            case "event":
                guard let result = try event(rest, &call) else { return [(nil, "expected event MSG @TS [now=NOW]")] }
                call.result = result
            case "exec", "request":
                guard let request = command == "request" ? rest : execRequest(rest) else {
                    return [(nil, "expected exec ACTION [velocity=V] [mode=M] [timestamp=MS] [{PARAMS}]")]
                }
                _ = plugin.log.drain()
                _ = server.take()
                call.result = try plugin.execute(json: request).status
            case "metadata":
                // The metadata the loader read through `init` and checked.
                guard let json = plugin.metadataJSON, case .object(let object)? = JSON.parse(json) else {
                    return [(nil, "no metadata object (is the plugin's abi json?)")]
                }
                call.metadata = object
            default:
                return [(nil, "unknown command \"\(command)\"")]
            }
        } catch {
            return [(nil, "\(error)")]
        }
        call.log = plugin.log.drain()
        call.http = server.take()
        return check(command, step.expectations, call)
    }

    /// `midimon_on_event` with the clock at NOW; nil when the line is malformed.
    private func event(_ rest: String, _ call: inout Call) throws(PluginError) -> Int32? {
        let words = rest.words
        guard words.count >= 2, let message = MessageHex.pack(words[0]), words[1].hasPrefix("@"),
              let timestamp = Int64(words[1].dropFirst()) else { return nil }
        var now = timestamp
        for word in words.dropFirst(2) {
            guard word.hasPrefix("now="), let value = Int64(word.dropFirst(4)) else { return nil }
            now = value
        }
        clock.now.store(now, ordering: .relaxed)
        plugin.emitBuffer.removeAll()
        _ = plugin.log.drain()
        _ = server.take()
        let outcome = plugin.onEvent(message: message, timestamp: timestamp)
        call.emits = plugin.emitBuffer.array
        switch outcome {
        case .handled: return 0
        case .pass: return 1
        case .error(let code): return code
        case .trapped(let trap): throw PluginError(.trap, plugin: manifest.name, field: "midimon_on_event", "trapped: \(trap)")
        }
    }

    /// `exec`'s request, MIDIMon's shape with PARAMS as written (nested values, escapes).
    private func execRequest(_ rest: String) -> String? {
        let brace = rest.firstIndex(of: "{") ?? rest.endIndex
        let params = rest[brace...].isEmpty ? "{}" : String(rest[brace...])
        guard case .object? = JSON.parse(params) else { return nil }
        let head = String(rest[..<brace]).words
        guard let action = head.first else { return nil }
        var context = ["velocity": "null", "current_mode": "null", "timestamp": "0"]
        for option in head.dropFirst() {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            let keys = ["velocity": "velocity", "mode": "current_mode", "timestamp": "timestamp"]
            guard parts.count == 2, let key = keys[parts[0]], JSON.parse(parts[1]) != nil else { return nil }
            context[key] = parts[1]
        }
        return "{\"action\": \(JSONText.quote(action)), \"params\": \(params), \"context\": {\"velocity\": \(context["velocity"]!), \"current_mode\": \(context["current_mode"]!), \"timestamp\": \(context["timestamp"]!)}}"
    }

    private func check(_ command: String, _ expectations: [VectorFile.Line], _ call: Call) -> [(line: Int?, text: String)] {
        var problems: [(line: Int?, text: String)] = []
        var sawResult = command == "metadata"
        var emits: [EmitBuffer.Message] = []
        var http: [(line: Int, method: String, target: String)] = []
        for line in expectations {
            let text = line.text.replacingOccurrences(of: "$SERVER", with: server.url)
            let (what, rest) = text.splitWord
            func fail(_ message: String) { problems.append((line.number, message)) }
            switch what {
            case "returns", "status":
                sawResult = true
                guard let want = Int32(rest) else { fail("bad number \(rest)"); continue }
                if call.result != want { fail("\(command == "event" ? "returned" : "status") \(call.result.map(String.init) ?? "nothing"), expected \(want)") }
            case "emit":
                let words = rest.words
                guard words.count == 2, let message = MessageHex.pack(words[0]), words[1].hasPrefix("+"),
                      let delay = Int32(words[1].dropFirst()) else { fail("expected emit MSG +DELAY"); continue }
                emits.append(.init(message: message, delayMicroseconds: delay))
            case "log":
                let (levelName, needleText) = rest.splitWord
                guard let level = [PluginLog.Level.error, .warning, .info, .debug].first(where: { $0.description == levelName }),
                      let needle = JSONText.leadingString(needleText)?.value else { fail("expected log LEVEL \"TEXT\""); continue }
                // The plugin's own lines: host lines (a denied call) are not what the vector means.
                if !call.log.contains(where: { !$0.fromHost && $0.level == level && $0.text.contains(needle) }) {
                    fail("no \(levelName) line containing \(JSONText.quote(needle)); the call logged \(call.log.map { "\($0.fromHost ? "host " : "")\($0)" })")
                }
            case "http":
                let words = rest.words
                guard words.count == 2 else { fail("expected http METHOD PATH"); continue }
                http.append((line.number, words[0], words[1]))
            case "http-body", "http-header":
                guard let index = http.indices.last else { fail("\(what) before any http line"); continue }
                guard let want = JSONText.leadingString(rest)?.value else { fail("expected \(what) \"TEXT\""); continue }
                guard index < call.http.count else { continue }  // the missing request is reported below
                let got = call.http[index]
                if what == "http-body", got.body != want {
                    fail("request body \(JSONText.quote(got.body)), expected \(JSONText.quote(want))")
                } else if what == "http-header" {
                    let (name, value) = Self.header(want)
                    if !got.headers.contains(where: { $0.name.lowercased() == name.lowercased() && $0.value == value }) {
                        fail("no header \(JSONText.quote(want)) in \(got.headers.map { "\($0.name): \($0.value)" })")
                    }
                }
            case "field":
                let (key, json) = rest.splitWord
                guard let want = JSON.parse(json) else { fail("bad JSON \(json)"); continue }
                if call.metadata[key] != want { fail("metadata \(key) is \(call.metadata[key].map(\.description) ?? "absent"), expected \(want)") }
            default:
                fail("unknown expectation \"\(what)\"")
            }
        }
        if !sawResult { problems.append((nil, "no returns/status line")) }
        if command == "event", call.emits != emits {
            problems.append((nil, "emitted \(Self.describe(call.emits)), expected \(Self.describe(emits))"))
        }
        let gotHTTP = call.http.map { "\($0.method) \($0.target)" }, wantHTTP = http.map { "\($0.method) \($0.target)" }
        if gotHTTP != wantHTTP { problems.append((http.first?.line, "HTTP requests \(gotHTTP), expected \(wantHTTP)")) }
        if command == "metadata" { problems += metadataAgreesWithManifest(call.metadata).map { (line: nil as Int?, text: $0) } }
        return problems
    }

    /// The module's metadata and its manifest must tell the same story.
    private func metadataAgreesWithManifest(_ metadata: [String: JSON]) -> [String] {
        var problems: [String] = []
        if metadata["name"] != .string(manifest.name) {
            problems.append("metadata name \(metadata["name"].map(\.description) ?? "absent"), plugin.toml says \(JSONText.quote(manifest.name))")
        }
        var actions: [JSON] = []
        if case .array(let list)? = metadata["actions"] { actions = list }
        let names = actions.map { action -> String in
            if case .object(let o) = action, case .string(let name)? = o["name"] { return name }
            return "\(action)"
        }
        if names != manifest.actions.map(\.name) { problems.append("metadata actions \(names), plugin.toml has \(manifest.actions.map(\.name))") }
        let capabilities = metadata["capabilities"] ?? .array([])
        let want = JSON.array(manifest.capabilities.map { .string($0.rawValue) })
        if capabilities != want { problems.append("metadata capabilities \(capabilities), plugin.toml has \(want)") }
        return problems
    }

    static func header(_ line: String) -> (String, String) {
        guard let colon = line.firstIndex(of: ":") else { return (line, "") }
        return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    static func describe(_ emits: [EmitBuffer.Message]) -> String {
        "[" + emits.map { "\(MessageHex.text($0.message)) +\($0.delayMicroseconds)" }.joined(separator: ", ") + "]"
    }
}
