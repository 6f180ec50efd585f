import Foundation
import MemchatCore

/// The rules that recognise a durable statement about the user in one clause. Every
/// rule is anchored at the start of the clause: a statement buried in a question ("is
/// my manager Tom"), a hypothetical ("if my name were") or reported speech ("he said
/// my name is") does not start with it, which is what keeps the rules conservative.
enum FactPattern {
    static func fact(in clause: Clause) -> ExtractedFact? {
        // Every rule starts with one of these words; most clauses go no further.
        guard let first = clause.words.first?.lower, firstWords.contains(first) else { return nil }
        for rule in rules {
            if let fact = rule(clause) { return fact }
        }
        return nil
    }

    /// In order: the first rule that reads the clause as a statement decides.
    private static let rules: [@Sendable (Clause) -> ExtractedFact?] = [
        preferredName, namedRelative, myThing, namedPossession, preference, work, home, allergy, intolerance, identity,
        learning, tool, vehicle, owned, education, pastHome, hobby, habit, selfName, event, instruction,
    ]

    private static let firstWords: Set<String> = [
        "i", "my", "call", "please", "just", "you", "the", "our", "always", "never", "from",
    ]

    /// "call me Lou", "I go by Lou", "I prefer to be called Lou".
    private static func preferredName(_ clause: Clause) -> ExtractedFact? {
        guard let index = clause.after(anyOf: Leads.preferredName) else { return nil }
        return name(clause, at: index, key: "preferred name")
    }

    /// "my name is Ana", "my dog is called Pixel", "my dog's name is Pixel", "my
    /// manager is Priya", "my favorite color is blue", "my pronouns are they/them".
    private static func myThing(_ clause: Clause) -> ExtractedFact? {
        guard clause.word(0) == "my" else { return nil }
        if clause.word(1) == "name's" { return name(clause, at: 2, key: "name") }
        guard let verb = (2...4).first(where: { clause.word($0) == "is" || clause.word($0) == "are" }) else { return nil }
        var thing = clause.words[1..<verb].map(\.lower)
        guard thing.allSatisfy(Thing.isWord) else { return nil }
        if thing.count > 1, thing.last == "name", let owner = thing.dropLast().last, owner.hasSuffix("'s") {
            // "my dog's name is Pixel" is about the dog.
            thing = thing.dropLast(2) + [String(owner.dropLast(2))]
            return Thing.key(thing).flatMap { Thing.named(clause, at: verb + 1, key: $0) }
        }
        guard let key = Thing.key(thing) else { return nil }
        // "my accountant is now Priya" states the new value.
        let value = clause.word(verb + 1) == "now" ? verb + 2 : verb + 1
        if clause.words[verb].lower == "are", key != "pronouns" {
            // "my kids are Leo and Mia", "my cats are called Miso and Tofu".
            return pluralNames(clause, thing: thing, valueAt: isCalled(clause.word(value)) ? value + 1 : value)
        }
        if isCalled(clause.word(value)) { return Thing.named(clause, at: value + 1, key: key) }
        return Thing.statement(clause, valueAt: value, key: key)
    }

    /// "I have a dog called Pixel", "I've got a cat named Miso".
    private static func namedPossession(_ clause: Clause) -> ExtractedFact? {
        guard let start = clause.after(anyOf: Leads.possession),
              let verb = (start + 1...start + 2).first(where: { isCalled(clause.word($0)) }),
              let key = Thing.key(clause.words[start..<verb].map(\.lower))
        else { return nil }
        return Thing.named(clause, at: verb + 1, key: key)
    }

    /// "I prefer tea over coffee", "I prefer short answers", "I like cats more than dogs".
    private static func preference(_ clause: Clause) -> ExtractedFact? {
        guard let index = clause.after(Leads.preference),
              let said = clause.value(from: index, cutAt: phraseBreakers),
              let choice = Preference(said, needsComparison: clause.word(1) == "like")
        else { return nil }
        return make(clause, valueAt: index, said: said, value: choice.preferred, key: "preference:" + choice.topic)
    }

    /// "I work at Acme", "I work for Acme", "I work as a nurse", "I'm working on a compiler".
    private static func work(_ clause: Clause) -> ExtractedFact? {
        if let index = clause.after(anyOf: Leads.employer),
           let value = phrase(clause, at: index), !notEmployers.contains(where: { startsWithWords(value, $0) }) {
            return make(clause, valueAt: index, value: value, key: "employer", scope: .currentContext)
        }
        if let index = clause.after(anyOf: Leads.project),
           let value = phrase(clause, at: index), !vague.contains(value.lowercased()) {
            return make(clause, valueAt: index, value: value, key: "project", scope: .currentContext)
        }
        if let index = clause.after(Leads.workAs) { return role(clause, at: index) }
        return nil
    }

