import Foundation
import MemchatCore

/// The human-readable backend (`SESSION_STORAGE_TYPE=file`), in the seed layout:
/// `sessions.json` (session id -> metadata) and one `session_<id>.json` per session.
///
/// Every operation takes the directory lock, then brings its in-memory copy up to date
/// by re-reading only the files whose size, inode or modification time changed (so a TUI
/// and CLI commands can share the directory, and hand edits are seen): one `stat` per
/// session file per operation. Modification times are too coarse to skip that scan. Appending a turn rewrites that session's
/// file only (atomically, with a `.bak`): its cost grows with the session's length.
/// `sessions.json` is rewritten when metadata changes (create, first question's title,
/// rename, end, resume, expiry, merge, delete), not on every turn: a session's last
/// activity and turn count are taken from its file when the index lags behind.
public final class JSONFileStore: SessionStore, @unchecked Sendable {
    public let location: StoreLocation
    let directory: String
    let clock: any MemchatClock
    let expirationHours: Int
    let ids = IDGenerator()
    private let lock: DirectoryLock
    /// Serialises this process's operations; `lock` serialises processes.
    private let mutex = NSLock()
    private var cache = Cache()
    private var reports: [DurableFile.Report] = []

    /// What the files held when last read, and how to tell whether they changed.
    struct Cache {
        var index: [SessionID: Session] = [:]
        var indexSignature: FileSignature?
        var turns: [SessionID: [Turn]] = [:]
        var signatures: [SessionID: FileSignature] = [:]
        /// What each session file says of its session, to rebuild index entries.
        var fileSessions: [SessionID: Session] = [:]
    }

    public init(
        directory: String, expirationHours: Int, clock: any MemchatClock = SystemClock(),
        lockTimeout: TimeInterval = SQLiteStore.defaultLockTimeout
    ) throws {
        try PrivateFiles.prepareDirectory(directory)
        self.directory = directory
        self.expirationHours = expirationHours
        self.clock = clock
        lock = DirectoryLock(directory: directory, timeout: lockTimeout)
        location = StoreLocation(kind: "file", path: directory)
        try access { _ in }
    }

    public func recoveryReports() async -> [DurableFile.Report] {
        mutex.withLock {
            defer { reports.removeAll() }
            return reports
        }
    }

    // MARK: - Access

    /// Runs `body` under both locks on up-to-date contents.
    func access<T>(_ body: (inout Access) throws -> T) throws -> T {
        try mutex.withLock {
            try lock.withLock(exclusive: true) {
                try refresh()
                var access = Access(store: self, now: clock.now())
                return try body(&access)
            }
        }
    }

    /// One operation's view: reads and writes go through it.
    struct Access {
        let store: JSONFileStore
        let now: Date

        var sessionIDs: Dictionary<SessionID, Session>.Keys { store.cache.index.keys }

        /// The session as stored, with activity, turn count and state derived from its file.
        func session(_ id: SessionID) throws -> Session {
            guard var session = store.cache.index[id] else { throw StoreError.sessionNotFound(id) }
            let turns = store.cache.turns[id] ?? []
            session.turnCount = turns.count
            if let last = turns.map(\.createdAt).max() { session.lastActivity = max(session.lastActivity, last) }
            session.state = Session.state(
                endedAt: session.endedAt, expiredAt: session.expiredAt, lastActivity: session.lastActivity,
                now: now, expirationHours: store.expirationHours)
            return session
        }

        func allSessions() throws -> [Session] { try sessionIDs.map { try session($0) } }

        func turns(_ id: SessionID) -> [Turn] { store.cache.turns[id] ?? [] }

        /// Writes a session's file and, when `index` is true, `sessions.json`.
        func save(_ session: Session, turns: [Turn], index: Bool) throws {
            var numbered = turns
            for position in numbered.indices { numbered[position].seq = position }
            try store.write(JSONFileFormat.SessionFile(session, turns: numbered), to: store.path(session.id))
            store.cache.turns[session.id] = numbered
            store.cache.signatures[session.id] = FileSignature(store.path(session.id))
            store.cache.fileSessions[session.id] = session
            store.cache.index[session.id] = session
            if index { try store.writeIndex() }
        }

        func remove(_ id: SessionID) throws {
            try DurableFile.remove(store.path(id))
            store.cache.turns[id] = nil
            store.cache.signatures[id] = nil
            store.cache.fileSessions[id] = nil
            store.cache.index[id] = nil
            try store.writeIndex()
        }

        /// Rewrites `sessions.json` from the sessions as they are now.
        func writeIndex() throws { try store.writeIndex() }

