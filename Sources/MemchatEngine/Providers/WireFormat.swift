import Foundation
import MemchatCore

/// One HTTP request, independent of the client that sends it.
public struct HTTPRequest: Sendable {
    public var url: URL
    public var method = "POST"
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(url: URL, method: String = "POST", headers: [(name: String, value: String)], body: Data) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }
}

/// Turns the body of a streamed answer into events, however the bytes are chunked. Events
/// decoded before a bad one are appended before the error is thrown, so none is lost.
protocol StreamDecoder: Sendable {
    mutating func feed(_ bytes: [UInt8], into events: inout [StreamEvent]) throws
    /// At the end of the body: the last events, or an error when the answer was cut short.
    mutating func finish(into events: inout [StreamEvent]) throws
}

/// What differs between the model APIs: how a request is written, how the streamed
/// answer is read, and where an error body keeps its message.
protocol WireFormat: Sendable {
    associatedtype Decoder: StreamDecoder
    var kind: ProviderKind { get }
    func request(_ chat: ChatRequest, settings: ProviderSettings) throws -> HTTPRequest
    func makeDecoder() -> Decoder
}

extension WireFormat {
    /// The message in an error body: `{"error": {"message": ...}}` (OpenAI, Anthropic),
    /// `{"error": "..."}` (Ollama), or the text itself, shortened.
    func errorMessage(body: [UInt8]) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
            if let error = object["error"] as? [String: Any], let message = error["message"] as? String { return message }
            if let error = object["error"] as? String { return error }
            if let message = object["message"] as? String { return message }
        }
        return WireText.excerpt(String(decoding: body, as: UTF8.self))
    }

    /// Decodes one JSON payload of the stream, or says which one could not be read.
    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw ProviderError.malformedStream(kind, detail: "not the expected JSON: \(WireText.excerpt(text))")
        }
    }

    func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return try encoder.encode(value)
    }
}

enum WireText {
    /// The first line or 160 characters of a payload, for error messages.
    static func excerpt(_ text: String) -> String {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 160 ? String(line.prefix(160)) + "…" : line
    }
}

/// Messages as every chat API takes them: system text apart, then user and assistant
/// turns alternating (consecutive turns of one role are joined).
struct Conversation {
    var system: String
    var turns: [(role: String, content: String)]

    init(_ messages: [ChatMessage]) {
        system = messages.filter { $0.role == .system }.map(\.content).joined(separator: "\n\n")
        turns = []
        for message in messages where message.role == .user || message.role == .assistant {
            let role = message.role == .user ? "user" : "assistant"
            if let last = turns.last, last.role == role {
                turns[turns.count - 1].content += "\n\n" + message.content
            } else {
                turns.append((role, message.content))
            }
        }
    }
}
