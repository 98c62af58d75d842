import PluginABI
import Runtime

/// `midimon.http_request`, for a plugin that has the `network` capability (docs/plugin-abi.md,
/// "HTTP"):
///
/// ```
/// http_request(method_ptr, method_len, url_ptr, url_len, headers_ptr, headers_len,
///              body_ptr, body_len, response_ptr, response_capacity: i32) -> i64
/// ```
///
/// `method` empty means GET; `headers` is `Name: value` lines separated by `\n`. The response
/// body is copied to `response_ptr` (at most `response_capacity` bytes); the result is
/// `status << 32 | full body length`, or a negative ``HostImport/HTTPStatus``. Every failure
/// is also logged into the plugin's log. The call blocks the plugin's thread up to the
/// timeout (``HTTPSettings``); the event ABI may not import it.
enum HTTPHostFunction {
    static func make(_ context: PluginContext) -> HostFunction {
        let log = context.log
        let settings = context.http
        let name = context.name
        return HostFunction(type: HostImport.httpRequest.type, body: { caller, values in
            func fail(_ status: HostImport.HTTPStatus, _ message: String) -> TrapCode? {
                log.append(.error, "midimon.http_request: \(message)")
                values[0] = UInt64(bitPattern: status.rawValue)
                return nil
            }
            guard let memory = caller.memory else { return fail(.badRequest, "plugin \(name) has no memory") }
            func slice(_ index: Int) -> (offset: Int, count: Int) {
                (Int(UInt32(truncatingIfNeeded: values[index])), Int(UInt32(truncatingIfNeeded: values[index + 1])))
            }
            func read(_ index: Int, _ what: String) -> [UInt8]? {
                let (offset, count) = slice(index)
                return memory.read(at: offset, count: count)
            }
            guard let method = read(0, "method"), let url = read(2, "url"), let headers = read(4, "headers"),
                  let body = read(6, "body") else {
                return fail(.badRequest, "a pointer/length pair lies outside the plugin's memory")
            }
            let response = slice(8)
            guard response.offset + response.count <= memory.byteCount else {
                return fail(.badRequest, "the response buffer lies outside the plugin's memory")
            }
            let methodText = method.isEmpty ? "GET" : String(decoding: method, as: UTF8.self).uppercased()
            guard methodText.allSatisfy({ $0.isLetter }) else { return fail(.badRequest, "bad method \"\(methodText)\"") }
            let urlText = String(decoding: url, as: UTF8.self)
            guard urlText.hasPrefix("http://") || urlText.hasPrefix("https://") else {
                return fail(.badRequest, "only http:// and https:// URLs (got \"\(urlText)\")")
            }
            var headerList: [(name: String, value: String)] = []
            for line in String(decoding: headers, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
                guard let colon = line.firstIndex(of: ":") else { return fail(.badRequest, "header line without a colon: \"\(line)\"") }
                headerList.append((String(line[..<colon]).trimmingSpaces, String(line[line.index(after: colon)...]).trimmingSpaces))
            }
            guard let transport = settings.transport else {
                return fail(.unavailable, "this host has no HTTP client")
            }
            let request = HTTPRequest(method: methodText, url: urlText, headers: headerList, body: body, timeout: settings.timeout)
            switch transport.perform(request) {
            case .failure(let failure):
                let status: HostImport.HTTPStatus = switch failure.kind {
                case .timedOut: .timedOut
                case .badRequest: .badRequest
                case .failed: .failed
                }
                return fail(status, "\(methodText) \(urlText): \(failure.message)")
            case .success(let reply):
                let kept = Array(reply.body.prefix(min(response.count, HTTPSettings.maximumResponseBytes)))
                memory.write(kept, at: response.offset)
                values[0] = UInt64(reply.status) << 32 | UInt64(UInt32(clamping: reply.body.count))
                return nil
            }
        })
    }
}
