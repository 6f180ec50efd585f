import Foundation
import GRDB
import MemchatCore

/// The default backend: one SQLite database in WAL mode with `synchronous=FULL`, so a
/// turn is on disk when `appendTurn` returns.
public final class SQLiteStore: SessionStore {
    public let location: StoreLocation
    let writer: any DatabaseWriter
    let clock: any MemchatClock
    let expirationHours: Int
    private let ids = IDGenerator()

    /// How long an operation waits for another process's write lock before "store busy".
    public static let defaultLockTimeout: TimeInterval = 5

    /// A store that lives in memory only (persistence disabled, incognito, tests).
    public static func inMemory(expirationHours: Int, clock: any MemchatClock = SystemClock()) throws -> SQLiteStore {
        let queue = try DatabaseQueue(configuration: configuration(lockTimeout: 0))
        try SQLiteSchema.migrator.migrate(queue)
        return SQLiteStore(
            writer: queue, location: StoreLocation(kind: "memory", path: ":memory:"),
            expirationHours: expirationHours, clock: clock)
    }

    init(writer: any DatabaseWriter, location: StoreLocation, expirationHours: Int, clock: any MemchatClock) {
        self.writer = writer
        self.location = location
        self.expirationHours = expirationHours
        self.clock = clock
    }

    /// How much of the database file reads map (SQLite's largest).
    static let mappedBytes = 2_147_418_112

    static func configuration(lockTimeout: TimeInterval) -> GRDB.Configuration {
        var config = GRDB.Configuration()
        config.busyMode = .timeout(lockTimeout)
        config.prepareDatabase { db in
            // Every commit is fsynced: an acknowledged turn is on disk.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Reads map the file (up to 2 GB) instead of copying pages through read(2);
            // searches touch hundreds of rows.
            try db.execute(sql: "PRAGMA mmap_size = \(mappedBytes)")
        }
        return config
    }

    // MARK: - Running database work

