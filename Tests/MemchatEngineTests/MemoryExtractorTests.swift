import MemchatEngine
import Testing

/// One phrasing and the single fact it must yield.
struct ExpectedFact: CustomTestStringConvertible, Sendable {
    var said: String
    var key: String
    var value: String
    /// The stored wording; nil when only key and value are checked.
    var text: String?
    var scope: ExtractedFact.Scope = .global

    var testDescription: String { said }
}

@Suite("Memory extractor")
struct MemoryExtractorTests {
    let extractor = MemoryExtractor()

    static let statements: [ExpectedFact] = [
        // Names.
        .init(said: "My name is Ana.", key: "name", value: "Ana", text: "My name is Ana."),
        .init(said: "my name is ana", key: "name", value: "ana", text: "My name is ana."),
        .init(said: "Hi Claude, my name's Ana", key: "name", value: "Ana", text: "My name's Ana."),
        .init(said: "No, my name is Ana Silva, not Anna.", key: "name", value: "Ana Silva"),
        .init(said: "Call me Lou.", key: "preferred name", value: "Lou", text: "Call me Lou."),
        .init(said: "You can call me 'Lou' please", key: "preferred name", value: "Lou", text: "You can call me Lou."),
        .init(said: "I go by Sam", key: "preferred name", value: "Sam"),
        .init(said: "I prefer to be called Alex", key: "preferred name", value: "Alex"),
        // People, pets and other things of the user's.
        .init(said: "My dog is called Pixel", key: "dog", value: "Pixel", text: "My dog is called Pixel."),
        .init(said: "my dog is named Pixel", key: "dog", value: "Pixel"),
        .init(said: "My dog's name is Pixel!", key: "dog", value: "Pixel", text: "My dog's name is Pixel."),
        .init(said: "My dog is Pixel", key: "dog", value: "Pixel"),
        .init(said: "I have a cat called Miso", key: "cat", value: "Miso", text: "I have a cat called Miso."),
        .init(said: "I've got a parrot named Kiwi", key: "parrot", value: "Kiwi"),
        .init(said: "My wife is called Ines", key: "wife", value: "Ines"),
        .init(said: "My mum's name is Rosa", key: "mother", value: "Rosa"),
        .init(said: "My manager is Priya", key: "manager", value: "Priya", text: "My manager is Priya.", scope: .currentContext),
        .init(said: "My new boss is Priya Sharma", key: "manager", value: "Priya Sharma", scope: .currentContext),
        .init(said: "Btw, my manager is Priya now.", key: "manager", value: "Priya", text: "My manager is Priya.", scope: .currentContext),
        .init(said: "My manager is Dr. Patel.", key: "manager", value: "Dr. Patel", scope: .currentContext),
        .init(said: "My colleague is Sam", key: "colleague:sam", value: "Sam", scope: .currentContext),
        .init(said: "My best friend is Jo", key: "best friend", value: "Jo"),
        // Attributes take any value.
        .init(said: "My favourite colour is blue", key: "favorite color", value: "blue"),
        .init(said: "My birthday is May 3", key: "birthday", value: "May 3"),
        .init(said: "My pronouns are they/them", key: "pronouns", value: "they/them"),
        .init(said: "My email is ana@example.com.", key: "email", value: "ana@example.com"),
        // Preferences, keyed by what they are about.
        .init(said: "I prefer tea over coffee", key: "preference:coffee/tea", value: "tea", text: "I prefer tea over coffee."),
        .init(said: "I prefer coffee to tea.", key: "preference:coffee/tea", value: "coffee"),
        .init(said: "I like cats more than dogs", key: "preference:cat/dog", value: "cats", text: "I like cats more than dogs."),
        .init(said: "I like Python better", key: "preference:python", value: "Python"),
        .init(said: "I really prefer short answers", key: "preference:answer", value: "short answers"),
        .init(said: "I prefer answers in French", key: "preference:answer", value: "answers in French"),
        .init(said: "I prefer Python for scripting", key: "preference:scripting", value: "Python for scripting"),
        .init(said: "I prefer not to use semicolons", key: "preference:semicolon", value: "not to use semicolons"),
        // Work.
        .init(said: "I work at Acme", key: "employer", value: "Acme", text: "I work at Acme.", scope: .currentContext),
        .init(said: "I work for the University of Lyon, and I teach physics.", key: "employer", value: "the University of Lyon",
              scope: .currentContext),
        .init(said: "I'm working at Globex these days", key: "employer", value: "Globex", scope: .currentContext),
        .init(said: "I'm working on a Swift compiler", key: "project", value: "a Swift compiler", scope: .currentContext),
        .init(said: "I work as a nurse", key: "profession", value: "nurse"),
        .init(said: "I'm a software engineer at Acme", key: "profession", value: "software engineer",
              text: "I'm a software engineer."),
        .init(said: "I am a dentist", key: "profession", value: "dentist"),
        .init(said: "I'm a data scientist", key: "profession", value: "data scientist"),
        // Home.
        .init(said: "I live in Lyon, France", key: "home", value: "Lyon, France", text: "I live in Lyon, France."),
        .init(said: "I currently live in Berlin.", key: "home", value: "Berlin", text: "I currently live in Berlin."),
        .init(said: "I just moved to Porto", key: "home", value: "Porto"),
        .init(said: "I'm based in Montreal", key: "home", value: "Montreal"),
        .init(said: "I'm from Porto", key: "origin", value: "Porto"),
        // Health and diet.
        .init(said: "I am allergic to penicillin", key: "allergy:penicillin", value: "penicillin"),
        .init(said: "I\u{2019}m allergic to shellfish", key: "allergy:shellfish", value: "shellfish",
              text: "I'm allergic to shellfish."),
        .init(said: "I have a peanut allergy", key: "allergy:peanut", value: "peanut", text: "I have a peanut allergy."),
        .init(said: "I'm vegetarian", key: "diet", value: "vegetarian"),
        .init(said: "I'm a vegan", key: "diet", value: "vegan"),
        // Asked to remember: the inner statement's key when a pattern knows it.
        .init(said: "Remember that my dog is called Pixel", key: "dog", value: "Pixel", text: "My dog is called Pixel."),
        .init(said: "remember my manager is Priya", key: "manager", value: "Priya", scope: .currentContext),
        .init(said: "Don't forget that I'm vegan", key: "diet", value: "vegan", text: "I'm vegan."),
        .init(said: "Can you remember that my cat is named Miso?", key: "cat", value: "Miso"),
        .init(said: "Keep in mind that I'm allergic to peanuts.", key: "allergy:peanuts", value: "peanuts"),
        // ... else a note of its own.
        .init(said: "Please remember the door code is 4521", key: "note:the door code is 4521",
              value: "the door code is 4521", text: "The door code is 4521."),
        .init(said: "remember: the wifi password is hunter2", key: "note:the wifi password is hunter2",
              value: "the wifi password is hunter2"),
        .init(said: "Also, please don't forget that we meet on Fridays.", key: "note:we meet on fridays",
              value: "we meet on Fridays", text: "We meet on Fridays."),
    ]