        /// Stores new metadata for sessions (in their files, which carry it too) with one
        /// write of `sessions.json`.
        func setMetadata(_ sessions: [Session]) throws {
            for session in sessions { try save(session, turns: turns(session.id), index: false) }
            try store.writeIndex()
        }
    }

    func path(_ id: SessionID) -> String {
        (directory as NSString).appendingPathComponent(JSONFileFormat.sessionFileName(id))
    }

    private var indexPath: String { (directory as NSString).appendingPathComponent(JSONFileFormat.indexName) }

    private func write<T: Encodable>(_ value: T, to path: String) throws {
        do {
            try DurableFile.write(try JSONFileFormat.encoder.encode(value), to: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.io(path: path, reason: "cannot encode (\(error))")
        }
    }

    private func writeIndex() throws {
        let now = clock.now()
        var entries: [String: JSONFileFormat.SessionFields] = [:]
        for id in cache.index.keys {
            let session = try Access(store: self, now: now).session(id)
            entries[id.rawValue] = JSONFileFormat.SessionFields(session)
        }
        try write(entries, to: indexPath)
        cache.indexSignature = FileSignature(indexPath)
    }

    // MARK: - Loading

    /// Re-reads changed files, recovering damaged ones. The session files are the truth:
    /// when `sessions.json` disagrees with them (a session it lacks, an entry whose file
    /// is gone, different metadata after a crash between the two writes), it is rebuilt
    /// from them, with a report.
    private func refresh() throws {
        let now = clock.now()
        if FileSignature(indexPath) != cache.indexSignature {
            let loaded = try DurableFile.read(JSONFileFormat.ValidIndex.self, from: indexPath, reports: &reports, now: now)
            cache.index = loaded?.sessions ?? [:]
            cache.indexSignature = FileSignature(indexPath)
        }

        var present = Set<SessionID>()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            guard let id = JSONFileFormat.sessionID(fromFileName: name) else { continue }
            let file = path(id)
            if FileSignature(file) != cache.signatures[id] {
                cache.turns[id] = nil
                cache.signatures[id] = nil
                cache.fileSessions[id] = nil
                let indexed = cache.index[id]
                let read = try DurableFile.read(JSONFileFormat.ValidSessionFile.self, from: file, reports: &reports, now: now) {
                    guard $0.file.sessionID == id.rawValue else {
                        throw JSONFileFormat.InvalidContent(reason: "it holds session \"\($0.file.sessionID)\", not \"\(id)\"")
                    }
                    _ = try $0.file.session(indexed: indexed)
                }
                guard let loaded = read, let session = try? loaded.file.session(indexed: indexed) else { continue }
                cache.turns[id] = loaded.turns
                cache.signatures[id] = FileSignature(file)
                cache.fileSessions[id] = session
            }
            present.insert(id)
        }
        for id in Array(cache.turns.keys) where !present.contains(id) {
            cache.turns[id] = nil
            cache.signatures[id] = nil
            cache.fileSessions[id] = nil
        }

        let missing = cache.index.keys.filter { !present.contains($0) }.sorted()
        let unlisted = present.filter { cache.index[$0] == nil }.sorted()
        let differing = present.filter { id in
            guard let indexed = cache.index[id], let filed = cache.fileSessions[id] else { return false }
            return !indexed.hasSameMetadata(as: filed)
        }.sorted()
        cache.index = cache.fileSessions
        guard !missing.isEmpty || !unlisted.isEmpty || !differing.isEmpty else { return }
        var problems: [String] = []
        if !missing.isEmpty {
            problems.append("listed \(missing.count) session(s) with no readable file (\(missing.map(\.rawValue).joined(separator: ", ")))")
        }
        if !unlisted.isEmpty {
            problems.append("did not list \(unlisted.count) session file(s) (\(unlisted.map(\.rawValue).joined(separator: ", ")))")
        }
        if !differing.isEmpty {
            problems.append("disagreed with \(differing.count) session file(s) (\(differing.map(\.rawValue).joined(separator: ", ")))")
        }
        try writeIndex()
        reports.append(DurableFile.Report(path: indexPath, problem: problems.joined(separator: " and "), action: .rebuiltIndex))
    }
}

extension Session {
    /// Equal in everything the index records except activity, which it may lag behind on.
    func hasSameMetadata(as other: Session) -> Bool {
        var a = self, b = other
        a.lastActivity = b.lastActivity
        a.turnCount = b.turnCount
        a.state = b.state
        return a == b
    }
}
