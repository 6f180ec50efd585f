import Foundation
import MemchatCore

/// The one protocol every session backend implements (SQLite today, JSON files and
/// PostgreSQL next). All methods are durable when they return.
public protocol SessionStore: Sendable {
    /// Which backend and where, for status lines and `sessions stats`.
    var location: StoreLocation { get }

    func createSession(_ draft: SessionDraft) async throws -> Session
    /// Returns once the turn is on disk. Updates the session's activity, and its title
    /// when this is the first question of an untitled session.
    func appendTurn(_ draft: TurnDraft, to session: SessionID) async throws -> Turn
    func session(_ id: SessionID) async throws -> Session
    /// Most recent activity first.
    func listSessions(_ query: SessionQuery) async throws -> [Session]
    /// Turns in seq order.
    func turns(of session: SessionID, page: TurnPage) async throws -> [Turn]
    /// For each turn, the turns of its session within `radius` positions of it (itself
    /// included), in seq order: where its question or answer is. One read for all, so
    /// that pairing search hits stays cheap enough to run before every request.
    func turnsAround(_ turns: [Turn], radius: Int) async throws -> [TurnID: [Turn]]
    /// Question + answer pairs, newest question first; with a context, the questions
    /// asked in it (also in sessions that have switched away since).
    func recentInteractions(_ query: InteractionQuery) async throws -> [Interaction]
    func search(_ query: SearchQuery) async throws -> [SearchHit]

    /// The user's own questions and statements (role `user`) after `cursor`, oldest
    /// first, at most `limit`: how an index kept beside the store (the semantic turn
    /// index) learns of turns appended or imported since it last looked. SQLite walks
    /// `turns.pk` from the cursor (no scan); the JSON backend sorts its turns by time.
    func userTurns(of user: UserName, after cursor: TurnCursor, limit: Int) async throws -> TurnWalk
    /// How many of those turns there are after `cursor` (all of them when the cursor no
    /// longer holds): the backlog an index's progress and time left are measured against.
    func userTurnCount(of user: UserName, after cursor: TurnCursor) async throws -> Int
    /// The turns with these ids as search hits (session title, the turn's own context,
    /// no snippet, score 0), in the order given; ids no longer stored (deleted sessions)
    /// are skipped. How candidates from an index become interactions.
    func located(_ ids: [TurnID]) async throws -> [SearchHit]

    func renameSession(_ id: SessionID, to title: String) async throws -> Session
    func endSession(_ id: SessionID) async throws -> Session
    /// Moves the session to another context and mode (the engine records the switch as a
    /// turn). Its turns keep the context and mode they were written in.
    func changeContext(_ id: SessionID, context: Context, mode: Mode) async throws -> Session
    /// Makes an ended or expired session active again and touches its activity time.
    func resumeSession(_ id: SessionID) async throws -> Session
    /// Deletes the session, its turns and their search-index rows.
    func deleteSession(_ id: SessionID) async throws
    /// Moves the secondaries' turns into the primary in time order; the secondaries are
    /// kept, ended and marked as merged, or deleted when `deleteSources`.
    func mergeSessions(into primary: SessionID, from secondaries: [SessionID], deleteSources: Bool) async throws -> MergeReport
    /// Marks sessions idle longer than the expiration setting as expired.
    func expireIdleSessions() async throws -> [SessionID]
    /// Deletes the ended or expired sessions in `scope` whose last activity is before
    /// `cutoff`, and returns them; with `dryRun`, only returns them.
    func cleanup(inactiveBefore cutoff: Date, scope: UserScope, dryRun: Bool) async throws -> [Session]
    func stats() async throws -> StoreStats

    /// Adds sessions and turns that are not there yet (by id); reports conflicts.
    func importRecords(_ records: [SessionRecord]) async throws -> ImportReport

    /// Damaged files found and repaired since the last call (file backend), for the
    /// caller to show; each names the file and what was done.
    func recoveryReports() async -> [DurableFile.Report]

    /// One-time work an upgrade left, kept off the start-up path: run it after the first
    /// frame, or after a command's own work, or before output that must be complete.
    /// Until it has run, an older SQLite store reports the turns before switches that an
    /// older memchat recorded in their session's current context. Cheap when nothing is
    /// pending; safe to repeat and to run from several processes.
    func completePendingMaintenance() async throws
}

extension SessionStore {
    public func recoveryReports() async -> [DurableFile.Report] { [] }

    public func completePendingMaintenance() async throws {}

    /// Deletes every user's ended or expired sessions idle since before `cutoff`.
    public func cleanup(inactiveBefore cutoff: Date) async throws -> [Session] {
        try await cleanup(inactiveBefore: cutoff, scope: .allUsers, dryRun: false)
    }

    /// The session, when it belongs to `user`; another user's session is refused.
    public func session(_ id: SessionID, ownedBy user: UserName) async throws -> Session {
        let session = try await session(id)
        guard session.userID == user else { throw StoreError.wrongUser(session: id, owner: session.userID, requested: user) }
        return session
    }
}