    @Test(arguments: statements)
    func extracts(_ expected: ExpectedFact) {
        let found = extractor.candidates(in: expected.said)
        #expect(found.count == 1, "\(found)")
        guard let fact = found.first else { return }
        #expect(fact.key == expected.key)
        #expect(fact.value == expected.value)
        #expect(fact.scope == expected.scope)
        if let text = expected.text { #expect(fact.text == text) }
        #expect(fact.text.hasSuffix(".") && fact.text.first?.isUppercase == true)
    }

    static let nonStatements = [
        // Questions, with or without the question mark.
        "What is my name?", "what is my name", "What's my name?", "Is my manager Tom?", "is my manager Tom",
        "Do you remember my dog's name?", "Does my manager know?", "Could you tell me where I live?",
        "Tell me about my manager.", "My name is what?",
        // Hypotheticals.
        "If my name were Tom, I'd be happy.", "If I lived in Paris, I would walk more.", "Suppose I work at Acme.",
        "Imagine my dog is called Rex.", "Hypothetically, my name is Bob.", "What if my manager is Tom?",
        "So if I live in Paris, what changes?",
        // Negations and the past.
        "My name is not Tom.", "My manager isn't Tom.", "I don't live in Paris.", "I'm not a doctor.",
        "I no longer work at Acme.", "I used to live in Paris.", "I lived in Paris for years.", "My name's not important",
        // Quoted and reported speech, hedges.
        "He said \"my name is Bob\".", "\"My name is Bob,\" he said.", "'Call me Ishmael' is a famous opening line.",
        "She told me, my name is Bob.", "I think my manager is Tom.", "I guess, my manager is Tom.",
        "My manager is Tom, I think.", "I live in Lyon, probably.", "My manager is probably Tom.",
        "> my name is Bob", "```\nmy name is Bob\nI live in Paris\n```",
        // Looks like a pattern, is not a fact.
        "Call me later.", "Call me when you're done", "My dog is sick.", "My dog is a beagle.",
        "My question is about Swift.", "My problem is Python", "My point is Valid", "Remember to buy milk.",
        "Remember when we went to Rome?", "remember that", "I like jazz.", "I prefer the second one.", "I prefer it.",
        "I work at home.", "I work at night", "I'm a big fan of jazz.", "I'm a bit tired.", "I'm a perfectionist.",
        "I'm working on it.", "I live in it", "My code is broken", "Thanks, that helps!", "",
    ]

    @Test(arguments: nonStatements)
    func ignores(_ text: String) {
        #expect(extractor.candidates(in: text) == [])
    }

    @Test func readsEverySentenceAndClause() {
        let text = """
            Hi! My name is Ana and I live in Lyon. What's the weather like there? Also, I work at Acme Inc. \
            My manager is Priya; I'm allergic to cats, but I prefer dogs to cats
            """
        let found = extractor.candidates(in: text)
        #expect(found.map(\.key) == ["name", "home", "employer", "manager", "allergy:cats", "preference:cat/dog"])
        #expect(found.map(\.text) == [
            "My name is Ana.", "I live in Lyon.", "I work at Acme Inc.", "My manager is Priya.", "I'm allergic to cats.",
            "I prefer dogs to cats.",
        ])
    }

    @Test func everythingAfterARememberRequestIsKept() {
        let found = extractor.candidates(in: "Please remember that the door code is 4521, and I park on level 2.")
        #expect(found.map(\.text) == ["The door code is 4521.", "I park on level 2."])
        #expect(found.allSatisfy { $0.key.hasPrefix("note:") && $0.scope == .global })
    }

    @Test func aQuestionAfterAStatementDoesNotHideIt() {
        let found = extractor.candidates(in: "My dog is called Pixel. Is that a good name for a beagle?")
        #expect(found.map(\.key) == ["dog"])
    }

    @Test func restatementsShareTheirKey() {
        let pairs = [
            ("my manager is Tom", "Actually my boss is Priya now."),
            ("My dog is called Pixel", "remember that my dog's name is Rex"),
            ("I prefer tea over coffee", "I like coffee better than tea"),
            ("I prefer short answers", "I prefer detailed answers"),
            ("I live in Lyon", "I moved to Paris"),
            ("Call me Lou", "I go by Louise"),
        ]
        for (first, second) in pairs {
            let keys = [first, second].map { extractor.candidates(in: $0).first?.key }
            #expect(keys[0] != nil && keys[0] == keys[1], "\(first) / \(second)")
        }
    }

    @Test func differentThingsKeepTheirOwnKeys() {
        let keys = ["I'm allergic to peanuts", "I'm allergic to cats", "My colleague is Sam", "My colleague is Jo",
                    "My name is Ana", "Call me Lou"].compactMap { extractor.candidates(in: $0).first?.key }
        #expect(Set(keys).count == 6)
    }

    /// `learn` finds the fact a new one replaces by reading stored texts again. (Notes
    /// are matched by their text alone.)
    @Test func storedTextsReadBackToTheSameFact() {
        for expected in Self.statements {
            guard let fact = extractor.candidates(in: expected.said).first, !fact.key.hasPrefix("note:") else { continue }
            let again = extractor.candidates(in: fact.text)
            #expect(again.map(\.key) == [fact.key], "\(fact.text)")
            #expect(again.first?.value == fact.value, "\(fact.text)")
        }
    }
}
