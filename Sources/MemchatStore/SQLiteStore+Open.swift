import Foundation
import GRDB
import MemchatCore

/// Opening the database file, safely when several processes open a new or older store at
/// the same moment (a chat screen and an editor's tool on first use).
///
/// Creating the file (8 KiB pages, WAL) and migrating its schema happen under an exclusive
/// lock on `<database>.lock`, so those processes take turns. Unserialised, GRDB's migrator
/// reads which migrations are applied and then runs the missing ones, so two processes
/// both ran them ("table sessions already exists"); and SQLite answers "busy" at once,
/// without waiting, to a `PRAGMA journal_mode = WAL` that meets another process's lock. An
/// open that finds the whole schema in place takes no lock.
extension SQLiteStore {
    /// Opens (creating or migrating if needed) the database file at `path`. The file is
    /// created 0600. Waiting longer than `lockTimeout` for another process is "store busy".
    public static func open(
        path: String, expirationHours: Int, clock: any MemchatClock = SystemClock(),
        lockTimeout: TimeInterval = defaultLockTimeout
    ) throws -> SQLiteStore {
        let configuration = configuration(lockTimeout: lockTimeout)
        let pool = try reportingOpenErrors(path) {
            try openIfCurrent(path, configuration) ?? openCreatingOrMigrating(path, configuration, lockTimeout: lockTimeout)
        }
        return SQLiteStore(
            writer: pool, location: StoreLocation(kind: "sqlite", path: path), expirationHours: expirationHours, clock: clock)
    }

    /// Opens the database at `path` for commands that only read (`sessions list`, `search`):
    /// its connections are read-only, so neither opening nor closing writes to the disk.
    /// (A pool that may write finds no `-wal` file, since SQLite removes it when the last
    /// connection closes, makes one with a commit, and checkpoints that commit with fsyncs
    /// at close.) A file that is missing or needs migrating is opened as `open` does.
    public static func openForReading(
        path: String, expirationHours: Int, clock: any MemchatClock = SystemClock(),
        lockTimeout: TimeInterval = defaultLockTimeout
    ) throws -> SQLiteStore {
        var configuration = configuration(lockTimeout: lockTimeout)
        configuration.readonly = true
        guard let pool = try reportingOpenErrors(path, { try openIfCurrent(path, configuration) }) else {
            return try open(path: path, expirationHours: expirationHours, clock: clock, lockTimeout: lockTimeout)
        }
        return SQLiteStore(
            writer: pool, location: StoreLocation(kind: "sqlite", path: path), expirationHours: expirationHours, clock: clock)
    }

    /// Runs `body`, reporting what fails as `StoreError.busy` or `.cannotOpen` naming `path`.
    private static func reportingOpenErrors<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: describe(error))
        }
    }

    /// The database when it exists with every migration applied, else nil. Busy means
    /// another process is creating or migrating it: nil too, to wait for it under the lock.
    private static func openIfCurrent(_ path: String, _ configuration: GRDB.Configuration) throws -> DatabasePool? {
        guard hasContent(path) else { return nil }
        do {
            let pool = try makePool(path, configuration)
            return try pool.read(SQLiteSchema.migrator.hasCompletedMigrations) ? pool : nil
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return nil
        }
    }

    /// Creates and migrates the database holding its open lock; whoever had the lock
    /// before may have done it all already.
    private static func openCreatingOrMigrating(
        _ path: String, _ configuration: GRDB.Configuration, lockTimeout: TimeInterval
    ) throws -> DatabasePool {
        // The lock file lives beside the database.
        try PrivateFiles.prepareDirectory((path as NSString).deletingLastPathComponent)
        return try DirectoryLock(file: path + ".lock", timeout: lockTimeout).withLock(exclusive: true) {
            try createDatabaseIfMissing(path, configuration)
            let pool = try makePool(path, configuration)
            try SQLiteSchema.migrator.migrate(pool)
            return pool
        }
    }

    /// The pool, its writer (unless read-only) fsyncing every commit. GRDB switches a
    /// pool's writer to `synchronous = NORMAL` when it sets up WAL, after `prepareDatabase`
    /// set FULL; in WAL mode NORMAL syncs only at checkpoints, so a power cut could lose
    /// acknowledged turns.
    private static func makePool(_ path: String, _ configuration: GRDB.Configuration) throws -> DatabasePool {
        let pool = try DatabasePool(path: path, configuration: configuration)
        // Read-only connections never commit.
        if !configuration.readonly {
            try pool.barrierWriteWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        return pool
    }

    /// Creates a new database with 8 KiB pages (set before anything else, or it never
    /// applies): turns of 0.5-3 KB waste much less space than with 4 KiB pages.
    private static func createDatabaseIfMissing(_ path: String, _ configuration: GRDB.Configuration) throws {
        guard !hasContent(path) else { return }
        try PrivateFiles.createFileIfMissing(path)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL")
        }
        try queue.close()
    }

    /// Whether the file exists and SQLite wrote to it (a new database is empty until then).
    private static func hasContent(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_size > 0
    }
}
