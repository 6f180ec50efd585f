import Foundation
import MemchatCore
import MemchatStore
import Testing

@Suite("Merge")
struct MergeTests {
    @Test(arguments: Backend.allCases)
    func movesTurnsInTimeOrderAndKeepsSources(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let store = fixture.store
        let ana = try UserName("ana")
        let primary = try await store.createSession(SessionDraft(userID: ana))
        let secondary = try await store.createSession(SessionDraft(userID: ana))
        // Interleaved in time: p1 s1 p2 s2.
        for (session, text) in [(primary, "p1"), (secondary, "s1"), (primary, "p2"), (secondary, "s2")] {
            fixture.clock.advance(by: 10)
            _ = try await store.appendTurn(TurnDraft(role: .user, content: text), to: session.id)
        }
        let report = try await store.mergeSessions(into: primary.id, from: [secondary.id], deleteSources: false)
        #expect(report.movedTurns == 2)
        #expect(report.primary.turnCount == 4)
        let turns = try await store.turns(of: primary.id, page: .all)
        #expect(turns.map(\.content) == ["p1", "s1", "p2", "s2"])
        #expect(turns.map(\.seq) == [0, 1, 2, 3])
        let source = try await store.session(secondary.id)
        #expect(source.state == .ended && source.mergedInto == primary.id && source.turnCount == 0)
        #expect(try await store.turns(of: secondary.id, page: .all).isEmpty)
        // Moved turns are still found by search, now in the primary.
        #expect(try await store.search(SearchQuery(text: "s2", scope: .user(ana))).map(\.turn.sessionID) == [primary.id])
    }

    @Test(arguments: Backend.allCases)
    func deleteSourcesAndRefusals(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let primary = try await fixture.conversation([("a", "b")])
        let other = try await fixture.conversation([("c", "d")])
        let foreign = try await fixture.conversation(user: "bo", [("e", "f")])
        let store = fixture.store

        await #expect(throws: StoreError.self) { try await store.mergeSessions(into: primary.id, from: [primary.id], deleteSources: false) }
        await #expect(throws: StoreError.self) { try await store.mergeSessions(into: primary.id, from: [foreign.id], deleteSources: false) }
        await #expect(throws: StoreError.sessionNotFound(try SessionID("missing"))) {
            try await store.mergeSessions(into: primary.id, from: [try SessionID("missing")], deleteSources: false)
        }
        // A refused merge changed nothing.
        #expect(try await store.session(foreign.id).turnCount == 2)

        let report = try await store.mergeSessions(into: primary.id, from: [other.id], deleteSources: true)
        #expect(report.primary.turnCount == 4)
        await #expect(throws: StoreError.sessionNotFound(other.id)) { try await store.session(other.id) }
    }
}
