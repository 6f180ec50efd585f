import Foundation
import MemchatCore

/// Anthropic Messages (`POST {base}/v1/messages`), streamed as typed server-sent events:
/// message_start, content_block_start/delta/stop, message_delta, message_stop, ping and
/// error.
struct AnthropicWire: WireFormat {
    let kind = ProviderKind.anthropic
    static let apiVersion = "2023-06-01"
    /// The API requires max_tokens; this is used when none is configured.
    static let defaultMaxTokens = 4096

    private struct Body: Encodable {
        struct Message: Encodable { var role: String; var content: String }
        var model: String
        var max_tokens: Int
        var system: String?
        var messages: [Message]
        var stream = true
        var temperature: Double?
    }

    func request(_ chat: ChatRequest, settings: ProviderSettings) throws -> HTTPRequest {
        let conversation = Conversation(chat.messages)
        var turns = conversation.turns
        // The API requires the first message to be the user's.
        while turns.first?.role == "assistant" { turns.removeFirst() }
        let body = Body(
            model: settings.model, max_tokens: settings.maxTokens ?? Self.defaultMaxTokens,
            system: conversation.system.isEmpty ? nil : conversation.system,
            messages: turns.map { Body.Message(role: $0.role, content: $0.content) }, temperature: settings.temperature)
        var headers = [
            (name: "Content-Type", value: "application/json"), (name: "Accept", value: "text/event-stream"),
            (name: "anthropic-version", value: Self.apiVersion),
        ]
        if let key = settings.apiKey { headers.append((name: "x-api-key", value: key)) }
        return HTTPRequest(url: try settings.endpoint("/v1/messages"), headers: headers, body: try encode(body))
    }

    func makeDecoder() -> Decoder { Decoder(wire: self) }

    private struct Payload: Decodable {
        struct Message: Decodable { var usage: Usage? }
        struct Usage: Decodable { var input_tokens: Int?; var output_tokens: Int? }
        struct Delta: Decodable { var type: String?; var text: String?; var thinking: String?; var stop_reason: String? }
        struct Failure: Decodable { var type: String?; var message: String? }
        var type: String
        var message: Message?
        var delta: Delta?
        var usage: Usage?
        var error: Failure?
    }

    struct Decoder: StreamDecoder {
        let wire: AnthropicWire
        private var parser = ServerSentEventParser()
        private var summary = FinishInfo(reason: "")
        private var done = false

        init(wire: AnthropicWire) { self.wire = wire }

        mutating func feed(_ bytes: [UInt8], into events: inout [StreamEvent]) throws {
            for event in parser.feed(bytes) { events += try handle(event) }
        }

        mutating func finish(into events: inout [StreamEvent]) throws {
            for event in parser.finish() { events += try handle(event) }
            guard done else { throw ProviderError.incomplete(wire.kind) }
        }

        private mutating func handle(_ event: ServerSentEvent) throws -> [StreamEvent] {
            guard !done else { return [] }
            let payload = try wire.decode(Payload.self, event.data)
            switch payload.type {
            case "message_start":
                summary.promptTokens = payload.message?.usage?.input_tokens
                summary.completionTokens = payload.message?.usage?.output_tokens
            case "content_block_delta":
                switch payload.delta?.type {
                case "text_delta": if let text = payload.delta?.text, !text.isEmpty { return [.text(text)] }
                case "thinking_delta": if let text = payload.delta?.thinking, !text.isEmpty { return [.reasoning(text)] }
                default: break  // signature and tool-input deltas carry no answer text
                }
            case "message_delta":
                if let reason = payload.delta?.stop_reason { summary.reason = reason }
                if let tokens = payload.usage?.output_tokens { summary.completionTokens = tokens }
                if let tokens = payload.usage?.input_tokens { summary.promptTokens = tokens }
            case "message_stop":
                done = true
                if summary.reason.isEmpty { summary.reason = "end_turn" }
                return [.finished(summary)]
            case "error":
                let failure = payload.error
                let message = [failure?.type, failure?.message].compactMap { $0 }.joined(separator: ": ")
                throw ProviderError.streamError(wire.kind, message: message.isEmpty ? WireText.excerpt(event.data) : message)
            default:
                break  // ping, content_block_start/stop and event types added later
            }
            return []
        }
    }
}
