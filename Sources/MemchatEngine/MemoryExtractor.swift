import Foundation
import MemchatCore
import MemchatStore

/// A durable statement about the user, found in what they wrote.
public struct ExtractedFact: Hashable, Sendable {
    /// Which memory a fact goes to.
    public enum Scope: Hashable, Sendable {
        /// Every context: who the user is, where they live, their pets, allergies, tastes.
        case global
        /// The context it was said in: a manager, employer, colleague or project
        /// belongs to one job, and a side project is another context.
        case currentContext
    }

    /// What to store, in the user's words, normalised: "My dog is called Pixel."
    public var text: String
    /// What the fact is about ("name", "dog", "manager", "employer", "home",
    /// "preference:coffee/tea", "allergy:peanuts", "note:<text>"): a new value for the
    /// same key replaces the old fact.
    public var key: String
    /// The value stated ("Pixel", "Priya", "tea").
    public var value: String
    public var scope: Scope
    /// Profile, standing or other, from the rule that found the fact (its key).
    public var kind: MemoryFact.Kind

    public init(text: String, key: String, value: String, scope: Scope = .global, kind: MemoryFact.Kind? = nil) {
        self.text = text
        self.key = key
        self.value = value
        self.scope = scope
        self.kind = kind ?? MemoryExtractor.kind(forKey: key)
    }
}

/// Finds durable statements about the user in English, by rules rather than a model
/// (memchat must learn offline and predictably), and keeps them in long-term memory.
///
/// Text is read a sentence at a time, and a sentence a clause at a time ("My name is Ana
/// and I live in Lyon" states two things). Code blocks, quoted lines and quoted speech,
/// questions, hypotheticals ("if ...", "suppose ...") and whatever follows "I think" or
/// "he said" are skipped; each clause must *start* with a statement (`FactPattern`), so
/// "is my manager Tom" or "if my name were Tom" state nothing. Greetings and fillers
/// ("hi Sam,", "oh and", "btw") are skipped first. "remember that X" keeps X: as the fact
/// X states when a pattern knows it, else as a note of its own.
public struct MemoryExtractor: Sendable {
    private let sameSubject: SameSubject

    public init() {
        sameSubject = SameSubject()
    }

    /// With another way to tell same subjects apart (tests: without the embedder).
    init(sameSubject: SameSubject) {
        self.sameSubject = sameSubject
    }

    /// The statements in `text`, in order. Pure: nothing is stored.
    public func candidates(in text: String) -> [ExtractedFact] {
        Self.sentences(of: Self.prose(text)).flatMap(Self.facts(in:))
    }

    /// Stores what a user turn states and returns the facts added or updated.
    ///
    /// A statement about something memory already holds a fact about (same key, same
    /// context) supersedes that fact when the value changed ("my manager is Priya" after
    /// "my manager is Tom": the Tom fact stays, marked superseded), and only marks it as
    /// stated again when it did not. Without a fact of the same key, a fact whose subject
    /// reads the same by embedding (`SameSubject`) is superseded likewise. Facts are
    /// global, except `.currentContext` ones, which go to `context` (global when it is
    /// nil). Existing facts are matched by reading their text with the same rules, so
    /// facts added by hand take part; a fact that states several things is never
    /// replaced by a statement of one.
    public func learn(from turn: Turn, user: UserName, context: Context?, memory: MemoryStore) async throws -> [MemoryFact] {
        guard turn.role == .user else { return [] }
        let found = Self.lastPerKey(candidates(in: turn.content))
        guard !found.isEmpty else { return [] }
        let source = MemoryFact.Source.extracted(session: turn.sessionID, turn: turn.id)
        let targets = Set(found.map { $0.scope == .currentContext ? context : nil })
        let known = try await memory.facts(user: user).filter { targets.contains($0.context) }.compactMap { fact in
            let stated = candidates(in: fact.text)
            return stated.count == 1 ? (fact: fact, statement: stated[0]) : nil
        }
        var learned: [MemoryFact] = []
        for fact in found {
            let target = fact.scope == .currentContext ? context : nil
            let inContext = known.filter { $0.fact.context == target }
            var replaced = inContext.filter { $0.statement.key == fact.key }
            if replaced.isEmpty, let similar = sameSubject.match(fact, among: inContext) { replaced = [similar] }
            for stored in try await record(fact, replacing: replaced, in: target, user: user, source: source, memory: memory)
            where !learned.contains(where: { $0.id == stored.id }) {
                learned.append(stored)
            }
        }
        return learned
    }

