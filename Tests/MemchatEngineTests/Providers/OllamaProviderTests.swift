import Foundation
import MemchatCore
import MemchatTestSupport
import Testing
@testable import MemchatEngine

/// The Ollama provider against a local server speaking `/api/chat` NDJSON.
@Suite("Ollama provider")
struct OllamaProviderTests {
    static let lines = [
        #"{"model":"test-model","created_at":"2026-11-23T10:00:00Z","message":{"role":"assistant","content":"","thinking":"Hmm."},"done":false}"#,
        #"{"model":"test-model","created_at":"2026-11-23T10:00:00Z","message":{"role":"assistant","content":"Hi"},"done":false}"#,
        #"{"model":"test-model","created_at":"2026-11-23T10:00:00Z","message":{"role":"assistant","content":" there 👋"},"done":false}"#,
        #"{"model":"test-model","created_at":"2026-11-23T10:00:01Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":1000,"prompt_eval_count":26,"eval_count":4}"#,
    ]

    @Test func streamsNDJSONSplitAcrossReads() async throws {
        let body = Self.lines.joined(separator: "\n") + "\n"
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream(
            ProviderHarness.pieces(body, size: 9), contentType: "application/x-ndjson", pause: 1)])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.ollama, at: server))
        #expect(streamed.error == nil)
        #expect(streamed.text == "Hi there 👋")
        #expect(streamed.reasoning == "Hmm.")
        #expect(streamed.finish == FinishInfo(reason: "stop", promptTokens: 26, completionTokens: 4))

        let request = try #require(server.requests.first)
        #expect(request.path == "/api/chat")
        #expect(request.headers["authorization"] == nil)
        let sent = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        #expect(sent["model"] as? String == "test-model")
        #expect((sent["messages"] as? [[String: String]])?.first == ["role": "system", "content": "Be brief."])
    }

    @Test func unknownModelAndErrorLinesAreReported() async throws {
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.reply(status: 404, body: #"{"error":"model \"nope\" not found, try pulling it first"}"#)])
        let missing = await ProviderHarness.collect(ProviderHarness.provider(.ollama, at: server))
        let error = try #require(missing.providerError)
        #expect(error == .http(.ollama, status: 404, message: #"model "nope" not found, try pulling it first"#))
        #expect(error.description.hasSuffix("; check the model name and OLLAMA_HOST"))

        let failing = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream(
            [Self.lines[1] + "\n", #"{"error":"llama runner process has terminated"}"# + "\n"], contentType: "application/x-ndjson")])
        let streamed = await ProviderHarness.collect(ProviderHarness.provider(.ollama, at: failing))
        #expect(streamed.text == "Hi")
        #expect(streamed.providerError == .streamError(.ollama, message: "llama runner process has terminated"))
    }

    @Test func lastLineWithoutNewlineAndMissingDone() async throws {
        let whole = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream([Self.lines.joined(separator: "\n")])])
        #expect(await ProviderHarness.collect(ProviderHarness.provider(.ollama, at: whole)).finish?.completionTokens == 4)

        let cut = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream([Self.lines[1] + "\n"])])
        #expect(await ProviderHarness.collect(ProviderHarness.provider(.ollama, at: cut)).providerError == .incomplete(.ollama))
    }
}
