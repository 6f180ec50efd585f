import Foundation

/// The templates of the background history of `memchat-bench memory --history`
/// (`data/eval/history-templates.json`): requests and answers people bring to a chat
/// assistant, per topic, with `{list}` slots filled from word lists in the same file.
struct HistoryTemplates: Decodable {
    struct Exchange: Decodable {
        var user: String
        var assistant: String
    }

    struct Topic: Decodable {
        var name: String
        /// work, personal, creative or general.
        var context: String
        /// assistant or friend.
        var mode: String
        /// How often the topic is picked, relative to the others.
        var weight: Int
        /// The first exchange of a session.
        var openers: [Exchange]
        /// Exchanges that can follow any opener of the topic, in any order.
        var followups: [Exchange]
        /// Exchanges that can only end a session of the topic ("That fixed it, thanks!").
        var endings: [Exchange]
    }

    /// The lists that name people and places: none of their words may occur in a statement.
    var proper: [String]
    var lists: [String: [String]]
    /// Short exchanges that can end a session of any topic ("Thanks!").
    var closers: [Exchange]
    /// Put before an opener's request ("Quick question: "); the empty string too.
    var prefixes: [String]
    /// Put after an opener's request (" Thanks!"); the empty string too.
    var suffixes: [String]
    var topics: [Topic]

    /// The file in this checkout, next to the case files.
    static var defaultPath: String {
        (MemoryEvalCases.defaultPath as NSString).deletingLastPathComponent + "/history-templates.json"
    }

    static func load(_ path: String = defaultPath) throws -> HistoryTemplates {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError(description: "cannot read the history templates at \(path)")
        }
        let templates: HistoryTemplates
        do {
            templates = try JSONDecoder().decode(HistoryTemplates.self, from: data)
        } catch {
            throw BenchError(description: "\(path) is not a valid history template file: \(error)")
        }
        try templates.check(path)
        return templates
    }

    /// Refuses templates that could not be filled as written.
    private func check(_ path: String) throws {
        func fail(_ problem: String) -> BenchError { BenchError(description: "\(path): \(problem)") }
        guard !topics.isEmpty else { throw fail("no topics") }
        guard !prefixes.isEmpty, !suffixes.isEmpty else { throw fail("prefixes and suffixes need one string each at least (\"\" for none)") }
        if let empty = lists.first(where: { $0.value.isEmpty }) { throw fail("list \(empty.key) is empty") }
        if let unknown = proper.first(where: { lists[$0] == nil }) { throw fail("proper names an unknown list \(unknown)") }
        for topic in topics {
            guard !topic.openers.isEmpty else { throw fail("topic \(topic.name) has no openers") }
            guard topic.weight > 0 else { throw fail("topic \(topic.name) has a weight below 1") }
            guard ["work", "personal", "creative", "general"].contains(topic.context) else {
                throw fail("topic \(topic.name): context \(topic.context) is not work, personal, creative or general")
            }
            guard ["assistant", "friend"].contains(topic.mode) else { throw fail("topic \(topic.name): mode \(topic.mode)") }
        }
        let exchanges = topics.flatMap { $0.openers + $0.followups + $0.endings } + closers
        for text in exchanges.flatMap({ [$0.user, $0.assistant] }) {
            for slot in Slot.all(in: text) {
                switch slot.kind {
                case .list(let name, let number):
                    guard let values = lists[name] else { throw fail("unknown list {\(name)} in \"\(text.prefix(60))\"") }
                    guard Set(values).count >= number else { throw fail("{\(name).\(number)} needs \(number) different values") }
                case .number(let low, let high):
                    guard low <= high else { throw fail("empty range {#\(low)-\(high)}") }
                }
            }
        }
    }

    /// Refuses lists of people and places that share a word with a statement of `cases`,
    /// so the history never tells a fact about the people and places the questions ask about.
    func checkNames(against cases: MemoryEvalCases, path: String) throws {
        let statementWords = Set(cases.statements.flatMap { Self.words($0.text) })
        var clashes: [String] = []
        for name in proper.sorted() {
            for value in lists[name] ?? [] where Self.words(value).contains(where: statementWords.contains) {
                clashes.append("\(name): \(value)")
            }
        }
        guard clashes.isEmpty else {
            throw BenchError(description: "the history templates name people or places the statements of \(path) name: "
                + clashes.joined(separator: ", ") + "; change the lists in \(Self.defaultPath)")
        }
    }

    /// Capitalised words, as names are written.
    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            .filter { $0.first?.isUppercase ?? false }
    }
}

/// A `{list}`, `{list.2}` (a second, different value of the list) or `{#low-high}` (a
/// number) in a template. Any other text between braces, as in code, is left as written.
struct Slot {
    enum Kind: Hashable {
        case list(String, Int)
        case number(Int, Int)
    }

    var range: Range<String.Index>
    var kind: Kind

