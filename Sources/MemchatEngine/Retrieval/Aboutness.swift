import Foundation

/// Who a clause is about, so that a question about the user is answered by what the
/// user said about themselves: "What's my blood type?" must not be answered with "My
/// colleague's blood type is O negative", however similar the words, and "What car
/// does my brother drive?" only with what was said about the brother.
///
/// English only, by rules (like `MemoryExtractor`): a clause is about a person when it
/// starts with "my"/"our" and a relation ("my colleague's", "my old roommate", "my
/// landlord's brother"), or with the name of someone the user introduced ("My wife is
/// Clara" makes "Clara's birthday is June 12" about the wife). It is about the user when
/// it starts with "I" or "we", or with "my" and a thing ("my car", "my passport").
struct Aboutness: Sendable {
    /// Who a clause is about.
    enum Subject: Hashable, Sendable {
        case user
        /// A relation chain, outermost first: "landlord brother" for "my landlord's brother".
        case person(String)
        /// Neither: "The Delta review moved to Monday".
        case unknown
    }

    /// Names the user introduced, lowercased, to the relation they have ("clara": "wife").
    let people: [String: String]

    init(people: [String: String]) {
        self.people = people
    }

    /// Learns who people (and pets) are from statements such as "My wife is Clara", "my
    /// sister Inès collects old vinyl", "Jonas is my partner" or "I have a cat called Miso";
    /// a later text naming someone again wins.
    init(learningFrom texts: [String]) {
        var people: [String: String] = [:]
        for text in texts {
            for (name, relation) in Self.introductions(in: text) { people[name] = relation }
        }
        self.people = people
    }

    /// The people `text` introduces, lowercased name and relation, in order; read once
    /// per text and process (the same facts are read again for every question).
    static func introductions(in text: String) -> [(name: String, relation: String)] {
        introductionMemo.value(for: text) { text in
            guard mayIntroduce(text) else { return [] }
            var found: [(name: String, relation: String)] = []
            for clause in Clauses.of(text) {
                let words = words(clause)
                for (index, word) in words.enumerated() {
                    // "my colleague's Falcon pipeline" names the colleague's thing, not the colleague.
                    if word.lower == "my", let (relation, end) = relation(in: words, after: index), !words[end - 1].isPossessive {
                        var nameAt = end
                        if nameAt < words.count, ["is", "called", "named"].contains(words[nameAt].lower) { nameAt += 1 }
                        if nameAt < words.count, words[nameAt].isCapitalised { found.append((words[nameAt].lower, relation)) }
                    }
                    if let relation = relations[word.lower], index + 2 < words.count,
                       ["called", "named"].contains(words[index + 1].lower), words[index + 2].isCapitalised {
                        found.append((words[index + 2].lower, relation))
                    }
                    if word.isCapitalised, index + 2 < words.count, words[index + 1].lower == "is",
                       words[index + 2].lower == "my", let (relation, _) = relation(in: words, after: index + 2) {
                        found.append((word.lower, relation))
                    }
                }
            }
            return found
        }
    }

    static let introductionMemo = ReadingMemo<[(name: String, relation: String)]>()

