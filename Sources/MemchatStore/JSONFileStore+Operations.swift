import Foundation
import MemchatCore

extension JSONFileStore {
    public func createSession(_ draft: SessionDraft) async throws -> Session {
        try access { access in
            let session = draft.session(now: access.now, ids: ids)
            try access.save(session, turns: [], index: true)
            return try access.session(session.id)
        }
    }

    public func appendTurn(_ draft: TurnDraft, to id: SessionID) async throws -> Turn {
        try access { access in
            var session = try access.session(id)
            if session.endedAt != nil { throw StoreError.sessionEnded(id) }
            var turns = access.turns(id)
            let turn = draft.turn(in: id, standing: ContextSwitch.Footing(session), seq: turns.count, now: access.now, ids: ids)
            turns.append(turn)
            // The index changes only when metadata does; activity is read from the file.
            var metadataChanged = session.expiredAt != nil
            session.expiredAt = nil
            if session.title.isEmpty, turn.role == .user {
                session.title = Session.title(fromQuestion: turn.content)
                metadataChanged = true
            }
            try access.save(session, turns: turns, index: metadataChanged)
            return turn
        }
    }

    public func session(_ id: SessionID) async throws -> Session {
        try access { access in try access.session(id) }
    }

    public func listSessions(_ query: SessionQuery) async throws -> [Session] {
        try access { access in
            let matching = try access.allSessions().filter { session in
                query.scope.includes(session.userID) && (query.context.map { $0 == session.context } ?? true)
                    && (query.state.map { $0 == session.state } ?? true)
            }
            return Array(matching.sorted(by: Session.mostRecentFirst).dropFirst(query.offset).prefix(query.limit))
        }
    }

    public func turns(of id: SessionID, page: TurnPage) async throws -> [Turn] {
        try access { access in
            _ = try access.session(id)
            let turns = access.turns(id)
            switch page {
            case .all: return turns
            case .first(let limit): return Array(turns.prefix(limit))
            case .last(let limit): return Array(turns.suffix(limit))
            case .after(let seq, let limit): return Array(turns.filter { $0.seq > seq }.prefix(limit))
            case .before(let seq, let limit): return Array(turns.filter { $0.seq < seq }.suffix(limit))
            }
        }
    }

    public func turnsAround(_ turns: [Turn], radius: Int) async throws -> [TurnID: [Turn]] {
        try access { access in
            var around: [TurnID: [Turn]] = [:]
            for turn in turns {
                around[turn.id] = access.turns(turn.sessionID).filter { abs($0.seq - turn.seq) <= radius }
            }
            return around
        }
    }

    public func renameSession(_ id: SessionID, to title: String) async throws -> Session {
        try changeMetadata(id) { session, _ in session.title = title }
    }

    public func endSession(_ id: SessionID) async throws -> Session {
        try changeMetadata(id) { session, now in session.endedAt = session.endedAt ?? now }
    }

    /// The session's turns without a context or mode of their own first take the ones it
    /// leaves, in the same write of its file.
    public func changeContext(_ id: SessionID, context: Context, mode: Mode) async throws -> Session {
        try access { access in
            var session = try access.session(id)
            let change = ContextSwitch(of: session, to: context, mode: mode)
            session.context = context
            session.mode = mode
            try access.save(session, turns: access.turns(id).map { $0.settled(before: change) }, index: true)
            return try access.session(id)
        }
    }

    public func resumeSession(_ id: SessionID) async throws -> Session {
        try changeMetadata(id) { session, now in
            session.endedAt = nil
            session.expiredAt = nil
            session.lastActivity = max(session.lastActivity, now)
        }
    }

    private func changeMetadata(_ id: SessionID, _ change: (inout Session, Date) -> Void) throws -> Session {
        try access { access in
            var session = try access.session(id)
            change(&session, access.now)
            try access.setMetadata([session])
            return try access.session(id)
        }
    }

    public func deleteSession(_ id: SessionID) async throws {
        try access { access in
            _ = try access.session(id)
            try access.remove(id)
        }
    }

    public func expireIdleSessions() async throws -> [SessionID] {
        try access { access in
            let expired = try access.allSessions()
                .filter { $0.endedAt == nil && $0.expiredAt == nil && $0.state == .expired }
                .map { session in
                    var session = session
                    session.expiredAt = access.now
                    return session
                }
            if !expired.isEmpty { try access.setMetadata(expired) }
            return expired.map(\.id).sorted()
        }
    }

