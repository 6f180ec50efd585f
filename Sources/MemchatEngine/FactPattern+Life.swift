import Foundation
import MemchatCore

/// Rules about how the user lives: what they learn and use, what they ride, drive and
/// own, where they studied and lived before.
extension FactPattern {
    /// "I'm studying Portuguese, two evenings a week", "I'm learning the cello": one fact
    /// per subject. "I'm studying at McGill" is a school (`education`).
    static func learning(_ clause: Clause) -> ExtractedFact? {
        guard let index = clause.after(anyOf: LifeLeads.learning), clause.word(index) != "at",
              let said = phrase(clause, at: index), let subject = firstPart(of: said),
              !notLearned.contains(where: { startsWithWords(subject, $0) })
        else { return nil }
        return make(clause, valueAt: index, said: said, value: subject, key: "learning:" + MemoryFact.normalized(subject))
    }

    /// "I use Emacs for everything", "I'm using Linear at work": a tool, one fact each.
    static func tool(_ clause: Clause) -> ExtractedFact? {
        guard let index = clause.after(anyOf: LifeLeads.tool), let said = phrase(clause, at: index),
              let value = clause.value(from: index, cutAt: phraseBreakers + usageBreakers),
              value.split(separator: " ").count <= 5, !notTools.contains(where: { startsWithWords(value, $0) })
        else { return nil }
        // Tools keep their names as said: "Emacs" is not a plural.
        return make(clause, valueAt: index, said: said, value: value, key: "tool:" + ownedKey(value, singular: false))
    }

    /// "I ride a Vespa to work" (what they ride), "I drive a Tesla" (their car).
    static func vehicle(_ clause: Clause) -> ExtractedFact? {
        for (lead, key) in LifeLeads.vehicles {
            guard let index = clause.after(lead) else { continue }
            guard let said = phrase(clause, at: index),
                  let value = clause.value(from: index, cutAt: phraseBreakers + usageBreakers),
                  value.split(separator: " ").count <= 4, !notVehicles.contains(value.lowercased())
            else { return nil }
            return make(clause, valueAt: index, said: said, value: value, key: key)
        }
        return nil
    }

    /// "I have a Subaru", "I own two cats", "I have three kids": one fact per thing
    /// owned; the number of a thing is its value ("I own three cats" replaces "two cats").
    /// After "have", only things one owns: a capitalised name (a brand) or a known
    /// possession, so "I have a question" and "I have a Zoom call" are not facts.
    static func owned(_ clause: Clause) -> ExtractedFact? {
        if let index = clause.after(LifeLeads.own), let said = phrase(clause, at: index),
           let value = clause.value(from: index, cutAt: phraseBreakers + usageBreakers),
           value.split(separator: " ").count <= 6, !vague.contains(value.lowercased()),
           !notTools.contains(where: { startsWithWords(value, $0) }) {
            return make(clause, valueAt: index, said: said, value: value, key: "own:" + ownedKey(value))
        }
        guard let lead = clause.after(anyOf: LifeLeads.have) else { return nil }
        // "I have two cats": the number is part of the value.
        let counted = !["a", "an"].contains(clause.word(lead - 1) ?? "")
        let index = counted ? lead - 1 : lead
        guard let said = phrase(clause, at: index),
              let value = clause.value(from: index, cutAt: phraseBreakers + usageBreakers + haveBreakers),
              value.split(separator: " ").count <= 4, let head = value.split(separator: " ").last,
              !said.lowercased().hasSuffix(" allergy"),
              ownables.contains(singular(head.lowercased())) || (!counted && head.first?.isUppercase == true)
        else { return nil }
        return make(clause, valueAt: index, said: said, value: value, key: "own:" + ownedKey(value))
    }

