import Foundation
import MemchatCore
import MemchatStore
import Testing

@Suite("Session lifecycle")
struct SessionLifecycleTests {
    @Test(arguments: Backend.allCases)
    func createAppendAndRead(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let store = fixture.store
        let ana = try UserName("ana")
        let created = try await store.createSession(SessionDraft(userID: ana, context: .work, mode: .friend))
        #expect(created.title.isEmpty)
        #expect(created.state == .active)

        fixture.clock.advance(by: 30)
        let question = try await store.appendTurn(
            TurnDraft(role: .user, content: "How do I promote a replica?\nsecond line"), to: created.id)
        fixture.clock.advance(by: 2)
        let answer = try await store.appendTurn(
            TurnDraft(role: .assistant, content: "Run pg_promote().", replyTo: question.id, metadata: ["model": .string("m1"), "tokens": .number(42)]),
            to: created.id)

        let session = try await store.session(created.id)
        #expect(session.title == "How do I promote a replica?")
        #expect(session.turnCount == 2)
        #expect(session.context == .work && session.mode == .friend)
        #expect(session.lastActivity == answer.createdAt)

        let turns = try await store.turns(of: created.id, page: .all)
        #expect(turns.map(\.seq) == [0, 1])
        #expect(turns[1] == answer)
        #expect(turns[1].replyTo == question.id)
        #expect(turns[1].metadata["tokens"] == .number(42))
    }

    @Test(arguments: Backend.allCases)
    func turnPages(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let session = try await fixture.conversation((0..<5).map { ("q\($0)", "a\($0)") })
        let store = fixture.store
        #expect(try await store.turns(of: session.id, page: .first(3)).map(\.content) == ["q0", "a0", "q1"])
        #expect(try await store.turns(of: session.id, page: .last(3)).map(\.content) == ["a3", "q4", "a4"])
        #expect(try await store.turns(of: session.id, page: .after(seq: 7, limit: 5)).map(\.seq) == [8, 9])
        #expect(try await store.turns(of: session.id, page: .before(seq: 3, limit: 2)).map(\.seq) == [1, 2])
    }

    @Test(arguments: Backend.allCases)
    func unknownAndEndedSessions(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let missing = try SessionID("nope")
        await #expect(throws: StoreError.sessionNotFound(missing)) {
            try await fixture.store.appendTurn(TurnDraft(role: .user, content: "hi"), to: missing)
        }
        await #expect(throws: StoreError.sessionNotFound(missing)) { try await fixture.store.session(missing) }

