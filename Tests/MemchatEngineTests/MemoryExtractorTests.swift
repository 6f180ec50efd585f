import MemchatCore
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
    /// Checked when given.
    var kind: MemoryFact.Kind?

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

    /// The wider rules: people, learning, tools, things owned, schools, past homes, the
    /// user's name in passing, events and instructions, each with the kind it gives.
    static let widerStatements: [ExpectedFact] = [
        // Profile.
        .init(said: "Hi, I'm Noor.", key: "name", value: "Noor", text: "I'm Noor.", kind: .profile),
        .init(said: "I'm Noor Haddad", key: "name", value: "Noor Haddad", kind: .profile),
        .init(said: "call me Sam", key: "preferred name", value: "Sam", text: "Call me Sam.", kind: .profile),
        .init(said: "Please call me Sam.", key: "preferred name", value: "Sam", kind: .profile),
        // Standing: preferences, instructions, health, tools.
        .init(said: "I prefer metric units.", key: "preference:unit", value: "metric units", kind: .standing),
        .init(said: "I prefer short answers without bullet points.", key: "preference:answer",
              value: "short answers without bullet points", kind: .standing),
        .init(said: "Always answer in French.", key: "instruction:language", value: "French",
              text: "Always answer in French.", kind: .standing),
        .init(said: "From now on, reply in English", key: "instruction:language", value: "English", kind: .standing),
        .init(said: "Never use bullet points.", key: "instruction:never use bullet points", value: "Never use bullet points",
              kind: .standing),
        .init(said: "I'm allergic to penicillin", key: "allergy:penicillin", value: "penicillin", kind: .standing),
        .init(said: "I write in British English.", key: "instruction:language", value: "British English", kind: .standing),
        .init(said: "Keep in mind that I think in Celsius, not Fahrenheit.", key: "preference:temperature", value: "Celsius",
              text: "I think in Celsius, not Fahrenheit.", kind: .standing),
        .init(said: "I cook in grams", key: "preference:weight", value: "grams", kind: .standing),
        .init(said: "I'm vegetarian.", key: "diet", value: "vegetarian", kind: .standing),
        .init(said: "I'm lactose intolerant.", key: "intolerance:lactose", value: "lactose", kind: .standing),
        .init(said: "I use Emacs for everything.", key: "tool:emacs", value: "Emacs", text: "I use Emacs for everything.",
              kind: .standing),
        .init(said: "I mostly use Neovim at work", key: "tool:neovim", value: "Neovim", kind: .standing),
        .init(said: "I code in Swift", key: "tool:swift", value: "Swift", kind: .standing),
        // People, by name.
        .init(said: "My accountant is Rahul", key: "accountant", value: "Rahul", kind: .other),
        .init(said: "My accountant is now Priya.", key: "accountant", value: "Priya", text: "My accountant is now Priya."),
        .init(said: "Any gift ideas? My sister Inès collects old vinyl.", key: "sister:inès:collects old vinyl",
              value: "collects old vinyl", text: "My sister Inès collects old vinyl.", kind: .other),
        .init(said: "My son Leo starts school in September.", key: "son:leo:starts school in september",
              value: "starts school in September", text: "My son Leo starts school in September."),
        .init(said: "my daughter Mia is 7", key: "daughter:mia:age", value: "7", text: "My daughter Mia is 7."),
        .init(said: "My daughter Maya is seven years old.", key: "daughter:maya:age", value: "seven"),
        .init(said: "My little brother Tom plays the drums", key: "brother:tom:plays the drums", value: "plays the drums"),
        .init(said: "My boss Kemal books meetings at 8am.", key: "manager:kemal:books meetings at 8am",
              value: "books meetings at 8am", scope: .currentContext),
        .init(said: "my kids are Leo and Mia", key: "kids", value: "Leo and Mia", text: "My kids are Leo and Mia."),
        .init(said: "My cats are called Miso, Tofu and Yuzu.", key: "cats", value: "Miso, Tofu and Yuzu"),
        // Learning, studying, schools.
        .init(said: "I'm studying Portuguese, two evenings a week.", key: "learning:portuguese", value: "Portuguese",
              text: "I'm studying Portuguese, two evenings a week."),
        .init(said: "I'm learning the cello", key: "learning:the cello", value: "the cello"),
        .init(said: "I went to McGill.", key: "went:mcgill", value: "McGill", text: "I went to McGill."),
        .init(said: "I studied at the University of Porto", key: "school:the university of porto",
              value: "the University of Porto"),
        .init(said: "I graduated from MIT in 2010.", key: "school:mit", value: "MIT", text: "I graduated from MIT in 2010."),
        .init(said: "I studied physics at McGill", key: "studied:physics", value: "physics"),
        // Things owned, ridden, driven.
        .init(said: "I ride a Vespa to work.", key: "ride", value: "Vespa", text: "I ride a Vespa to work."),
        .init(said: "I drive a Tesla", key: "car", value: "Tesla"),
        .init(said: "I have a Subaru", key: "own:subaru", value: "Subaru", text: "I have a Subaru."),
        .init(said: "I own two cats", key: "own:cat", value: "two cats", text: "I own two cats."),
        .init(said: "I have three kids.", key: "own:kid", value: "three kids"),
        .init(said: "I've got an old piano", key: "own:old piano", value: "old piano"),
        .init(said: "My laptop is a ThinkPad X1 Carbon.", key: "laptop", value: "ThinkPad X1 Carbon",
              text: "My laptop is a ThinkPad X1 Carbon."),
        .init(said: "My car is a 2015 Honda Civic", key: "car", value: "2015 Honda Civic"),
        // Games and instruments.
        .init(said: "I play five-a-side football every Thursday night.", key: "plays:five-a-side football",
              value: "five-a-side football", text: "I play five-a-side football every Thursday night."),
        .init(said: "I play the cello", key: "plays:cello", value: "the cello"),
        // Places lived.
        .init(said: "I lived in Berlin for five years.", key: "lived:berlin", value: "Berlin",
              text: "I lived in Berlin for five years."),
        .init(said: "I used to live in Paris.", key: "lived:paris", value: "Paris"),
        .init(said: "I grew up in Porto", key: "grew up", value: "Porto"),
        .init(said: "I'm based in Montreal.", key: "home", value: "Montreal"),
        // When things happen.
        .init(said: "The Delta review is on Wednesday.", key: "event:delta review", value: "Wednesday",
              text: "The Delta review is on Wednesday.", kind: .other),
        .init(said: "The Delta review moved to Monday.", key: "event:delta review", value: "Monday"),
        .init(said: "My dentist appointment is on the 14th.", key: "event:dentist appointment", value: "the 14th"),
        .init(said: "The dentist appointment got pushed to the 21st.", key: "event:dentist appointment", value: "the 21st"),
        .init(said: "My half marathon is on April 12.", key: "event:half marathon", value: "April 12"),
        .init(said: "The offsite is at 3pm", key: "event:offsite", value: "3pm"),
        .init(said: "My passport expires in May 2027.", key: "event:passport", value: "May 2027"),
    ]

    @Test(arguments: widerStatements)
    func extractsByTheWiderRules(_ expected: ExpectedFact) {
        extracts(expected)
        if let kind = expected.kind { #expect(extractor.candidates(in: expected.said).first?.kind == kind) }
    }

    static let widerNonStatements = [
        // Capitalised, not a name.
        "I'm Tired.", "I'm French.", "I'm Canadian", "I'm Catholic.", "I'm Going home", "I'm Sorry!", "I'm Back",
        "I'm In.", "I'm Japanese", "I'm Very Tired", "I'm Happy to help",
        // Not owned, not tools.
        "I have a question about Swift.", "I have a Zoom call at 3.", "I have a bad feeling", "I have two questions",
        "I use it every day.", "I use to live there", "I drive a lot", "I'm learning a lot", "I'm studying hard",
        // Negations.
        "I don't use Emacs.", "I never went to McGill.", "I'm not learning Portuguese.", "I didn't go to McGill",
        "I don't have a car.", "My sister Inès doesn't collect vinyl.", "My sister Inès never calls.",
        "I've never lived in Berlin.", "Never mind.",
        // Questions and hypotheticals.
        "Do I use Emacs?", "Should I learn Portuguese?", "Which school did I go to?", "Is the Delta review on Monday?",
        "If I had a Tesla, I'd drive more.", "Suppose I drive a Tesla.", "Imagine my sister Inès collects stamps.",
        "What if the Delta review moved to Monday?",
        // Other people's words and doings.
        "My sister Inès said my name is Bob.", "My sister Inès and I went hiking.", "He said I use Emacs.",
        "She told me I'm Noor.",
        // Trips and things that are not dates.
        "I went to the gym yesterday.", "I went to Paris last week.", "I went to bed", "The meeting is on Zoom.",
        "The Delta review is tomorrow.", "The review is on the agenda.", "My kids are great.", "My cats are Sleeping.",
        "I lived in it", "Always the same story.", "My dog is a good boy.", "I play it safe.", "I play along.",
        "My passport expires soon.", "I think in pictures.", "I work in finance.", "I write in the mornings.",
    ]

    @Test(arguments: widerNonStatements)
    func widerRulesIgnore(_ text: String) {
        #expect(extractor.candidates(in: text) == [], "\(extractor.candidates(in: text))")
    }

    /// Facts told in passing, inside a longer request, are learned; the request is not.
    @Test func factsInPassingAreLearned() {
        let found = extractor.candidates(in: """
            What wine goes with roast lamb? My daughter Mia is 7, so something she can have a sip of is out. \
            Also, I'm vegetarian. I use Emacs for everything, by the way.
            """)
        #expect(found.map(\.key) == ["daughter:mia:age", "diet", "tool:emacs"])
    }

    /// A stored fact without a kind is classified from its text: the same kind as when
    /// it was learned.
    @Test func everyExtractedKindIsTheKindOfItsText() {
        for expected in Self.statements + Self.widerStatements {
            guard let fact = extractor.candidates(in: expected.said).first else { continue }
            #expect(extractor.kind(ofText: fact.text) == fact.kind, "\(fact.text)")
        }
    }

    /// What `memchat memory list` shows for facts stored without a kind.
    @Test func kindsOfStoredTexts() throws {
        let kinds: [(String, MemoryFact.Kind)] = [
            ("My name is Noor.", .profile), ("Call me Sam.", .profile), ("My pronouns are they/them.", .profile),
            ("I prefer metric units.", .standing), ("Always answer in French.", .standing),
            ("I'm allergic to penicillin.", .standing), ("I'm vegetarian.", .standing), ("I use Emacs.", .standing),
            ("My dog is called Pixel.", .other), ("I live in Lyon.", .other), ("The door code is 4521.", .other),
            ("My name is Noor and I prefer tea over coffee.", .profile), ("I'm vegan and I live in Lyon.", .standing),
        ]
        for (text, kind) in kinds {
            #expect(extractor.kind(ofText: text) == kind, "\(text)")
            let fact = MemoryFact(id: "F1", userID: try UserName("ana"), context: nil, text: text, source: .explicit, createdAt: .now)
            #expect(extractor.kind(of: fact) == kind)
            var chosen = fact
            chosen.kind = kind == .other ? .standing : .other
            #expect(extractor.kind(of: chosen) == chosen.kind, "a stored kind wins")
        }
    }

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
        "I no longer work at Acme.", "My name's not important",
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
        for expected in Self.statements + Self.widerStatements {
            guard let fact = extractor.candidates(in: expected.said).first, !fact.key.hasPrefix("note:") else { continue }
            let again = extractor.candidates(in: fact.text)
            #expect(again.map(\.key) == [fact.key], "\(fact.text)")
            #expect(again.first?.value == fact.value, "\(fact.text)")
        }
    }
}