    static func all(in text: String) -> [Slot] {
        var slots: [Slot] = []
        var searchFrom = text.startIndex
        while let open = text[searchFrom...].firstIndex(of: "{") {
            guard let close = text[text.index(after: open)...].firstIndex(of: "}") else { break }
            if let kind = kind(of: text[text.index(after: open)..<close]) {
                slots.append(Slot(range: open..<text.index(after: close), kind: kind))
                searchFrom = text.index(after: close)
            } else {
                searchFrom = text.index(after: open)
            }
        }
        return slots
    }

    private static func kind(of content: Substring) -> Kind? {
        if content.first == "#" {
            let bounds = content.dropFirst().split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]) else { return nil }
            return .number(low, high)
        }
        let parts = content.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
              parts[0].allSatisfy({ ("a"..."z").contains($0) || $0 == "_" }) else { return nil }
        guard parts.count == 2 else { return .list(String(parts[0]), 1) }
        guard let number = Int(parts[1]), number >= 1 else { return nil }
        return .list(String(parts[0]), number)
    }
}

/// Writes the background history: sessions of 2-12 turns (user and assistant
/// alternating) on the templates' topics, spread over the two years before `end`, as the
/// JSONL `memchat import` reads. The texts, their order and the random part of the
/// session ids are fixed by the seed; the times are counted back from the day of `end`
/// (UTC), so the file is the same all day.
struct HistoryGenerator {
    let templates: HistoryTemplates
    let seed: UInt64
    /// The words of the lists of people and places, which keep their capital.
    private let properWords: Set<String>

    init(templates: HistoryTemplates, seed: UInt64) {
        self.templates = templates
        self.seed = seed
        let values: [String] = templates.proper.flatMap { name -> [String] in templates.lists[name] ?? [] }
        properWords = Set(values.flatMap { $0.split(separator: " ").map(String.init) })
    }

    struct Summary {
        var path: String
        var sessions: Int
        var turns: Int
        var bytes: Int
    }

    /// Exchanges per session (1-6, so 2-12 turns), short sessions more often.
    private static let exchangeWeights = [25, 25, 20, 14, 9, 7]
    /// Hours of the day a session starts at, weighted like a person's day.
    private static let hourWeights = [1, 1, 0, 0, 0, 0, 1, 2, 4, 6, 6, 6, 5, 6, 6, 6, 5, 5, 5, 6, 6, 5, 4, 2]

