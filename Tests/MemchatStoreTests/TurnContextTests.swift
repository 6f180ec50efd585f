import Foundation
import MemchatCore
import MemchatStore
import MemchatTestSupport
import Testing

/// A question keeps the context it was asked in when its session switches later.
@Suite("Per-question context")
struct TurnContextTests {
    static var ana: UserName { get throws { try UserName("ana") } }

    /// Switches the session as the engine does: the store first, then the event turn.
    @discardableResult
    static func switchContext(_ fixture: StoreFixture, _ session: Session, to context: Context, mode: Mode) async throws -> Session {
        let change = ContextSwitch(of: try await fixture.store.session(session.id), to: context, mode: mode)
        let changed = try await fixture.store.changeContext(session.id, context: context, mode: mode)
        fixture.clock.advance(by: 1)
        _ = try await fixture.store.appendTurn(TurnDraft(role: .system, content: change.content, metadata: change.metadata), to: session.id)
        return changed
    }

    static func recent(_ store: any SessionStore, _ context: Context?) async throws -> [String] {
        try await store.recentInteractions(InteractionQuery(scope: .user(ana), context: context)).map(\.question.content)
    }

    /// A work session with two questions, switched to personal/friend, one more question.
    static func switchedSession(_ fixture: StoreFixture) async throws -> Session {
        let session = try await fixture.conversation(context: .work, [("deploy the cluster", "kubectl apply"), ("rollback plan", "helm rollback")])
        try await switchContext(fixture, session, to: .personal, mode: .friend)
        fixture.clock.advance(by: 60)
        let asked = try await fixture.store.appendTurn(TurnDraft(role: .user, content: "weekend hike ideas"), to: session.id)
        _ = try await fixture.store.appendTurn(TurnDraft(role: .assistant, content: "Mont Verdun", replyTo: asked.id), to: session.id)
        return try await fixture.store.session(session.id)
    }

