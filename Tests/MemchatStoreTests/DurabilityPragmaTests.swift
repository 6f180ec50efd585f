import Foundation
import GRDB
import MemchatCore
import MemchatTestSupport
import Testing
@testable import MemchatStore

/// "A turn acknowledged is on disk": the connection that writes fsyncs every commit, on a
/// new database and on one opened again.
@Suite("SQLite durability settings")
struct DurabilityPragmaTests {
    @Test func theWriterSyncsEveryCommit() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("memchat.sqlite")
        for _ in 0..<2 {
            let store = try SQLiteStore.open(path: path, expirationHours: 168)
            let settings = try await store.write { db in
                (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
            }
            #expect(settings.0 == 2, "synchronous = FULL (2), not NORMAL (1)")
            #expect(settings.1 == "wal")
        }
    }
}
