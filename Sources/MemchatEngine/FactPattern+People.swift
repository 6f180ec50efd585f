import Foundation
import MemchatCore

/// Rules about the people around the user and the user's own name said in passing.
extension FactPattern {
    /// "my sister Inès collects old vinyl", "my daughter Mia is 7", "my son Leo starts
    /// school in September": a relative or pet named in the statement, with what is said
    /// of them. Keyed by who and what is said, so a second thing about Inès is a fact of
    /// its own; an age is one key ("...:age"), so "Mia is 8" replaces "Mia is 7".
    static func namedRelative(_ clause: Clause) -> ExtractedFact? {
        guard clause.word(0) == "my" else { return nil }
        var start = 1
        while let word = clause.word(start), relativeAdjectives.contains(word) { start += 1 }
        guard let relationEnd = [start + 2, start + 1].first(where: { end in
            end <= clause.words.count && relations.contains(clause.words[start..<end].map(\.lower).joined(separator: " "))
        }) else { return nil }
        let relation = clause.words[start..<relationEnd].map(\.lower).joined(separator: " ")
        var nameEnd = relationEnd
        while nameEnd < min(relationEnd + 2, clause.words.count) {
            let word = clause.words[nameEnd]
            guard isTypedCapitalised(clause, nameEnd), Thing.isWord(word.lower), !word.lower.hasSuffix("'s") else { break }
            nameEnd += 1
            // "my sister Inès, who ..." : a comma ends the name.
            if word.trailing != nil { break }
        }
        guard nameEnd > relationEnd, nameEnd < clause.words.count else { return nil }
        let name = clause.words[relationEnd..<nameEnd]
            .map { clause.text[$0.range].trimmingCharacters(in: .punctuationCharacters) }.joined(separator: " ")
        guard isName(name) else { return nil }
        let predicate = clause.words[nameEnd...].map(\.lower)
        guard let verb = predicate.first, !notPredicates.contains(verb), !verb.hasSuffix("n't"),
              predicate.count < 2 || !["not", "never"].contains(predicate[1]),
              let said = clause.value(from: nameEnd, cutAt: phraseBreakers)
        else { return nil }
        // "boss" is the manager, "mum" the mother, as in "my boss is Kemal".
        let person = Thing.key(relation.split(separator: " ").map(String.init)) ?? relation
        let who = person + ":" + MemoryFact.normalized(name)
        let scope = Thing.scope(of: person)
        if let age = age(in: said.lowercased().split(separator: " ").map(String.init)) {
            return make(clause, valueAt: nameEnd, said: said, value: age, key: who + ":age", scope: scope)
        }
        return make(clause, valueAt: nameEnd, value: said, key: who + ":" + MemoryFact.normalized(said), scope: scope)
    }

    /// "my kids are Leo and Mia", "my cats are called Miso and Tofu": two or more names
    /// for a plural thing, one fact.
    static func pluralNames(_ clause: Clause, thing: [String], valueAt index: Int) -> ExtractedFact? {
        guard let last = thing.last, last.hasSuffix("s") || ["children", "people"].contains(last),
              let key = Thing.key(thing),
              let value = clause.value(from: index, cutAt: phraseBreakers + [" who ", " from ", " in ", " at "])
        else { return nil }
        let names = value.replacingOccurrences(of: " & ", with: ", ").replacingOccurrences(of: " and ", with: ", ")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard (2...8).contains(names.count),
              names.allSatisfy({ isName($0) && $0.split(separator: " ").count <= 2 && $0.first?.isUppercase == true })
        else { return nil }
        return make(clause, valueAt: index, value: value, key: key, scope: Thing.scope(of: key))
    }

    /// "I'm Noor", "Hi, I'm Noor Haddad": a capitalised name and nothing else. Not a
    /// nationality, language, belief or state ("I'm French", "I'm Catholic", "I'm Tired"),
    /// which are capitalised too.
    static func selfName(_ clause: Clause) -> ExtractedFact? {
        guard clause.word(0) == "i", clause.word(1) == "am",
              let value = clause.value(from: 2, cutAt: phraseBreakers + [", ", " and ", " from ", " in ", " at ", " by "])
        else { return nil }
        let words = value.split(separator: " ")
        guard (1...2).contains(words.count), words.allSatisfy({ $0.first?.isUppercase == true && Thing.isWord($0.lowercased()) }),
              isName(value), let first = words.first?.lowercased(), !looksLikeAdjective(first)
        else { return nil }
        return make(clause, valueAt: 2, value: value, key: "name")
    }

    /// An age: "is 7", "is seven", "is 7 years old", "just turned 40".
    private static func age(in predicate: [String]) -> String? {
        let rest: ArraySlice<String>
        if predicate.first == "is" || predicate.first == "turned" {
            rest = predicate.dropFirst()
        } else if predicate.starts(with: ["just", "turned"]) {
            rest = predicate.dropFirst(2)
        } else {
            return nil
        }
        guard let number = rest.first, Int(number) != nil || numberWords.contains(number),
              rest.count == 1 || Array(rest.dropFirst()) == ["years", "old"] || Array(rest.dropFirst()) == ["year", "old"]
        else { return nil }
        return number
    }

    private static func isTypedCapitalised(_ clause: Clause, _ index: Int) -> Bool {
        clause.text[clause.words[index].range].first?.isUppercase == true
    }

    private static func looksLikeAdjective(_ word: String) -> Bool {
        notSelfNames.contains(word) || (word.count > 4 && adjectiveEndings.contains(where: word.hasSuffix))
    }

