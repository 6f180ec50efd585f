import Foundation
import MemchatCore
import MemchatStore
import Testing

/// `SessionStore.userTurns(of:after:limit:)` and `located(_:)`, which the semantic turn
/// index uses to learn of new turns and to turn its candidates back into hits.
@Suite("Turn walk")
struct TurnWalkTests {
    /// Walks to the end in steps of `step`, returning the contents seen and the last cursor.
    static func walkAll(_ store: any SessionStore, user: String, from cursor: TurnCursor = .start, step: Int) async throws -> (contents: [String], cursor: TurnCursor) {
        var cursor = cursor
        var contents: [String] = []
        while true {
            let walk = try await store.userTurns(of: try UserName(user), after: cursor, limit: step)
            #expect(walk.continued)
            contents += walk.turns.map(\.content)
            #expect(walk.turns.allSatisfy { $0.role == .user })
            cursor = walk.next
            if walk.isComplete { return (contents, cursor) }
        }
    }

    @Test(arguments: Backend.allCases)
    func walksTheUsersQuestionsOnceInStepsAndResumesAfterNewOnes(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        try await fixture.conversation([("first question", "a1"), ("second question", "a2")])
        try await fixture.conversation(user: "bo", [("bo asks", "b1")])
        try await fixture.conversation([("third question", "a3")])

        let first = try await Self.walkAll(fixture.store, user: "ana", step: 2)
        #expect(first.contents == ["first question", "second question", "third question"])

        // Nothing new: an empty step that is complete and keeps the cursor.
        let idle = try await fixture.store.userTurns(of: try UserName("ana"), after: first.cursor, limit: 10)
        #expect(idle.turns.isEmpty && idle.isComplete && idle.continued)
        #expect(idle.next == first.cursor)

        // A question appended later, to an old session, comes after the cursor.
        let sessions = try await fixture.store.listSessions(SessionQuery(scope: .user(try UserName("ana"))))
        let oldest = try #require(sessions.last)
        fixture.clock.advance(by: 60)
        _ = try await fixture.store.appendTurn(TurnDraft(role: .user, content: "fourth, in the old session"), to: oldest.id)
        let reopened = try fixture.reopened()
        let rest = try await Self.walkAll(reopened, user: "ana", from: first.cursor, step: 10)
        #expect(rest.contents == ["fourth, in the old session"])
    }

    @Test(arguments: Backend.allCases)
    func aCursorWhoseTurnWasDeletedStartsAgain(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        try await fixture.conversation([("kept question", "a1")])
        let newest = try await fixture.conversation([("deleted question", "a2")])
        let walked = try await Self.walkAll(fixture.store, user: "ana", step: 10)
        #expect(walked.contents == ["kept question", "deleted question"])

        try await fixture.store.deleteSession(newest.id)
        try await fixture.conversation([("asked after the delete", "a3")])
        let walk = try await fixture.store.userTurns(of: try UserName("ana"), after: walked.cursor, limit: 10)
        #expect(!walk.continued, "the cursor's turn is gone; its position may have been reused")
        #expect(walk.turns.map(\.content) == ["kept question", "asked after the delete"])
    }

    @Test(arguments: Backend.allCases)
    func locatedReturnsHitsInTheOrderGivenAndSkipsMissingIds(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let work = try await fixture.conversation(context: .work, [("How do I promote a replica?", "pg_promote")])
        try await fixture.conversation(context: .personal, [("Best hikes near Lyon?", "Mont Verdun")])
        let questions = try await Self.walkAll(fixture.store, user: "ana", step: 10)
        #expect(questions.contents.count == 2)
        let walk = try await fixture.store.userTurns(of: try UserName("ana"), after: .start, limit: 10)
        let ids = walk.turns.map(\.id)
        _ = try await fixture.store.changeContext(work.id, context: .creative, mode: .assistant)

        let hits = try await fixture.store.located([ids[1], try TurnID("gone"), ids[0]])
        #expect(hits.map(\.turn.content) == ["Best hikes near Lyon?", "How do I promote a replica?"])
        #expect(hits.map(\.context) == [.personal, .work], "each turn's own context, not its session's new one")
        #expect(hits.map(\.sessionTitle) == ["Best hikes near Lyon?", "How do I promote a replica?"])
        #expect(hits.allSatisfy { $0.userID.rawValue == "ana" })
        #expect(try await fixture.store.located([]).isEmpty)
    }
}