    private func record(
        _ fact: ExtractedFact, replacing sameKey: [(fact: MemoryFact, statement: ExtractedFact)], in context: Context?,
        user: UserName, source: MemoryFact.Source, memory: MemoryStore
    ) async throws -> [MemoryFact] {
        guard !sameKey.isEmpty else {
            let added = try await memory.add(user: user, text: fact.text, context: context, source: source, kind: fact.kind)
            return added.isNew ? [added.fact] : []
        }
        let kept = sameKey.first { Self.sameValue(fact.value, as: $0.statement.value) }?.fact
        var updated: [MemoryFact] = []
        for old in sameKey.map(\.fact) where old.id != kept?.id {
            // Superseding by the kept fact's own text makes it the replacement.
            updated.append(try await memory.update(
                user: user, id: old.id, text: kept?.text ?? fact.text, source: source, kind: inheritedKind(old) ?? fact.kind))
        }
        if let kept, updated.isEmpty {
            // Said again: refreshes its `updatedAt`, which ranking favours.
            _ = try await memory.add(user: user, text: kept.text, context: context, source: source, kind: fact.kind)
        }
        return updated
    }

    /// The kind a user chose for a fact (one other than its rules give), which the fact
    /// replacing it keeps: "my accountant is Rahul" made standing stays standing as Priya.
    private func inheritedKind(_ fact: MemoryFact) -> MemoryFact.Kind? {
        guard let chosen = fact.kind, chosen != kind(ofText: fact.text) else { return nil }
        return chosen
    }

    /// Whether `new` says what `old` says, or the start of it: "Priya" after "Priya
    /// Sharma", "Lyon" after "Lyon, France" restate the fact rather than replace it.
    private static func sameValue(_ new: String, as old: String) -> Bool {
        func words(_ text: String) -> [Substring] {
            MemoryFact.normalized(text).split { !($0.isLetter || $0.isNumber) }
        }
        let newWords = words(new)
        return !newWords.isEmpty && words(old).starts(with: newWords)
    }

    /// One statement per key, the last: "my manager is Tom. Sorry, Priya" style
    /// corrections inside one message keep the correction.
    private static func lastPerKey(_ facts: [ExtractedFact]) -> [ExtractedFact] {
        var seen = Set<String>()
        return facts.reversed().filter { seen.insert($0.key).inserted }.reversed()
    }
}

// MARK: - Reading text

extension MemoryExtractor {
    private struct Sentence {
        var text: Substring
        var isQuestion: Bool
    }