    /// Writes `turns` turns to `path` (the last session may be shorter to end on the
    /// count) and refuses, before writing, a user turn that contains one of `statements`
    /// (compared without case and final punctuation).
    func write(turns: Int, endingAt end: Date, to path: String, refusing statements: [String]) throws -> Summary {
        var rng = SplitMix64(seed: seed)
        var sessions: [[(role: String, text: String)]] = []
        var topicOfSession: [HistoryTemplates.Topic] = []
        var remaining = turns
        while remaining > 0 {
            let topic = pick(templates.topics, weights: templates.topics.map(\.weight), &rng)
            let exchanges = pick(Array(1...Self.exchangeWeights.count), weights: Self.exchangeWeights, &rng)
            var session = self.session(topic, exchanges: exchanges, &rng)
            if session.count > remaining { session.removeLast(session.count - remaining) }
            remaining -= session.count
            sessions.append(session)
            topicOfSession.append(topic)
        }
        try refuse(sessions, statements)

        // Start times: a day of the two years before `end`'s day (UTC), at an hour weighted
        // by the time of day, sorted so the sessions follow each other in the order generated.
        let day = 86_400
        let endOfHistory = Int(end.timeIntervalSince1970) / day * day - day
        let starts = (0..<sessions.count).map { _ in
            endOfHistory - Int.random(in: 1...730, using: &rng) * day
                + pick(Array(0..<24), weights: Self.hourWeights, &rng) * 3_600 + Int.random(in: 0..<3_600, using: &rng)
        }.sorted()

        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        func timestamp(_ seconds: Int) -> String { formatter.string(from: Date(timeIntervalSince1970: Double(seconds))) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var output = Data()
        for (index, session) in sessions.enumerated() {
            var time = starts[index]
            var wireTurns: [WireTurn] = []
            for turn in session {
                wireTurns.append(WireTurn(role: turn.role, content: turn.text, created_at: timestamp(time)))
                time += turn.role == "user" ? Int.random(in: 4...40, using: &rng) : Int.random(in: 20...600, using: &rng)
            }
            let topic = topicOfSession[index]
            let line = WireSession(
                id: Self.sessionID(at: starts[index], &rng), context: topic.context, mode: topic.mode, state: "expired",
                created_at: timestamp(starts[index]), turns: wireTurns)
            output.append(try encoder.encode(line))
            output.append(0x0A)
        }
        guard FileManager.default.createFile(atPath: path, contents: output) else {
            throw BenchError(description: "cannot write the history to \(path)")
        }
        return Summary(path: path, sessions: sessions.count, turns: turns, bytes: output.count)
    }

    /// One session of up to `exchanges` exchanges: an opener (with a prefix and a suffix),
    /// then distinct follow-ups of the topic, sometimes or when they run out ending with
    /// one of the topic's endings or a closer; slots keep their value through the session.
    private func session(_ topic: HistoryTemplates.Topic, exchanges: Int, _ rng: inout SplitMix64) -> [(role: String, text: String)] {
        var chosen = [topic.openers[Int.random(in: 0..<topic.openers.count, using: &rng)]]
        var followups = topic.followups
        followups.shuffle(using: &rng)
        chosen += followups.prefix(exchanges - 1)
        let endings = topic.endings + templates.closers
        if !endings.isEmpty, chosen.count < exchanges || (exchanges > 1 && rng.chance(0.3)) {
            let ending = endings[Int.random(in: 0..<endings.count, using: &rng)]
            if chosen.count < exchanges { chosen.append(ending) } else { chosen[chosen.count - 1] = ending }
        }
        var bindings: [Slot.Kind: String] = [:]
        var turns = chosen.flatMap { exchange in
            [("user", fill(exchange.user, &bindings, &rng)), ("assistant", fill(exchange.assistant, &bindings, &rng))]
        }
        let prefix = templates.prefixes[Int.random(in: 0..<templates.prefixes.count, using: &rng)]
        // Small talk ("Would you rather ...") takes no " Thanks in advance.".
        let suffix = topic.mode == "friend" ? "" : templates.suffixes[Int.random(in: 0..<templates.suffixes.count, using: &rng)]
        turns[0].1 = prefix + (prefix.isEmpty ? turns[0].1 : lowercasingFirstWord(turns[0].1)) + suffix
        return turns
    }

    /// "How do I ..." after "Quick question: " reads "how do I ...", but "I", "I'm" and
    /// names keep their capital.
    private func lowercasingFirstWord(_ text: String) -> String {
        let word = text.prefix { !$0.isWhitespace }
        let letters = word.filter(\.isLetter)
        guard let first = word.first, first.isUppercase, word != "I", !word.hasPrefix("I'"),
              letters.dropFirst().allSatisfy(\.isLowercase), !properWords.contains(String(word.prefix { $0.isLetter }))
        else { return text }
        return first.lowercased() + text.dropFirst()
    }

    private func fill(_ template: String, _ bindings: inout [Slot.Kind: String], _ rng: inout SplitMix64) -> String {
        var text = ""
        var cursor = template.startIndex
        for slot in Slot.all(in: template) {
            text += template[cursor..<slot.range.lowerBound]
            cursor = slot.range.upperBound
            if let bound = bindings[slot.kind] {
                text += bound
                continue
            }
            let value: String
            switch slot.kind {
            case .number(let low, let high):
                value = String(Int.random(in: low...high, using: &rng))
            case .list(let name, _):
                // Another value than the list's other slots hold in this session.
                let taken = Set(bindings.compactMap { key, value -> String? in
                    if case .list(name, _) = key { return value }
                    return nil
                })
                let values = (templates.lists[name] ?? []).filter { !taken.contains($0) }
                value = values.isEmpty ? "" : values[Int.random(in: 0..<values.count, using: &rng)]
            }
            bindings[slot.kind] = value
            text += value
        }
        return text + template[cursor...]
    }

    /// Stops the run if a user turn would tell a statement of the case file.
    private func refuse(_ sessions: [[(role: String, text: String)]], _ statements: [String]) throws {
        let needles = statements.map {
            $0.lowercased().trimmingCharacters(in: CharacterSet.punctuationCharacters.union(.whitespaces))
        }.filter { !$0.isEmpty }
        let userTurns = Set(sessions.joined().filter { $0.role == "user" }.map { $0.text.lowercased() })
        for turn in userTurns {
            if let statement = needles.first(where: { turn.contains($0) }) {
                throw BenchError(description: "a generated history turn tells the statement \"\(statement)\": \"\(turn)\"; "
                    + "change \(HistoryTemplates.defaultPath)")
            }
        }
    }

    private func pick<T>(_ items: [T], weights: [Int], _ rng: inout SplitMix64) -> T {
        var draw = Int.random(in: 0..<weights.reduce(0, +), using: &rng)
        for (item, weight) in zip(items, weights) {
            if draw < weight { return item }
            draw -= weight
        }
        return items[items.count - 1]
    }

    private struct WireTurn: Encodable {
        var role: String
        var content: String
        var created_at: String
    }

    private struct WireSession: Encodable {
        var id: String
        var context: String
        var mode: String
        var state: String
        var created_at: String
        var turns: [WireTurn]
    }

    private static let crockford = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A ULID-like id, as memchat makes: 10 characters of millisecond time, then 16 from the seed.
    private static func sessionID(at seconds: Int, _ rng: inout SplitMix64) -> String {
        var millis = UInt64(seconds) * 1000
        var characters = [Character](repeating: "0", count: 26)
        for index in stride(from: 9, through: 0, by: -1) {
            characters[index] = crockford[Int(millis & 31)]
            millis >>= 5
        }
        for index in 10..<26 { characters[index] = crockford[Int(rng.next() & 31)] }
        return String(characters)
    }
}
