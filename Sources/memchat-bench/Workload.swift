import Foundation
import MemchatCore

/// How big a generated workload is, and which one (same seed, same text).
struct WorkloadShape: Sendable {
    var sessions: Int
    var turnsPerSession: Int
    var seed: UInt64

    var totalTurns: Int { sessions * turnsPerSession }
}

/// A deterministic chat history: sessions of alternating question/answer turns from
/// several users and contexts, spread over two years and produced in time order (as an
/// export lists them), a batch at a time so a million turns never sit in memory at once.
///
/// Every turn carries `Vocabulary.common` words with `commonWordChance` each, and each
/// rare word is placed in exactly `rareWordTurns` turns, so searches for both kinds of
/// word have a known answer size.
struct Workload {
    /// Users with the share of sessions they own; the first is the one benchmarks query.
    static let users: [(name: String, share: Double)] = [("alex", 0.55), ("sam", 0.25), ("kim", 0.15), ("robin", 0.05)]
    static let contexts: [(context: Context, share: Double)] = [
        (.work, 0.40), (.personal, 0.25), (.creative, 0.15), (.general, 0.20),
    ]
    /// 2024-01-01T00:00:00Z, and two years from there.
    static let start = Date(timeIntervalSince1970: 1_704_067_200)
    static let span: TimeInterval = 730 * 86_400
    static let commonWordChance = 0.30
    static let rareWordTurns = 5
    static let codeBlockChance = 0.35

    let shape: WorkloadShape
    let users: [UserName]
    /// What the generated turns contain, counted as the full-text index would see it.
    private(set) var census = WordCensus(words: Vocabulary.common + Vocabulary.rare, allOf: Vocabulary.common)
    private var rng: SplitMix64
    private var text: TextGenerator
    private var nextSession = 0
    /// Global turn number -> the rare words placed in that turn.
    private let rarePlacements: [Int: [String]]

    init(shape: WorkloadShape) throws {
        self.shape = shape
        users = try Self.users.map { try UserName($0.name) }
        rng = SplitMix64(seed: shape.seed)
        text = TextGenerator(seed: shape.seed ^ 0x5EED_7E47)
        var placements: [Int: [String]] = [:]
        for word in Vocabulary.rare {
            for _ in 0..<Self.rareWordTurns {
                placements[Int.random(in: 0..<max(shape.totalTurns, 1), using: &rng), default: []].append(word)
            }
        }
        rarePlacements = placements
    }

    var mainUser: UserName { users[0] }

    /// The next `count` sessions, or fewer at the end; empty once all are generated.
    mutating func nextRecords(count: Int) throws -> [SessionRecord] {
        let end = min(nextSession + count, shape.sessions)
        defer { nextSession = end }
        return try (nextSession..<end).map { try record(index: $0) }
    }

    private mutating func record(index: Int) throws -> SessionRecord {
        let slot = Self.span / Double(shape.sessions)
        let createdAt = Timestamp.roundedToMilliseconds(
            Self.start.addingTimeInterval(slot * (Double(index) + rng.unit())))
        let sessionID = try SessionID(makeID(at: createdAt))
        let userID = users[pick(Self.users.map(\.share))]
        let context = Self.contexts[pick(Self.contexts.map(\.share))].context
        let mode: Mode = context == .personal && rng.chance(0.3) ? .friend : .assistant

        var turns: [Turn] = []
        turns.reserveCapacity(shape.turnsPerSession)
        var time = createdAt
        var question: Turn?
        for seq in 0..<shape.turnsPerSession {
            let globalIndex = index * shape.turnsPerSession + seq
            var extraWords = Vocabulary.common.filter { _ in rng.chance(Self.commonWordChance) }
            extraWords += rarePlacements[globalIndex] ?? []
            let turn: Turn
            if let asked = question {
                time = time.addingTimeInterval(Double.random(in: 3...40, using: &rng))
                let bytes = 300 + Int(2700 * pow(rng.unit(), 3))
                let content = text.answer(bytes: bytes, codeBlock: rng.chance(Self.codeBlockChance), including: extraWords)
                turn = Turn(
                    id: try TurnID(makeID(at: time)), sessionID: sessionID, seq: seq, role: .assistant,
                    content: content, createdAt: Timestamp.roundedToMilliseconds(time), replyTo: asked.id,
                    metadata: [
                        "model": .string("gpt-4o-mini"), "tokens": .number(Double(content.utf8.count / 4)),
                        "latency_ms": .number(Double(Int.random(in: 400...9000, using: &rng))),
                    ])
                question = nil
            } else {
                if seq > 0 { time = time.addingTimeInterval(Double.random(in: 20...900, using: &rng)) }
                let content = text.question(bytes: Int.random(in: 40...150, using: &rng), including: extraWords)
                turn = Turn(
                    id: try TurnID(makeID(at: time)), sessionID: sessionID, seq: seq, role: .user,
                    content: content, createdAt: Timestamp.roundedToMilliseconds(time))
                question = turn
            }
            census.record(turn.content)
            turns.append(turn)
        }
        let session = Session(
            id: sessionID, userID: userID,
            title: Session.title(fromQuestion: turns.first?.content ?? ""), context: context, mode: mode,
            createdAt: createdAt, lastActivity: turns.last?.createdAt ?? createdAt, provider: "openai",
            model: "gpt-4o-mini", turnCount: turns.count)
        return SessionRecord(session: session, turns: turns)
    }

    /// An index into `shares` (which sum to 1), drawn with those probabilities.
    private mutating func pick(_ shares: [Double]) -> Int {
        var remaining = rng.unit()
        for (index, share) in shares.enumerated() {
            remaining -= share
            if remaining < 0 { return index }
        }
        return shares.count - 1
    }

    private static let idAlphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A ULID-like id (time then randomness, Crockford base32) from the seeded generator,
    /// so ids sort by time like the store's own and the same seed gives the same ids.
    private mutating func makeID(at date: Date) -> String {
        var bytes = [UInt8](repeating: 0, count: 26)
        var millis = UInt64(Timestamp.milliseconds(date))
        for index in stride(from: 9, through: 0, by: -1) {
            bytes[index] = Self.idAlphabet[Int(millis & 31)]
            millis >>= 5
        }
        for index in 10..<26 {
            bytes[index] = Self.idAlphabet[Int(rng.next() & 31)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
