import Foundation
import MemchatCore

/// The kind of a memory fact (`MemoryFact.Kind`): the one stored with it, else the one
/// the extraction rules give its text, so facts written before kinds existed, or by
/// hand, take part as if they had just been learned.
extension MemoryExtractor {
    public func kind(of fact: MemoryFact) -> MemoryFact.Kind {
        fact.kind ?? kind(ofText: fact.text)
    }

    /// What the rules make of `text`: profile when it says who the user is, standing
    /// when it states a preference or instruction, else other. Remembered per text:
    /// the assembler asks for every fact before every request.
    public func kind(ofText text: String) -> MemoryFact.Kind {
        if let known = KindCache.shared.kind(of: text) { return known }
        // Reading a text with every rule costs tens of microseconds, and a file from before
        // kinds has all its facts classified on a process's first request: a text with none
        // of the words every profile and standing rule needs is other at once.
        guard Self.mayBeStanding(text) else {
            KindCache.shared.store(.other, for: text)
            return .other
        }
        let kinds = Set(candidates(in: text).map(\.kind))
        let kind: MemoryFact.Kind = kinds.contains(.profile) ? .profile : kinds.contains(.standing) ? .standing : .other
        KindCache.shared.store(kind, for: text)
        return kind
    }

    /// The kind of the facts a rule's key stands for.
    static func kind(forKey key: String) -> MemoryFact.Kind {
        let family = key.split(separator: ":").first.map(String.init) ?? key
        if profileKeys.contains(family) { return .profile }
        if standingFamilies.contains(family) { return .standing }
        return .other
    }

    /// Whether `text` has what every profile and standing rule needs: a name word, "call
    /// me", "be called", "go by", pronouns, "I'm" before a capitalised word, a preference
    /// or instruction word, an allergy, intolerance or diet, a tool, the language or units
    /// written and thought in. `kindsOfStoredTexts`
    /// and `everyExtractedKindIsTheKindOfItsText` in the extractor tests keep it whole.
    private static func mayBeStanding(_ text: String) -> Bool {
        let words = text.lowercased().replacingOccurrences(of: "’", with: "'")
            .split { !($0.isLetter || $0 == "'") }.map(String.init)
        let set = Set(words)
        if !set.isDisjoint(with: standingWords) || words.contains(where: { $0.contains("name") }) { return true }
        if set.contains("me") && set.contains("call") || set.contains("called") && set.contains("be")
            || set.contains("go") && set.contains("by") {
            return true
        }
        // "I'm Noor": a capitalised word after the first that is not "I" itself.
        return (set.contains("i'm") || set.contains("am"))
            && text.split(separator: " ").dropFirst().contains { word in
                word.first?.isUppercase == true && word != "I" && !word.hasPrefix("I'") && !word.hasPrefix("I’")
            }
    }

    private static let standingWords: Set<String> = [
        "pronouns", "prefer", "like", "always", "never", "from", "allergic", "allergy", "allergies", "intolerant",
        "vegetarian", "vegan", "pescatarian", "pescetarian", "diet", "use", "using", "code", "write", "spell", "think",
        "measure", "cook", "bake",
    ]

    private static let profileKeys: Set<String> = [
        "name", "first name", "last name", "surname", "middle name", "nickname", "maiden name", "preferred name",
        "pronouns",
    ]
    /// Preferences, instructions, diet and health, and the tools they work with.
    private static let standingFamilies: Set<String> = [
        "preference", "instruction", "allergy", "intolerance", "diet", "tool",
    ]
}

/// Kinds already worked out, by fact text, for the life of the process.
private final class KindCache: @unchecked Sendable {
    static let shared = KindCache()
    private let lock = NSLock()
    private var kinds: [String: MemoryFact.Kind] = [:]

    func kind(of text: String) -> MemoryFact.Kind? {
        lock.withLock { kinds[text] }
    }

    func store(_ kind: MemoryFact.Kind, for text: String) {
        lock.withLock {
            // Bounded: a long-running process meets each user's facts, not unbounded text.
            if kinds.count >= 50_000 { kinds.removeAll() }
            kinds[text] = kind
        }
    }
}
