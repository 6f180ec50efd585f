import Foundation
import MemchatCore
import MemchatStore
import MemchatTestSupport
import Testing
@testable import MemchatEngine

/// The whole engine against a local OpenAI-compatible server: what is stored for a
/// streamed answer, a broken one, and what is sent.
@Suite("Chat engine with a model server")
struct EngineWithServerTests {
    @Test func streamedAnswerIsStoredWithItsMetadata() async throws {
        let fixture = try EngineFixture()
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream(
            [ProviderHarness.sse(OpenAIProviderTests.chunks) + "data: [DONE]\n\n"])])
        let session = try await fixture.session(context: .work)
        let events = try await fixture.ask("remember that my manager is Priya", in: session, provider: ProviderHarness.provider(.openai, at: server))

        #expect(events.streamedText == "Hello, wörld 🌍")
        let answer = try #require(events.answer)
        #expect(answer.content == "Hello, wörld 🌍")
        #expect(answer.metadata["provider"] == .string("openai"))
        #expect(answer.metadata["model"] == .string("test-model"))
        #expect(answer.metadata["finishReason"] == .string("stop"))
        #expect(answer.metadata["promptTokens"] == .number(12))
        #expect(answer.metadata["completionTokens"] == .number(3))
        #expect(answer.metadata["reasoning"] == .string("Thinking"))
        #expect(answer.metadata["firstByteMs"]?.numberValue != nil)
        #expect(answer.metadata["error"] == nil)

        // The request carried the work prompt, and the fact learned from the question.
        let request = try #require(server.requests.first)
        let sent = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        let system = try #require((sent["messages"] as? [[String: String]])?.first?["content"])
        #expect(system.contains("about the user's work"))
        #expect(system.contains("My manager is Priya"))
    }

    @Test func brokenStreamKeepsTheQuestionAndThePartialAnswer() async throws {
        let fixture = try EngineFixture()
        let server = try ScriptedHTTPServer(replies: [ScriptedHTTPServer.stream(
            [ProviderHarness.sse([OpenAIProviderTests.chunks[1]])], reset: true)])
        let session = try await fixture.session()
        let events = try await fixture.ask("hello?", in: session, provider: ProviderHarness.provider(.openai, at: server))
        let answer = try #require(events.answer)
        #expect(answer.content == "Hello")
        #expect(answer.metadata["finishReason"] == .string("error"))
        #expect(answer.metadata["error"]?.stringValue?.hasPrefix("the connection to openai broke while the answer streamed") == true)
        let turns = try await fixture.store.turns(of: session.id, page: .all)
        #expect(turns.map(\.role) == [.user, .assistant])
        #expect(turns.first?.content == "hello?")
    }

    @Test func contextSwitchIsRecordedAndFollowedByTheNextRequest() async throws {
        let fixture = try EngineFixture()
        let engine = ChatEngine(store: fixture.store, memory: fixture.memory, provider: EchoProvider())
        let session = try await fixture.session(context: .work)
        let switched = try await engine.switchContext(session, to: .personal, mode: .friend)
        #expect(switched.context == .personal)
        #expect(switched.mode == .friend)
        #expect(try await fixture.store.session(session.id).context == .personal)
        let unchanged = try await engine.switchContext(switched, to: .personal, mode: .friend)
        #expect(unchanged.id == switched.id)

        let turns = try await fixture.store.turns(of: session.id, page: .all)
        #expect(turns.count == 1, "a switch to the same context records nothing")
        let event = try #require(turns.first)
        #expect(event.role == .system)
        #expect(event.metadata["event"] == .string("context_switch"))
        #expect(event.metadata["from"] == .string("work/assistant"))
        #expect(event.metadata["to"] == .string("personal/friend"))

        // The switch turn is not sent as conversation; the friend prompt is.
        let preview = try await engine.preview("how are you?", in: switched)
        #expect(preview.request.messages.map(\.role) == [.system, .user])
        #expect(preview.request.messages.first?.content.contains("warm, candid friend") == true)
    }

    @Test func configuredSystemPromptReplacesTheBuiltInOne() async throws {
        let fixture = try EngineFixture()
        var engine = ChatEngine(store: fixture.store, memory: fixture.memory, provider: EchoProvider())
        engine.assembler = ContextAssembler(budget: 4000, systemPrompts: ["work.assistant": "You are a terse staff engineer."])
        let work = try await engine.preview("hi", in: try await fixture.session(context: .work))
        #expect(work.request.messages.first?.content.hasPrefix("You are a terse staff engineer.") == true)
        let general = try await engine.preview("hi", in: try await fixture.session())
        #expect(general.request.messages.first?.content.hasPrefix("You are a precise, helpful assistant.") == true)
    }
}