    /// The text without fenced code blocks and quoted ("> ") lines, which are not the
    /// user speaking, and with typographic quotes made plain so "I’m" reads as "I'm".
    private static func prose(_ text: String) -> String {
        var inFence = false
        var lines: [Substring] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0.isWhitespace }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
            } else if !inFence && !trimmed.hasPrefix(">") {
                lines.append(line)
            }
        }
        let plain: [Character: Character] = ["\u{2019}": "'", "\u{2018}": "'", "\u{201C}": "\"", "\u{201D}": "\""]
        return String(lines.joined(separator: "\n").map { plain[$0] ?? $0 })
    }

    /// Sentences end at a line break, ";", or a run of ".", "!", "?" before a space; a
    /// period after a title ("Dr.") or an initial ("J.") does not end one.
    private static func sentences(of text: String) -> [Sentence] {
        var sentences: [Sentence] = []
        var start = text.startIndex
        var index = text.startIndex
        func end(at boundary: String.Index, question: Bool) {
            let sentence = text[start..<boundary].trimmingCharacters(in: .whitespaces)
            if !sentence.isEmpty { sentences.append(Sentence(text: Substring(sentence), isQuestion: question)) }
            start = boundary
        }
        while index < text.endIndex {
            let character = text[index]
            guard character.isNewline || ".!?;".contains(character) else {
                index = text.index(after: index)
                continue
            }
            var after = text.index(after: index)
            while after < text.endIndex, ".!?".contains(text[after]) { after = text.index(after: after) }
            let run = text[index..<after]
            if after == text.endIndex || text[after].isWhitespace || character.isNewline || character == ";",
               run != "." || !endsWithTitle(text[start..<index]) {
                end(at: after, question: run.contains("?"))
            }
            index = after
        }
        end(at: text.endIndex, question: false)
        return sentences
    }

    private static func endsWithTitle(_ text: Substring) -> Bool {
        let word = text[(text.lastIndex(where: \.isWhitespace).map(text.index(after:)) ?? text.startIndex)...]
            .drop { !$0.isLetter }
        return titles.contains(word.lowercased()) || (word.count == 1 && word.first?.isUppercase == true)
            || word.contains(".")
    }

    /// A sentence's clauses: a new one begins after a comma or "and" / "but" / "so"
    /// when the next words start a statement ("..., and I live in Lyon").
    private static func clauses(of sentence: Substring) -> [Clause] {
        let whole = Clause(sentence)
        var clauses: [Clause] = []
        var start = whole.text.startIndex
        for (index, word) in whole.words.enumerated().dropFirst().dropLast() where startsStatement(whole, at: index + 1) {
            if word.trailing == "," {
                clauses.append(Clause(whole.text[start..<word.range.upperBound]))
            } else if ["and", "but", "so", "plus"].contains(word.lower) {
                clauses.append(Clause(whole.text[start..<word.range.lowerBound]))
            } else {
                continue
            }
            start = whole.words[index + 1].range.lowerBound
        }
        clauses.append(Clause(whole.text[start...]))
        return clauses
    }

    private static func startsStatement(_ clause: Clause, at index: Int) -> Bool {
        switch clause.words[index].lower {
        case "i", "my", "please", "remember": return true
        case "call": return clause.word(index + 1) == "me"
        case "don't": return clause.word(index + 1) == "forget"
        default: return false
        }
    }

    private static func facts(in sentence: Sentence) -> [ExtractedFact] {
        guard let opening = sentence.text.first, !"\"'`".contains(opening) else { return [] }
        let clauses = clauses(of: sentence.text).map(withoutFillers)
        guard let first = clauses.first, first.after(anyOf: hypotheticals) == nil,
              // "My manager is Tom, I think." / "I live in Lyon, probably."
              clauses.last.map({ !$0.words.suffix(2).contains { hedges.contains($0.lower) } }) ?? true
        else { return [] }
        var facts: [ExtractedFact] = []
        var remembering = false
        for clause in clauses {
            if let request = rememberRequest(in: clause) {
                guard !sentence.isQuestion || request.asked else { return facts }
                remembering = true
                if let fact = FactPattern.fact(in: request.content) ?? note(request.content) { facts.append(fact) }
                continue
            }
            if sentence.isQuestion && !remembering { return facts }
            if let fact = FactPattern.fact(in: clause) ?? (remembering ? note(clause) : nil) { facts.append(fact) }
            // What follows "I think," or "she said," is not the user's statement.
            if clause.words.contains(where: { reporting.contains($0.lower) }) { return facts }
        }
        return facts
    }

    /// The clause without leading greetings ("hi Sam,", "hey there") and fillers ("oh
    /// and", "btw", "actually,").
    private static func withoutFillers(_ clause: Clause) -> Clause {
        var clause = clause
        for _ in 0..<4 {
            guard let first = clause.words.first else { break }
            var end = clause.after(anyOf: fillers)
            if greetings.contains(first.lower) {
                end = clause.words.prefix(4).firstIndex { $0.trailing == "," }.map { $0 + 1 }
                    ?? clause.after(anyOf: greetingsThere) ?? 1
            }
            guard let end, end < clause.words.count else { break }
            clause = clause.suffix(from: end)
        }
        return clause
    }

    /// "remember that X", "please remember X", "can you remember X?", "don't forget
    /// (that) X", "keep in mind (that) X". Without "that" or a colon, X must be about
    /// the user ("remember my dog is Pixel"), unless the request is polite ("please
    /// remember the door code is 1234"); "remember to ..." and "remember when ..." are
    /// reminders and reminiscing, not facts.
    private static func rememberRequest(in clause: Clause) -> (content: Clause, asked: Bool)? {
        for (lead, polite, asked) in rememberLeads {
            guard let index = clause.after(lead), index < clause.words.count else { continue }
            if clause.words[index - 1].trailing == ":" { return (clause.suffix(from: index), asked) }
            if clause.word(index) == "that" || (clause.word(index) == "this" && clause.words[index].trailing == ":") {
                guard index + 1 < clause.words.count else { return nil }
                return (clause.suffix(from: index + 1), asked)
            }
            let next = clause.words[index].lower
            guard ["i", "my", "our", "we"].contains(next) || (polite && !notRemembered.contains(next)) else { return nil }
            return (clause.suffix(from: index), asked)
        }
        return nil
    }

    /// Something the user asked to remember that no pattern knows: kept as said.
    private static func note(_ clause: Clause) -> ExtractedFact? {
        guard let value = clause.value(from: 0, cutAt: []), !notRemembered.contains(value.lowercased()),
              value.count <= 500
        else { return nil }
        return ExtractedFact(text: FactPattern.sentence(value), key: "note:" + MemoryFact.normalized(value), value: value)
    }

    private static let titles: Set<String> = ["mr", "mrs", "ms", "dr", "st", "prof", "mt", "ft", "sgt", "capt", "rev"]
    private static let greetings: Set<String> = ["hi", "hello", "hey", "dear", "greetings", "yo"]
    private static let greetingsThere: [Lead] = ["hi|hello|hey there"]
    private static let fillers: [Lead] = [
        "oh and", "and also", "by the way", "just so you know", "for the record", "for context", "fun fact", "oh",
        "ok", "okay", "well", "so", "also", "and", "but", "actually", "btw", "fyi", "yes", "yeah", "yep", "no", "nope",
        "sorry", "oops", "correction", "update", "anyway", "anyways", "ps", "hmm", "um", "uh", "alright", "plus",
        "thanks", "great", "cool", "basically", "honestly", "fwiw",
    ]
    private static let hypotheticals: [Lead] = [
        "if", "suppose", "supposing", "imagine", "assuming", "assume", "hypothetically", "unless", "pretend",
        "let's say", "lets say", "say", "what if", "even if", "in case",
    ]
    private static let reporting: Set<String> = [
        "said", "says", "told", "tells", "asked", "wrote", "think", "thinks", "thought", "believe", "believes",
        "claimed", "claims", "guess", "suppose",
    ]
    private static let hedges: Set<String> = [
        "think", "guess", "maybe", "probably", "perhaps", "possibly", "believe", "sure",
    ]
    private static let rememberLeads: [(lead: Lead, polite: Bool, asked: Bool)] = [
        ("remember", false, false), ("please remember", true, false),
        ("can|could|would|will you remember", true, true), ("can|could|would|will you please remember", true, true),
        ("don't|dont forget", false, false), ("do not forget", false, false), ("please don't|dont forget", true, false),
        ("keep|bear in mind", false, false), ("please keep|bear in mind", true, false),
    ]
    private static let notRemembered: Set<String> = [
        "to", "when", "how", "what", "who", "where", "why", "whether", "if", "me", "it", "this", "that", "him", "her",
        "them", "everything", "all", "the time",
    ]
}

