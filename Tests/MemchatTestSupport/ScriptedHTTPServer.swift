import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP/1.1 server on 127.0.0.1, built on plain sockets, that answers each
/// connection with the next scripted reply and records what was asked. Replies are
/// written step by step, with pauses, so that bytes arrive in separate TCP reads, and a
/// reply can end in a connection reset.
public final class ScriptedHTTPServer: @unchecked Sendable {
    public enum Step: Sendable {
        case send(String)
        case pause(milliseconds: Int)
        /// Closes with a TCP reset (SO_LINGER 0) instead of an orderly close.
        case reset
        /// Holds the rest of the reply until the test calls `release()` (at most 30 s, long
        /// enough that a test starved of threads on a busy machine is not mistaken for a
        /// client that buffers).
        case waitForRelease
        /// Reads (and records) the next request on the same connection: what a client sends
        /// through a tunnel once a proxy said "200 Connection established". Replying only
        /// after it came keeps the reply out of the proxy response's TCP read.
        case receiveRequest
    }

    public struct RecordedRequest: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: String
    }

    private let listener: Int32
    public let port: Int
    private let lock = NSLock()
    private var replies: [[Step]]
    private var recorded: [RecordedRequest] = []
    private let released = DispatchSemaphore(value: 0)
    private var heldTooLong = false

    private var completed = 0
    private var stopped = false

    /// Replies written to the end so far.
    public var completedReplies: Int { lock.withLock { completed } }

    /// True when a `.waitForRelease` step gave up waiting for `release()`.
    public var releaseTimedOut: Bool { lock.withLock { heldTooLong } }

    public func release() { released.signal() }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public var requests: [RecordedRequest] { lock.withLock { recorded } }

    public init(replies: [[Step]]) throws {
        self.replies = replies
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// A local port nothing listens on (it was bound a moment ago), so connecting is refused.
    public static func closedPort() throws -> Int {
        let server = try ScriptedHTTPServer(replies: [])
        server.stop()
        return server.port
    }

    /// Stops listening; once only, so the descriptor is never closed twice.
    public func stop() {
        guard lock.withLock({ () -> Bool in defer { stopped = true }; return !stopped }) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        guard let request = readRequest(connection) else { close(connection); return }
        let steps: [Step] = lock.withLock {
            recorded.append(request)
            return replies.isEmpty ? Self.reply(status: 500, body: "{\"error\":\"no scripted reply left\"}") : replies.removeFirst()
        }
        for step in steps {
            switch step {
            case .send(let text):
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
            case .pause(let milliseconds):
                usleep(useconds_t(milliseconds * 1000))
            case .waitForRelease:
                if released.wait(timeout: .now() + 30) == .timedOut { lock.withLock { heldTooLong = true } }
            case .receiveRequest:
                guard let tunnelled = readRequest(connection) else { close(connection); return }
                lock.withLock { recorded.append(tunnelled) }
            case .reset:
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                close(connection)
                return
            }
        }
        lock.withLock { completed += 1 }
        // Read what the client still sends (a request through a tunnel) before closing,
        // so that the close is orderly rather than a reset.
        shutdown(connection, Int32(SHUT_WR))
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        while recv(connection, &buffer, buffer.count, 0) > 0 {}
        close(connection)
    }

    private func readRequest(_ connection: Int32) -> RecordedRequest? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var contentLength = 0
        while true {
            if let end = headerEnd, data.count >= end + contentLength { break }
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data += buffer[0..<count]
            if headerEnd == nil, let range = data.firstRange(of: Array("\r\n\r\n".utf8)) {
                headerEnd = range.upperBound
                let head = String(decoding: data[..<range.lowerBound], as: UTF8.self)
                for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                    contentLength = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
        }
        guard let end = headerEnd else { return nil }
        let lines = String(decoding: data[..<(end - 4)], as: UTF8.self).split(separator: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RecordedRequest(
            method: requestLine.first.map(String.init) ?? "", path: requestLine.dropFirst().first.map(String.init) ?? "",
            headers: headers, body: String(decoding: data[end...], as: UTF8.self))
    }

    // MARK: Building replies

    /// A whole response with a Content-Length body.
    public static func reply(status: Int, headers: [String: String] = [:], body: String) -> [Step] {
        var head = "HTTP/1.1 \(status) Scripted\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        return [.send(head + "Connection: close\r\n\r\n" + body)]
    }

    /// A streamed 200 response: each piece is sent as its own HTTP chunk after a pause,
    /// so pieces arrive in separate reads. With `reset` the connection is reset after
    /// the last piece instead of ending the body.
    public static func stream(
        _ pieces: [String], contentType: String = "text/event-stream", pause: Int = 5, reset: Bool = false
    ) -> [Step] {
        var steps: [Step] = [.send("HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")]
        for piece in pieces {
            steps.append(.send(String(piece.utf8.count, radix: 16) + "\r\n" + piece + "\r\n"))
            steps.append(.pause(milliseconds: pause))
        }
        steps.append(reset ? .reset : .send("0\r\n\r\n"))
        return steps
    }
}