    @Test(arguments: Backend.allCases)
    func questionsBeforeASwitchStayInTheirContext(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let session = try await Self.switchedSession(fixture)
        _ = try await fixture.conversation(context: .work, [("other work question", "answer")])

        for store in [fixture.store, try fixture.reopened()] {
            #expect(try await Self.recent(store, .work) == ["other work question", "rollback plan", "deploy the cluster"])
            #expect(try await Self.recent(store, .personal) == ["weekend hike ideas"])
            let all = try await store.recentInteractions(InteractionQuery(scope: .user(try Self.ana)))
            #expect(all.map(\.context) == [.work, .personal, .work, .work])
            #expect(all[1].answer?.content == "Mont Verdun" && all[2].answer?.content == "helm rollback")

            let turns = try await store.turns(of: session.id, page: .all)
            #expect(turns.map(\.context) == [.work, .work, .work, .work, nil, nil, nil])
            #expect(turns.map(\.mode) == [.assistant, .assistant, .assistant, .assistant, nil, nil, nil])
            #expect(turns.map { $0.effectiveContext(in: session) } == [.work, .work, .work, .work, .personal, .personal, .personal])

            let before = try await store.search(SearchQuery(text: "rollback", scope: .user(try Self.ana)))
            #expect(before.map(\.context) == [.work, .work])
            #expect(try await store.search(SearchQuery(text: "rollback", scope: .user(try Self.ana), context: .personal)).isEmpty)
            let after = try await store.search(SearchQuery(text: "hike", scope: .user(try Self.ana), context: .personal))
            #expect(after.map(\.turn.content) == ["weekend hike ideas"])
            #expect(try await store.search(SearchQuery(text: "hike", scope: .user(try Self.ana), context: .work)).isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func switchingBackAndChangingOnlyTheModeKeepEachQuestionWhereItWas(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let session = try await Self.switchedSession(fixture)
        // Only the mode changes: the personal question keeps friend, and no context.
        try await Self.switchContext(fixture, session, to: .personal, mode: .assistant)
        try await Self.switchContext(fixture, session, to: .work, mode: .assistant)
        fixture.clock.advance(by: 60)
        _ = try await fixture.store.appendTurn(TurnDraft(role: .user, content: "back at work"), to: session.id)

        #expect(try await Self.recent(fixture.store, .work) == ["back at work", "rollback plan", "deploy the cluster"])
        #expect(try await Self.recent(fixture.store, .personal) == ["weekend hike ideas"])
        let turns = try await fixture.store.turns(of: session.id, page: .all)
        let hike = try #require(turns.first { $0.content == "weekend hike ideas" })
        #expect(hike.context == .personal && hike.mode == .friend)
        #expect(turns.last?.context == nil && turns.last?.mode == nil)
    }

    @Test(arguments: Backend.allCases)
    func aTurnDraftsOwnContextIsKeptOnlyWhenItDiffers(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let session = try await fixture.store.createSession(SessionDraft(userID: try Self.ana, context: .work))
        let same = try await fixture.store.appendTurn(
            TurnDraft(role: .user, content: "asked here", context: .work, mode: .assistant), to: session.id)
        #expect(same.context == nil && same.mode == nil)
        fixture.clock.advance(by: 1)
        let elsewhere = try await fixture.store.appendTurn(TurnDraft(role: .user, content: "asked in creative", context: .creative), to: session.id)
        #expect(elsewhere.context == .creative)
        #expect(try await Self.recent(fixture.store, .creative) == ["asked in creative"])
        #expect(try await Self.recent(fixture.store, .work) == ["asked here"])
    }

    @Test(arguments: Backend.allCases)
    func mergedTurnsKeepTheContextOfTheirSession(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        // The creative question comes first in time: in the merged session it stands
        // before the work session's switch event.
        let creative = try await fixture.conversation(context: .creative, [("a poem about rain", "tin roof drums")])
        let work = try await Self.switchedSession(fixture)
        _ = try await fixture.store.mergeSessions(into: creative.id, from: [work.id], deleteSources: true)

        #expect(try await Self.recent(fixture.store, .work) == ["rollback plan", "deploy the cluster"])
        #expect(try await Self.recent(fixture.store, .personal) == ["weekend hike ideas"])
        #expect(try await Self.recent(fixture.store, .creative) == ["a poem about rain"])
        // Reading the merged session again (the file backend settles recorded switches on
        // read) does not move the creative question to the moved switch's old context.
        #expect(try await Self.recent(try fixture.reopened(), .creative) == ["a poem about rain"])
    }

    /// Imports JSONL text through the importer, from a real file.
    static func importText(_ text: String, into fixture: StoreFixture) async throws -> JSONLImporter.Outcome {
        let path = fixture.directory.file("input-\(UUID().uuidString).jsonl")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let handle = try #require(FileHandle(forReadingAtPath: path))
        return try await JSONLImporter(store: fixture.store, defaultUser: try Self.ana).importJSONL(from: handle)
    }

    static func export(_ fixture: StoreFixture) async throws -> [String] {
        var lines: [String] = []
        try await JSONLExporter(store: fixture.store).export(scope: .allUsers) { lines.append($0) }
        return lines
    }

    @Test(arguments: Backend.allCases)
    func exportThenImportKeepsEachTurnsContextAndMode(backend: Backend) async throws {
        let source = try StoreFixture(backend)
        let session = try await Self.switchedSession(source)
        let lines = try await Self.export(source)
        let line = try #require(lines.first)
        // Only the turns asked before the switch carry a context and mode of their own.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let turns = try #require(json["turns"] as? [[String: Any]])
        #expect(turns.map { $0["context"] as? String } == ["work", "work", "work", "work", nil, nil, nil])
        #expect(turns.map { $0["mode"] as? String } == ["assistant", "assistant", "assistant", "assistant", nil, nil, nil])

        for targetBackend in Backend.allCases {
            let target = try StoreFixture(targetBackend)
            let outcome = try await Self.importText(lines.joined(separator: "\n") + "\n", into: target)
            #expect(outcome.lineErrors.isEmpty && outcome.report.turnsAdded == 7)
            #expect(try await target.store.turns(of: session.id, page: .all) == source.store.turns(of: session.id, page: .all))
            #expect(try await Self.recent(target.store, .work) == ["rollback plan", "deploy the cluster"])
            #expect(try await Self.recent(target.store, .personal) == ["weekend hike ideas"])
            #expect(try await Self.export(target) == lines)
        }
    }

    @Test(arguments: Backend.allCases)
    func turnsImportedIntoASessionStandingElsewhereKeepTheirOwnContext(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        _ = try await Self.importText("""
            {"id":"s1","context":"work","created_at":"2026-10-02T10:00:00Z","turns":[{"id":"t1","role":"user","content":"work question","created_at":"2026-10-02T10:00:00Z"}]}
            """, into: fixture)
        let outcome = try await Self.importText("""
            {"id":"s1","context":"personal","mode":"friend","created_at":"2026-10-02T10:00:00Z","turns":[{"id":"t2","role":"user","content":"personal question","created_at":"2026-10-02T10:05:00Z"}]}
            """, into: fixture)
        #expect(outcome.report.turnsAdded == 1)
        let session = try await fixture.store.session(try SessionID("s1"))
        #expect(session.context == .work, "the stored session keeps its metadata")
        let turns = try await fixture.store.turns(of: session.id, page: .all)
        #expect(turns.map(\.context) == [nil, .personal] && turns.map(\.mode) == [nil, .friend])
        #expect(try await Self.recent(fixture.store, .personal) == ["personal question"])
        #expect(try await Self.recent(fixture.store, .work) == ["work question"])
    }

    @Test(arguments: Backend.allCases)
    func anOlderExportWithSwitchEventsImportsWithTheContextsItImplied(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        // As exported before turns kept their own context: none of them names one.
        let outcome = try await Self.importText("""
            {"id":"s1","context":"personal","mode":"friend","created_at":"2026-10-02T10:00:00Z","turns":[\
            {"role":"user","content":"work question","created_at":"2026-10-02T10:00:00Z"},\
            {"role":"assistant","content":"work answer","created_at":"2026-10-02T10:00:05Z"},\
            {"role":"system","content":"context switched from work/assistant to personal/friend","created_at":"2026-10-02T10:01:00Z",\
            "metadata":{"event":"context_switch","from":"work/assistant","to":"personal/friend"}},\
            {"role":"user","content":"personal question","created_at":"2026-10-02T10:02:00Z"}]}
            """, into: fixture)
        #expect(outcome.lineErrors.isEmpty, "\(outcome.lineErrors)")
        let turns = try await fixture.store.turns(of: try SessionID("s1"), page: .all)
        #expect(turns.map(\.context) == [.work, .work, nil, nil])
        #expect(turns.map(\.mode) == [.assistant, .assistant, nil, nil])
        #expect(try await Self.recent(fixture.store, .work) == ["work question"])
        #expect(try await Self.recent(fixture.store, .personal) == ["personal question"])
    }

    @Test func anOlderSessionFileReadsUnchangedWithTheContextsItImplies() async throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.file("sessions")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Written before turns kept their own context: a switch event, no per-turn fields.
        let switched = """
            {"session_id": "s1", "user_id": "ana", "context": "personal", "mode": "friend",
             "created_at": "2026-10-02T10:00:00.000Z", "last_activity": "2026-10-02T10:02:00.000Z", "title": "work question",
             "history": [
              {"id": "t1", "role": "user", "content": "work question", "created_at": "2026-10-02T10:00:00.000Z"},
              {"id": "t2", "role": "assistant", "content": "work answer", "reply_to": "t1", "created_at": "2026-10-02T10:00:05.000Z"},
              {"id": "t3", "role": "system", "content": "context switched from work/assistant to personal/friend",
               "created_at": "2026-10-02T10:01:00.000Z",
               "metadata": {"event": "context_switch", "from": "work/assistant", "to": "personal/friend"}},
              {"id": "t4", "role": "user", "content": "personal question", "created_at": "2026-10-02T10:02:00.000Z"}
             ]}
            """
        let plain = """
            {"session_id": "s2", "user_id": "ana", "context": "work", "mode": "assistant",
             "created_at": "2026-10-02T09:00:00.000Z", "title": "plain",
             "history": [{"id": "t5", "role": "user", "content": "plain question", "created_at": "2026-10-02T09:00:00.000Z"}]}
            """
        let files = ["session_s1.json": switched, "session_s2.json": plain]
        for (name, text) in files {
            try text.write(toFile: "\(directory)/\(name)", atomically: true, encoding: .utf8)
        }
        let store = try JSONFileStore(directory: directory, expirationHours: 168, clock: ManualClock(StoreFixture.start))

        let s1 = try await store.turns(of: try SessionID("s1"), page: .all)
        #expect(s1.map(\.content) == ["work question", "work answer", "context switched from work/assistant to personal/friend", "personal question"])
        #expect(s1.map(\.context) == [.work, .work, nil, nil])
        #expect(s1.map(\.mode) == [.assistant, .assistant, nil, nil])
        #expect(s1[1].replyTo?.rawValue == "t1")
        #expect(try await store.turns(of: try SessionID("s2"), page: .all).map(\.context) == [nil])
        #expect(try await Self.recent(store, .work) == ["work question", "plain question"])
        #expect(try await Self.recent(store, .personal) == ["personal question"])
        // Reading rewrote neither file.
        for (name, text) in files {
            #expect(try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8) == text)
        }
    }
}