    /// "I live in Lyon", "I'm based in Lyon", "I moved to Lyon", "I'm from Porto".
    private static func home(_ clause: Clause) -> ExtractedFact? {
        if let index = clause.after(anyOf: Leads.home), let value = phrase(clause, at: index),
           !vague.contains(value.lowercased()) {
            return make(clause, valueAt: index, value: value, key: "home")
        }
        if let index = clause.after(anyOf: Leads.origin), let value = phrase(clause, at: index),
           !vague.contains(value.lowercased()) {
            return make(clause, valueAt: index, value: value, key: "origin")
        }
        return nil
    }

    /// "I'm allergic to peanuts", "I have an allergy to cats", "I have a peanut
    /// allergy": one fact per allergen, so a second allergy does not replace the first.
    private static func allergy(_ clause: Clause) -> ExtractedFact? {
        if let index = clause.after(anyOf: Leads.allergy),
           let value = phrase(clause, at: index) {
            return make(clause, valueAt: index, value: value, key: "allergy:" + MemoryFact.normalized(value))
        }
        guard let index = clause.after(Leads.haveA), let said = clause.value(from: index, cutAt: phraseBreakers),
              said.lowercased().hasSuffix(" allergy")
        else { return nil }
        let allergen = String(said.dropLast(" allergy".count))
        return make(clause, valueAt: index, said: said, value: allergen, key: "allergy:" + MemoryFact.normalized(allergen))
    }

    /// "I'm a nurse", "I'm a software engineer at Acme" (a profession), "I'm vegan" (a diet).
    private static func identity(_ clause: Clause) -> ExtractedFact? {
        if let index = clause.after(Leads.amA) { return role(clause, at: index) }
        guard let index = clause.after(Leads.am), let value = phrase(clause, at: index),
              diets.contains(value.lowercased())
        else { return nil }
        return make(clause, valueAt: index, value: value, key: "diet")
    }

    /// A profession or diet after "a"/"an", told by its last word: "senior software
    /// engineer" is a profession, "big fan of jazz" is not.
    private static func role(_ clause: Clause, at index: Int) -> ExtractedFact? {
        guard let value = clause.value(from: index, cutAt: phraseBreakers + roleBreakers),
              let head = value.split(separator: " ").last.map({ $0.lowercased() }), value.split(separator: " ").count <= 4
        else { return nil }
        if diets.contains(head) { return make(clause, valueAt: index, value: value, key: "diet") }
        guard professions.contains(head)
            || (professionEndings.contains(where: head.hasSuffix) && !notProfessions.contains(head))
        else { return nil }
        return make(clause, valueAt: index, value: value, key: "profession")
    }

    // MARK: - Values

    /// A name: up to four words that do not read as an adverb or article ("call me
    /// later", "my name is not Tom", "my dog is a beagle").
    static func name(_ clause: Clause, at index: Int, key: String, scope: ExtractedFact.Scope = .global) -> ExtractedFact? {
        guard let value = clause.value(from: index, cutAt: phraseBreakers + nameBreakers), isName(value) else { return nil }
        return make(clause, valueAt: index, value: value, key: key, scope: scope)
    }

    static func isName(_ value: String) -> Bool {
        let words = value.split(separator: " ")
        guard (1...4).contains(words.count), let first = words.first, first.first?.isLetter == true else { return false }
        return !notNames.contains(first.lowercased())
    }

    /// A place, an organisation, a preference: any words, up to where another
    /// statement begins, never a negation or a hedge ("I live in Lyon, France").
    static func phrase(_ clause: Clause, at index: Int) -> String? {
        guard let value = clause.value(from: index, cutAt: phraseBreakers),
              value.split(separator: " ").count <= 12,
              let first = value.split(separator: " ").first, !negationsAndHedges.contains(first.lowercased()),
              !["nothing", "anything", "none", "nowhere"].contains(value.lowercased())
        else { return nil }
        return value
    }

    /// The fact: what was typed up to the value, then the value (or `said`, when the
    /// fact's wording goes beyond its value), as a sentence.
    static func make(
        _ clause: Clause, valueAt index: Int, said: String? = nil, value: String, key: String,
        scope: ExtractedFact.Scope = .global
    ) -> ExtractedFact {
        ExtractedFact(text: sentence(clause.prefix(before: index) + (said ?? value)), key: key, value: value, scope: scope)
    }

