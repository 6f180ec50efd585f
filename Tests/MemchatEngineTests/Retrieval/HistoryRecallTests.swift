import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore
import Testing

@Suite("History recall")
struct HistoryRecallTests {
    @Test func pastExchangesCarryTheContextTheirQuestionWasAskedIn() async throws {
        let fixture = try EngineFixture()
        let store = fixture.store
        let engine = ChatEngine(store: store, memory: nil, provider: EchoProvider())
        let session = try await fixture.session(context: .work)
        // The first exchange is found through its answer only, the second through its question.
        let failover = try await store.appendTurn(TurnDraft(role: .user, content: "how do I fail over the replica?"), to: session.id)
        _ = try await store.appendTurn(TurnDraft(role: .assistant, content: "run pg_ctl promote", replyTo: failover.id), to: session.id)
        let switched = try await engine.switchContext(session, to: .personal, mode: .friend)
        let home = try await store.appendTurn(TurnDraft(role: .user, content: "should I promote my home server to a replica?"), to: switched.id)
        _ = try await store.appendTurn(TurnDraft(role: .assistant, content: "only if you back it up", replyTo: home.id), to: switched.id)

        let elsewhere = try await fixture.session()
        let found = try await HistoryRecall().interactions(
            for: "promote", store: store, user: fixture.user, context: nil, excluding: elsewhere.id, limit: 5)
        let contexts = Dictionary(uniqueKeysWithValues: found.map { ($0.question.content, $0.context) })
        #expect(contexts == ["how do I fail over the replica?": .work, "should I promote my home server to a replica?": .personal])
        #expect(found.first { $0.question.id == failover.id }?.answer?.content == "run pg_ctl promote")
    }
}
