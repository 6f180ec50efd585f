import Foundation
import MemchatCore

/// Tells whether a newly stated fact is about the same thing as a stored one whose rule
/// gave it another key ("The Delta design review moved to Monday" after "The Delta review
/// is on Wednesday", "my dental appointment" after "my dentist appointment"): what the
/// keys name ("delta design review", "delta review") is compared by sentence embedding
/// (`StaticEmbedder`).
///
/// The statement without its value (its subject) would carry the verbs too ("is on",
/// "moved to"), which the labelled pairs in `SameSubjectTests` showed to blur the
/// comparison; the key holds just the thing. Wrongly superseding hides a fact the user
/// still holds, so this is conservative: only facts of one thing at a time take part
/// (keys without a qualifier, and events; never allergies, tools, people's doings or
/// notes, of which a user has several), of the same owner ("my colleague's accountant" is
/// not "my accountant"), the values must differ, the things must be close
/// (`threshold`, above every different-subject pair there) and the subjects must name the
/// same proper nouns ("the Orion review" is not "the Delta review"). Without the
/// embedding files it matches nothing, and only keys decide.
struct SameSubject: Sendable {
    /// On the labelled pairs, five of eleven same-subject pairs score 0.88-1.0; every
    /// different-subject pair scores at most 0.84 ("half marathon" / "marathon").
    static let threshold: Float = 0.88

    private let embedder: @Sendable () -> StaticEmbedder?

    /// With the process-wide embedder, loaded only when a comparison is needed (a
    /// statement with no fact of its key, and a candidate of the same family).
    init() {
        embedder = { try? StaticEmbedder.shared() }
    }

    /// With `embedder`; nil: as if the embedding files were missing.
    init(embedder: StaticEmbedder?) {
        self.embedder = { embedder }
    }

    /// The stored statement `fact` is the same subject as, the closest if several.
    func match<T>(_ fact: ExtractedFact, among known: [(fact: T, statement: ExtractedFact)]) -> (fact: T, statement: ExtractedFact)? {
        guard let subject = Self.subject(of: fact) else { return nil }
        let candidates = known.indices.filter { index in
            guard Self.comparable(fact, known[index].statement), let other = Self.subject(of: known[index].statement)
            else { return false }
            return Self.properNouns(subject) == Self.properNouns(other)
        }
        guard !candidates.isEmpty, let embedder = embedder() else { return nil }
        let vector = embedder.embed(Self.thing(of: fact))
        var best: (index: Int, similarity: Float)?
        for index in candidates {
            let similarity = Cosine.of(vector, embedder.embed(Self.thing(of: known[index].statement)))
            if similarity >= Self.threshold, similarity > (best?.similarity ?? -1) { best = (index, similarity) }
        }
        return best.map { known[$0.index] }
    }

    /// How close what two statements are about is (for tuning and tests); nil without
    /// the embedder.
    func similarity(_ a: ExtractedFact, _ b: ExtractedFact) -> Float? {
        guard let embedder = embedder() else { return nil }
        return Cosine.of(embedder.embed(Self.thing(of: a)), embedder.embed(Self.thing(of: b)))
    }

    /// The statement without its value: "The Delta review is on Wednesday." -> "The Delta
    /// review is on". Nil when the value is the whole statement (a note) or not in it.
    static func subject(of fact: ExtractedFact) -> String? {
        guard let range = fact.text.range(of: fact.value, options: [.caseInsensitive, .backwards]) else { return nil }
        let subject = MemoryFact.cleaned(fact.text.replacingCharacters(in: range, with: " "))
            .trimmingCharacters(in: CharacterSet(charactersIn: " .,;:!?"))
        return subject.split(separator: " ").count >= 2 ? subject : nil
    }

    /// What the key names: "event:delta review" -> "delta review", "favorite band".
    private static func thing(of fact: ExtractedFact) -> String {
        String(fact.key.split(separator: ":", maxSplits: 1).last ?? "")
    }

    /// Different keys of one family that holds one value at a time, of the same owner,
    /// with different values.
    private static func comparable(_ new: ExtractedFact, _ old: ExtractedFact) -> Bool {
        guard new.key != old.key, family(of: new.key) == family(of: old.key), family(of: new.key) != nil,
              owners(in: new.key) == owners(in: old.key)
        else { return false }
        return MemoryFact.normalized(new.value) != MemoryFact.normalized(old.value)
    }

    /// Whose thing a key names besides the user's: "colleague's accountant" is not the
    /// user's accountant, however close the words.
    private static func owners(in key: String) -> Set<Substring> {
        Set(key.split(whereSeparator: { $0 == " " || $0 == ":" }).filter { $0.hasSuffix("'s") || $0.hasSuffix("s'") })
    }

    /// "" for plain keys ("manager", "favorite band"), "event" for events; nil for keys of
    /// which a user holds several at once ("allergy:…", "tool:…", "note:…").
    private static func family(of key: String) -> String? {
        guard let colon = key.firstIndex(of: ":") else { return "" }
        return key[..<colon] == "event" ? "event" : nil
    }

    /// The capitalised words after the first: "Delta" in "The Delta review is on".
    /// Acronyms ("GP", "CEO") name kinds of things, not particular ones, and do not count.
    private static func properNouns(_ subject: String) -> Set<String> {
        let words = subject.split(separator: " ").dropFirst().map { $0.trimmingCharacters(in: .punctuationCharacters) }
        return Set(words.filter { word in
            word.first?.isUppercase == true && !(word.count > 1 && word.allSatisfy { $0.isUppercase || $0.isNumber })
        }.map { $0.lowercased() })
    }
}