    /// Cleaned, with a capital first letter and one final period.
    static func sentence(_ text: String) -> String {
        let cleaned = MemoryFact.cleaned(text).trimmingCharacters(in: CharacterSet(charactersIn: " .,;:!?"))
        return cleaned.prefix(1).uppercased() + cleaned.dropFirst() + "."
    }

    private static func isCalled(_ word: String?) -> Bool {
        word == "called" || word == "named"
    }

    static func startsWithWords(_ value: String, _ words: String) -> Bool {
        let lower = value.lowercased()
        return lower == words || lower.hasPrefix(words + " ")
    }

    // MARK: - Word lists

    enum Leads {
        static let preferredName: [Lead] = [
            "call me", "please call me", "just call me", "you can call me", "i go by", "i prefer to be called",
            "i like to be called", "i'd like to be called",
        ]
        static let possession: [Lead] = ["i have a|an", "i have got a|an"]
        static let preference: Lead = "i prefer|like"
        static let employer: [Lead] = ["i work at|for", "i am working at|for", "i am employed at|by"]
        static let project: [Lead] = ["i work on", "i am working on"]
        static let workAs: Lead = "i work as a|an"
        static let home: [Lead] = ["i live in|at", "i am living in", "i am based in|at", "i moved to", "i have moved to"]
        static let origin: [Lead] = ["i am from", "i come from"]
        static let allergy: [Lead] = ["i am allergic to", "i have a|an allergy to", "i have allergies to"]
        static let haveA: Lead = "i have a|an"
        static let amA: Lead = "i am a|an"
        static let am: Lead = "i am"
    }

    /// Where an aside or another statement begins inside a value.
    static let phraseBreakers = [
        ", and ", ", but ", " but ", ", because ", " because ", ", which ", ", who ", ", so ", " so that ",
        ", though ", ", although ", " although ", " - ", " – ", " — ", " (", ";",
    ]
    static let nameBreakers = [",", " and ", " who ", " from ", " in ", " at ", " by ", " since ", " for ", " if ", " when "]
    static let roleBreakers = [" at ", " for ", " in ", " with ", " from ", " of ", " who ", " and "]
    static let negationsAndHedges: Set<String> = ["not", "no", "never", "neither", "nor", "maybe", "probably", "perhaps"]
    static let notNames: Set<String> = [
        "not", "no", "never", "a", "an", "the", "that", "this", "it", "what", "who", "why", "how", "when", "where",
        "whatever", "later", "tomorrow", "tonight", "today", "back", "soon", "now", "maybe", "crazy", "if", "at", "on",
        "in", "by", "after", "before", "anytime", "whenever", "again", "sometime", "asap", "anything", "something",
        "someone", "nothing", "very", "really", "so", "too", "also", "still", "just", "kind", "sort", "pretty",
        "going", "being", "like", "always", "sometimes", "quite", "super", "more", "less", "much", "probably",
        "perhaps", "possibly", "likely",
    ]
    private static let notEmployers = [
        "home", "night", "nights", "weekends", "the weekend", "the moment", "it", "this", "that", "hours", "free",
        "fun", "a living", "least", "first",
    ]
    static let vague: Set<String> = [
        "it", "this", "that", "something", "stuff", "things", "a lot", "lots", "there", "here", "everything",
    ]
    private static let diets: Set<String> = ["vegetarian", "vegan", "pescatarian", "pescetarian"]
    private static let professions: Set<String> = [
        "accountant", "actor", "actress", "administrator", "analyst", "architect", "artist", "attorney", "author",
        "baker", "barista", "carpenter", "cashier", "ceo", "cfo", "chef", "clerk", "coach", "consultant", "cook",
        "counselor", "counsellor", "cto", "designer", "developer", "director", "doctor", "driver", "editor",
        "electrician", "entrepreneur", "farmer", "firefighter", "founder", "co-founder", "cofounder", "freelancer",
        "hairdresser", "illustrator", "instructor", "intern", "investor", "judge", "lawyer", "lecturer", "librarian",
        "manager", "mechanic", "midwife", "nurse", "officer", "paramedic", "photographer", "pilot", "plumber", "poet",
        "postdoc", "professor", "programmer", "researcher", "secretary", "singer", "student", "surgeon", "teacher",
        "technician", "translator", "tutor", "vet", "veterinarian", "waiter", "waitress", "writer",
    ]
    private static let professionEndings = ["ist", "ician", "eer"]
    private static let notProfessions: Set<String> = [
        "optimist", "pessimist", "perfectionist", "realist", "idealist", "minimalist", "purist", "narcissist",
        "extremist", "volunteer", "career", "pioneer",
    ]
}

