import Foundation
import MemchatCore

/// Ollama's native chat API (`POST {host}/api/chat`), streamed as one JSON object per
/// line (NDJSON); the last one has `"done": true` and the token counts.
struct OllamaWire: WireFormat {
    let kind = ProviderKind.ollama

    private struct Body: Encodable {
        struct Message: Encodable { var role: String; var content: String }
        struct Options: Encodable { var temperature: Double?; var num_predict: Int? }
        var model: String
        var messages: [Message]
        var stream = true
        var options: Options?
    }

    func request(_ chat: ChatRequest, settings: ProviderSettings) throws -> HTTPRequest {
        let conversation = Conversation(chat.messages)
        var messages = conversation.system.isEmpty ? [] : [Body.Message(role: "system", content: conversation.system)]
        messages += conversation.turns.map { Body.Message(role: $0.role, content: $0.content) }
        let options = settings.temperature == nil && settings.maxTokens == nil
            ? nil : Body.Options(temperature: settings.temperature, num_predict: settings.maxTokens)
        let body = Body(model: settings.model, messages: messages, options: options)
        return HTTPRequest(
            url: try settings.endpoint("/api/chat"), headers: [(name: "Content-Type", value: "application/json")],
            body: try encode(body))
    }

    func makeDecoder() -> Decoder { Decoder(wire: self) }

    private struct Line: Decodable {
        struct Message: Decodable { var content: String?; var thinking: String? }
        var message: Message?
        var done: Bool?
        var done_reason: String?
        var prompt_eval_count: Int?
        var eval_count: Int?
        var error: String?
    }

    struct Decoder: StreamDecoder {
        let wire: OllamaWire
        private var lines = LineSplitter()
        private var done = false

        init(wire: OllamaWire) { self.wire = wire }

        mutating func feed(_ bytes: [UInt8], into events: inout [StreamEvent]) throws {
            for line in lines.feed(bytes) { events += try handle(line) }
        }

        mutating func finish(into events: inout [StreamEvent]) throws {
            if let line = lines.finish() { events += try handle(line) }
            guard done else { throw ProviderError.incomplete(wire.kind) }
        }

        private mutating func handle(_ text: String) throws -> [StreamEvent] {
            guard !done, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
            let line = try wire.decode(Line.self, text)
            if let error = line.error { throw ProviderError.streamError(wire.kind, message: error) }
            var events: [StreamEvent] = []
            if let thinking = line.message?.thinking, !thinking.isEmpty { events.append(.reasoning(thinking)) }
            if let content = line.message?.content, !content.isEmpty { events.append(.text(content)) }
            if line.done == true {
                done = true
                events.append(.finished(FinishInfo(
                    reason: line.done_reason ?? "stop", promptTokens: line.prompt_eval_count, completionTokens: line.eval_count)))
            }
            return events
        }
    }
}
