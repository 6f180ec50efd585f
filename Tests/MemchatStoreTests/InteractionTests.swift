import Foundation
import MemchatCore
import MemchatStore
import Testing

@Suite("Recent interactions")
struct InteractionTests {
    @Test(arguments: Backend.allCases)
    func newestFirstAcrossSessionsWithAnswers(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let first = try await fixture.conversation(context: .work, [("w1", "answer w1"), ("w2", "answer w2")])
        let second = try await fixture.conversation(context: .personal, [("p1", "answer p1")])
        // Back in the first session: it becomes the most recent one.
        fixture.clock.advance(by: 60)
        let w3 = try await fixture.store.appendTurn(TurnDraft(role: .user, content: "w3"), to: first.id)
        let ana = try UserName("ana")

        let all = try await fixture.store.recentInteractions(InteractionQuery(scope: .user(ana)))
        #expect(all.map(\.question.content) == ["w3", "p1", "w2", "w1"])
        #expect(all.map { $0.answer?.content } == [nil, "answer p1", "answer w2", "answer w1"])
        #expect(all[0].question.id == w3.id)
        #expect(all[1].sessionID == second.id && all[1].context == .personal)

        let work = try await fixture.store.recentInteractions(InteractionQuery(scope: .user(ana), context: .work, limit: 2))
        #expect(work.map(\.question.content) == ["w3", "w2"])
        let page = try await fixture.store.recentInteractions(InteractionQuery(scope: .user(ana), limit: 2, offset: 2))
        #expect(page.map(\.question.content) == ["w2", "w1"])
        #expect(try await fixture.store.recentInteractions(InteractionQuery(scope: .user(try UserName("bo")))).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func pairingSurvivesErrorsRetriesAndEvents(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let store = fixture.store
        let session = try await store.createSession(SessionDraft(userID: try UserName("ana")))
        let question = try await store.appendTurn(TurnDraft(role: .user, content: "why?"), to: session.id)
        _ = try await store.appendTurn(
            TurnDraft(role: .assistant, content: "", replyTo: question.id, metadata: ["error": .string("HTTP 500")]), to: session.id)
        _ = try await store.appendTurn(TurnDraft(role: .system, content: "context switched to work"), to: session.id)
        let retry = try await store.appendTurn(
            TurnDraft(role: .assistant, content: "because", replyTo: question.id, metadata: AnswerMetadata(contextUsed: ContextUsed(facts: ["fact-1"])).written()),
            to: session.id)
        let interactions = try await store.recentInteractions(InteractionQuery(scope: .user(try UserName("ana"))))
        #expect(interactions.count == 1)
        #expect(interactions[0].answer == retry)
        #expect(interactions[0].contextUsed == ContextUsed(facts: ["fact-1"]))
    }
}