// MARK: - Clauses

/// One clause of a sentence as the fact patterns read it: its text, and its words
/// lowercased without edge punctuation, each knowing where it was typed, so a fact can
/// keep the user's own wording.
struct Clause {
    struct Word {
        var lower: String
        var range: Range<String.Index>
        /// The punctuation typed right after the word ("," in "Ana,"), if any.
        var trailing: Character?
    }

    let text: String
    let words: [Word]

    init(_ text: some StringProtocol) {
        let text = String(text)
        var words: [Word] = []
        for chunk in text.split(whereSeparator: \.isWhitespace) {
            let whole = chunk.lowercased()
            guard let first = whole.firstIndex(where: Self.isWordCharacter),
                  let last = whole.lastIndex(where: Self.isWordCharacter)
            else { continue }
            let lower = String(whole[first...last])
            let trailing = chunk.last.flatMap { $0.isLetter || $0.isNumber ? nil : $0 }
            // "I'm" is matched as "i am", so each pattern is written once.
            for part in Self.contractions[lower] ?? [lower] {
                words.append(Word(lower: part, range: chunk.startIndex..<chunk.endIndex, trailing: trailing))
            }
        }
        self.text = text
        self.words = Self.withoutAdverbs(words)
    }

    /// Word `index`, lowercased, if the clause has that many.
    func word(_ index: Int) -> String? {
        words.indices.contains(index) ? words[index].lower : nil
    }

