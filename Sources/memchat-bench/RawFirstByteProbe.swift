import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The server's own latency: a plain socket client that connects, sends one chat
/// completions request and stops at the first `data:` bytes of the answer. No HTTP
/// library, no parsing beyond finding those bytes.
struct RawFirstByteProbe {
    let port: Int
    let body: String

    func measure() throws -> Double {
        let request = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
            + "Accept: text/event-stream\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
        let clock = ContinuousClock()
        let start = clock.now
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchError(description: "cannot open a socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw BenchError(description: "cannot connect to 127.0.0.1:\(port)") }
        let bytes = Array(request.utf8)
        guard send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else {
            throw BenchError(description: "cannot send the request")
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let marker = Array("data:".utf8)
        while received.firstRange(of: marker) == nil {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { throw BenchError(description: "the server closed before the first event") }
            received += buffer[0..<count]
        }
        return Stopwatch.milliseconds(start.duration(to: clock.now))
    }
}