    /// "I went to McGill", "I studied at McGill", "I graduated from MIT", "I studied
    /// physics": schools and subjects, several of each.
    static func education(_ clause: Clause) -> ExtractedFact? {
        if let index = clause.after(anyOf: LifeLeads.school), let said = phrase(clause, at: index),
           let value = clause.value(from: index, cutAt: phraseBreakers + placeBreakers),
           value.split(separator: " ").contains(where: { $0.first?.isUppercase == true }), value.split(separator: " ").count <= 6 {
            return make(clause, valueAt: index, said: said, value: value, key: "school:" + MemoryFact.normalized(value))
        }
        // "I went to Paris last week" is a trip; a place gone to with no time said is kept.
        if let index = clause.after(LifeLeads.wentTo), let said = phrase(clause, at: index),
           let value = clause.value(from: index, cutAt: phraseBreakers + placeBreakers + [" to "]),
           value.first?.isUppercase == true, value.split(separator: " ").count <= 5,
           !clause.words.contains(where: { timeWords.contains($0.lower) }) {
            return make(clause, valueAt: index, said: said, value: value, key: "went:" + MemoryFact.normalized(value))
        }
        guard let index = clause.after(LifeLeads.studied), let said = phrase(clause, at: index),
              let value = clause.value(from: index, cutAt: phraseBreakers + placeBreakers + [" at ", " in "]),
              value.split(separator: " ").count <= 4, !notLearned.contains(where: { startsWithWords(value, $0) })
        else { return nil }
        return make(clause, valueAt: index, said: said, value: value, key: "studied:" + MemoryFact.normalized(value))
    }

    /// "I lived in Berlin for five years", "I used to live in Paris" (one fact per
    /// place), "I grew up in Porto" (one place).
    static func pastHome(_ clause: Clause) -> ExtractedFact? {
        for (leads, family) in [(LifeLeads.lived, "lived:"), (LifeLeads.grewUp, "grew up")] {
            guard let index = clause.after(anyOf: leads) else { continue }
            guard let said = phrase(clause, at: index),
                  let value = clause.value(from: index, cutAt: phraseBreakers + placeBreakers),
                  value.split(separator: " ").count <= 5, !vague.contains(value.lowercased())
            else { return nil }
            let key = family.hasSuffix(":") ? family + MemoryFact.normalized(value) : family
            return make(clause, valueAt: index, said: said, value: value, key: key)
        }
        return nil
    }

    /// "I play five-a-side football every Thursday night", "I play the cello": one fact
    /// per game or instrument.
    static func hobby(_ clause: Clause) -> ExtractedFact? {
        guard let index = clause.after(LifeLeads.play), let said = phrase(clause, at: index),
              let value = clause.value(from: index, cutAt: phraseBreakers + usageBreakers + [" every ", " on ", " twice ", " once "]),
              value.split(separator: " ").count <= 4, !notTools.contains(where: { startsWithWords(value, $0) }),
              !notPlayed.contains(where: { startsWithWords(value, $0) })
        else { return nil }
        return make(clause, valueAt: index, said: said, value: value, key: "plays:" + ownedKey(value, singular: false))
    }

    /// "I'm lactose intolerant", "I am gluten intolerant".
    static func intolerance(_ clause: Clause) -> ExtractedFact? {
        guard let index = clause.after(Leads.am), let said = phrase(clause, at: index),
              said.lowercased().hasSuffix(" intolerant"), said.split(separator: " ").count <= 3
        else { return nil }
        let what = String(said.dropLast(" intolerant".count))
        return make(clause, valueAt: index, said: said, value: what, key: "intolerance:" + MemoryFact.normalized(what))
    }

    // MARK: - Helpers

    /// The part before the first comma: "Portuguese, two evenings a week" is Portuguese.
    private static func firstPart(of said: String) -> String? {
        let part = said.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return part.isEmpty || part.split(separator: " ").count > 5 ? nil : part
    }

    /// What a thing owned or used is, for its key: without articles and numbers, the last
    /// word singular ("two cats" -> "cat", "a red Subaru" -> "red subaru").
    static func ownedKey(_ value: String, singular makesSingular: Bool = true) -> String {
        var words = value.lowercased().split(separator: " ").map(String.init)
        while words.count > 1, let first = words.first, determiners.contains(first) || numbers.contains(first) || Int(first) != nil {
            words.removeFirst()
        }
        if makesSingular, let last = words.popLast() { words.append(singular(last)) }
        return MemoryFact.normalized(words.joined(separator: " "))
    }

