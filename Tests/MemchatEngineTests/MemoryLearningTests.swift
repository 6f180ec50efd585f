import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore
import Testing

/// A real memory store in a temporary directory, a clock the test moves, and user
/// turns to learn from.
struct LearningFixture {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
    let memory: MemoryStore
    let ana: UserName
    let session: SessionID

    init() throws {
        memory = try MemoryStore.temporary(clock: clock)
        ana = try UserName("ana")
        session = try SessionID("s1")
    }

    /// Learns from a user turn a minute after the previous one.
    @discardableResult
    func learn(_ text: String, turn: String, context: Context? = .work, role: Role = .user) async throws -> [MemoryFact] {
        clock.advance(by: 60)
        let turn = Turn(id: try TurnID(turn), sessionID: session, seq: 0, role: role, content: text, createdAt: clock.now())
        return try await MemoryExtractor().learn(from: turn, user: ana, context: context, memory: memory)
    }

    func facts(context: Context? = nil, all: Bool = false) async throws -> [MemoryFact] {
        try await memory.facts(user: ana, context: context, includeSuperseded: all)
    }
}

@Suite("Memory learning")
struct MemoryLearningTests {
    @Test func aNewValueSupersedesTheOldFactAndKeepsIt() async throws {
        let fixture = try LearningFixture()
        let tom = try #require(try await fixture.learn("My manager is Tom.", turn: "t1").first)
        #expect(tom.text == "My manager is Tom." && tom.context == .work)
        #expect(tom.source == .extracted(session: fixture.session, turn: try TurnID("t1")))

        let learned = try await fixture.learn("Actually, my manager is Priya now.", turn: "t2")
        let priya = try #require(learned.first)
        #expect(learned.count == 1)
        #expect(priya.text == "My manager is Priya." && priya.context == .work && priya.isActive)
        #expect(priya.source == .extracted(session: fixture.session, turn: try TurnID("t2")))
        #expect(try await fixture.facts() == [priya])

        let history = try await fixture.facts(all: true)
        #expect(history.count == 2)
        let old = try #require(history.first { $0.id == tom.id })
        #expect(old.text == "My manager is Tom." && old.createdAt == tom.createdAt)
        #expect(old.supersededAt == priya.createdAt && old.supersededBy == priya.id)

        // Said again: nothing new, the fact is marked as stated again.
        #expect(try await fixture.learn("my manager is Priya", turn: "t3") == [])
        #expect(try await fixture.facts(all: true).count == 2)
        let restated = try #require(try await fixture.facts().first)
        #expect(restated.id == priya.id && restated.updatedAt == fixture.clock.now())
        #expect(restated.updatedAt > priya.updatedAt)
    }

    @Test func rememberedDogIsTheFirstRelevantFact() async throws {
        let fixture = try LearningFixture()
        try await fixture.learn("I live in Lyon and I work at Acme.", turn: "t1")
        try await fixture.learn("My manager is Priya", turn: "t2")
        let learned = try await fixture.learn("remember that my dog is called Pixel", turn: "t3", context: .personal)
        let dog = try #require(learned.first)
        #expect(dog.text == "My dog is called Pixel." && dog.context == nil)

        // Another process, another context, later.
        let reopened = try MemoryStore(directory: fixture.memory.directory, clock: fixture.clock)
        let relevant = try await reopened.relevant(
            user: fixture.ana, query: "what is my dog's name?", context: .work, limit: 5)
        #expect(relevant.first?.id == dog.id)
        #expect(relevant.first?.text.contains("Pixel") == true)
    }