/// What a "my <thing> is ..." statement is about, as a memory key.
enum Thing {
    static func isWord(_ word: String) -> Bool {
        word.allSatisfy { $0.isLetter || $0 == "'" || $0 == "-" }
    }

    /// The key for a thing's words: "new manager" and "boss" are the manager. Nil for
    /// things that are not facts about the user ("my question is", "my point is").
    static func key(_ words: [String]) -> String? {
        var words = words.map { $0 == "favourite" ? "favorite" : $0 }
        while words.count > 1, let first = words.first, ["current", "new", "present"].contains(first) {
            words.removeFirst()
        }
        guard let first = words.first, !notThingStarts.contains(first) else { return nil }
        let thing = words.joined(separator: " ")
        guard !notThings.contains(thing) else { return nil }
        return aliases[thing] ?? thing
    }

    static func scope(of key: String) -> ExtractedFact.Scope {
        let thing = key.split(separator: ":").first.map(String.init) ?? key
        return workThings.contains(thing) ? .currentContext : .global
    }

    /// A name for `key`: the dog's, the manager's. Things a user has several of
    /// (friends, colleagues) are keyed by name too, so a second one does not replace the first.
    static func named(_ clause: Clause, at index: Int, key: String) -> ExtractedFact? {
        guard var fact = FactPattern.name(clause, at: index, key: key, scope: scope(of: key)) else { return nil }
        if several.contains(key) { fact.key += ":" + MemoryFact.normalized(fact.value) }
        return fact
    }

    /// "my <thing> is <value>" without "called": attributes take any value ("my
    /// favorite color is blue"); people, pets and the rest take a capitalised name,
    /// which is what tells "my dog is Pixel" from "my dog is sick".
    static func statement(_ clause: Clause, valueAt index: Int, key: String) -> ExtractedFact? {
        if names.contains(key) { return FactPattern.name(clause, at: index, key: key) }
        if attributes.contains(key) || key.hasPrefix("favorite ") {
            guard let value = FactPattern.phrase(clause, at: index) else { return nil }
            return FactPattern.make(clause, valueAt: index, value: value, key: key)
        }
        if let article = clause.word(index), article == "a" || article == "an" {
            return model(clause, valueAt: index + 1, key: key)
        }
        guard let fact = named(clause, at: index, key: key), fact.value.first?.isUppercase == true else { return nil }
        return fact
    }

    /// "my laptop is a ThinkPad X1 Carbon", "my car is a 2015 Honda Civic": a make or
    /// model, told by its capital or its year; "my dog is a beagle" says what, not which.
    private static func model(_ clause: Clause, valueAt index: Int, key: String) -> ExtractedFact? {
        guard clause.words.indices.contains(index),
              let first = clause.text[clause.words[index].range].first, first.isUppercase || first.isNumber,
              let value = clause.value(from: index, cutAt: FactPattern.phraseBreakers + [", ", " which ", " that "]),
              value.split(separator: " ").count <= 6
        else { return nil }
        return FactPattern.make(clause, valueAt: index, value: value, key: key)
    }

    private static let aliases = [
        "boss": "manager", "line manager": "manager", "company": "employer", "workplace": "employer",
        "occupation": "profession", "full name": "name", "home town": "hometown", "e-mail": "email",
        "email address": "email", "mobile number": "phone number", "mom": "mother", "mum": "mother", "dad": "father",
        "favorite colour": "favorite color",
    ]
    private static let names: Set<String> = ["name", "first name", "last name", "surname", "middle name", "nickname", "maiden name"]
    private static let attributes: Set<String> = [
        "hometown", "birthday", "email", "phone number", "address", "pronouns", "timezone", "time zone",
        "native language", "first language", "age", "nationality", "blood type", "profession", "job title", "title",
        "role", "diet", "username", "handle",
    ]
    private static let workThings: Set<String> = [
        "manager", "employer", "project", "team", "client", "colleague", "coworker", "co-worker", "teammate",
        "team lead", "tech lead", "department",
    ]
    private static let several: Set<String> = [
        "colleague", "coworker", "co-worker", "teammate", "friend", "cousin", "neighbor", "neighbour", "classmate",
    ]
    private static let notThingStarts: Set<String> = ["only", "main", "biggest", "real", "other", "own", "whole"]
    private static let notThings: Set<String> = [
        "favorite", "question", "problem", "issue", "point", "guess", "bad", "fault", "concern", "idea", "answer", "hope",
        "worry", "understanding", "opinion", "take", "plan", "goal", "thought", "thoughts", "suggestion", "request",
        "task", "code", "error", "output", "input", "message", "prompt", "mistake", "apologies", "pleasure", "turn",
        "bet", "advice", "reason", "feeling", "impression", "life", "day", "week", "head", "mind", "heart", "gut",
    ]
}

