import Foundation
import MemchatCore

/// The status and headers of a response; header names are lowercased.
public struct HTTPResponseHead: Sendable {
    public var status: Int
    public var headers: [String: String]

    public init(status: Int, headers: [String: String]) {
        self.status = status
        self.headers = headers
    }
}

/// A response whose body is still arriving, chunk by chunk as the network delivers it.
public struct HTTPStreamingResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: AsyncThrowingStream<[UInt8], Error>

    public init(head: HTTPResponseHead, body: AsyncThrowingStream<[UInt8], Error>) {
        self.head = head
        self.body = body
    }
}

/// Sends one request and hands back the body as it streams. The one place that knows
/// which HTTP client library memchat uses.
public protocol HTTPTransport: Sendable {
    /// `timeout` bounds the connection and every wait for more bytes. Errors are
    /// `HTTPTransportError`.
    func send(_ request: HTTPRequest, timeout: Double) async throws -> HTTPStreamingResponse
}

/// What can go wrong below HTTP, in words a provider error can quote.
public enum HTTPTransportError: Error, Equatable, CustomStringConvertible {
    case unreachable(String)
    case timedOut
    case connectionLost(String)

    public var description: String {
        switch self {
        case .unreachable(let reason): return reason
        case .timedOut: return "timed out"
        case .connectionLost(let reason): return reason
        }
    }
}