        let session = try await fixture.conversation([("q", "a")])
        let ended = try await fixture.store.endSession(session.id)
        #expect(ended.state == .ended && ended.endedAt != nil)
        await #expect(throws: StoreError.sessionEnded(session.id)) {
            try await fixture.store.appendTurn(TurnDraft(role: .user, content: "more"), to: session.id)
        }
        fixture.clock.advance(by: 3600)
        let resumed = try await fixture.store.resumeSession(session.id)
        #expect(resumed.state == .active && resumed.endedAt == nil)
        #expect(resumed.lastActivity == fixture.clock.now())
        _ = try await fixture.store.appendTurn(TurnDraft(role: .user, content: "more"), to: session.id)
    }

    @Test(arguments: Backend.allCases)
    func renameAndDelete(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let session = try await fixture.conversation([("zanzibar question", "zanzibar answer")])
        let renamed = try await fixture.store.renameSession(session.id, to: "Trip notes")
        #expect(renamed.title == "Trip notes")
        // A later first question no longer overrides a chosen title.
        _ = try await fixture.store.appendTurn(TurnDraft(role: .user, content: "other"), to: session.id)
        #expect(try await fixture.store.session(session.id).title == "Trip notes")

        let ana = try UserName("ana")
        #expect(try await fixture.store.search(SearchQuery(text: "zanzibar", scope: .user(ana))).count == 2)
        try await fixture.store.deleteSession(session.id)
        await #expect(throws: StoreError.sessionNotFound(session.id)) { try await fixture.store.session(session.id) }
        #expect(try await fixture.store.search(SearchQuery(text: "zanzibar", scope: .user(ana))).isEmpty)
        #expect(try await fixture.store.recentInteractions(InteractionQuery(scope: .user(ana))).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func listingByUserContextStateAndRecency(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let older = try await fixture.conversation(context: .work, [("w1", "a")])
        let personal = try await fixture.conversation(context: .personal, [("p1", "a")])
        let newer = try await fixture.conversation(context: .work, [("w2", "a")])
        _ = try await fixture.conversation(user: "bo", context: .work, [("bo", "a")])
        let ana = try UserName("ana")
        let store = fixture.store

        #expect(try await store.listSessions(SessionQuery(scope: .user(ana))).map(\.id) == [newer.id, personal.id, older.id])
        #expect(try await store.listSessions(SessionQuery(scope: .user(ana), context: .work)).map(\.id) == [newer.id, older.id])
        #expect(try await store.listSessions(SessionQuery(scope: .allUsers)).count == 4)
        #expect(try await store.listSessions(SessionQuery(scope: .user(ana), limit: 1, offset: 1)).map(\.id) == [personal.id])

        _ = try await store.endSession(personal.id)
        #expect(try await store.listSessions(SessionQuery(scope: .user(ana), state: .ended)).map(\.id) == [personal.id])
        #expect(try await store.listSessions(SessionQuery(scope: .user(ana), state: .active)).map(\.id) == [newer.id, older.id])
    }

    @Test(arguments: Backend.allCases)
    func expiryAndCleanup(backend: Backend) async throws {
        let fixture = try StoreFixture(backend, expirationHours: 24)
        let stale = try await fixture.conversation([("old", "a")])
        let ended = try await fixture.conversation([("ended", "a")])
        _ = try await fixture.store.endSession(ended.id)
        fixture.clock.advance(by: 30 * 3600)
        let fresh = try await fixture.conversation([("new", "a")])
        let ana = try UserName("ana")

        // Derived state: idle past the setting reads as expired even before expireIdleSessions.
        #expect(try await fixture.store.session(stale.id).state == .expired)
        #expect(try await fixture.store.expireIdleSessions() == [stale.id])
        #expect(try await fixture.store.expireIdleSessions().isEmpty)
        #expect(try await fixture.store.session(stale.id).expiredAt != nil)
        #expect(try await fixture.store.listSessions(SessionQuery(scope: .user(ana), state: .active)).map(\.id) == [fresh.id])

        // Cleanup removes only ended/expired sessions inactive before the cutoff.
        let removed = try await fixture.store.cleanup(inactiveBefore: fixture.clock.now().addingTimeInterval(-3600))
        #expect(Set(removed.map(\.id)) == [stale.id, ended.id])
        #expect(try await fixture.store.listSessions(SessionQuery(scope: .user(ana))).map(\.id) == [fresh.id])
        #expect(try await fixture.store.search(SearchQuery(text: "old", scope: .user(ana))).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func cleanupOfOneUserAndDryRun(backend: Backend) async throws {
        let fixture = try StoreFixture(backend, expirationHours: 24)
        let anasOld = try await fixture.conversation([("old", "a")])
        let anasEnded = try await fixture.conversation([("ended", "a")])
        _ = try await fixture.store.endSession(anasEnded.id)
        let bosOld = try await fixture.conversation(user: "bo", [("bo's old", "a")])
        fixture.clock.advance(by: 30 * 3600)
        let anasFresh = try await fixture.conversation([("new", "a")])
        let ana = try UserName("ana"), cutoff = fixture.clock.now().addingTimeInterval(-3600)

        // A dry run names what would go, longest idle first, and removes nothing.
        let wouldGo = try await fixture.store.cleanup(inactiveBefore: cutoff, scope: .user(ana), dryRun: true)
        #expect(wouldGo.map(\.id) == [anasOld.id, anasEnded.id])
        #expect(try await fixture.store.listSessions(SessionQuery(scope: .allUsers)).count == 4)

        // The real run removes the same sessions, and only that user's.
        let removed = try await fixture.store.cleanup(inactiveBefore: cutoff, scope: .user(ana), dryRun: false)
        #expect(removed.map(\.id) == wouldGo.map(\.id))
        #expect(try await fixture.store.listSessions(SessionQuery(scope: .user(ana))).map(\.id) == [anasFresh.id])
        #expect(try await fixture.store.session(bosOld.id).userID == UserName("bo"))
    }

    @Test(arguments: Backend.allCases)
    func statsPerUser(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        _ = try await fixture.conversation([("a", "b"), ("c", "d")])
        let ended = try await fixture.conversation([("e", "f")])
        _ = try await fixture.store.endSession(ended.id)
        _ = try await fixture.conversation(user: "bo", [("g", "h")])
        let stats = try await fixture.store.stats()
        #expect(stats.totalSessions == 3)
        #expect(stats.activeSessions == 2)
        #expect(stats.turns == 8)
        #expect(stats.expirationHours == 168)
        #expect(stats.fileSizeBytes > 0)
        #expect(stats.storageType == backend.rawValue)
        #expect(stats.users.map(\.user.rawValue) == ["ana", "bo"])
        #expect(stats.users[0].totalSessions == 2 && stats.users[0].activeSessions == 1 && stats.users[0].turns == 6)
    }

    @Test(arguments: Backend.allCases)
    func everythingSurvivesReopening(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let session = try await fixture.conversation(context: .creative, [("Write a haiku", "Tin roof drums")])
        let before = try await fixture.store.turns(of: session.id, page: .all)
        let reopened = try fixture.reopened()
        #expect(try await reopened.session(session.id) == session)
        #expect(try await reopened.turns(of: session.id, page: .all) == before)
    }
}
