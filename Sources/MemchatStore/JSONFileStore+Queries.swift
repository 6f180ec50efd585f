import Foundation
import MemchatCore

extension JSONFileStore {
    /// Search here is a scan of every turn in scope (this backend's documented trade-off),
    /// with the same matching and ranking as the SQLite store: the newest `rankingWindow`
    /// matches, ranked by BM25.
    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        let relevance = Relevance(query: query.text)
        guard !relevance.phrases.isEmpty else { throw StoreError.emptySearch(query.text) }
        return try access { access in
            var documents = 0
            var matches: [(turn: Turn, session: Session, counts: [Int], length: Int)] = []
            for session in try access.allSessions() {
                let turns = access.turns(session.id)
                documents += turns.count
                guard query.scope.includes(session.userID) else { continue }
                for turn in turns where query.context.map({ $0 == turn.effectiveContext(in: session) }) ?? true {
                    if let found = relevance.occurrences(in: turn.content, matching: query.matching) {
                        matches.append((turn, session, found.counts, found.length))
                    }
                }
            }
            let window = matches.sorted { Self.newerFirst($0.turn, $1.turn) }.prefix(query.rankingWindow)
            let ranked = Relevance.rank(
                window.map { (key: ($0.turn, $0.session), counts: $0.counts, length: $0.length) },
                documentFrequencies: relevance.phrases.map { _ in query.matching == .allWords ? matches.count : 1 },
                documents: max(documents, 1))
            return ranked.prefix(query.limit).map { hit, score in
                SearchHit(
                    turn: hit.0, sessionTitle: hit.1.title, context: hit.0.effectiveContext(in: hit.1), userID: hit.1.userID,
                    snippet: SearchText.snippet(of: hit.0.content, around: relevance.firstMatch(in: hit.0.content)),
                    score: score)
            }
        }
    }

    public func recentInteractions(_ query: InteractionQuery) async throws -> [Interaction] {
        try access { access in
            var questions: [(turn: Turn, session: Session)] = []
            for session in try access.allSessions() where query.scope.includes(session.userID) {
                questions += access.turns(session.id).filter { turn in
                    turn.role == .user && (query.context.map { $0 == turn.effectiveContext(in: session) } ?? true)
                }.map { ($0, session) }
            }
            return questions.sorted { Self.newerFirst($0.turn, $1.turn) }
                .dropFirst(query.offset).prefix(query.limit)
                .map { question, session in
                    let answer = access.turns(session.id).last {
                        $0.seq > question.seq && $0.role == .assistant && $0.replyTo == question.id
                    }
                    return Interaction(
                        question: question, answer: answer, sessionTitle: session.title,
                        context: question.effectiveContext(in: session))
                }
        }
    }

    static func newerFirst(_ a: Turn, _ b: Turn) -> Bool {
        a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.seq > b.seq
    }

    /// Same rules as the SQLite store: new sessions come with all their turns, present
    /// sessions get the turns they lack (in time order), conflicts are reported and left.
    public func importRecords(_ records: [SessionRecord]) async throws -> ImportReport {
        try access { access in
            var report = ImportReport()
            var owners: [TurnID: Turn] = [:]
            for id in access.sessionIDs { for turn in access.turns(id) { owners[turn.id] = turn } }
            var changed = false
            for record in records {
                let id = record.session.id
                var session = record.session
                var turns: [Turn] = []
                let existed = access.sessionIDs.contains(id)
                if existed {
                    let existing = try access.session(id)
                    guard existing.userID == record.session.userID else {
                        report.conflicts.append(.sessionOfAnotherUser(id, stored: existing.userID.rawValue, imported: record.session.userID))
                        continue
                    }
                    session = existing
                    turns = access.turns(id)
                } else {
                    report.sessionsCreated += 1
                }
                var added = 0
                // Turns without their own context stood where the imported session stands;
                // in a stored session that stands elsewhere they keep that.
                let change = ContextSwitch(from: ContextSwitch.Footing(record.session), to: ContextSwitch.Footing(session))
                for turn in record.turns.map({ $0.settled(before: change) }) {
                    if let stored = owners[turn.id] {
                        if stored.sessionID != id {
                            report.conflicts.append(.turnOfAnotherSession(turn))
                        } else if stored.role != turn.role || stored.content != turn.content {
                            report.conflicts.append(.turnChanged(turn))
                        } else {
                            report.turnsAlreadyPresent += 1
                        }
                        continue
                    }
                    owners[turn.id] = turn
                    turns.append(turn)
                    added += 1
                }
                report.turnsAdded += added
                if existed {
                    guard added > 0 else { continue }
                    report.sessionsUpdated += 1
                }
                // Stable sort: the order within equal times stays as stored, then as imported.
                let ordered = turns.enumerated().sorted { a, b in
                    a.element.createdAt != b.element.createdAt ? a.element.createdAt < b.element.createdAt : a.offset < b.offset
                }.map(\.element)
                try access.save(session, turns: ordered, index: false)
                changed = true
            }
            if changed { try access.writeIndex() }
            return report
        }
    }
}
