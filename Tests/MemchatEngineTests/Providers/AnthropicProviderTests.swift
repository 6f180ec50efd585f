import Foundation
import MemchatCore
import MemchatTestSupport
import Testing
@testable import MemchatEngine

/// The Anthropic Messages provider against a local server speaking its typed events.
@Suite("Anthropic provider")
struct AnthropicProviderTests {
    static func event(_ type: String, _ data: String) -> String { "event: \(type)\ndata: \(data)\n\n" }

    static let answer = [
        event("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"test-model","stop_reason":null,"usage":{"input_tokens":25,"output_tokens":1}}}"#),
        event("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}"#),
        event("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me see."}}"#),
        event("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}}"#),
        event("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        event("ping", #"{"type": "ping"}"#),
        event("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"#),
        event("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Bonjour"}}"#),
        event("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":" à toi"}}"#),
        event("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
        event("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}"#),
        event("message_stop", #"{"type":"message_stop"}"#),
    ].joined()

    @Test func streamsTypedEventsSplitAcrossReads() async throws {
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream(ProviderHarness.pieces(Self.answer, size: 11), pause: 1)])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.anthropic, at: server))
        #expect(streamed.error == nil)
        #expect(streamed.text == "Bonjour à toi")
        #expect(streamed.reasoning == "Let me see.")
        #expect(streamed.finish == FinishInfo(reason: "end_turn", promptTokens: 25, completionTokens: 15))

        let request = try #require(server.requests.first)
        #expect(request.path == "/v1/messages")
        #expect(request.headers["x-api-key"] == ProviderHarness.key)
        #expect(request.headers["anthropic-version"] == "2023-06-01")
        #expect(request.headers["authorization"] == nil)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        #expect(body["system"] as? String == "Be brief.")
        #expect(body["max_tokens"] as? Int == 4096)
        #expect(body["messages"] as? [[String: String]] == [["role": "user", "content": "Hello?"]])
    }

    @Test func errorEventMidStreamIsReported() async throws {
        let body = Self.answer.components(separatedBy: "event: content_block_stop").first ?? ""
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream([
            body, Self.event("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
        ])])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.anthropic, at: server))
        #expect(streamed.reasoning == "Let me see.")
        #expect(streamed.providerError == .streamError(.anthropic, message: "overloaded_error: Overloaded"))
    }

    @Test func refusedKeyAndOverloadAreReported() async throws {
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.reply(
            status: 401, body: #"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#)])
        let refused = await ProviderHarness.collect(ProviderHarness.provider(.anthropic, at: server))
        #expect(refused.providerError == .unauthorized(.anthropic, status: 401, message: "invalid x-api-key"))
        #expect(refused.providerError?.description.contains("check ANTHROPIC_API_KEY") == true)

        let overloaded = ScriptedHTTPServer.reply(status: 529, body: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        let busy = try ScriptedHTTPServer(replies: [overloaded, ScriptedHTTPServer.stream([Self.answer])])
        #expect(await ProviderHarness.collect(ProviderHarness.provider(.anthropic, at: busy)).text == "Bonjour à toi")
        #expect(busy.requests.count == 2, "529 is a server failure, retried")
    }

    @Test func streamWithoutMessageStopIsIncomplete() async throws {
        let body = Self.answer.components(separatedBy: "event: message_delta").first ?? ""
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream([body])])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.anthropic, at: server))
        #expect(streamed.text == "Bonjour à toi")
        #expect(streamed.providerError == .incomplete(.anthropic))
    }
}