    /// Whether `text` may introduce someone: it has a capital (a name) and "my", "called"
    /// or "named" (checked on bytes, so texts that cannot are skipped cheaply).
    static func mayIntroduce(_ text: String) -> Bool {
        guard text.utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) else { return false }
        let lower = LowercaseBytes(text)
        return introductions.contains(where: lower.contains)
    }

    private static let introductions = ["my ", "called ", "named "].map { Array($0.utf8) }

    /// The subject of a clause (see the type's comment). A clause that starts otherwise
    /// is about the first person it names whom the user introduced ("The vet put Miso
    /// on a renal diet" after "I have a cat called Miso"), else about no one in particular.
    func subject(of clause: Substring) -> Subject {
        subject(ofWords: Self.words(clause))
    }

    /// The subject of a clause already read into `words` (`words(_:)`).
    func subject(ofWords words: [Word]) -> Subject {
        guard let first = words.first else { return .unknown }
        if Self.firstPerson.contains(first.lower) { return .user }
        if first.lower == "my" || first.lower == "our" {
            return Self.relation(in: words, after: 0).map { .person($0.relation) } ?? .user
        }
        if let relation = words.lazy.compactMap({ people[$0.lower] }).first { return .person(relation) }
        return .unknown
    }

    /// What a question asks about: whether it is asked about the user at all, and the
    /// relations it names ("my brother", "my wife's birthday").
    struct Question: Sendable {
        var isFirstPerson: Bool
        /// The clause may be quoted only when it states something: "What's my dog's
        /// name?" is not answered by an earlier question about dog names.
        var wantsStatements: Bool
        var relations: Set<String>
        /// "Who does my taxes?" is answered by a person the user has ("My accountant is
        /// Rahul"), though not by someone else's ("My colleague's accountant is Priya").
        var asksForPerson: Bool
    }

    static func question(_ text: String) -> Question {
        let words = Self.words(Substring(text))
        var relations = Set<String>()
        for (index, word) in words.enumerated() where word.lower == "my" || word.lower == "our" {
            if let (relation, _) = relation(in: words, after: index) { relations.insert(relation) }
        }
        let lower = words.map(\.lower)
        let possessive = lower.contains { ["my", "mine", "our"].contains($0) }
        let aboutMe = zip(lower, lower.dropFirst()).contains { pair in pair == ("am", "i") }
        return Question(
            isFirstPerson: possessive || aboutMe || lower.contains { firstPerson.contains($0) || $0 == "me" },
            wantsStatements: possessive || aboutMe, relations: relations,
            asksForPerson: lower.contains { ["who", "whose", "whom"].contains($0) })
    }

    /// Whether `clause` may answer `question`: anything does for a question not about
    /// the user; otherwise a statement about the person it asks about (or about the
    /// user, or about no one in particular), and never a question when it asks for a fact.
    func admits(_ clause: Substring, for question: Question) -> Bool {
        admits(words: Self.words(clause), isRequest: Clauses.isRequest(clause), for: question)
    }

    /// `admits` for a clause already read: its words (`words(_:)`) and whether it asks
    /// or requests (`Clauses.isRequest`).
    func admits(words: [Word], isRequest: Bool, for question: Question) -> Bool {
        guard question.isFirstPerson else { return true }
        if question.wantsStatements, isRequest { return false }
        let subject = subject(ofWords: words)
        if question.relations.isEmpty {
            if case .person(let relation) = subject { return question.asksForPerson && !relation.contains(" ") }
            return true
        }
        switch subject {
        case .person(let relation):
            return question.relations.contains(relation)
        case .user:
            // "I'm baking a cake for my nephew Theo's birthday" is about the nephew too,
            // and "I have a cat called Miso" about the cat.
            return words.indices.contains { index in
                if words[index].lower == "my" {
                    return Self.relation(in: words, after: index).map { question.relations.contains($0.relation) } == true
                }
                return (index == 0 || words[index - 1].lower != "my")
                    && Self.relations[words[index].lower].map(question.relations.contains) == true
            }
        case .unknown:
            return false
        }
    }

    /// What a clause says once who it is about is set aside: its words without people
    /// words and the names of people the user introduced ("My sister Inès collects old
    /// vinyl" -> "collects old vinyl"). A question about a relation is compared with the
    /// clauses about that relation on this, or every clause about a brother would look
    /// alike to a question about the brother.
    func topic(of text: Substring) -> String {
        Self.words(text)
            .filter { Self.relations[$0.lower] == nil && people[$0.lower] == nil && !Self.identityWords.contains($0.lower) }
            .map(\.lower).joined(separator: " ")
    }

    /// Words that only say who someone is ("my partner is called Jonas"): a clause or
    /// question left with nothing else is about identity, which any clause about the
    /// person answers.
    static let identityWords: Set<String> = ["my", "called", "named", "name", "is", "who", "what", "have", "has", "a", "an"]

    // MARK: - Words

    struct Word: Sendable {
        /// Lowercased, without a final "'s".
        var lower: String
        var isPossessive: Bool
        var isCapitalised: Bool
    }

    /// The clause's words: runs of letters, digits, apostrophes and hyphens, read as
    /// Unicode scalars (this runs over every candidate of every question, so no
    /// Foundation string searching), with a final "'s" taken off and noted.
    static func words(_ clause: Substring) -> [Word] {
        wordMemo.value(for: String(clause)) { read(Substring($0)) }
    }

    static let wordMemo = ReadingMemo<[Word]>()

    private static func read(_ clause: Substring) -> [Word] {
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        func finish() {
            // Apostrophes and hyphens only inside a word.
            while let last = current.last, last == "'" || last == "-" { current.removeLast() }
            var start = current.startIndex
            while start < current.endIndex, current[start] == "'" || current[start] == "-" { start = current.index(after: start) }
            guard start < current.endIndex else {
                current.removeAll()
                return
            }
            var text = String(current[start...])
            let capitalised = current[start].properties.isUppercase
            var possessive = false
            if text.hasSuffix("'s") || text.hasSuffix("'S") {
                text.removeLast(2)
                possessive = true
            }
            words.append(Word(lower: text.lowercased(), isPossessive: possessive, isCapitalised: capitalised))
            current.removeAll()
        }
        for scalar in clause.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x27, 0x2D: current.append(scalar)
            case 0x2019: current.append("'")
            case 0..<0x80: finish()
            default:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { current.append(scalar) } else { finish() }
            }
        }
        finish()
        return words
    }

    /// The relation chain after the "my" at `index` ("my old school friend" -> "friend",
    /// "my landlord's brother" -> "landlord brother"), looking past up to two other words
    /// ("old", "little"), and the index after it; nil when "my" is followed by a thing.
    static func relation(in words: [Word], after index: Int) -> (relation: String, end: Int)? {
        var chain: [String] = []
        var position = index + 1
        var skipped = 0
        while position < words.count {
            let word = words[position]
            if let relation = relations[word.lower] {
                chain.append(relation)
                position += 1
                skipped = 0
                if word.isPossessive { continue }
                break
            }
            guard chain.isEmpty, skipped < 2, !word.isPossessive, !stopsRelationSearch.contains(word.lower) else { break }
            skipped += 1
            position += 1
        }
        return chain.isEmpty ? nil : (chain.joined(separator: " "), position)
    }

    static let firstPerson: Set<String> = ["i", "i'm", "im", "i've", "i'd", "i'll", "we", "we're", "we've", "we'd", "we'll"]

    /// Words after "my" that end the look for a relation ("my car is ...").
    static let stopsRelationSearch: Set<String> = ["is", "was", "are", "has", "and", "or", "to", "in", "at", "for", "on"]

    /// People words, each to the one form questions and statements are compared in.
    static let relations: [String: String] = {
        var table: [String: String] = [:]
        let groups: [String: [String]] = [
            "son": ["son", "boy"], "daughter": ["daughter", "girl"], "kid": ["kid", "kids", "child", "children"],
            "mother": ["mother", "mom", "mum", "mommy", "mummy", "mama"], "father": ["father", "dad", "daddy", "papa"],
            "parents": ["parents"], "brother": ["brother"], "sister": ["sister"], "sibling": ["sibling", "siblings"],
            "wife": ["wife"], "husband": ["husband"], "partner": ["partner", "spouse"],
            "girlfriend": ["girlfriend"], "boyfriend": ["boyfriend"], "fiance": ["fiance", "fiancé", "fiancee", "fiancée"],
            "grandmother": ["grandmother", "grandma", "granny", "gran", "nan", "nana"], "grandfather": ["grandfather", "grandpa"],
            "grandparents": ["grandparents"], "aunt": ["aunt"], "uncle": ["uncle"], "cousin": ["cousin"],
            "niece": ["niece"], "nephew": ["nephew"], "in-laws": ["in-laws"],
            "brother-in-law": ["brother-in-law"], "sister-in-law": ["sister-in-law"],
            "mother-in-law": ["mother-in-law"], "father-in-law": ["father-in-law"],
            "friend": ["friend", "friends", "buddy", "pal"], "neighbour": ["neighbour", "neighbor", "neighbours", "neighbors"],
            "colleague": ["colleague", "colleagues", "coworker", "coworkers", "co-worker", "co-workers"],
            "teammate": ["teammate", "teammates"], "manager": ["manager", "boss"], "lead": ["lead"],
            "flatmate": ["flatmate", "flatmates", "roommate", "roommates", "housemate", "housemates"],
            "landlord": ["landlord", "landlady"], "doctor": ["doctor", "gp"], "dentist": ["dentist"],
            "accountant": ["accountant"], "lawyer": ["lawyer"], "therapist": ["therapist"],
            "team": ["team"],
            // Pets are asked about like people: "What food should I buy for my cat?"
            "cat": ["cat", "cats", "kitten"], "dog": ["dog", "dogs", "puppy"], "pet": ["pet", "pets"],
        ]
        for (relation, words) in groups {
            for word in words { table[word] = relation }
        }
        return table
    }()
}
