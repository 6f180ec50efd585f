import Foundation
import GRDB
import MemchatCore
@testable import MemchatStore
import MemchatTestSupport
import Testing

/// `SQLiteStore.openForReading`, used by the commands that only read: nothing written to
/// the disk, the same answers as a store that may write.
@Suite("SQLite store opened for reading")
struct SQLiteReadOnlyTests {
    @Test func readingWritesNothingAndSeesWhatWasWritten() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("memchat.sqlite")
        let ana = try UserName("ana")
        let sessionID: SessionID
        do {
            let writer = try SQLiteStore.open(path: path, expirationHours: 168)
            let session = try await writer.createSession(SessionDraft(userID: ana, title: "Postgres failover"))
            _ = try await writer.appendTurn(TurnDraft(role: .user, content: "how do I promote the standby?"), to: session.id)
            _ = try await writer.appendTurn(TurnDraft(role: .assistant, content: "run pg_ctl promote"), to: session.id)
            sessionID = session.id
        }
        // The last connection closed: SQLite checkpointed the log into the file and removed it.
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        do {
            let reader = try SQLiteStore.openForReading(path: path, expirationHours: 168)
            #expect(try await reader.listSessions(SessionQuery(scope: .user(ana))).map(\.id) == [sessionID])
            #expect(try await reader.search(SearchQuery(text: "standby", scope: .user(ana))).map(\.turn.sessionID) == [sessionID])
            #expect(try await reader.turns(of: sessionID, page: .all).count == 2)
            #expect(try await reader.stats().totalSessions == 1)
            await #expect(throws: StoreError.self, "a store opened for reading refuses writes") {
                _ = try await reader.createSession(SessionDraft(userID: ana))
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the database file is byte for byte the same")
        let log = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        #expect((log ?? 0) == 0, "nothing was logged for a checkpoint either")
    }

    @Test func readingBesideAWriterSeesEveryCommittedTurn() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("memchat.sqlite")
        let writer = try SQLiteStore.open(path: path, expirationHours: 168)
        let session = try await writer.createSession(SessionDraft(userID: try UserName("ana")))
        _ = try await writer.appendTurn(TurnDraft(role: .user, content: "first"), to: session.id)
        let reader = try SQLiteStore.openForReading(path: path, expirationHours: 168)
        #expect(try await reader.turns(of: session.id, page: .all).map(\.content) == ["first"])
        for turn in ["second", "third"] {
            _ = try await writer.appendTurn(TurnDraft(role: .user, content: turn), to: session.id)
        }
        #expect(try await reader.turns(of: session.id, page: .all).map(\.content) == ["first", "second", "third"])
        #expect(try await reader.session(session.id).turnCount == 3)
    }

    @Test func aMissingOrOlderFileIsOpenedAsOpenDoesIt() async throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("new.sqlite")
        let created = try SQLiteStore.openForReading(path: missing, expirationHours: 168)
        #expect(try await created.listSessions(SessionQuery(scope: .allUsers)).isEmpty)
        // A store that had to be created is one that may write.
        _ = try await created.createSession(SessionDraft(userID: try UserName("ana")))

        let older = directory.file("older.sqlite")
        var old = try SQLiteUpgradeTests.OldDatabase(path: older)
        try old.session("s1", context: "work", mode: "assistant", turns: [.user("deploy on friday?"), .assistant("no")])
        try old.queue.close()
        let migrated = try SQLiteStore.openForReading(path: older, expirationHours: 168)
        #expect(try await migrated.read { db in try SQLiteSchema.migrator.hasCompletedMigrations(db) })
        #expect(try await migrated.turns(of: try SessionID("s1"), page: .all).map(\.content) == ["deploy on friday?", "no"])
    }
}
