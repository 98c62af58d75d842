import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import PluginHost

/// `midimon.http_request` over async-http-client: the request runs on the client's event
/// loop; the plugin's thread (a JSON-ABI action, never the event path) waits for it, at most
/// the request's timeout (a deadline on the whole request: connect, send, receive).
///
/// Uses `HTTPClient.shared`, the process-wide client that needs no shutdown, so a transport
/// can be made and dropped freely (one per host is enough).
public struct AsyncHTTPTransport: HTTPTransport {
    public init() {}

    public func perform(_ request: PluginHost.HTTPRequest) -> Result<HTTPResponse, HTTPFailure> {
        let outgoing: HTTPClient.Request
        do {
            var headers = HTTPHeaders()
            for header in request.headers { headers.add(name: header.name, value: header.value) }
            outgoing = try HTTPClient.Request(
                url: request.url, method: HTTPMethod(rawValue: request.method), headers: headers,
                body: request.body.isEmpty ? nil : .bytes(request.body))
        } catch {
            return .failure(HTTPFailure(.badRequest, "\(error)"))
        }
        let nanoseconds = request.timeout.components.seconds * 1_000_000_000 + request.timeout.components.attoseconds / 1_000_000_000
        let deadline = NIODeadline.now() + .nanoseconds(max(nanoseconds, 1))
        do {
            // Blocking here is the point: the caller is a plugin thread, not an event loop.
            let response = try HTTPClient.shared.execute(request: outgoing, deadline: deadline).wait()
            let body = response.body.map { Array($0.readableBytesView) } ?? []
            return .success(HTTPResponse(status: Int(response.status.code), body: body))
        } catch let error as HTTPClientError where Self.isTimeout(error) {
            return .failure(HTTPFailure(.timedOut, "no response within \(request.timeout)"))
        } catch {
            return .failure(HTTPFailure(.failed, "\(error)"))
        }
    }

    static func isTimeout(_ error: HTTPClientError) -> Bool {
        [HTTPClientError.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error)
    }
}