/// What "I prefer ..." / "I like ... more" prefers, and what the preference is about,
/// so that a later preference on the same topic replaces it: "tea over coffee" and
/// "coffee to tea" are both about coffee/tea, "short answers" and "long answers" about
/// answers, "Python for scripting" and "Ruby for scripting" about scripting.
struct Preference {
    /// The preferred side, as typed ("tea").
    let preferred: String
    let topic: String

    /// Nil when nothing usable is preferred ("I prefer it", "I like the second one"),
    /// or with `needsComparison` when nothing is compared ("I like jazz" is a taste,
    /// not a preference between things).
    init?(_ said: String, needsComparison: Bool) {
        var words = said.split(separator: " ").map(String.init)
        // "tea over coffee, especially in the morning": the comparison ends at the comma.
        if let comma = words.firstIndex(where: { $0.hasSuffix(",") }) {
            words = words[...comma].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",")) }
        }
        let lower = words.map { $0.lowercased() }
        guard words.count <= 20, let sides = Self.comparison(in: lower) ?? (needsComparison ? nil : (words.count, nil))
        else { return nil }
        let (end, other) = sides
        let said = lower[..<end].joined(separator: " ")
        guard end > 0, !Self.vague.contains(where: { said == $0 || said.hasPrefix($0 + " ") }) else { return nil }
        preferred = words[..<end].joined(separator: " ")
        let situation = lower[..<end].firstIndex { Self.situations.contains($0) }.flatMap { $0 > 0 ? $0 : nil }
        if let other, let first = Self.head(lower[..<end]), let second = Self.head(lower[other...]) {
            topic = [first, second].sorted().joined(separator: "/")
        } else if let situation, situation + 1 < end {
            topic = lower[(situation + 1)..<end].joined(separator: " ")
        } else if let head = Self.head(lower[..<end]) {
            topic = head
        } else {
            return nil
        }
    }

    /// Where the preferred side ends and the other begins: "A over B", "A to B", "A
    /// rather than B", "A instead of B", "A more/better than B", "A better".
    private static func comparison(in lower: [String]) -> (end: Int, other: Int?)? {
        let infinitive = lower.first == "to" || lower.starts(with: ["not", "to"])
        for (index, word) in lower.enumerated() where index > 0 {
            let next = index + 1 < lower.count ? lower[index + 1] : nil
            switch word {
            case "over": return (index, index + 1 < lower.count ? index + 1 : nil)
            case "to" where !infinitive: return (index, next == nil ? nil : index + 1)
            case "instead" where next == "of": return (index, index + 2 < lower.count ? index + 2 : nil)
            case "than":
                let end = ["rather", "more", "better"].contains(lower[index - 1]) ? index - 1 : index
                return (end, next == nil ? nil : index + 1)
            case "more" where next == nil, "better" where next == nil: return (index, nil)
            default: continue
            }
        }
        return nil
    }

    /// The word a side is about: its last word before any preposition, singular
    /// ("short answers in French" -> "answer", "not to use semicolons" -> "semicolon").
    private static func head(_ words: ArraySlice<String>) -> String? {
        let words = words.drop { $0 == "not" || $0 == "to" }
        let main = words.prefix { !prepositions.contains($0) }
        guard let last = (main.isEmpty ? words : main).last?.filter({ $0.isLetter || $0.isNumber }), !last.isEmpty
        else { return nil }
        return singular(last)
    }

    private static func singular(_ word: String) -> String {
        if word.count > 4, word.hasSuffix("ies") { return word.dropLast(3) + "y" }
        if word.count > 3, word.hasSuffix("s"), !["ss", "us", "is"].contains(where: word.hasSuffix) {
            return String(word.dropLast())
        }
        return word
    }

    private static let situations: Set<String> = ["for", "when", "while", "during"]
    private static let prepositions: Set<String> = [
        "in", "on", "with", "of", "at", "from", "by", "about", "without", "for", "when", "while", "during", "if", "unless",
        "because",
    ]
    static let vague = [
        "it", "that", "this", "them", "those", "these", "both", "either", "neither", "the first", "the second",
        "the latter", "the former", "the other", "the last", "the one", "option", "yours", "your",
    ]
}
