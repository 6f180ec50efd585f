import AsyncHTTPClient
import Foundation
import MemchatCore
import NIOCore
import NIOHTTP1

/// `HTTPTransport` on async-http-client (SwiftNIO). One client per proxy setting lives
/// for the whole process: creating a client starts event-loop threads, and a client must
/// be shut down before it goes away, which a process-lifetime client never needs.
///
/// A refused or reset connection fails the request at once: async-http-client would
/// otherwise retry connecting until the timeout, so a stopped model server (or the
/// Ollama probe on a machine without Ollama) cost the whole timeout instead of a clear
/// "connection refused" right away.
public struct AsyncHTTPClientTransport: HTTPTransport {
    let proxy: ProxySettings

    public init(proxy: ProxySettings = ProxySettings()) {
        self.proxy = proxy
    }

    public func send(_ request: HTTPRequest, timeout: Double) async throws -> HTTPStreamingResponse {
        let client = SharedClients.client(proxy: proxy.proxy(for: request.url), timeout: timeout)
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, timeout: .milliseconds(Int64(timeout * 1000)))
        } catch let error as CancellationError {
            throw error
        } catch {
            throw Self.transportError(error, streaming: false)
        }
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        let body = AsyncThrowingStream<[UInt8], Error> { continuation in
            let task = Task {
                do {
                    for try await buffer in response.body {
                        continuation.yield(Array(buffer.readableBytesView))
                    }
                    continuation.finish()
                } catch is CancellationError {
                    continuation.finish(throwing: CancellationError())
                } catch {
                    continuation.finish(throwing: Self.transportError(error, streaming: true))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        return HTTPStreamingResponse(head: HTTPResponseHead(status: Int(response.status.code), headers: headers), body: body)
    }

    private static func transportError(_ error: Error, streaming: Bool) -> HTTPTransportError {
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout, .deadlineExceeded, .connectTimeout, .getConnectionFromPoolTimeout:
                return .timedOut
            case .remoteConnectionClosed:
                return streaming ? .connectionLost("closed by the server") : .unreachable("the server closed the connection")
            default:
                break
            }
        }
        let reason = Self.describe(error)
        return streaming ? .connectionLost(reason) : .unreachable(reason)
    }

    /// NIO's errors name the syscall ("connect(descriptor:addr:size:): Connection refused
    /// (errno: 111)"); the reason after the last colon, without the errno, is what a user needs.
    private static func describe(_ error: Error) -> String {
        var text = String(describing: error)
        if let errno = text.range(of: " (errno: ") { text = String(text[..<errno.lowerBound]) }
        if let range = text.range(of: ": ", options: .backwards) { text = String(text[range.upperBound...]) }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: ") "))
    }
}

/// Clients by proxy and timeout, created on first use and kept for the process.
private enum SharedClients {
    private struct Key: Hashable {
        var proxy: ProxySettings.Server?
        var timeout: Double
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var clients: [Key: HTTPClient] = [:]

    static func client(proxy: ProxySettings.Server?, timeout: Double) -> HTTPClient {
        lock.withLock {
            let key = Key(proxy: proxy, timeout: timeout)
            if let client = clients[key] { return client }
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.retryConnectionEstablishment = false
            configuration.timeout = .init(connect: .milliseconds(Int64(min(timeout, 10) * 1000)), read: .milliseconds(Int64(timeout * 1000)))
            if let proxy {
                configuration.proxy = .server(
                    host: proxy.host, port: proxy.port,
                    authorization: proxy.credentials.map { .basic(credentials: $0) })
            }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[key] = client
            return client
        }
    }
}
