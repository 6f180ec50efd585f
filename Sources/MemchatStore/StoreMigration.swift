import Foundation
import MemchatCore

/// Copies every session of every user, with state, metadata and turns, from one store
/// into another through the `SessionStore` API, then checks that the target holds it all.
/// The source's sessions are only read (an older SQLite source first completes its
/// one-time maintenance, which records what its turns already meant).
public struct StoreMigration {
    public struct Outcome: Sendable {
        public var sessions = 0
        public var turns = 0
        public var report = ImportReport()
    }

    public enum Failure: Error, CustomStringConvertible {
        case targetNotEmpty(path: String, sessions: Int)
        case sameStore(String)
        case verificationFailed([String])

        public var description: String {
            switch self {
            case .targetNotEmpty(let path, let sessions):
                return "the target store at \(path) already holds \(sessions) sessions; "
                    + "pass --merge to add to them, or move it away"
            case .sameStore(let path):
                return "source and target are the same store (\(path))"
            case .verificationFailed(let problems):
                return "the copy does not match the source: " + problems.prefix(5).joined(separator: "; ")
                    + (problems.count > 5 ? "; and \(problems.count - 5) more" : "")
            }
        }
    }

    public let source: any SessionStore
    public let target: any SessionStore
    public var batchSize = 200

    public init(source: any SessionStore, target: any SessionStore) {
        self.source = source
        self.target = target
    }

    public func run(merge: Bool) async throws -> Outcome {
        guard source.location != target.location else { throw Failure.sameStore(source.location.path) }
        let existing = try await target.stats().totalSessions
        if existing > 0, !merge { throw Failure.targetNotEmpty(path: target.location.path, sessions: existing) }

        // An older source's turns must name the contexts they were asked in before copying.
        try await source.completePendingMaintenance()
        var outcome = Outcome()
        var expected: [SessionID: Int] = [:]
        var offset = 0
        while true {
            let sessions = try await source.listSessions(SessionQuery(scope: .allUsers, limit: batchSize, offset: offset))
            var records: [SessionRecord] = []
            for session in sessions {
                let turns = try await source.turns(of: session.id, page: .all)
                records.append(SessionRecord(session: session, turns: turns))
                expected[session.id] = turns.count
                outcome.turns += turns.count
            }
            outcome.sessions += sessions.count
            outcome.report.add(try await target.importRecords(records))
            if sessions.count < batchSize { break }
            offset += batchSize
        }

        var problems = outcome.report.conflicts.map { "\($0.sessionID)\($0.turnID.map { "/\($0)" } ?? ""): \($0.reason)" }
        for (id, turns) in expected.sorted(by: { $0.key < $1.key }) {
            do {
                let copied = try await target.session(id).turnCount
                if copied < turns { problems.append("\(id) has \(copied) of \(turns) turns") }
            } catch StoreError.sessionNotFound {
                problems.append("\(id) is missing")
            }
        }
        guard problems.isEmpty else { throw Failure.verificationFailed(problems) }
        return outcome
    }
}