    /// Runs a write transaction.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await mappingErrors { try await self.writer.write(body) }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await mappingErrors { try await self.writer.read(body) }
    }

    /// Turns SQLite's lock errors into `StoreError.busy` and other database errors into
    /// `StoreError.io` naming the file.
    private func mappingErrors<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StoreError.busy(path: location.path)
        } catch let error as DatabaseError {
            throw StoreError.io(path: location.path, reason: Self.describe(error))
        }
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    func sessionRow(_ db: Database, _ id: SessionID) throws -> SessionRow {
        guard let row = try existingSessionRow(db, id) else { throw StoreError.sessionNotFound(id) }
        return row
    }

    /// The session's row by id through a cached statement (imports look up every session).
    func existingSessionRow(_ db: Database, _ id: SessionID) throws -> SessionRow? {
        try SessionRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM sessions WHERE id = ?"), arguments: [id.rawValue])
    }

    func domain(_ row: SessionRow, now: Date) throws -> Session {
        try row.session(now: now, expirationHours: expirationHours)
    }

    /// Milliseconds: sessions active at `now` have activity after this.
    func activeCutoff(_ now: Date) -> Int64 {
        Timestamp.milliseconds(now) - Int64(expirationHours) * 3_600_000
    }

    // MARK: - Sessions

    public func createSession(_ draft: SessionDraft) async throws -> Session {
        let now = clock.now()
        let session = draft.session(now: now, ids: ids)
        try await write { db in
            var row = SessionRow(session)
            try row.insert(db)
        }
        return session
    }

    public func session(_ id: SessionID) async throws -> Session {
        let now = clock.now()
        return try await read { db in try self.domain(self.sessionRow(db, id), now: now) }
    }

    public func listSessions(_ query: SessionQuery) async throws -> [Session] {
        let now = clock.now()
        let cutoff = activeCutoff(now)
        return try await read { db in
            try SessionRow.all().inScope(query.scope).inContext(query.context)
                .inState(query.state, activeSince: cutoff).mostRecentFirst()
                .limit(query.limit, offset: query.offset).fetchAll(db)
                .map { try self.domain($0, now: now) }
        }
    }

    public func renameSession(_ id: SessionID, to title: String) async throws -> Session {
        try await updateSession(id) { row, _ in row.title = title }
    }

    public func endSession(_ id: SessionID) async throws -> Session {
        try await updateSession(id) { row, now in row.endedAt = row.endedAt ?? now }
    }

    /// The session's turns without a context or mode of their own first take the ones it
    /// leaves (`ContextSwitch.settled(before:)`), so their meaning does not change.
    public func changeContext(_ id: SessionID, context: Context, mode: Mode) async throws -> Session {
        let now = clock.now()
        return try await write { db in
            var row = try self.sessionRow(db, id)
            let sessionPK = row.pk ?? 0
            // Switches recorded before turns kept their context come first, or this
            // switch would give their turns its own old context.
            if try self.maintenancePending(.settleRecordedSwitches, in: db) {
                try self.settleRecordedSwitches(sessionPK: sessionPK, sessionID: id, in: db)
            }
            let change = ContextSwitch(from: try row.footing(), to: .init(context: context, mode: mode))
            try self.settleTurns(sessionPK: sessionPK, before: nil, for: change, in: db)
            row.context = context.name
            row.mode = mode.rawValue
            try row.update(db)
            return try self.domain(row, now: now)
        }
    }

    public func resumeSession(_ id: SessionID) async throws -> Session {
        try await updateSession(id) { row, now in
            row.endedAt = nil
            row.expiredAt = nil
            row.lastActivity = max(row.lastActivity, now)
        }
    }

    private func updateSession(_ id: SessionID, _ change: @escaping @Sendable (inout SessionRow, Int64) -> Void) async throws -> Session {
        let now = clock.now()
        return try await write { db in
            var row = try self.sessionRow(db, id)
            change(&row, Timestamp.milliseconds(now))
            try row.update(db)
            return try self.domain(row, now: now)
        }
    }

    public func deleteSession(_ id: SessionID) async throws {
        try await write { db in try self.delete(self.sessionRow(db, id), in: db) }
    }

    /// Removes the session's turns from the full-text index, then the session (its turns
    /// go with it through the foreign key).
    func delete(_ row: SessionRow, in db: Database) throws {
        guard let pk = row.pk else { return }
        let turns = try Row.fetchCursor(db, sql: "SELECT pk, content FROM turns WHERE session_pk = ?", arguments: [pk])
        let unindex = try db.cachedStatement(sql: "INSERT INTO turns_fts(turns_fts, rowid, content) VALUES('delete', ?, ?)")
        while let turn = try turns.next() {
            let content: String = turn["content"]
            try unindex.execute(arguments: [turn["pk"] as Int64, SearchText.indexForm(content)])
        }
        try db.execute(sql: "DELETE FROM sessions WHERE pk = ?", arguments: [pk])
    }

    public func expireIdleSessions() async throws -> [SessionID] {
        let now = clock.now()
        let cutoff = activeCutoff(now)
        return try await write { db in
            let ids = try String.fetchAll(db, sql: """
                UPDATE sessions SET expired_at = ?
                WHERE ended_at IS NULL AND expired_at IS NULL AND last_activity < ?
                RETURNING id
                """, arguments: [Timestamp.milliseconds(now), cutoff])
            return try ids.map(SessionID.init)
        }
    }

    public func cleanup(inactiveBefore cutoff: Date, scope: UserScope, dryRun: Bool) async throws -> [Session] {
        let now = clock.now()
        let selection = SessionRow.all()
            .inScope(scope)
            .filter(SessionRow.Columns.lastActivity < Timestamp.milliseconds(cutoff))
            .inactive(activeSince: activeCutoff(now))
            .order(SessionRow.Columns.lastActivity)
        guard !dryRun else {
            return try await read { db in try selection.fetchAll(db).map { try self.domain($0, now: now) } }
        }
        return try await write { db in
            let rows = try selection.fetchAll(db)
            let removed = try rows.map { try self.domain($0, now: now) }
            for row in rows { try self.delete(row, in: db) }
            return removed
        }
    }

    public func stats() async throws -> StoreStats {
        let now = clock.now()
        let cutoff = activeCutoff(now)
        let users = try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT user_id, COUNT(*) AS total,
                       SUM(ended_at IS NULL AND expired_at IS NULL AND last_activity >= ?) AS active,
                       SUM(turn_count) AS turns
                FROM sessions GROUP BY user_id ORDER BY user_id
                """, arguments: [cutoff]).map { row in
                StoreStats.UserStats(
                    user: try UserName(row["user_id"]), totalSessions: row["total"],
                    activeSessions: row["active"], turns: row["turns"])
            }
        }
        return StoreStats(
            storageType: location.kind, storagePath: location.path,
            totalSessions: users.reduce(0) { $0 + $1.totalSessions },
            activeSessions: users.reduce(0) { $0 + $1.activeSessions },
            turns: users.reduce(0) { $0 + $1.turns }, expirationHours: expirationHours,
            fileSizeBytes: PrivateFiles.size(ofFiles: ["", "-wal", "-shm"].map { location.path + $0 }),
            users: users)
    }

    // MARK: - Turns

    public func appendTurn(_ draft: TurnDraft, to sessionID: SessionID) async throws -> Turn {
        let now = clock.now()
        // Column values (the full-text form above all) are computed before the write, so
        // the single writer only settles the context, binds and steps.
        let drafted = draft.turn(in: sessionID, seq: 0, now: now, ids: ids)
        let unsettled = PreparedTurn(drafted)
        return try await write { db in
            var session = try self.sessionRow(db, sessionID)
            if session.endedAt != nil { throw StoreError.sessionEnded(sessionID) }
            var turn = drafted.standing(at: try session.footing())
            turn.seq = session.turnCount
            var prepared = unsettled
            prepared.context = turn.context?.name
            prepared.mode = turn.mode?.rawValue
            try self.insert(prepared, seq: session.turnCount, sessionPK: session.pk ?? 0, in: db)
            // A context of its own differs from the session's (`standing(at:)` drops an equal one).
            if let context = prepared.context { try self.recordLeftContext(context, sessionPK: session.pk ?? 0, in: db) }
            session.turnCount += 1
            session.lastActivity = max(session.lastActivity, prepared.createdAt)
            session.expiredAt = nil
            if session.title.isEmpty, turn.role == .user {
                session.title = Session.title(fromQuestion: turn.content)
            }
            try session.update(db)
            return turn
        }
    }

    /// Inserts a turn row and its full-text entry. Plain cached statements: this is the
    /// hot path of imports. `footing` stands in for a context or mode the turn lacks (an
    /// import into a session that stands elsewhere than the imported one).
    func insert(
        _ turn: PreparedTurn, seq: Int, sessionPK: Int64, footing: (context: String?, mode: String?) = (nil, nil),
        in db: Database
    ) throws {
        try db.cachedStatement(sql: """
            INSERT INTO turns (id, session_pk, seq, role, content, created_at, reply_to, metadata, context, mode)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                turn.id, sessionPK, seq, turn.role, turn.content, turn.createdAt, turn.replyTo, turn.metadata,
                turn.context ?? footing.context, turn.mode ?? footing.mode,
            ])
        try db.cachedStatement(sql: "INSERT INTO turns_fts(rowid, content) VALUES (?, ?)")
            .execute(arguments: [db.lastInsertedRowID, turn.indexText])
    }

    public func turns(of sessionID: SessionID, page: TurnPage) async throws -> [Turn] {
        try await read { db in
            let session = try self.sessionRow(db, sessionID)
            let all = TurnRow.all().inSession(session.pk ?? 0)
            let seq = TurnRow.Columns.seq
            let rows: [TurnRow]
            switch page {
            case .all: rows = try all.order(seq).fetchAll(db)
            case .first(let limit): rows = try all.order(seq).limit(limit).fetchAll(db)
            case .last(let limit): rows = try all.order(seq.desc).limit(limit).fetchAll(db).reversed()
            case .after(let after, let limit): rows = try all.filter(seq > after).order(seq).limit(limit).fetchAll(db)
            case .before(let before, let limit):
                rows = try all.filter(seq < before).order(seq.desc).limit(limit).fetchAll(db).reversed()
            }
            return try rows.map { try $0.turn(sessionID: sessionID) }
        }
    }

    public func turnsAround(_ turns: [Turn], radius: Int) async throws -> [TurnID: [Turn]] {
        try await read { db in
            var around: [TurnID: [Turn]] = [:]
            for turn in turns {
                guard let session = try self.existingSessionRow(db, turn.sessionID), let pk = session.pk else { continue }
                let statement = try db.cachedStatement(
                    sql: "SELECT * FROM turns WHERE session_pk = ? AND seq BETWEEN ? AND ? ORDER BY seq")
                around[turn.id] = try TurnRow.fetchAll(statement, arguments: [pk, turn.seq - radius, turn.seq + radius])
                    .map { try $0.turn(sessionID: turn.sessionID) }
            }
            return around
        }
    }
}
