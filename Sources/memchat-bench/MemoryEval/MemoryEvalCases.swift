import Foundation

/// The hand-written dataset of `memchat-bench memory` (`data/eval/memory-eval.json`):
/// statements that answer the cases, distractors told around them, and the cases.
/// Written before any tuning of the ranking, so the figures measure it rather than fit it.
struct MemoryEvalCases: Decodable {
    struct Statement: Decodable {
        var id: String
        var text: String
    }

    enum Category: String, Codable, CaseIterable {
        /// A fact about the user, said plainly in one session.
        case plain = "plain"
        /// A fact mentioned in passing inside a longer request.
        case inPassing = "in_passing"
        /// A preference that must reach requests which do not mention it.
        case standing = "standing"
        /// A fact said, then changed later: the newer statement must win.
        case update = "update"
        /// An answer that needs statements told in several sessions.
        case multiSession = "multi_session"
        /// A question whose answer was never given.
        case abstention = "abstention"

        var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
    }

    struct Case: Decodable {
        var id: String
        var category: Category
        var question: String
        /// The statements that answer the question; all of them are needed.
        var expects: [String]
        /// Older statements that one in `expects` replaces (updates only).
        var stale: [String]?
    }

    var seed: UInt64
    var statements: [Statement]
    var distractors: [String]
    var cases: [Case]

    /// The file in this checkout, found from this source file's place.
    static var defaultPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/eval/memory-eval.json").path
    }

    static func load(_ path: String) throws -> MemoryEvalCases {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError(description: "cannot read the cases at \(path)")
        }
        let cases: MemoryEvalCases
        do {
            cases = try JSONDecoder().decode(MemoryEvalCases.self, from: data)
        } catch {
            throw BenchError(description: "\(path) is not a valid case file: \(error)")
        }
        try cases.check(path)
        return cases
    }

    /// Refuses a dataset whose cases could not be scored as written.
    private func check(_ path: String) throws {
        func fail(_ problem: String) -> BenchError { BenchError(description: "\(path): \(problem)") }
        let ids = Set(statements.map(\.id))
        guard ids.count == statements.count else { throw fail("two statements share an id") }
        let texts = statements.map(\.text) + distractors
        guard Set(texts).count == texts.count else { throw fail("a statement or distractor is written twice") }
        var used = Set<String>()
        for item in cases {
            let named = item.expects + (item.stale ?? [])
            if let unknown = named.first(where: { !ids.contains($0) }) {
                throw fail("case \(item.id) names an unknown statement \(unknown)")
            }
            used.formUnion(named)
            switch item.category {
            case .abstention:
                guard item.expects.isEmpty, item.stale == nil else { throw fail("abstention case \(item.id) expects a statement") }
            case .update:
                guard !item.expects.isEmpty, !(item.stale ?? []).isEmpty else { throw fail("update case \(item.id) needs expects and stale") }
            default:
                guard !item.expects.isEmpty else { throw fail("case \(item.id) expects no statement") }
            }
        }
        if let unused = statements.first(where: { !used.contains($0.id) }) {
            throw fail("statement \(unused.id) answers no case; make it a distractor")
        }
    }

    /// Everything told, statements (with their id) and distractors, in a shuffled order
    /// fixed by the seed, except that a stale statement comes before the one replacing it.
    func tellingOrder() -> [(id: String?, text: String)] {
        var order: [(id: String?, text: String)] = statements.map { ($0.id, $0.text) } + distractors.map { (nil, $0) }
        var generator = SplitMix64(seed: seed)
        order.shuffle(using: &generator)
        for item in cases {
            for stale in item.stale ?? [] {
                for newer in item.expects {
                    guard let old = order.firstIndex(where: { $0.id == stale }),
                          let new = order.firstIndex(where: { $0.id == newer }), new < old else { continue }
                    order.swapAt(old, new)
                }
            }
        }
        return order
    }
}
