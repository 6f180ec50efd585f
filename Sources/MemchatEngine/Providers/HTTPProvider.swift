import Foundation
import MemchatCore

/// A model behind an HTTP API: sends the request in the provider's wire format, retries
/// rate limits and server failures a bounded number of times (waiting for Retry-After
/// when the server names a short wait, else backing off), then streams the decoded answer.
struct HTTPProvider<Wire: WireFormat>: ChatProvider {
    let wire: Wire
    let settings: ProviderSettings
    let transport: any HTTPTransport
    /// The first backoff; doubled for each further retry.
    var backoff: Double = 0.5
    /// A Retry-After longer than this is not waited for: the error says how long instead.
    var longestWait: Double = 20

    var name: String { wire.kind.rawValue }
    var model: String { settings.model }

    func stream(_ chat: ChatRequest) -> AsyncThrowingStream<StreamEvent, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let response = try await connect(chat)
                    var decoder = wire.makeDecoder()
                    /// Yields what was decoded, then rethrows what stopped the decoder.
                    func deliver(_ step: (inout [StreamEvent]) throws -> Void) throws {
                        var events: [StreamEvent] = []
                        defer { events.forEach { continuation.yield($0) } }
                        try step(&events)
                    }
                    do {
                        for try await chunk in response.body {
                            try deliver { try decoder.feed(chunk, into: &$0) }
                        }
                    } catch let error as HTTPTransportError {
                        throw providerError(error)
                    }
                    try deliver { try decoder.finish(into: &$0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Sends the request until a 2xx head arrives, retrying what is worth retrying.
    private func connect(_ chat: ChatRequest) async throws -> HTTPStreamingResponse {
        if !settings.keyIsOptional, settings.apiKey?.isEmpty ?? true { throw ProviderError.missingKey(wire.kind) }
        let request = try wire.request(chat, settings: settings)
        var attempt = 0
        while true {
            let response: HTTPStreamingResponse
            do {
                response = try await transport.send(request, timeout: settings.timeout)
            } catch let error as HTTPTransportError {
                throw providerError(error, url: request.url)
            }
            if (200..<300).contains(response.head.status) { return response }
            let error = try await failure(response)
            guard error.isRetryable, attempt < settings.maxRetries else { throw error }
            let retryAfter = response.head.headers["retry-after"].flatMap { RetryAfter.seconds($0) }
            if let retryAfter, retryAfter > longestWait { throw error }
            try await Task.sleep(for: .seconds(retryAfter ?? backoff * Double(1 << attempt)))
            attempt += 1
        }
    }

    /// The error a non-2xx response stands for, with the message from its body.
    private func failure(_ response: HTTPStreamingResponse) async throws -> ProviderError {
        var body: [UInt8] = []
        do {
            for try await chunk in response.body where body.count < 64 * 1024 { body += chunk }
        } catch is HTTPTransportError {
            // The message is a courtesy; the status says enough.
        }
        let message = wire.errorMessage(body: body)
        let status = response.head.status
        switch status {
        case 401, 403: return .unauthorized(wire.kind, status: status, message: message)
        case 429:
            let retryAfter = response.head.headers["retry-after"].flatMap { RetryAfter.seconds($0) }
            return .rateLimited(wire.kind, retryAfter: retryAfter, message: message)
        default: return .http(wire.kind, status: status, message: message)
        }
    }

    private func providerError(_ error: HTTPTransportError, url: URL? = nil) -> ProviderError {
        switch error {
        case .timedOut: return .timedOut(wire.kind, seconds: settings.timeout)
        case .unreachable(let reason): return .connection(wire.kind, url: url?.absoluteString ?? settings.baseURL, reason: reason)
        case .connectionLost(let reason): return .connectionLost(wire.kind, reason: reason)
        }
    }
}

/// The `Retry-After` header: delay seconds or an HTTP date.
enum RetryAfter {
    static func seconds(_ value: String, now: Date = Date()) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text) { return max(seconds, 0) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text).map { max($0.timeIntervalSince(now), 0) }
    }
}
