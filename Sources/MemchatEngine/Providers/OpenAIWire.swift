import Foundation
import MemchatCore

/// OpenAI-compatible chat completions (`POST {base}/chat/completions`, server-sent
/// events ending with `data: [DONE]`): OpenAI, LM Studio, llama.cpp server, vLLM,
/// OpenRouter and others.
struct OpenAIWire: WireFormat {
    let kind = ProviderKind.openai

    private struct Body: Encodable {
        struct Message: Encodable { var role: String; var content: String }
        struct StreamOptions: Encodable { var include_usage = true }
        var model: String
        var messages: [Message]
        var stream = true
        var stream_options = StreamOptions()
        var max_tokens: Int?
        var temperature: Double?
    }

    func request(_ chat: ChatRequest, settings: ProviderSettings) throws -> HTTPRequest {
        let conversation = Conversation(chat.messages)
        var messages = conversation.system.isEmpty ? [] : [Body.Message(role: "system", content: conversation.system)]
        messages += conversation.turns.map { Body.Message(role: $0.role, content: $0.content) }
        let body = Body(model: settings.model, messages: messages, max_tokens: settings.maxTokens, temperature: settings.temperature)
        var headers = [(name: "Content-Type", value: "application/json"), (name: "Accept", value: "text/event-stream")]
        if let key = settings.apiKey { headers.append((name: "Authorization", value: "Bearer \(key)")) }
        return HTTPRequest(url: try settings.endpoint("/chat/completions"), headers: headers, body: try encode(body))
    }

    func makeDecoder() -> Decoder { Decoder(wire: self) }

    /// One `chat.completion.chunk`; `reasoning_content` (DeepSeek, vLLM, llama.cpp) and
    /// `reasoning` (OpenRouter, Ollama's compatible endpoint) carry thinking text.
    private struct Chunk: Decodable {
        struct Choice: Decodable {
            struct Delta: Decodable { var content: String?; var reasoning_content: String?; var reasoning: String? }
            var delta: Delta?
            var finish_reason: String?
        }
        struct Usage: Decodable { var prompt_tokens: Int?; var completion_tokens: Int? }
        struct Failure: Decodable { var message: String? }
        var choices: [Choice]?
        var usage: Usage?
        var error: Failure?
    }

    struct Decoder: StreamDecoder {
        let wire: OpenAIWire
        private var parser = ServerSentEventParser()
        private var summary = FinishInfo(reason: "")
        private var done = false

        init(wire: OpenAIWire) { self.wire = wire }

        mutating func feed(_ bytes: [UInt8], into events: inout [StreamEvent]) throws {
            for event in parser.feed(bytes) { events += try handle(event) }
        }

        mutating func finish(into events: inout [StreamEvent]) throws {
            for event in parser.finish() { events += try handle(event) }
            if done { return }
            // Some servers close without [DONE] after a finish reason; that answer is whole.
            guard !summary.reason.isEmpty else { throw ProviderError.incomplete(wire.kind) }
            done = true
            events.append(.finished(summary))
        }

        private mutating func handle(_ event: ServerSentEvent) throws -> [StreamEvent] {
            guard !done else { return [] }
            if event.data.trimmingCharacters(in: .whitespaces) == "[DONE]" {
                done = true
                if summary.reason.isEmpty { summary.reason = "stop" }
                return [.finished(summary)]
            }
            let chunk = try wire.decode(Chunk.self, event.data)
            if let error = chunk.error {
                throw ProviderError.streamError(wire.kind, message: error.message ?? WireText.excerpt(event.data))
            }
            if let usage = chunk.usage {
                summary.promptTokens = usage.prompt_tokens ?? summary.promptTokens
                summary.completionTokens = usage.completion_tokens ?? summary.completionTokens
            }
            var events: [StreamEvent] = []
            for choice in chunk.choices ?? [] {
                if let thinking = choice.delta?.reasoning_content ?? choice.delta?.reasoning, !thinking.isEmpty {
                    events.append(.reasoning(thinking))
                }
                if let text = choice.delta?.content, !text.isEmpty { events.append(.text(text)) }
                if let reason = choice.finish_reason { summary.reason = reason }
            }
            return events
        }
    }
}