    @Test func workFactsGoToTheContextOthersAreGlobal() async throws {
        let fixture = try LearningFixture()
        let learned = try await fixture.learn(
            "My name is Ana, I work at Acme and I'm allergic to peanuts. My colleague is Sam.", turn: "t1")
        #expect(learned.map(\.text) == ["My name is Ana.", "I work at Acme.", "I'm allergic to peanuts.", "My colleague is Sam."])
        #expect(learned.map(\.context) == [nil, .work, nil, .work])
        // Without a context, everything is global.
        let elsewhere = try await fixture.learn("My manager is Tom", turn: "t2", context: nil)
        #expect(elsewhere.map(\.context) == [nil])
        // A manager in one context does not replace one in another.
        try await fixture.learn("My manager is Priya", turn: "t3")
        #expect(try await fixture.facts().map(\.text).sorted() == [
            "I work at Acme.", "I'm allergic to peanuts.", "My colleague is Sam.", "My manager is Priya.",
            "My manager is Tom.", "My name is Ana.",
        ])
    }

    @Test func factsAboutSeveralThingsAccumulate() async throws {
        let fixture = try LearningFixture()
        try await fixture.learn("I'm allergic to peanuts.", turn: "t1")
        try await fixture.learn("I'm allergic to cats.", turn: "t2")
        try await fixture.learn("My colleague is Sam. My colleague is Jo.", turn: "t3")
        #expect(try await fixture.facts().count == 4)
        #expect(try await fixture.facts(all: true).count == 4)
    }

    @Test func handAddedFactsAreSupersededToo() async throws {
        let fixture = try LearningFixture()
        let rex = try await fixture.memory.add(user: fixture.ana, text: "my dog is called Rex", context: nil).fact
        let pixel = try #require(try await fixture.learn("My dog's name is Pixel.", turn: "t1").first)
        let old = try #require(try await fixture.facts(all: true).first { $0.id == rex.id })
        #expect(old.supersededBy == pixel.id)
        #expect(try await fixture.facts().map(\.text) == ["My dog's name is Pixel."])
    }

    @Test func aFactStatingSeveralThingsIsNotReplaced() async throws {
        let fixture = try LearningFixture()
        _ = try await fixture.memory.add(user: fixture.ana, text: "My name is Ana and I live in Lyon", context: nil)
        try await fixture.learn("I live in Paris", turn: "t1")
        #expect(try await fixture.facts().map(\.text) == ["My name is Ana and I live in Lyon", "I live in Paris."])
    }

    @Test func everyContradictingFactIsSuperseded() async throws {
        let fixture = try LearningFixture()
        for text in ["My manager is Tom", "My boss is Sam"] {
            _ = try await fixture.memory.add(user: fixture.ana, text: text, context: .work)
        }
        let learned = try await fixture.learn("my manager is Priya", turn: "t1")
        #expect(learned.map(\.text) == ["My manager is Priya."])
        #expect(try await fixture.facts().map(\.text) == ["My manager is Priya."])
        #expect(try await fixture.facts(all: true).filter { $0.supersededBy == learned.first?.id }.count == 2)
    }

    @Test func theSameValueInOtherWordsSupersedesTheRest() async throws {
        let fixture = try LearningFixture()
        let priya = try await fixture.memory.add(user: fixture.ana, text: "My boss is Priya", context: .work).fact
        _ = try await fixture.memory.add(user: fixture.ana, text: "My manager is Tom", context: .work)
        let learned = try await fixture.learn("My manager is Priya", turn: "t1")
        #expect(learned.map(\.id) == [priya.id])
        #expect(try await fixture.facts().map(\.text) == ["My boss is Priya"])
    }

    @Test func aCorrectionInOneMessageKeepsTheCorrection() async throws {
        let fixture = try LearningFixture()
        let learned = try await fixture.learn("My manager is Tom. Sorry, my manager is Priya.", turn: "t1")
        #expect(learned.map(\.text) == ["My manager is Priya."])
        #expect(try await fixture.facts(all: true).count == 1)
    }

    @Test func notesAreDeduplicatedByText() async throws {
        let fixture = try LearningFixture()
        #expect(try await fixture.learn("Please remember the door code is 4521.", turn: "t1").count == 1)
        #expect(try await fixture.learn("remember that the door code is 4521", turn: "t2") == [])
        #expect(try await fixture.learn("remember that the door code is 9876", turn: "t3").count == 1)
        #expect(try await fixture.facts().count == 2)
    }

    @Test func onlyTheUserIsLearnedFrom() async throws {
        let fixture = try LearningFixture()
        #expect(try await fixture.learn("My name is Claude.", turn: "t1", role: .assistant) == [])
        #expect(try await fixture.learn("What is my name?", turn: "t2") == [])
        #expect(try await fixture.facts(all: true) == [])
    }
}

@Suite("Slash commands")
struct SlashCommandTests {
    @Test func parsesRememberAndForgetAndLeavesQuestionsAlone() throws {
        #expect(try SlashCommand.parse("/remember my dog is called Pixel") == .remember("my dog is called Pixel"))
        #expect(try SlashCommand.parse("  /Forget  7K3F9X2A \n") == .forget("7K3F9X2A"))
        #expect(try SlashCommand.parse("what is /etc/hosts for?") == nil)
        #expect(try SlashCommand.parse("/etc/hosts: what is it for?") == nil)
        #expect(try SlashCommand.parse(" plain question") == nil)
        #expect(throws: SlashCommandError.unknown("/remmeber")) { try SlashCommand.parse("/remmeber x") }
        #expect(throws: SlashCommandError.missingArgument("/remember TEXT", example: "/remember my dog is called Pixel")) {
            try SlashCommand.parse("/remember")
        }
    }

    @Test func rememberAndForgetChangeMemory() async throws {
        let fixture = try EngineFixture()
        guard case .remembered(let fact, true) = try await SlashCommand.remember("My dog is called Pixel").run(memory: fixture.memory, user: fixture.user) else {
            Issue.record("not remembered")
            return
        }
        #expect(fact.context == nil)
        #expect(fact.source == .explicit)
        guard case .forgot(let gone) = try await SlashCommand.forget(fact.id).run(memory: fixture.memory, user: fixture.user) else {
            Issue.record("not forgotten")
            return
        }
        #expect(gone.map(\.id) == [fact.id])
        #expect(try await fixture.memory.facts(user: fixture.user).isEmpty)
    }
}