    private static let relations: Set<String> = [
        "sister", "brother", "son", "daughter", "kid", "child", "baby", "mother", "father", "mom", "mum", "dad",
        "wife", "husband", "partner", "spouse", "boyfriend", "girlfriend", "fiance", "fiancé", "fiancee", "fiancée",
        "aunt", "uncle", "cousin", "niece", "nephew", "grandmother", "grandfather", "grandma", "grandpa", "granny",
        "grandson", "granddaughter", "stepson", "stepdaughter", "stepmother", "stepfather", "sister-in-law",
        "brother-in-law", "mother-in-law", "father-in-law", "friend", "best friend", "roommate", "flatmate",
        "neighbor", "neighbour", "dog", "cat", "puppy", "kitten", "boss", "manager", "colleague", "coworker",
        "teammate",
    ]
    private static let relativeAdjectives: Set<String> = [
        "little", "younger", "older", "big", "baby", "twin", "eldest", "youngest", "oldest", "elder", "step",
    ]
    /// Words after the name that make the clause something other than a statement about them.
    private static let notPredicates: Set<String> = [
        "and", "or", "but", "who", "whom", "whose", "said", "says", "told", "tells", "thinks", "think", "asked", "asks",
        "wrote", "believes", "claims", "might", "may", "could", "would", "should", "never", "not", "no", "if",
        "when", "what", "because",
    ]
    private static let numberWords: Set<String> = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ]
    private static let adjectiveEndings = ["ed", "ing", "ful", "ous", "ive", "able", "ible", "less", "ish", "ese"]
    /// Capitalised words after "I'm" that are not names: nationalities, languages,
    /// beliefs, states and places.
    private static let notSelfNames: Set<String> = [
        // States and answers.
        "tired", "fine", "good", "ok", "okay", "sorry", "happy", "sad", "back", "here", "there", "done", "ready",
        "sure", "new", "lost", "stuck", "busy", "hungry", "sick", "ill", "late", "early", "home", "out", "free",
        "bored", "married", "single", "divorced", "pregnant", "retired", "unemployed", "alive", "awake", "asleep",
        "glad", "great", "well", "fit", "cold", "hot", "warm", "right", "wrong", "old", "young", "serious", "curious",
        "lucky", "lonely", "angry", "mad", "upset", "afraid", "scared", "nervous", "excited", "confused", "in", "on",
        "off", "up", "down", "next", "first", "last", "ok.", "thanks", "interested", "vegan", "vegetarian", "gay",
        "straight", "bi", "trans", "deaf", "blind", "disabled", "autistic", "left-handed", "right-handed", "human",
        "male", "female", "nonbinary", "non-binary", "cis", "gluten-free", "allergic", "diabetic", "anemic",
        "pescatarian", "sober", "broke", "rich", "poor", "tall", "short", "me", "it", "that", "this", "him", "her",
        "sir", "madam", "mr", "ms", "mrs", "dr", "god", "everyone", "nobody", "somebody", "someone", "online",
        "offline", "remote", "available", "around", "away", "abroad", "overseas", "outside", "inside", "downstairs",
        "upstairs", "the", "a", "an", "your", "his", "their", "our", "my", "from", "into", "about", "coming", "leaving",
        // Beliefs.
        "catholic", "christian", "protestant", "orthodox", "muslim", "jewish", "hindu", "buddhist", "sikh", "atheist",
        "agnostic", "mormon", "pagan", "republican", "democrat", "liberal", "conservative", "libertarian", "socialist",
        "labour", "tory",
        // Nationalities and languages not caught by their endings.
        "american", "canadian", "mexican", "brazilian", "argentinian", "argentine", "chilean", "peruvian",
        "colombian", "venezuelan", "cuban", "haitian", "jamaican", "german", "french", "dutch", "belgian", "swiss",
        "austrian", "italian", "greek", "russian", "ukrainian", "belarusian", "bulgarian", "romanian", "hungarian",
        "serbian", "croatian", "bosnian", "slovenian", "slovak", "czech", "estonian", "latvian", "lithuanian",
        "norwegian", "icelandic", "european", "african", "asian", "australian", "indian", "pakistani", "bangladeshi",
        "iranian", "iraqi", "syrian", "egyptian", "moroccan", "algerian", "tunisian", "libyan", "nigerian",
        "ghanaian", "kenyan", "ethiopian", "somali", "sudanese", "korean", "thai", "filipino", "filipina",
        "indonesian", "malaysian", "singaporean", "israeli", "saudi", "emirati", "qatari", "kuwaiti", "yemeni",
        "omani", "jordanian", "palestinian", "armenian", "georgian", "azerbaijani", "kazakh", "uzbek", "afghan",
        "mongolian", "tibetan", "latino", "latina", "latinx", "hispanic", "arab", "arabic", "persian", "kiwi",
        "aussie", "brit", "yank", "scot", "welsh", "quebecois", "québécois", "parisian", "texan", "californian",
        "canadien", "canadienne", "francophone", "anglophone", "bilingual", "trilingual", "native", "foreign",
        "local", "new yorker", "londoner", "berliner", "european", "latin", "hebrew", "hindi", "urdu", "bengali",
        "punjabi", "tamil", "swahili", "zulu", "cantonese", "mandarin", "catalan", "basque", "galician", "flemish",
        "breton", "irish", "scottish", "english", "british", "spanish", "polish", "danish", "swedish", "finnish",
        "turkish", "kurdish", "chinese", "japanese", "portuguese", "vietnamese", "lebanese", "maltese", "taiwanese",
        "nepalese", "congolese", "senegalese",
    ]
}