    /// The index after `lead` when the clause starts with it (at `start`).
    func after(_ lead: Lead, from start: Int = 0) -> Int? {
        guard start >= 0, words.count >= start + lead.words.count else { return nil }
        for (offset, alternatives) in lead.words.enumerated() where !alternatives.contains(words[start + offset].lower) {
            return nil
        }
        return start + lead.words.count
    }

    func after(anyOf leads: [Lead], from start: Int = 0) -> Int? {
        for lead in leads {
            if let index = after(lead, from: start) { return index }
        }
        return nil
    }

    /// The clause from word `index` on.
    func suffix(from index: Int) -> Clause {
        Clause(text[words[index].range.lowerBound...])
    }

    /// What was typed before word `index`: the lead of a fact, in the user's words.
    func prefix(before index: Int) -> Substring {
        text[..<words[index].range.lowerBound]
    }

    /// The text from word `index` on, cut at the first of `breakers` (where another
    /// statement or an aside begins), without trailing filler ("now", "btw"), quotes
    /// or punctuation; nil when nothing is left.
    func value(from index: Int, cutAt breakers: [String]) -> String? {
        guard words.indices.contains(index) else { return nil }
        var value = text[words[index].range.lowerBound...]
        // Case-insensitive search is slow; most breakers are not there at all.
        let lower = value.lowercased()
        for breaker in breakers where lower.contains(breaker) {
            if let range = value.range(of: breaker, options: .caseInsensitive) { value = value[..<range.lowerBound] }
        }
        var cleaned = value.drop(while: Self.isEdge)
        while true {
            while let last = cleaned.last, Self.isEdge(last) { cleaned.removeLast() }
            guard let filler = Self.trailingFiller.first(where: { cleaned.lowercased().hasSuffix(" " + $0) }) else { break }
            cleaned.removeLast(filler.count)
        }
        // Double quotes are never part of a name or a place ("I prefer "concise" answers").
        let result = MemoryFact.cleaned(String(cleaned.filter { $0 != "\"" }))
        return result.isEmpty ? nil : result
    }

    /// Adverbs right after "I" / "I am" ("I currently live in", "I really prefer") are
    /// skipped, so patterns need not list them; the fact text still keeps them.
    private static func withoutAdverbs(_ words: [Word]) -> [Word] {
        guard let first = words.first, first.lower == "i" else { return words }
        var kept = [first]
        for word in words.dropFirst() {
            let afterSubject = kept.count == 1 || (kept.count == 2 && kept[1].lower == "am")
            if afterSubject && adverbs.contains(word.lower) { continue }
            kept.append(word)
        }
        return kept
    }

    /// Space, quotes, final punctuation and emoji around a value ("Lyon :)", "'Lou'").
    private static func isEdge(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { valueEdges.contains($0) }
            || character.unicodeScalars.contains { $0.properties.isEmoji && $0.value > 0x238C }
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        !(character.isPunctuation || character.isSymbol)
    }
    private static let valueEdges = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'`.,;:!?*_"))
    private static let contractions: [String: [String]] = ["i'm": ["i", "am"], "i've": ["i", "have"]]
    private static let adverbs: Set<String> = [
        "currently", "now", "still", "also", "actually", "really", "just", "recently", "generally", "usually",
        "always", "much", "definitely", "strongly", "mostly", "personally",
    ]
    private static let trailingFiller = [
        "now", "nowadays", "these days", "currently", "at the moment", "right now", "btw", "by the way", "lol", "haha",
        "too", "as well", "anyway", "actually", "fyi", "though", "thanks", "thank you", "please", "ok", "okay",
        "obviously", "honestly", "of course", "in general", "for sure", "personally", ":)", ":-)", ":d", ";)", ":(",
    ]
}

/// Words a clause may start with, parsed once: spaces between words, "|" between
/// alternatives, as in "i work at|for".
struct Lead: Sendable, ExpressibleByStringLiteral {
    let words: [Set<String>]

    init(stringLiteral text: String) {
        words = text.split(separator: " ").map { Set($0.split(separator: "|").map(String.init)) }
    }
}
