import Foundation
import MemchatCore

/// One item injected for a question, in recall@5 order: the memory facts in the order
/// injected, then the past exchanges in the order injected (a question and its answer
/// are one item).
struct InjectedItem: Codable {
    /// `fact:ID`, or `session:ID` for a past exchange.
    var key: String
    /// The dataset statement this item is, or was extracted from; nil for a distractor.
    var statement: String?
    var pinned: Bool
    /// Sent as a profile or standing fact (`ContextUsed.standingFacts`): in every request.
    var standing: Bool
}

/// How one case came out.
struct CaseOutcome: Codable {
    var id: String
    var category: MemoryEvalCases.Category
    var question: String
    var hit: Bool
    /// 1-based rank of the last needed expected item among the counted items; nil when one is missing.
    var rank: Int?
    /// The counted items' statements in order ("-" for a distractor), to read misses.
    var injected: [String]
    /// Characters of the system prompt beyond the base prompt: facts and past exchanges.
    var injectedCharacters: Int
}

/// Decides hits. An item is a hit for a case when it is the turn that told an expected
/// statement or a fact extracted from that turn (each statement is told in a session of
/// its own, so the session names the statement).
///
/// Standing items, those injected into every request (profile and standing facts, pinned
/// facts, or any item found in the context of every question of the run), are left out of
/// the ranking, and so count neither as a hit nor as one of the five, unless the question
/// is about them: a standing item that is the expected statement is a hit whatever its
/// place ("I'm allergic to penicillin" is sent with every answer, so "Are there medicines
/// I shouldn't take?" has it). For an abstention, only the ranked items count.
struct MemoryEvalScorer {
    static let cutoff = 5

    let statementOfSession: [SessionID: String]
    let facts: [String: MemoryFact]
    let sessionOfTurn: [TurnID: SessionID]

    /// The standing facts first, then the relevant facts and past exchanges in the order injected.
    func items(_ used: ContextUsed) -> [InjectedItem] {
        var items = used.standingFacts.map { fact($0, standing: true) } + used.facts.map { fact($0, standing: false) }
        for turn in used.turns {
            guard let session = sessionOfTurn[turn] else {
                items.append(InjectedItem(key: "turn:\(turn)", statement: nil, pinned: false, standing: false))
                continue
            }
            let key = "session:\(session)"
            // The answer after its question belongs to the same exchange.
            if items.last?.key == key { continue }
            items.append(InjectedItem(key: key, statement: statementOfSession[session], pinned: false, standing: false))
        }
        return items
    }

    private func fact(_ id: String, standing: Bool) -> InjectedItem {
        let fact = facts[id]
        var statement: String?
        if case .extracted(let session, _)? = fact?.source { statement = statementOfSession[session] }
        return InjectedItem(key: "fact:\(id)", statement: statement, pinned: fact?.pinned ?? false, standing: standing)
    }

    /// Keys of the items injected whatever the question.
    static func standing(_ itemsPerQuestion: [[InjectedItem]]) -> Set<String> {
        var standing = Set(itemsPerQuestion.joined().filter { $0.pinned || $0.standing }.map(\.key))
        if itemsPerQuestion.count > 1, let first = itemsPerQuestion.first {
            let everywhere = itemsPerQuestion.dropFirst().reduce(Set(first.map(\.key))) { $0.intersection($1.map(\.key)) }
            standing.formUnion(everywhere)
        }
        return standing
    }

    static func outcome(
        _ item: MemoryEvalCases.Case, items: [InjectedItem], standing: Set<String>, injectedCharacters: Int
    ) -> CaseOutcome {
        let counted = items.filter { !standing.contains($0.key) }
        let statements = counted.map(\.statement)
        let alwaysSent = Set(items.filter { standing.contains($0.key) }.compactMap(\.statement))
        var hit: Bool
        var rank: Int?
        if item.category == .abstention {
            hit = counted.isEmpty
        } else {
            let ranks = item.expects.map { expected in
                alwaysSent.contains(expected) ? 1 : statements.firstIndex(of: expected).map { $0 + 1 }
            }
            rank = ranks.contains(nil) ? nil : ranks.compactMap { $0 }.max()
            hit = rank.map { $0 <= cutoff } ?? false
            // An update is answered only when the newer statement comes before the one it replaced.
            let stale = item.stale ?? []
            if let newest = ranks.compactMap({ $0 }).min(),
               let oldest = statements.firstIndex(where: { $0.map(stale.contains) ?? false }), oldest + 1 < newest {
                hit = false
            }
        }
        return CaseOutcome(
            id: item.id, category: item.category, question: item.question, hit: hit, rank: rank,
            injected: statements.map { $0 ?? "-" }, injectedCharacters: injectedCharacters)
    }
}
