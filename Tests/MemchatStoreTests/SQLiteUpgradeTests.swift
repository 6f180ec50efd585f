import Foundation
import GRDB
import MemchatCore
@testable import MemchatStore
import MemchatTestSupport
import Testing

/// A database written before turns kept their own context (schema v1 only), with context
/// switches recorded the old way, opened by this release.
@Suite("SQLite upgrade to per-turn context")
struct SQLiteUpgradeTests {
    /// Writes sessions and turns as the v1 store did: rows plus their full-text entries.
    struct OldDatabase {
        enum OldTurn {
            case user(String), assistant(String)
            /// The event the engine recorded, e.g. from "work/assistant" to "personal/friend".
            case switched(from: String, to: String)
        }

        let queue: DatabaseQueue
        var clock = 1_790_000_000_000 as Int64

        init(path: String) throws {
            queue = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator.migrate(queue, upTo: "v1: sessions, turns, full-text index")
        }

        mutating func session(_ id: String, context: String, mode: String, turns: [OldTurn]) throws {
            clock += 60_000
            let start = clock
            let times = turns.indices.map { start + Int64($0) * 1000 }
            clock = (times.last ?? start) + 1000
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO sessions (id, user_id, title, context, mode, created_at, last_activity, turn_count)
                    VALUES (?, 'ana', ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, id, context, mode, start, times.last ?? start, turns.count])
                let sessionPK = db.lastInsertedRowID
                for (seq, turn) in turns.enumerated() {
                    let (role, content, metadata): (String, String, String?)
                    switch turn {
                    case .user(let text): (role, content, metadata) = ("user", text, nil)
                    case .assistant(let text): (role, content, metadata) = ("assistant", text, nil)
                    case .switched(let from, let to):
                        (role, content, metadata) = (
                            "system", "context switched from \(from) to \(to)",
                            #"{"event":"context_switch","from":"\#(from)","to":"\#(to)"}"#)
                    }
                    try db.execute(sql: """
                        INSERT INTO turns (id, session_pk, seq, role, content, created_at, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: ["\(id)-\(seq)", sessionPK, seq, role, content, times[seq], metadata])
                    try db.execute(
                        sql: "INSERT INTO turns_fts(rowid, content) VALUES (?, ?)",
                        arguments: [db.lastInsertedRowID, SearchText.indexForm(content)])
                }
            }
        }
    }

    static func recent(_ store: any SessionStore, _ context: Context) async throws -> [String] {
        try await store.recentInteractions(InteractionQuery(scope: .user(try UserName("ana")), context: context))
            .map(\.question.content)
    }

    static func pendingTasks(_ store: SQLiteStore) async throws -> Int {
        try await store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM maintenance") ?? -1 }
    }

    @Test func switchesRecordedBeforeTheUpgradeGetTheirContextsOnceMaintenanceRuns() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("memchat.sqlite")
        var old = try OldDatabase(path: path)
        try old.session("a", context: "personal", mode: "friend", turns: [
            .user("deploy the cluster"), .assistant("kubectl apply"),
            .switched(from: "work/assistant", to: "personal/friend"),
            .user("weekend hike ideas"), .assistant("Mont Verdun"),
        ])
        // A question that only reads like an event, in a session that never switched.
        try old.session("b", context: "work", mode: "assistant", turns: [
            .user("my context switched from work/assistant to personal/friend, why?"), .assistant("it did"),
        ])
        try old.session("c", context: "creative", mode: "assistant", turns: [
            .user("general question"), .switched(from: "general/assistant", to: "creative/assistant"),
            .user("creative question"),
        ])
        try old.queue.close()

        let store = try SQLiteStore.open(path: path, expirationHours: 168, clock: ManualClock(StoreFixture.start))
        #expect(try await Self.pendingTasks(store) == 1)
        // Until the maintenance runs, the turns before an old switch stand where their session stands.
        #expect(try await Self.recent(store, .personal) == ["weekend hike ideas", "deploy the cluster"])

        // A switch before the maintenance settles the session's old switches first (the
        // old event itself was written in creative).
        _ = try await store.changeContext(try SessionID("c"), context: .work, mode: .assistant)
        let c = try await store.turns(of: try SessionID("c"), page: .all)
        #expect(c.map(\.context) == [.general, .creative, .creative])

        try await store.completePendingMaintenance()
        #expect(try await Self.pendingTasks(store) == 0)
        let a = try await store.turns(of: try SessionID("a"), page: .all)
        #expect(a.map(\.context) == [.work, .work, nil, nil, nil])
        #expect(a.map(\.mode) == [.assistant, .assistant, nil, nil, nil])
        #expect(try await store.turns(of: try SessionID("b"), page: .all).map(\.context) == [nil, nil])
        #expect(try await Self.recent(store, .work) == ["my context switched from work/assistant to personal/friend, why?", "deploy the cluster"])
        #expect(try await Self.recent(store, .personal) == ["weekend hike ideas"])
        #expect(try await Self.recent(store, .general) == ["general question"])
        #expect(try await Self.recent(store, .creative) == ["creative question"])
        let hit = try #require(try await store.search(SearchQuery(text: "deploy", scope: .allUsers)).first)
        #expect(hit.context == .work)

        // Done once: running again, or reopening, changes nothing.
        try await store.completePendingMaintenance()
        let reopened = try SQLiteStore.open(path: path, expirationHours: 168, clock: ManualClock(StoreFixture.start))
        #expect(try await Self.pendingTasks(reopened) == 0)
        #expect(try await reopened.turns(of: try SessionID("c"), page: .all).map(\.context) == [.general, .creative, .creative])
    }

    @Test func aNewDatabaseHasNothingPending() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore.open(path: directory.file("memchat.sqlite"), expirationHours: 168)
        #expect(try await Self.pendingTasks(store) == 0)
        try await store.completePendingMaintenance()
    }

    @Test func theUpgradeRewritesNoTurn() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("memchat.sqlite")
        var old = try OldDatabase(path: path)
        for index in 0..<200 {
            try old.session("s\(index)", context: "work", mode: "assistant", turns: [.user(String(repeating: "word ", count: 200))])
        }
        try old.queue.close()
        let queue = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(queue)
        let changes = try await queue.read { db in db.totalChangesCount }
        // Only the maintenance row and the migration's own bookkeeping row were written.
        #expect(changes == 2, "\(changes) rows changed")
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM turns WHERE context IS NULL") } == 200)
    }
}