    public func cleanup(inactiveBefore cutoff: Date, scope: UserScope, dryRun: Bool) async throws -> [Session] {
        try access { access in
            let removed = try access.allSessions()
                .filter { scope.includes($0.userID) && $0.state != .active && $0.lastActivity < cutoff }
                .sorted { $0.lastActivity < $1.lastActivity }
            guard !dryRun else { return removed }
            for session in removed { try access.remove(session.id) }
            return removed
        }
    }

    public func mergeSessions(into primaryID: SessionID, from secondaryIDs: [SessionID], deleteSources: Bool) async throws -> MergeReport {
        try MergeRules.check(primary: primaryID, secondaries: secondaryIDs)
        return try access { access in
            var primary = try access.session(primaryID)
            let secondaries = try secondaryIDs.map { try access.session($0) }
            for secondary in secondaries where secondary.userID != primary.userID {
                throw MergeRules.otherUser(secondary, primary: primary)
            }
            // Every turn names the context and mode it was written in: in the merged session
            // nil would mean the primary's, and switch events moved with the secondaries'
            // turns must not settle the primary's turns when the file is read.
            var turns = access.turns(primaryID).map { $0.resolved(in: primary) }
            var moved = 0
            for secondary in secondaries {
                let theirs = access.turns(secondary.id).map { turn in
                    var turn = turn.resolved(in: secondary)
                    turn.sessionID = primaryID
                    return turn
                }
                moved += theirs.count
                turns += theirs
                primary.lastActivity = max(primary.lastActivity, secondary.lastActivity)
            }
            // Time order; the primary's own turns first among equal times.
            let ordered = turns.enumerated().sorted { a, b in
                a.element.createdAt != b.element.createdAt ? a.element.createdAt < b.element.createdAt : a.offset < b.offset
            }.map(\.element)
            try access.save(primary, turns: ordered, index: false)
            for var secondary in secondaries {
                if deleteSources {
                    try access.remove(secondary.id)
                } else {
                    secondary.endedAt = secondary.endedAt ?? access.now
                    secondary.mergedInto = primaryID
                    try access.save(secondary, turns: [], index: false)
                }
            }
            try access.setMetadata([access.session(primaryID)])
            return MergeReport(
                primary: try access.session(primaryID), movedTurns: moved, mergedSessions: secondaryIDs,
                deletedSources: deleteSources)
        }
    }

    public func stats() async throws -> StoreStats {
        try access { access in
            let sessions = try access.allSessions()
            let users = Dictionary(grouping: sessions, by: \.userID).map { user, sessions in
                StoreStats.UserStats(
                    user: user, totalSessions: sessions.count,
                    activeSessions: sessions.filter { $0.state == .active }.count,
                    turns: sessions.reduce(0) { $0 + $1.turnCount })
            }.sorted { $0.user < $1.user }
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { !$0.hasPrefix(".") }
                .map { (directory as NSString).appendingPathComponent($0) }
            return StoreStats(
                storageType: location.kind, storagePath: location.path, totalSessions: sessions.count,
                activeSessions: users.reduce(0) { $0 + $1.activeSessions }, turns: users.reduce(0) { $0 + $1.turns },
                expirationHours: expirationHours, fileSizeBytes: PrivateFiles.size(ofFiles: files), users: users)
        }
    }
}

extension UserScope {
    func includes(_ user: UserName) -> Bool {
        switch self {
        case .user(let only): return only == user
        case .allUsers: return true
        }
    }
}

extension Session {
    /// Listing order: latest activity first, then the newer id.
    static func mostRecentFirst(_ a: Session, _ b: Session) -> Bool {
        a.lastActivity != b.lastActivity ? a.lastActivity > b.lastActivity : a.id > b.id
    }
}

/// What every backend refuses in a merge, with the same words.
enum MergeRules {
    static func check(primary: SessionID, secondaries: [SessionID]) throws {
        guard !secondaries.isEmpty else { throw StoreError.invalidMerge("name at least one session to merge into \(primary)") }
        guard !secondaries.contains(primary) else { throw StoreError.invalidMerge("\(primary) cannot be merged into itself") }
        guard Set(secondaries).count == secondaries.count else { throw StoreError.invalidMerge("a session is named twice") }
    }

    static func otherUser(_ secondary: Session, primary: Session) -> StoreError {
        .invalidMerge("\(secondary.id) belongs to \(secondary.userID), \(primary.id) to \(primary.userID)")
    }
}
