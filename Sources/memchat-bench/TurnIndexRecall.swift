import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// Queries for the turn index benchmark: stored questions with every third word dropped,
/// so each query is near its source but not equal to it.
enum TurnIndexQueries {
    struct Query {
        var source: TurnID
        var query: String
    }

    static func sample(store: any SessionStore, user: UserName, count: Int) async throws -> [Query] {
        var turns: [Turn] = []
        var cursor = TurnCursor.start
        while true {
            let walk = try await store.userTurns(of: user, after: cursor, limit: 5_000)
            turns += walk.turns
            cursor = walk.next
            if walk.isComplete { break }
        }
        var generator = SplitMix64(seed: 7)
        return (0..<count).compactMap { _ in
            guard let turn = turns.randomElement(using: &generator) else { return nil }
            let words = turn.content.split(separator: " ")
            let kept = words.enumerated().filter { $0.offset % 3 != 2 }.map(\.element)
            return Query(source: turn.id, query: kept.joined(separator: " "))
        }
    }
}

/// Recall of the exact-cosine top 10 (float vectors of every turn, the source excluded)
/// within what the index returns.
enum TurnIndexRecall {
    /// Float vectors of every record (whole turn and clauses, as the index makes them).
    struct Exact {
        var ids: [TurnID]
        var vectors: [[Float]]
        var count: Int { ids.count }
        /// The mean of the turns' vectors (the "data mean" centring).
        var mean: [Float]
    }

    static func exact(store: any SessionStore, user: UserName, embedder: StaticEmbedder, pieces: (String) -> [String]) async throws -> Exact {
        var ids: [TurnID] = []
        var vectors: [[Float]] = []
        var cursor = TurnCursor.start
        while true {
            let walk = try await store.userTurns(of: user, after: cursor, limit: 5_000)
            for turn in walk.turns {
                for piece in pieces(turn.content) {
                    let vector = embedder.embed(piece)
                    guard vector.contains(where: { $0 != 0 }) else { continue }
                    ids.append(turn.id)
                    vectors.append(vector)
                }
            }
            cursor = walk.next
            if walk.isComplete { break }
        }
        var mean = [Float](repeating: 0, count: embedder.dimensions)
        for vector in vectors { for d in mean.indices { mean[d] += vector[d] } }
        return Exact(ids: ids, vectors: vectors, mean: mean.map { $0 / Float(max(vectors.count, 1)) })
    }

    static func top(_ count: Int, of exact: Exact, near query: [Float], excluding source: TurnID) -> Set<TurnID> {
        var scored: [(Float, Int)] = []
        scored.reserveCapacity(exact.count)
        for (index, vector) in exact.vectors.enumerated() {
            var dot: Float = 0
            for d in 0..<query.count { dot += query[d] * vector[d] }
            scored.append((dot, index))
        }
        scored.sort { $0.0 > $1.0 }
        // A turn's score is its best record's, as the index ranks it.
        var seen = Set<TurnID>()
        for (_, index) in scored where exact.ids[index] != source {
            seen.insert(exact.ids[index])
            if seen.count == count { break }
        }
        return seen
    }

    static func table(
        index: SemanticTurnIndex, label: String, user: UserName, queries: [TurnIndexQueries.Query], exact: Exact, embedder: StaticEmbedder
    ) throws -> [String] {
        let prepared = queries.map { query in
            let vector = embedder.embed(query.query)
            return (query, vector, top(10, of: exact, near: vector, excluding: query.source))
        }
        func recall(_ found: (TurnIndexQueries.Query, [Float]) throws -> [TurnID]) rethrows -> Double {
            var total = 0.0
            for (query, vector, truth) in prepared {
                let got = Set(try found(query, vector).filter { $0 != query.source })
                total += Double(truth.intersection(got).count) / Double(max(truth.count, 1))
            }
            return total / Double(max(prepared.count, 1))
        }
        var lines: [String] = []
        var codeRow: [String] = []
        for n in [10, 100, 300, 1000] {
            let value = try recall { _, vector in
                try index.candidates(near: vector, user: user, limit: n + 1, shortlist: n + 1, rescore: false).map(\.turnID)
            }
            codeRow.append(String(format: "top %d %.3f", n, value))
        }
        lines.append("  \(label), codes only: " + codeRow.joined(separator: ", "))
        var rescoredRow: [String] = []
        for shortlist in [100, 300, 400, 1200] {
            let value = try recall { _, vector in
                try index.candidates(near: vector, user: user, limit: 11, shortlist: shortlist).map(\.turnID)
            }
            rescoredRow.append(String(format: "shortlist %d %.3f", shortlist, value))
        }
        lines.append("  \(label), top 10 after int8 re-scoring of the codes' shortlist: " + rescoredRow.joined(separator: ", "))
        return lines
    }
}
