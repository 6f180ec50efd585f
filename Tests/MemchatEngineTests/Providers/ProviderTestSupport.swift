import Foundation
import MemchatCore
import MemchatTestSupport
@testable import MemchatEngine

/// What a provider streamed: the answer text, the reasoning, how it finished, and the
/// error that ended it, if any.
struct Streamed {
    var text = ""
    var reasoning = ""
    var finish: FinishInfo?
    var error: Error?

    var providerError: ProviderError? { error as? ProviderError }
}

enum ProviderHarness {
    static let key = "sk-test-secret-key"

    static let request = ChatRequest(model: "m", messages: [
        ChatMessage(role: .system, content: "Be brief."),
        ChatMessage(role: .user, content: "Hello?"),
    ])

    /// A provider of `kind` pointed at `server`, with short timeouts and backoffs so that
    /// the failure cases run fast.
    static func provider(
        _ kind: ProviderKind, at server: ScriptedHTTPServer, path: String = "", timeout: Double = 5, retries: Int = 2
    ) -> any ChatProvider {
        let settings = ProviderSettings(
            kind: kind, model: "test-model", baseURL: server.baseURL + path, apiKey: key, timeout: timeout, maxRetries: retries)
        let transport = AsyncHTTPClientTransport()
        switch kind {
        case .openai: return HTTPProvider(wire: OpenAIWire(), settings: settings, transport: transport, backoff: 0.01)
        case .anthropic: return HTTPProvider(wire: AnthropicWire(), settings: settings, transport: transport, backoff: 0.01)
        default: return HTTPProvider(wire: OllamaWire(), settings: settings, transport: transport, backoff: 0.01)
        }
    }

    static func collect(_ provider: any ChatProvider, _ request: ChatRequest = request) async -> Streamed {
        var streamed = Streamed()
        do {
            for try await event in provider.stream(request) {
                switch event {
                case .text(let text): streamed.text += text
                case .reasoning(let text): streamed.reasoning += text
                case .finished(let info): streamed.finish = info
                }
            }
        } catch {
            streamed.error = error
        }
        return streamed
    }

    /// `data: JSON` lines as an OpenAI-compatible server writes them.
    static func sse(_ payloads: [String], event: String? = nil) -> String {
        payloads.map { (event.map { "event: \($0)\n" } ?? "") + "data: \($0)\n\n" }.joined()
    }

    /// Cuts `text` into pieces of `size` bytes' worth of characters, so that events, lines
    /// and JSON values straddle reads.
    static func pieces(_ text: String, size: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if current.utf8.count >= size {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