    private static func singular(_ word: String) -> String {
        if let irregular = ["children": "child", "people": "person"][word] { return irregular }
        if word.count > 4, word.hasSuffix("ies") { return word.dropLast(3) + "y" }
        if word.count > 3, word.hasSuffix("s"), !["ss", "us", "is"].contains(where: word.hasSuffix) { return String(word.dropLast()) }
        return word
    }

    private enum LifeLeads {
        static let learning: [Lead] = ["i am studying|learning", "i am taking up", "i have started learning|studying"]
        static let tool: [Lead] = ["i use", "i am using", "i code in", "i write code in"]
        static let vehicles: [(Lead, String)] = [("i ride a|an", "ride"), ("i drive a|an", "car")]
        static let own: Lead = "i own"
        static let have: [Lead] = ["i have a|an", "i have got a|an", "i have one|two|three|four|five|six|seven|eight|nine|ten"]
        static let school: [Lead] = [
            "i studied|study at", "i graduated from", "i am studying at", "i went to school|university|college at",
            "i did my degree|phd|masters|master's|bachelor's at",
        ]
        static let wentTo: Lead = "i went to"
        static let play: Lead = "i play"
        static let studied: Lead = "i studied"
        static let lived: [Lead] = ["i lived in", "i used to live in", "i have lived in", "i once lived in"]
        static let grewUp: [Lead] = ["i grew up in", "i was raised in", "i was born in"]
    }

    /// Where the thing used or owned ends and how it is used begins.
    private static let usageBreakers = [
        " for ", " to ", " at ", " because ", " when ", " as ", " on ", " with ", " instead ", " since ", " every ",
        " daily", " all ", " most ", " mostly", " from ", " in ", " that ", " which ", " now", ",",
    ]
    /// Where a thing had ends: "a question about Swift" is a question.
    private static let haveBreakers = [" about ", " of ", " by ", " near ", " over ", " called ", " named ", " due "]
    private static let placeBreakers = [
        " for ", " when ", " until ", " from ", " since ", " before ", " after ", " during ", " as ", " with ",
        " back ", " in 19", " in 20", " years", " and ", " but ", ",",
    ]
    private static let determiners: Set<String> = ["a", "an", "the", "my", "our", "some"]
    private static let numbers: Set<String> = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    /// Things one owns, by their singular head word.
    private static let ownables: Set<String> = [
        "car", "bike", "bicycle", "motorbike", "motorcycle", "scooter", "moped", "van", "truck", "boat", "kayak",
        "canoe", "house", "flat", "apartment", "condo", "cabin", "cottage", "garden", "allotment", "dog", "cat", "puppy",
        "kitten", "parrot", "rabbit", "hamster", "horse", "goldfish", "fish", "tortoise", "turtle", "snake", "pet",
        "laptop", "phone", "iphone", "piano", "guitar", "violin", "cello", "drum", "camera", "drone", "tablet",
        "kid", "child", "son", "daughter", "brother", "sister", "sibling", "grandchild", "twin", "chicken", "cow",
        "goat", "sheep", "bee", "beehive", "car", "suv", "minivan", "caravan", "rv", "tent",
    ]
    private static let notLearned = [
        "a lot", "lots", "so much", "hard", "for", "about", "with", "how", "what", "that", "this", "it", "now", "today",
        "tonight", "again", "later", "the hard way", "up", "here", "there", "abroad", "too", "more", "nothing",
    ]
    private static let notTools = [
        "to", "it", "them", "that", "this", "those", "these", "a lot", "the same", "lots", "some", "any", "one",
        "none", "nothing", "both", "either", "you", "your", "him", "her", "me", "the bathroom", "the toilet",
    ]
    private static let notPlayed = ["safe", "along", "around", "dumb", "dead", "fair", "well", "with", "a role", "a part", "favorites"]
    private static let notVehicles: Set<String> = ["lot", "bit", "little", "while", "lot more", "hard bargain"]
    /// Words that make "I went to ..." a trip rather than where the user studied.
    private static let timeWords: Set<String> = [
        "yesterday", "today", "tonight", "last", "ago", "week", "weekend", "morning", "evening", "afternoon",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "once", "twice", "trip",
        "holiday", "vacation", "visit", "bed", "sleep", "see", "get", "buy", "watch",
    ]
}
