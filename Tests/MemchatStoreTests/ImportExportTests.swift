import Foundation
import MemchatCore
import MemchatStore
import Testing

@Suite("Import and export")
struct ImportExportTests {
    /// Writes `text` to a file and imports it through the JSONL importer.
    func importText(_ text: String, into fixture: StoreFixture, user: String = "ana") async throws -> JSONLImporter.Outcome {
        let path = fixture.directory.file("input-\(UUID().uuidString).jsonl")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let handle = try #require(FileHandle(forReadingAtPath: path))
        return try await JSONLImporter(store: fixture.store, defaultUser: try UserName(user)).importJSONL(from: handle)
    }

    func exportText(_ fixture: StoreFixture, scope: UserScope = .allUsers) async throws -> [String] {
        var lines: [String] = []
        try await JSONLExporter(store: fixture.store).export(scope: scope) { lines.append($0) }
        return lines
    }

    @Test(arguments: Backend.allCases)
    func roundTripIsLosslessAndIdempotent(backend: Backend) async throws {
        let source = try StoreFixture(backend)
        let kept = try await source.conversation(context: .work, mode: .friend, [("first question", "first answer"), ("second", "second answer")])
        _ = try await source.store.renameSession(kept.id, to: "Renamed")
        let ended = try await source.conversation(user: "bo", context: try Context("garden-club"), [("roses?", "prune in March")])
        _ = try await source.store.endSession(ended.id)
        let exported = try await exportText(source)
        #expect(exported.count == 2)

        let target = try StoreFixture(backend)
        let outcome = try await importText(exported.joined(separator: "\n") + "\n", into: target)
        #expect(outcome.lineErrors.isEmpty)
        #expect(outcome.report.sessionsCreated == 2 && outcome.report.turnsAdded == 6)
        // Same clock start, so derived state matches too: compare whole sessions and turns.
        for id in [kept.id, ended.id] {
            #expect(try await target.store.session(id) == source.store.session(id))
            #expect(try await target.store.turns(of: id, page: .all) == source.store.turns(of: id, page: .all))
        }
        #expect(try await exportText(target) == exported)

        let again = try await importText(exported.joined(separator: "\n"), into: target)
        #expect(again.report.sessionsCreated == 0 && again.report.turnsAdded == 0)
        #expect(again.report.turnsAlreadyPresent == 6 && again.report.conflicts.isEmpty)
        #expect(try await target.store.stats().turns == 6)
    }

    @Test(arguments: Backend.allCases)
    func badLinesAreReportedAndGoodLinesImport(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        let text = """
            {"id":"s1","context":"work","created_at":"2026-10-02T10:00:00Z","turns":[{"role":"user","content":"hello","created_at":"2026-10-02T10:00:00Z"}]}
            not json at all
            {"id":"s2","created_at":"2026-10-02T10:00:00Z"}

            {"id":"s3","created_at":"2026-10-02T10:00:00Z","turns":[{"role":"robot","content":"x"}]}
            {"id":"../etc","created_at":"2026-10-02T10:00:00Z","turns":[]}
            {"id":"s4","user":"bo","created_at":"yesterday","turns":[]}
            {"id":"s5","user":"bo","created_at":"2026-10-03T10:00:00+02:00","turns":[{"role":"user","content":"hi bo"},{"role":"assistant","content":"hello"}]}
            """
        let outcome = try await importText(text, into: fixture)
        #expect(outcome.lines == 7)
        #expect(outcome.lineErrors.map(\.line) == [2, 3, 5, 6, 7])
        let messages = outcome.lineErrors.map(\.description)
        #expect(messages[1].contains("missing field \"turns\""))
        #expect(messages[2].contains("turns[0].role") && messages[2].contains("robot"))
        #expect(messages[3].contains("session id"))
        #expect(messages[4].contains("created_at") && messages[4].contains("yesterday"))
        #expect(outcome.report.sessionsCreated == 2)

        let s1 = try await fixture.store.session(try SessionID("s1"))
        #expect(s1.userID.rawValue == "ana" && s1.context == .work && s1.title == "hello")
        let s5 = try await fixture.store.session(try SessionID("s5"))
        #expect(s5.userID.rawValue == "bo")
        let turns = try await fixture.store.turns(of: s5.id, page: .all)
        // Missing reply_to is inferred, missing times default to the session's.
        #expect(turns[1].replyTo == turns[0].id)
        #expect(turns[0].createdAt == Date(timeIntervalSince1970: 1_791_014_400))
    }

    @Test(arguments: Backend.allCases)
    func conflictsAndMissingTurnsInTimeOrder(backend: Backend) async throws {
        let fixture = try StoreFixture(backend)
        _ = try await importText("""
            {"id":"s1","created_at":"2026-10-02T10:00:00Z","turns":[{"id":"t1","role":"user","content":"one","created_at":"2026-10-02T10:00:00Z"},{"id":"t3","role":"user","content":"three","created_at":"2026-10-02T10:03:00Z"}]}
            """, into: fixture)
        let outcome = try await importText("""
            {"id":"s1","created_at":"2026-10-02T10:00:00Z","turns":[{"id":"t1","role":"user","content":"ONE changed","created_at":"2026-10-02T10:00:00Z"},{"id":"t2","role":"user","content":"two","created_at":"2026-10-02T10:02:00Z"},{"id":"t3","role":"user","content":"three","created_at":"2026-10-02T10:03:00Z"}]}
            {"id":"s1","user":"bo","created_at":"2026-10-02T10:00:00Z","turns":[]}
            """, into: fixture)
        #expect(outcome.report.turnsAdded == 1)
        #expect(outcome.report.turnsAlreadyPresent == 1)
        #expect(outcome.report.sessionsUpdated == 1)
        #expect(outcome.report.conflicts.count == 2)
        #expect(outcome.report.conflicts[0].turnID?.rawValue == "t1")
        #expect(outcome.report.conflicts[0].reason.contains("line 1"))
        #expect(outcome.report.conflicts[1].reason.contains("line 2") && outcome.report.conflicts[1].reason.contains("ana"))
        let turns = try await fixture.store.turns(of: try SessionID("s1"), page: .all)
        #expect(turns.map(\.content) == ["one", "two", "three"])
        #expect(turns.map(\.seq) == [0, 1, 2])
    }
}
