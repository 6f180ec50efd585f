import Foundation
import GRDB
import MemchatCore
import MemchatStore
import MemchatTestSupport
import Testing

@Suite("SQLite files")
struct SQLiteFileTests {
    @Test func databaseIsPrivateWhateverTheUmask() async throws {
        let directory = try TemporaryDirectory()
        let dataDir = directory.file("data")
        let old = umask(0o022)
        defer { umask(old) }
        try PrivateFiles.prepareDirectory(dataDir)
        let path = (dataDir as NSString).appendingPathComponent("memchat.sqlite")
        let store = try SQLiteStore.open(path: path, expirationHours: 168)
        _ = try await store.createSession(SessionDraft(userID: try UserName("ana")))
        for file in [path, path + "-wal", path + ".lock"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(file)")
        }
        let dirAttributes = try FileManager.default.attributesOfItem(atPath: dataDir)
        #expect((dirAttributes[.posixPermissions] as? Int) == 0o700)
    }

    @Test func notADatabaseIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("memchat.sqlite")
        try String(repeating: "garbage ", count: 1000).write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try SQLiteStore.open(path: path, expirationHours: 168)
        } throws: { error in
            guard case StoreError.cannotOpen(let failedPath, let reason) = error else { return false }
            return failedPath == path && reason.contains("not a database")
        }
        // The file is left as it was for the user to inspect.
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("garbage"))
    }

    @Test func twoStoresOnOneFileSeeEachOthersTurns() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("memchat.sqlite")
        let first = try SQLiteStore.open(path: path, expirationHours: 168)
        let second = try SQLiteStore.open(path: path, expirationHours: 168)
        let session = try await first.createSession(SessionDraft(userID: try UserName("ana")))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [first, second, first, second].enumerated() {
                group.addTask {
                    for turn in 0..<25 {
                        _ = try await store.appendTurn(TurnDraft(role: .user, content: "writer \(index) turn \(turn)"), to: session.id)
                    }
                }
            }
            try await group.waitForAll()
        }
        let turns = try await second.turns(of: session.id, page: .all)
        #expect(turns.count == 100)
        #expect(turns.map(\.seq) == Array(0..<100))
        #expect(try await first.session(session.id).turnCount == 100)
    }

    @Test func aHeldLockIsStoreBusyNotAHang() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("memchat.sqlite")
        let store = try SQLiteStore.open(path: path, expirationHours: 168, lockTimeout: 0.2)
        let session = try await store.createSession(SessionDraft(userID: try UserName("ana")))
        // Another connection holds the write lock, as a second memchat process would.
        var configuration = GRDB.Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try await other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
        }
        await #expect(throws: StoreError.busy(path: path)) {
            try await store.appendTurn(TurnDraft(role: .user, content: "hello"), to: session.id)
        }
        try await other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        _ = try await store.appendTurn(TurnDraft(role: .user, content: "hello"), to: session.id)
        #expect(StoreError.busy(path: path).description.contains("store busy"))
    }

    /// Creating (or migrating) a store waits for the open lock beside it, which another
    /// process creating it holds; held too long it is "store busy" naming the lock file.
    /// A store whose schema is current opens without the lock.
    @Test func onlyCreatingOrMigratingWaitsForTheOpenLock() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("memchat.sqlite")
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        #expect(throws: StoreError.busy(path: lockPath)) {
            _ = try SQLiteStore.open(path: path, expirationHours: 168, lockTimeout: 0.2)
        }
        flock(fd, LOCK_UN)
        let created = try SQLiteStore.open(path: path, expirationHours: 168, lockTimeout: 0.2)
        _ = try await created.createSession(SessionDraft(userID: try UserName("ana")))

        #expect(flock(fd, LOCK_EX) == 0)
        let reopened = try SQLiteStore.open(path: path, expirationHours: 168, lockTimeout: 0.2)
        #expect(try await reopened.stats().totalSessions == 1)
        flock(fd, LOCK_UN)
    }

    @Test func inMemoryStoreWritesNothing() async throws {
        let store = try SQLiteStore.inMemory(expirationHours: 168)
        let session = try await store.createSession(SessionDraft(userID: try UserName("ana")))
        _ = try await store.appendTurn(TurnDraft(role: .user, content: "hello"), to: session.id)
        #expect(store.location.kind == "memory")
        #expect(try await store.stats().turns == 1)
    }
}
