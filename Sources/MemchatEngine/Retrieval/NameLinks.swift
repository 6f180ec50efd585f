/// What ties other texts to the ones ranked for a question: a name they share. A user
/// tells one thing over several sessions and ties the parts by its name ("My team owns
/// the Falcon ingestion pipeline", later "Falcon runs on Kubernetes in Frankfurt"); for
/// "Where does the pipeline my team owns run?" the second is the answer, though alone it
/// is too far from the question to pass the relevance floor.
struct NameLinks {
    /// The names in the ranked texts, and every capitalised word in them.
    private let names: Set<String>
    private let mentions: Set<String>
    private let people: [String: String]

    /// - Parameter people: the names the user introduced (`Aboutness.people`), which are
    ///   names also as a clause's first word ("Maya goes to Lakeside Elementary").
    init(ranked texts: [String], people: [String: String]) {
        self.people = people
        names = Set(texts.flatMap { Self.names(in: $0, people: people) })
        mentions = Set(texts.flatMap { Self.mentions(in: $0) })
    }

    /// Whether `text` shares a name with the ranked texts: a name of theirs capitalised in
    /// it, or a name of its own capitalised in them (either may start its sentence with it).
    /// Run over every fact for every question, so it builds nothing.
    func ties(_ text: String) -> Bool {
        guard !mentions.isEmpty else { return false }
        let capitals = Self.capitals(of: text)
        return names.contains(where: capitals.all.contains) || capitals.inner.contains(where: mentions.contains)
            || capitals.first.contains { people[$0] != nil && mentions.contains($0) }
    }

    /// The names in a text, lowercased: capitalised words after a clause's first ("Civic"
    /// in "The Civic is due for a service"), and a first word that names someone the user
    /// introduced.
    static func names(in text: String, people: [String: String]) -> Set<String> {
        let capitals = capitals(of: text)
        return capitals.inner.union(capitals.first.filter { people[$0] != nil })
    }

    /// Every capitalised word of a text that may be a name, lowercased.
    static func mentions(in text: String) -> Set<String> {
        capitals(of: text).all
    }

    /// A text's capitalised words, lowercased: those after a clause's first, the clauses'
    /// first ones, and all. Days and months are not names of anything particular, nor are
    /// words of two letters or fewer ("I", "Dr", "GP"), nor "I'm".
    struct Capitals {
        var inner: Set<String> = []
        var first: [String] = []
        var all: Set<String> = []
    }

    /// Read once per text and process, as a user's facts are read again for every question.
    static func capitals(of text: String) -> Capitals {
        memo.value(for: text) { text in
            var capitals = Capitals()
            for clause in TextReading.of(text).people {
                for (index, word) in clause.enumerated() where word.isCapitalised && word.lower.count > 2 {
                    guard !Aboutness.firstPerson.contains(word.lower), !FactPattern.weekdays.contains(word.lower),
                          !FactPattern.months.contains(word.lower) else { continue }
                    if index == 0 { capitals.first.append(word.lower) } else { capitals.inner.insert(word.lower) }
                    capitals.all.insert(word.lower)
                }
            }
            return capitals
        }
    }

    static let memo = ReadingMemo<Capitals>()

    /// How far below the best text a text tied to it by a name ranks: just below it.
    static let followingGap = 1e-6

    /// `scored` with the texts tied to the best one ranked just below it (`at`, unless their
    /// own score is higher), best first; among equal scores, the order given.
    static func ordered<Key, ID: Hashable>(
        _ scored: [(key: Key, score: Double)], following linked: [Key], at score: Double, by id: (Key) -> ID
    ) -> [Key] {
        var scores = Dictionary(scored.map { (id($0.key), $0.score) }) { first, _ in first }
        var all = scored.map(\.key)
        for key in linked {
            if scores[id(key)] == nil { all.append(key) }
            scores[id(key)] = max(scores[id(key)] ?? score, score)
        }
        return all.enumerated().sorted { a, b in
            let (x, y) = (scores[id(a.element)] ?? 0, scores[id(b.element)] ?? 0)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
    }
}
